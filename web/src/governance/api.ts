import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import type { Tier } from '../portfolio/vocabulary';
import type { Approval, ApprovalRequest, ControlException, Controls, ControlUpdate, ExceptionState, PackDiff, PackVersion, PackVersionSummary, PortfolioCompliance, Questionnaire, Screening, UseCaseCompliance } from './types';

const useCasePath = (useCaseId: string, rest: string) => `/api/v1/use-cases/${encodeURIComponent(useCaseId)}/${rest}`;

/** Every page of a listing (governance queues are short; pages of 200). */
async function allPages<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>('GET', path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A use case's screenings, newest first, with any tier overrides. */
export const screenings = (useCaseId: string) =>
  queryOptions({ queryKey: ['governance', 'screenings', useCaseId], queryFn: () => allPages<Screening>(useCasePath(useCaseId, 'screenings')) });

/** The questionnaire a screening answered, to word its trace. */
export const questionnaire = (version?: number) =>
  queryOptions({
    queryKey: ['governance', 'questionnaire', version ?? 'current'],
    queryFn: () => api<Questionnaire>('GET', '/api/v1/risk/questionnaire', { query: { version } }),
    staleTime: Infinity,
  });

export const controls = (useCaseId: string) => queryOptions({ queryKey: ['governance', 'controls', useCaseId], queryFn: () => api<Controls>('GET', useCasePath(useCaseId, 'controls')) });

export const useCaseApprovals = (useCaseId: string) =>
  queryOptions({
    queryKey: ['governance', 'approvals', useCaseId],
    queryFn: () => api<{ items: Approval[] }>('GET', useCasePath(useCaseId, 'approvals')),
    select: (d) => d.items,
  });

/** Every pending approval request of the tenant, by due date. */
export const pendingApprovalRequests = queryOptions({
  queryKey: ['governance', 'approval-requests', 'pending'],
  queryFn: () => allPages<ApprovalRequest>('/api/v1/approval-requests', { status: 'pending' }),
  refetchInterval: 60_000,
});

export const exceptions = (state?: ExceptionState) =>
  queryOptions({ queryKey: ['governance', 'exceptions', state ?? 'all'], queryFn: () => allPages<ControlException>('/api/v1/exceptions', { state }) });

export const useCaseExceptions = (useCaseId: string) =>
  queryOptions({ queryKey: ['governance', 'exceptions', 'use-case', useCaseId], queryFn: () => allPages<ControlException>('/api/v1/exceptions', { useCaseId }) });

export const portfolioCompliance = queryOptions({ queryKey: ['governance', 'compliance'], queryFn: () => api<PortfolioCompliance>('GET', '/api/v1/compliance') });

export const useCaseCompliance = (useCaseId: string) =>
  queryOptions({ queryKey: ['governance', 'compliance', useCaseId], queryFn: () => api<UseCaseCompliance>('GET', useCasePath(useCaseId, 'compliance')) });

/** After any governance change: governance reads, the use case (its tier or stage may have moved) and the ledger. */
function useGovernanceMutation<V, R>(send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['governance'] }),
        client.invalidateQueries({ queryKey: ['use-cases'] }),
        client.invalidateQueries({ queryKey: ['ledger'] }),
      ]),
  });
}

export const useTierOverride = (useCaseId: string) =>
  useGovernanceMutation((body: { tier: Tier; justification: string }) => api<unknown>('POST', useCasePath(useCaseId, 'tier-override'), { json: body }));

/** Sets one control's status; `implemented` carries its evidence. */
export const useUpdateControl = (useCaseId: string) =>
  useGovernanceMutation((item: ControlUpdate) => api<Controls>('PATCH', useCasePath(useCaseId, 'controls'), { json: { items: [item] } }));

/** Sets several controls' statuses in one request: the API applies all of them, or none. */
export const useUpdateControls = (useCaseId: string) =>
  useGovernanceMutation((items: ControlUpdate[]) => api<Controls>('PATCH', useCasePath(useCaseId, 'controls'), { json: { items } }));

export const useDecideApproval = () =>
  useGovernanceMutation(({ id, ...body }: { id: string; decision: 'grant' | 'reject'; reason?: string }) =>
    api<ApprovalRequest>('POST', `/api/v1/approval-requests/${encodeURIComponent(id)}/decision`, { json: body }),
  );

export const useDecideException = () =>
  useGovernanceMutation(({ id, ...body }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
    api<ControlException>('POST', `/api/v1/exceptions/${encodeURIComponent(id)}/decision`, { json: body }),
  );

/** The tenant's policy pack versions: drafts, published versions and discarded drafts, and the version each tier binds now. */
export const packVersions = queryOptions({
  queryKey: ['governance', 'packs', 'versions'],
  queryFn: () => api<{ items: PackVersionSummary[] }>('GET', '/api/v1/policy-packs'),
  select: (d) => d.items,
});

export const currentPacks = queryOptions({
  queryKey: ['governance', 'packs', 'current'],
  queryFn: () => api<{ items: { tier: Tier; ref: string }[] }>('GET', '/api/v1/policy-packs/current'),
  select: (d) => d.items,
});

export const packVersion = (id: string) => queryOptions({ queryKey: ['governance', 'packs', 'one', id], queryFn: () => api<PackVersion>('GET', `/api/v1/policy-packs/${encodeURIComponent(id)}`) });

/** What changed in a version from another (an id or a ref such as high@default; by default the one it was forked from). */
export const packDiff = (id: string, against?: string) =>
  queryOptions({
    queryKey: ['governance', 'packs', 'diff', id, against ?? 'basis'],
    queryFn: () => api<PackDiff>('GET', `/api/v1/policy-packs/${encodeURIComponent(id)}/diff`, { query: { against } }),
  });

const packPath = (id: string, rest = '') => `/api/v1/policy-packs/${encodeURIComponent(id)}${rest}`;
const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

export const useForkPack = () => useGovernanceMutation((body: { tier?: Tier; sourceId?: string }) => api<PackVersion>('POST', '/api/v1/policy-packs', { json: body }));

export const useEditPack = () =>
  useGovernanceMutation(({ id, version, pack }: { id: string; version: number; pack: unknown }) => api<PackVersion>('PUT', packPath(id), { json: pack, headers: ifMatch(version) }));

export const usePublishPack = () =>
  useGovernanceMutation(({ id, version }: { id: string; version: number }) => api<PackVersion>('POST', packPath(id, '/publish'), { headers: ifMatch(version) }));

export const useDiscardPack = () =>
  useGovernanceMutation(({ id, version }: { id: string; version: number }) => api<PackVersion>('POST', packPath(id, '/discard'), { headers: ifMatch(version) }));

export const useRequestException = (useCaseId: string) =>
  useGovernanceMutation((body: { control: string; days: number | string | undefined; rationale: string }) => api<ControlException>('POST', useCasePath(useCaseId, 'exceptions'), { json: body }));
