import { infiniteQueryOptions, queryOptions, useMutation } from '@tanstack/react-query';
import { api, type Page } from '../api/http';

export interface LedgerEntry {
  seq: number;
  at: string;
  actor: { kind: string; id: string; name: string };
  action: string;
  subject: { type: string; id: string };
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface ChainState {
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  firstBreak?: { kind: string; seq: number; detail: string };
}

/** The ledger's filters, as GET /api/v1/ledger takes them. */
export interface LedgerFilter {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export const ledgerPages = (filter: LedgerFilter, pageSize = 50) =>
  infiniteQueryOptions({
    queryKey: ['ledger', 'pages', filter, pageSize],
    queryFn: ({ pageParam }) => api<Page<LedgerEntry>>('GET', '/api/v1/ledger', { query: { ...filter, limit: pageSize, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const ledgerEntry = (seq: number) =>
  queryOptions({ queryKey: ['ledger', 'entry', seq], queryFn: () => api<LedgerEntry>('GET', `/api/v1/ledger/${seq}`), staleTime: Infinity });

/** Recomputes the tenant's hash chain on the server. */
export const useChainVerification = () => useMutation({ mutationFn: () => api<ChainState>('POST', '/api/v1/ledger/verify') });
