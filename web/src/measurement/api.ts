import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import type { Costs, Incident, IncidentStatus, PostIncidentReview, RegistryMetric, ReviewDue, Scorecards, Series, TrackedMetric } from './types';

const enc = encodeURIComponent;

/** The portfolio's scorecards over the API's default range (the last 90 days). */
export const scorecards = queryOptions({ queryKey: ['measurement', 'scorecards'], queryFn: () => api<Scorecards>('GET', '/api/v1/scorecards'), staleTime: 30_000 });

/** Model cost per value stream over the last 90 days. */
export const costsByValueStream = queryOptions({
  queryKey: ['measurement', 'costs', 'valueStream'],
  queryFn: () => api<Costs>('GET', '/api/v1/costs', { query: { groupBy: 'valueStream' } }),
  staleTime: 30_000,
});

/** What a use case tracks, each metric with its monitor's rule and state. */
export const useCaseMetrics = (useCaseId: string) =>
  queryOptions({
    queryKey: ['measurement', 'use-case-metrics', useCaseId],
    queryFn: () => api<{ items: TrackedMetric[] }>('GET', `/api/v1/use-cases/${enc(useCaseId)}/metrics`),
    select: (d) => d.items,
    refetchInterval: 60_000,
  });

/** The ranges the chart offers, each with the resolution its rollups are read at. */
export const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 24 * 3_600_000, resolution: 'hour' },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000, resolution: 'hour' },
  '90d': { label: 'Last 90 days', ms: 90 * 86_400_000, resolution: 'day' },
} as const;
export type RangeKey = keyof typeof RANGES;

/** Whose readings a series sums: one use case, one value stream, or (with neither) the whole portfolio. */
export interface SeriesScope {
  useCaseId?: string;
  valueStreamId?: string;
}

export const metricSeries = (metricKey: string, scope: SeriesScope, range: RangeKey) =>
  queryOptions({
    queryKey: ['measurement', 'series', metricKey, scope.useCaseId ?? null, scope.valueStreamId ?? null, range],
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - RANGES[range].ms);
      return api<Series>('GET', `/api/v1/metrics/${enc(metricKey)}/series`, { query: { ...scope, from: from.toISOString(), to: to.toISOString(), resolution: RANGES[range].resolution } });
    },
    staleTime: 60_000,
  });

/** The metric registry: gateway metrics, outcome metrics and the metrics owners define, every page of it (also to name a metric by its key). */
export const metricRegistry = queryOptions({
  queryKey: ['measurement', 'registry'],
  queryFn: async () => {
    const items: RegistryMetric[] = [];
    let cursor: string | undefined;
    do {
      const page = await api<Page<RegistryMetric>>('GET', '/api/v1/metrics', { query: { limit: 200, cursor } });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  },
  staleTime: 60_000,
});

/** Metrics due for their owner's review, most overdue first. */
export const metricReviewsDue = queryOptions({
  queryKey: ['measurement', 'metric-reviews'],
  queryFn: () => api<{ items: ReviewDue[] }>('GET', '/api/v1/metric-reviews'),
  select: (d) => d.items,
  refetchInterval: 60_000,
});

export function useAcknowledgeReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ metricKey, comment }: { metricKey: string; comment: string }) => api<unknown>('POST', `/api/v1/metrics/${enc(metricKey)}/reviews`, { json: { comment } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['measurement', 'metric-reviews'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

/** Every incident, newest first (incidents are few; pages of 200). */
export const allIncidents = queryOptions({
  queryKey: ['incidents', 'all'],
  queryFn: async () => {
    const items: Incident[] = [];
    let cursor: string | undefined;
    do {
      const page = await api<Page<Incident>>('GET', '/api/v1/incidents', { query: { limit: 200, cursor } });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  },
  refetchInterval: 30_000,
});

/** Incidents still being worked, for the home page. */
export const openIncidents = queryOptions({
  queryKey: ['incidents', 'open'],
  queryFn: () => api<Page<Incident>>('GET', '/api/v1/incidents', { query: { status: ['open', 'triaged', 'mitigated'], limit: 200 } }),
  select: (d) => d.items,
  refetchInterval: 30_000,
});

/** One use case's incidents, newest first. */
export const useCaseIncidents = (useCaseId: string) =>
  queryOptions({
    queryKey: ['incidents', 'use-case', useCaseId],
    queryFn: () => api<Page<Incident>>('GET', '/api/v1/incidents', { query: { useCaseId, limit: 50 } }),
    refetchInterval: 30_000,
  });

/** Opens an incident by hand; the answer is the new incident. */
export function useOpenIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<Incident>('POST', '/api/v1/incidents', { json: body }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['incidents'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export const incident = (id: string) => queryOptions({ queryKey: ['incidents', 'one', id], queryFn: () => api<Incident>('GET', `/api/v1/incidents/${enc(id)}`) });

/** A change to one incident; the answer is the incident as it now stands. Containing or resuming may move its use case's stage. */
function useIncidentMutation<V>(id: string, send: (v: V) => Promise<Incident>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (next) => client.setQueryData(incident(id).queryKey, next),
    onSettled: () => Promise.all(['incidents', 'ledger', 'measurement', 'use-cases'].map((key) => client.invalidateQueries({ queryKey: [key] }))),
  });
}

const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

export const useMoveIncident = (id: string) =>
  useIncidentMutation(id, ({ to, note, version }: { to: IncidentStatus; note?: string; version: number }) =>
    api<Incident>('POST', `/api/v1/incidents/${enc(id)}/status`, { json: note ? { to, note } : { to }, headers: ifMatch(version) }),
  );

export const useAddNote = (id: string) => useIncidentMutation(id, (body: unknown) => api<Incident>('POST', `/api/v1/incidents/${enc(id)}/notes`, { json: body }));

export const useRecordReview = (id: string) => useIncidentMutation(id, (body: PostIncidentReview | unknown) => api<Incident>('POST', `/api/v1/incidents/${enc(id)}/review`, { json: body }));

/** A person contains the incident's use case: throttle, suspend or roll back. */
export const useContain = (id: string) => useIncidentMutation(id, (body: unknown) => api<Incident>('POST', `/api/v1/incidents/${enc(id)}/contain`, { json: body }));

export const useResume = (id: string) => useIncidentMutation(id, (note: string) => api<Incident>('POST', `/api/v1/incidents/${enc(id)}/resume`, { json: note ? { note } : {} }));

/** One use case's scorecard (its outcome's progress), over the API's default range. */
export const useCaseScorecard = (useCaseId: string) =>
  queryOptions({ queryKey: ['measurement', 'scorecards', useCaseId], queryFn: () => api<Scorecards>('GET', '/api/v1/scorecards', { query: { useCaseId } }), staleTime: 30_000 });

export interface IncidentTimings {
  incidents: number;
  timeToMitigate: { count: number; meanMs: number | null; medianMs: number | null; maxMs: number | null };
  timeToResolve: { count: number; meanMs: number | null; medianMs: number | null; maxMs: number | null };
}

/** Time to mitigate and to resolve over the incidents opened in the last 90 days. */
export const incidentTimings = queryOptions({ queryKey: ['incidents', 'timings'], queryFn: () => api<IncidentTimings>('GET', '/api/v1/incidents/timings'), staleTime: 30_000 });

