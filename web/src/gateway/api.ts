import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import type { CallProof, GatewayCall, GatewayKey, IssuedKey } from './types';

const path = (useCaseId: string, rest: string) => `/api/v1/use-cases/${encodeURIComponent(useCaseId)}/${rest}`;

export const gatewayKeys = (useCaseId: string) =>
  queryOptions({
    queryKey: ['gateway-keys', useCaseId],
    queryFn: () => api<{ items: GatewayKey[] }>('GET', path(useCaseId, 'keys')),
    select: (d) => d.items,
  });

function useKeyMutation<V, R extends GatewayKey>(useCaseId: string, send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['gateway-keys', useCaseId] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export const useIssueKey = (useCaseId: string) => useKeyMutation(useCaseId, (body: unknown) => api<IssuedKey>('POST', path(useCaseId, 'keys'), { json: body }));

export const useRotateKey = (useCaseId: string) =>
  useKeyMutation(useCaseId, ({ keyId, graceHours }: { keyId: string; graceHours: unknown }) =>
    api<IssuedKey>('POST', `/api/v1/gateway-keys/${encodeURIComponent(keyId)}/rotate`, { json: { graceHours } }),
  );

export const useRevokeKey = (useCaseId: string) => useKeyMutation(useCaseId, (keyId: string) => api<GatewayKey>('DELETE', `/api/v1/gateway-keys/${encodeURIComponent(keyId)}`));

/** A use case's calls, newest first, page by page through the API's cursor. */
export const gatewayCalls = (useCaseId: string, outcome: string | undefined, pageSize = 50) =>
  infiniteQueryOptions({
    queryKey: ['gateway-calls', useCaseId, outcome ?? 'all', pageSize],
    queryFn: ({ pageParam }) => api<Page<GatewayCall>>('GET', path(useCaseId, 'calls'), { query: { limit: pageSize, cursor: pageParam, outcome } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** A call's proof; recomputed by the server on each read, so it is never taken from the cache. */
export const callProof = (eventId: string) =>
  queryOptions({ queryKey: ['gateway-proof', eventId], queryFn: () => api<CallProof>('GET', `/api/v1/gateway/events/${encodeURIComponent(eventId)}/proof`), staleTime: 0 });
