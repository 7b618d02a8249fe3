import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import type { ImportReport, Member, PortfolioFilter, UseCase, UseCaseDetail, ValueStream } from './types';
import type { Stage } from './vocabulary';

const listQuery = (filter: PortfolioFilter, cursor: string | undefined, limit: number) => ({
  ...filter,
  orphaned: filter.orphaned ? 'true' : undefined,
  sort: 'priority',
  limit,
  cursor,
});

/** The ranked portfolio, page by page through the API's cursor. */
export const useCasePages = (filter: PortfolioFilter, pageSize = 200) =>
  infiniteQueryOptions({
    queryKey: ['use-cases', 'pages', filter, pageSize],
    queryFn: ({ pageParam }) => api<Page<UseCase>>('GET', '/api/v1/use-cases', { query: listQuery(filter, pageParam, pageSize) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Every use case matching the filter, for short listings such as one person's. */
export const allUseCases = (filter: PortfolioFilter) =>
  queryOptions({
    queryKey: ['use-cases', 'all', filter],
    queryFn: async () => {
      const items: UseCase[] = [];
      let cursor: string | undefined;
      do {
        const page = await api<Page<UseCase>>('GET', '/api/v1/use-cases', { query: listQuery(filter, cursor, 200) });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });

export const useCase = (id: string) =>
  queryOptions({ queryKey: ['use-cases', 'one', id], queryFn: () => api<UseCaseDetail>('GET', `/api/v1/use-cases/${encodeURIComponent(id)}`) });

export const valueStreams = queryOptions({
  queryKey: ['value-streams'],
  queryFn: () => api<{ items: ValueStream[] }>('GET', '/api/v1/value-streams'),
  select: (d) => d.items,
  staleTime: 60_000,
});

export const members = queryOptions({
  queryKey: ['members'],
  queryFn: () => api<{ items: Member[] }>('GET', '/api/v1/members'),
  select: (d) => d.items,
  staleTime: 60_000,
});

/** The tenant's teams, by name. */
export const teams = queryOptions({
  queryKey: ['teams'],
  queryFn: () => api<{ items: { id: string; name: string; members: number; useCases: number }[] }>('GET', '/api/v1/teams'),
  select: (d) => d.items,
  staleTime: 60_000,
});

export function useTransition(useCase: UseCaseDetail) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: { to: Stage; reason?: string }) =>
      api<UseCase>('POST', `/api/v1/use-cases/${encodeURIComponent(useCase.id)}/transitions`, { json: req, headers: { 'if-match': `"v${useCase.version}"` } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['use-cases'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export function useCreateUseCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<UseCase>('POST', '/api/v1/use-cases', { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['use-cases'] }),
  });
}

export function useUpdateUseCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: unknown; version: number }) =>
      api<UseCase>('PATCH', `/api/v1/use-cases/${encodeURIComponent(id)}`, { json: body, headers: { 'if-match': `"v${version}"` } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['use-cases'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export function useInventoryImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, dryRun }: { csv: string; dryRun: boolean }) =>
      api<ImportReport>('POST', '/api/v1/use-cases/import', { query: { dryRun, format: 'csv' }, body: csv, contentType: 'text/csv' }),
    onSuccess: (report) => {
      if (!report.dryRun) void client.invalidateQueries({ queryKey: ['use-cases'] });
    },
  });
}
