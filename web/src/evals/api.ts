import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/http';
import type { CaseResult, Dataset, DatasetVersion, EvalRun, GateDecision, Progress, PromptfooImported, SignOff } from './types';

const rel = (releaseId: string, rest: string) => `/api/v1/releases/${encodeURIComponent(releaseId)}/${rest}`;
const runPath = (runId: string, rest = '') => `/api/v1/eval-runs/${encodeURIComponent(runId)}${rest}`;

/** Every page of a cursor listing (evaluation listings are short: a release has a handful of runs). */
async function allPages<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>('GET', path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A release's evaluation and red-team runs, newest first. */
export const releaseRuns = (releaseId: string) => queryOptions({ queryKey: ['eval-runs', 'release', releaseId], queryFn: () => allPages<EvalRun>(rel(releaseId, 'eval-runs')) });

export const releaseGateDecisions = (releaseId: string) =>
  queryOptions({ queryKey: ['gate-decisions', releaseId], queryFn: () => api<{ items: GateDecision[] }>('GET', rel(releaseId, 'gate-decisions')), select: (d) => d.items });

export const releaseSignOffs = (releaseId: string) =>
  queryOptions({ queryKey: ['sign-offs', releaseId], queryFn: () => api<{ items: SignOff[] }>('GET', rel(releaseId, 'sign-offs')), select: (d) => d.items });

export const evalRun = (runId: string) => queryOptions({ queryKey: ['eval-runs', 'one', runId], queryFn: () => api<EvalRun>('GET', runPath(runId)) });

/** How far a run has come; read every second while it is queued or running. */
export const runProgress = (runId: string) =>
  queryOptions({
    queryKey: ['eval-runs', 'progress', runId],
    queryFn: () => api<Progress>('GET', runPath(runId, '/progress')),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'completed' || q.state.data.status === 'failed') ? false : 1000),
  });

/** One page of a run's case results. */
export const runCasesPage = (runId: string, cursor: string | undefined, limit = 50) =>
  queryOptions({ queryKey: ['eval-runs', 'cases', runId, cursor ?? '', limit], queryFn: () => api<Page<CaseResult>>('GET', runPath(runId, '/cases'), { query: { limit, cursor } }) });

/** Every case result of a run, for comparing two runs. */
export const allRunCases = (runId: string) => queryOptions({ queryKey: ['eval-runs', 'cases-all', runId], queryFn: () => allPages<CaseResult>(runPath(runId, '/cases')) });

/** The use case's datasets with their versions. */
export const useCaseDatasets = (useCaseId: string) =>
  queryOptions({ queryKey: ['datasets', useCaseId], queryFn: () => allPages<Dataset>('/api/v1/datasets', { useCaseId }) });

function useEvalMutation<V, R>(send: (v: V) => Promise<R>, keys: readonly (readonly string[])[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => Promise.all([...keys, ['ledger']].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useStartEvaluation = (releaseId: string) =>
  useEvalMutation((body: unknown) => api<EvalRun>('POST', rel(releaseId, 'eval-runs'), { json: body }), [['eval-runs', 'release', releaseId]]);

export const useStartRedTeam = (releaseId: string) =>
  useEvalMutation((body: unknown) => api<EvalRun>('POST', rel(releaseId, 'red-team-runs'), { json: body }), [['eval-runs', 'release', releaseId]]);

export const useSignOff = (releaseId: string) => useEvalMutation((body: unknown) => api<SignOff>('POST', rel(releaseId, 'sign-offs'), { json: body }), [['sign-offs', releaseId]]);

/** Deciding the gate may freeze the dataset versions it relies on, so datasets are read again too. */
export const useDecideGate = (releaseId: string) =>
  useEvalMutation(() => api<GateDecision>('POST', rel(releaseId, 'gate')), [['gate-decisions', releaseId], ['datasets'], ['releases']]);

export const useCreateDataset = (useCaseId: string) => useEvalMutation((body: unknown) => api<Dataset>('POST', '/api/v1/datasets', { json: body }), [['datasets', useCaseId]]);

export const UPLOAD_FORMATS = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;
export type UploadFormat = keyof typeof UPLOAD_FORMATS;

export const useAddDatasetVersion = (useCaseId: string) =>
  useEvalMutation(
    ({ datasetId, text, format }: { datasetId: string; text: string; format: UploadFormat }) =>
      api<DatasetVersion>('POST', `/api/v1/datasets/${encodeURIComponent(datasetId)}/versions`, { body: text, contentType: UPLOAD_FORMATS[format], query: { format } }),
    [['datasets', useCaseId]],
  );

/** Scores a predictions file made elsewhere (JSON Lines) against a dataset version; the run is complete when it answers, and reports to measurement. */
export const useScoreOffline = (releaseId: string) =>
  useEvalMutation(
    ({ datasetId, version, text }: { datasetId: string; version?: number; text: string }) =>
      api<EvalRun>('POST', rel(releaseId, 'eval-runs/offline'), { body: text, contentType: UPLOAD_FORMATS.jsonl, query: { datasetId, version } }),
    [['eval-runs', 'release', releaseId], ['measurement']],
  );

/** Creates a generation dataset of the use case from a promptfoo config (YAML). */
export const useImportPromptfoo = (useCaseId: string) =>
  useEvalMutation(
    ({ name, yaml }: { name: string; yaml: string }) =>
      api<PromptfooImported>('POST', '/api/v1/datasets/import-promptfoo', { body: yaml, contentType: 'application/yaml', query: { name, useCaseId } }),
    [['datasets', useCaseId]],
  );
