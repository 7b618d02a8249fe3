import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import type { Environment } from '../gateway/types';
import type { PromptTemplate, PromptVersion, Release, Slot } from './types';

const ucPath = (useCaseId: string, rest: string) => `/api/v1/use-cases/${encodeURIComponent(useCaseId)}/${rest}`;

/** A use case's releases, newest first, and what its pilot and production slots run. */
export const releases = (useCaseId: string) =>
  queryOptions({ queryKey: ['releases', useCaseId], queryFn: () => api<{ items: Release[]; slots: Slot[] }>('GET', ucPath(useCaseId, 'releases')) });

/** Every prompt template of the tenant with its versions (a release may use any of them). */
export const promptTemplates = queryOptions({
  queryKey: ['prompt-templates'],
  queryFn: () => api<{ items: PromptTemplate[] }>('GET', '/api/v1/prompt-templates'),
  select: (d) => d.items,
});

/** Every change to releases is ledgered against the use case and touches it; all three are read again. */
function useReleaseMutation<V, R>(useCaseId: string, send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['releases', useCaseId] }),
        client.invalidateQueries({ queryKey: ['use-cases'] }),
        client.invalidateQueries({ queryKey: ['ledger'] }),
      ]),
  });
}

export const useCreateRelease = (useCaseId: string) => useReleaseMutation(useCaseId, (body: unknown) => api<Release>('POST', ucPath(useCaseId, 'releases'), { json: body }));

export const useActivate = (useCaseId: string) =>
  useReleaseMutation(useCaseId, ({ releaseId, environment, reason }: { releaseId: string; environment: Environment; reason?: string }) =>
    api<Slot>('POST', `/api/v1/releases/${encodeURIComponent(releaseId)}/activate`, { json: { environment, reason } }),
  );

export const useCanary = (useCaseId: string) =>
  useReleaseMutation(useCaseId, (body: { environment: Environment; releaseId: string | null; weight: unknown }) => api<Slot>('POST', ucPath(useCaseId, 'canary'), { json: body }));

export const useRollback = (useCaseId: string) =>
  useReleaseMutation(useCaseId, (body: { environment: Environment; reason: string }) => api<Slot>('POST', ucPath(useCaseId, 'rollback'), { json: body }));

function usePromptMutation<V, R>(send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSettled: () => client.invalidateQueries({ queryKey: ['prompt-templates'] }) });
}

export const useCreateTemplate = () => usePromptMutation((body: unknown) => api<PromptTemplate>('POST', '/api/v1/prompt-templates', { json: body }));

export const useAddVersion = (templateId: string) =>
  usePromptMutation((body: unknown) => api<PromptVersion>('POST', `/api/v1/prompt-templates/${encodeURIComponent(templateId)}/versions`, { json: body }));
