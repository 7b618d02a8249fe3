import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import type { ReviewAction, ReviewItem, ReviewStatus } from './types';

export const reviewPages = (status: ReviewStatus, pageSize = 50) =>
  infiniteQueryOptions({
    queryKey: ['reviews', 'pages', status, pageSize],
    queryFn: ({ pageParam }) => api<Page<ReviewItem>>('GET', '/api/v1/reviews', { query: { status, limit: pageSize, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Every pending review, for the count on the home page (the queue is short by design; pages of 200). */
export const pendingReviews = queryOptions({
  queryKey: ['reviews', 'pending-all'],
  queryFn: async () => {
    const items: ReviewItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await api<Page<ReviewItem>>('GET', '/api/v1/reviews', { query: { status: 'pending', limit: 200, cursor } });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  },
  refetchInterval: 30_000,
});

export const reviewItem = (id: string) => queryOptions({ queryKey: ['reviews', 'one', id], queryFn: () => api<ReviewItem>('GET', `/api/v1/reviews/${encodeURIComponent(id)}`) });

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: ReviewAction; answer?: string; note?: string }) => api<ReviewItem>('POST', `/api/v1/reviews/${encodeURIComponent(id)}/decision`, { json: body }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['reviews'] }), client.invalidateQueries({ queryKey: ['ledger'] }), client.invalidateQueries({ queryKey: ['gateway-calls'] })]),
  });
}
