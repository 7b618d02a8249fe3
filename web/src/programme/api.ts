import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import { ApiProblem } from '../api/problem';
import type { Asset, AssetDetail, AssetFilter, Decision, FundingAsk, FundingStatus, Lesson, MaturityAssessment, Milestone, Plan, Review, ReviewSummary, ReuseSummary } from './types';

/** The tenant's 90-day plan, or null when none has been started (the API answers 404). */
export const programmePlan = queryOptions({
  queryKey: ['programme', 'plan'],
  queryFn: async () => {
    try {
      return await api<Plan>('GET', '/api/v1/programme/plan');
    } catch (err) {
      if (err instanceof ApiProblem && err.status === 404) return null;
      throw err;
    }
  },
});

export const maturity = queryOptions({ queryKey: ['programme', 'maturity'], queryFn: () => api<MaturityAssessment>('GET', '/api/v1/programme/maturity') });

export const reviewPacks = (pageSize = 12) =>
  infiniteQueryOptions({
    queryKey: ['portfolio-reviews', 'pages', pageSize],
    queryFn: ({ pageParam }) => api<Page<ReviewSummary>>('GET', '/api/v1/portfolio-reviews', { query: { limit: pageSize, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const reviewPack = (id: string) => queryOptions({ queryKey: ['portfolio-reviews', 'one', id], queryFn: () => api<Review>('GET', `/api/v1/portfolio-reviews/${encodeURIComponent(id)}`) });

export const reviewDecisions = (id: string) =>
  queryOptions({
    queryKey: ['portfolio-reviews', 'decisions', id],
    queryFn: () => api<{ items: Decision[] }>('GET', `/api/v1/portfolio-reviews/${encodeURIComponent(id)}/decisions`),
    select: (d) => d.items,
  });

/** Where the stored pack is served as a document (HTML inline; Markdown and PDF as downloads). */
export const packDocument = (id: string, format: 'html' | 'markdown' | 'pdf') => `/api/v1/portfolio-reviews/${encodeURIComponent(id)}/document?format=${format}`;

export function useStartPlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<Plan>('POST', '/api/v1/programme/plan', { json: body }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['programme'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export function useReportMilestone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ milestone, body }: { milestone: Milestone; body: unknown }) =>
      api<Milestone>('PATCH', `/api/v1/programme/milestones/${encodeURIComponent(milestone.id)}`, { json: body, headers: { 'if-match': `"v${milestone.version}"` } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['programme'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export function useGeneratePack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<Review>('POST', '/api/v1/portfolio-reviews', { json: {} }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['portfolio-reviews'] }), client.invalidateQueries({ queryKey: ['programme'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export const assetPages = (filter: AssetFilter, pageSize = 50) =>
  infiniteQueryOptions({
    queryKey: ['assets', 'pages', filter, pageSize],
    queryFn: ({ pageParam }) => api<Page<Asset>>('GET', '/api/v1/assets', { query: { ...filter, limit: pageSize, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const asset = (id: string) => queryOptions({ queryKey: ['assets', 'one', id], queryFn: () => api<AssetDetail>('GET', `/api/v1/assets/${encodeURIComponent(id)}`) });

export const reuseSummary = queryOptions({ queryKey: ['assets', 'reuse'], queryFn: () => api<ReuseSummary>('GET', '/api/v1/programme/reuse') });

/** Accept an asset into the library as an approved pattern, or retire it; with the version it read. */
export function useDecideAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: Asset; body: unknown }) =>
      api<AssetDetail>('POST', `/api/v1/assets/${encodeURIComponent(target.id)}/decision`, { json: body, headers: { 'if-match': `"v${target.version}"` } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['assets'] }), client.invalidateQueries({ queryKey: ['programme'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

const ucPath = (useCaseId: string, rest: string) => `/api/v1/use-cases/${encodeURIComponent(useCaseId)}/${rest}`;

/** Funding asks, oldest first, optionally of one status or one use case. */
export const fundingAsks = (filter: { status?: FundingStatus; useCaseId?: string } = {}) =>
  queryOptions({ queryKey: ['forum', 'funding-asks', filter], queryFn: () => api<{ items: FundingAsk[] }>('GET', '/api/v1/funding-asks', { query: { ...filter } }), select: (d) => d.items });

/** Lessons learned, newest first, optionally of one use case. */
export const lessons = (filter: { useCaseId?: string } = {}) =>
  queryOptions({ queryKey: ['forum', 'lessons', filter], queryFn: () => api<{ items: Lesson[] }>('GET', '/api/v1/lessons', { query: { ...filter } }), select: (d) => d.items });

/** The forum's decisions on one use case, newest first. */
export const useCaseDecisions = (useCaseId: string) =>
  queryOptions({ queryKey: ['forum', 'decisions', useCaseId], queryFn: () => api<{ items: Decision[] }>('GET', ucPath(useCaseId, 'decisions')), select: (d) => d.items });

/** After anything the forum records: its lists, the packs' decisions and the ledger change. */
function useForumMutation<V, R>(send: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['forum'] }), client.invalidateQueries({ queryKey: ['portfolio-reviews'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export const useRecordDecision = (reviewId: string) =>
  useForumMutation((body: unknown) => api<Decision>('POST', `/api/v1/portfolio-reviews/${encodeURIComponent(reviewId)}/decisions`, { json: body }));

export const useRaiseFundingAsk = (useCaseId: string) => useForumMutation((body: unknown) => api<FundingAsk>('POST', ucPath(useCaseId, 'funding-asks'), { json: body }));

export const useRecordLesson = (useCaseId: string) => useForumMutation((body: unknown) => api<Lesson>('POST', ucPath(useCaseId, 'lessons'), { json: body }));
