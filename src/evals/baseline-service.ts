import type { Conn } from '../kernel/db/connect.js';
import { fromJson } from '../kernel/db/json.js';
import type { ReleaseService } from '../releases/service.js';
import type { DatasetRow } from './datasets/rows.js';
import type { MetricName, ScoredCase } from './metrics/metric.js';
import type { EvalCaseResultRow, EvalRunRow } from './migrations.js';
import { type CaseOutcome, compareMetrics, type MetricComparison, scoredCases } from './summary.js';
import * as store from './store.js';

/**
 * The release a candidate is compared with (null when none is active), its evaluation over the same rows (null when it
 * has none), and the comparison of the two metric by metric.
 */
export interface Baseline {
  releaseId: string | null;
  runId: string | null;
  datasetVersionId: string | null;
  metrics: Record<string, MetricComparison>;
}

export function outcomeOf(row: EvalCaseResultRow): CaseOutcome {
  return {
    caseId: row.case_id, output: row.output, latencyMs: row.latency_ms, ...(row.cost_usd === null ? {} : { costUsd: row.cost_usd }),
    ...(row.error === null ? {} : { error: row.error }), ...(row.scores === null ? {} : { scores: fromJson<Record<string, number>>(row.scores, {}) }),
  };
}

/** Finds what a candidate release replaces in production and compares their evaluations on the same dataset content. */
export class BaselineService {
  constructor(private readonly releases: ReleaseService) {}

  async cases(conn: Conn, runId: string, rows: readonly DatasetRow[]): Promise<ScoredCase[]> {
    return scoredCases(rows, (await store.caseResults(conn, runId)).map(outcomeOf));
  }

  /**
   * The release active in production (or, when the candidate is that release, the one before it) and its latest
   * completed evaluation over the same dataset content, compared metric by metric at significance `alpha`.
   */
  async compare(conn: Conn, run: EvalRunRow, rows: readonly DatasetRow[], candidate: readonly ScoredCase[], metrics: readonly MetricName[], alpha: number): Promise<Baseline> {
    const slot = (await this.releases.slots(conn, run.tenant_id, run.use_case_id)).find((s) => s.environment === 'production');
    const releaseId = slot?.activeReleaseId === run.release_id ? slot.previousReleaseId : (slot?.activeReleaseId ?? null);
    if (!releaseId) return { releaseId: null, runId: null, datasetVersionId: null, metrics: {} };
    const [base] = await store.completedRuns(conn, run.tenant_id, releaseId, 'evaluation', run.dataset_hash ?? undefined);
    if (!base) return { releaseId, runId: null, datasetVersionId: null, metrics: {} };
    const baseline = await this.cases(conn, base.id, rows);
    return { releaseId, runId: base.id, datasetVersionId: base.dataset_version_id, metrics: compareMetrics(metrics, baseline, candidate, alpha) };
  }
}
