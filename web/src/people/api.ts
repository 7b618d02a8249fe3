import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import { ApiProblem } from '../api/problem';
import type { ChangeFeedback, ChangePlan, Completion, LabAttempt, PeopleFilter, Person, PersonDetail, SkillingCoverage, SkillItem, SkillPath, UseCaseAdoption } from './types';

const ucPath = (useCaseId: string, rest: string) => `/api/v1/use-cases/${encodeURIComponent(useCaseId)}/${rest}`;

export const skillingCoverage = queryOptions({ queryKey: ['people', 'coverage'], queryFn: () => api<SkillingCoverage>('GET', '/api/v1/skilling/coverage') });

/** The skilling register, by name, page by page through the API's cursor. */
export const peoplePages = (filter: PeopleFilter, pageSize = 25) =>
  infiniteQueryOptions({
    queryKey: ['people', 'pages', filter, pageSize],
    queryFn: ({ pageParam }) => api<Page<Person>>('GET', '/api/v1/people', { query: { ...filter, limit: pageSize, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const person = (id: string) => queryOptions({ queryKey: ['people', 'one', id], queryFn: () => api<PersonDetail>('GET', `/api/v1/people/${encodeURIComponent(id)}`) });

export const skillItems = queryOptions({ queryKey: ['skill-items'], queryFn: () => api<{ items: SkillItem[] }>('GET', '/api/v1/skill-items'), select: (d) => d.items, staleTime: 60_000 });
export const skillPaths = queryOptions({ queryKey: ['skill-paths'], queryFn: () => api<{ items: SkillPath[] }>('GET', '/api/v1/skill-paths'), select: (d) => d.items, staleTime: 60_000 });

/** After a completion, a sign-off or a change to the register: the person, the register's coverage and the ledger all change. */
function useLearningMutation<V, R>(send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['people'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export const useRecordCompletion = (personId: string) =>
  useLearningMutation((body: unknown) => api<Completion>('POST', `/api/v1/people/${encodeURIComponent(personId)}/completions`, { json: body }));

export const useSignOffLab = () =>
  useLearningMutation(({ attempt, body }: { attempt: LabAttempt; body: unknown }) =>
    api<LabAttempt>('POST', `/api/v1/lab-attempts/${encodeURIComponent(attempt.id)}/sign-off`, { json: body, headers: { 'if-match': `"v${attempt.version}"` } }),
  );

/** A use case's change plan, or null when none has been recorded (the API answers 404). */
export const changePlan = (useCaseId: string) =>
  queryOptions({
    queryKey: ['change-plan', useCaseId],
    queryFn: async () => {
      try {
        return await api<ChangePlan>('GET', ucPath(useCaseId, 'change-plan'));
      } catch (err) {
        if (err instanceof ApiProblem && err.status === 404) return null;
        throw err;
      }
    },
  });

export const adoption = (useCaseId: string, days: number) =>
  queryOptions({ queryKey: ['adoption', useCaseId, days], queryFn: () => api<UseCaseAdoption>('GET', ucPath(useCaseId, 'adoption'), { query: { days } }) });

/** Lab attempts waiting for a reviewer, oldest first: the sign-off queue. */
export const labsAwaitingSignOff = queryOptions({
  queryKey: ['people', 'labs', 'submitted'],
  queryFn: () => api<Page<LabAttempt>>('GET', '/api/v1/lab-attempts', { query: { status: 'submitted', limit: 50 } }),
});

/** The ETag of a version this API issued, for If-Match. */
const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

/**
 * Records a use case's change plan, or replaces it with If-Match on the version the editor started from, so a plan
 * someone changed meanwhile is refused (412) rather than overwritten.
 */
export function useSaveChangePlan(useCaseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: unknown; version?: number }) =>
      // A first plan is recorded only if there is still none (If-None-Match: *); a later one replaces the version read.
      api<ChangePlan>('PUT', ucPath(useCaseId, 'change-plan'), { json: body, headers: version === undefined ? { 'if-none-match': '*' } : ifMatch(version) }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['change-plan', useCaseId] }),
        client.invalidateQueries({ queryKey: ['adoption', useCaseId] }),
        client.invalidateQueries({ queryKey: ['ledger'] }),
      ]),
  });
}

export function useGiveFeedback(useCaseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<ChangeFeedback>('POST', ucPath(useCaseId, 'change-feedback'), { json: body }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['change-feedback', useCaseId] }), client.invalidateQueries({ queryKey: ['adoption', useCaseId] })]),
  });
}

/** Adds a person to the skilling register; the register, its coverage and the ledger change. */
export const useAddPerson = () => useLearningMutation((body: unknown) => api<Person>('POST', '/api/v1/people', { json: body }));

/** Changes a person's role or placement, with If-Match on the version read. */
export const useUpdatePerson = () =>
  useLearningMutation(({ target, body }: { target: Person; body: unknown }) => api<Person>('PATCH', `/api/v1/people/${encodeURIComponent(target.id)}`, { json: body, headers: ifMatch(target.version) }));

export const changeFeedback = (useCaseId: string) =>
  queryOptions({ queryKey: ['change-feedback', useCaseId], queryFn: () => api<{ items: ChangeFeedback[] }>('GET', ucPath(useCaseId, 'change-feedback')), select: (d) => d.items });
