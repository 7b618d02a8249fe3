import type { DataClasses } from '../kernel/dataclasses.js';
import { digest } from '../kernel/ledger/canonical.js';
import type { Decision } from './admission.js';
import type { CallRecord } from './recorder.js';
import type { EndpointRuntime, KeyContext } from './context.js';
import type { EndUser } from './end-users.js';

/** The key id of a release candidate's context (evaluations and red-team runs call through it). */
export const EVALUATION_KEY_PREFIX = 'eval:';

/**
 * Evaluation and red-team calls are recorded like any other, so a gate's evidence is auditable, but they are not
 * the use case's traffic: measurement leaves them out of its rollups.
 */
export const isEvaluationCall = (row: { key_id: string | null }): boolean => row.key_id?.startsWith(EVALUATION_KEY_PREFIX) ?? false;

/** What one call leaves behind, filled in as the call proceeds. */
export interface CallTrace {
  id: string;
  kind: 'chat' | 'embeddings';
  /** Wall-clock start (from the kernel clock), for the record's time. */
  startedAt: number;
  /** Monotonic start (performance.now()), for latencies. */
  t0: number;
  ctx?: KeyContext;
  releaseId?: string;
  endpointId?: string;
  /** The endpoint's provider and name, for telemetry. */
  provider?: string;
  model?: string;
  endUser?: EndUser;
  caseId?: string;
  decisions: Decision[];
  found?: DataClasses;
  redactions: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  ttftMs?: number;
  reviewId?: string;
  streamed: boolean;
  /** Texts as the logging policy allows them to be stored (null: metadata only). */
  storedPrompt?: string | null;
  storedAnswer?: string | null;
  promptForHash?: string;
  answerForHash?: string;
}

export type Outcome = 'ok' | 'error' | 'denied' | 'blocked' | 'held' | 'rate_limited' | 'upstream_error' | 'aborted';

export function toRecord(t: CallTrace, outcome: Outcome, httpStatus: number, errorCode: string | null, now: Date, retentionDays: number | undefined): CallRecord {
  const ctx = t.ctx;
  return {
    id: t.id,
    tenant_id: ctx?.tenantId ?? 'unknown',
    use_case_id: ctx?.useCase.id ?? null,
    release_id: t.releaseId ?? null,
    endpoint_id: t.endpointId ?? null,
    key_id: ctx?.keyId ?? null,
    environment: ctx?.environment ?? null,
    at: new Date(t.startedAt).toISOString(),
    kind: t.kind,
    outcome,
    http_status: httpStatus,
    error_code: errorCode,
    latency_ms: Math.round((performance.now() - t.t0) * 100) / 100,
    ttft_ms: t.ttftMs ?? null,
    tokens_in: t.tokensIn,
    tokens_out: t.tokensOut,
    cost_usd: t.costUsd,
    end_user_id: t.endUser?.id || null,
    end_user_role: t.endUser?.verified ? t.endUser.role || null : null,
    end_user_verified: t.endUser?.verified ? 1 : 0,
    case_id: t.caseId ?? null,
    data_classes: JSON.stringify(t.found ?? null),
    redactions: t.redactions,
    decisions: JSON.stringify(t.decisions),
    review_id: t.reviewId ?? null,
    streamed: t.streamed ? 1 : 0,
    prompt_sha256: t.promptForHash !== undefined ? digest(t.promptForHash).sha256 : null,
    answer_sha256: t.answerForHash !== undefined ? digest(t.answerForHash).sha256 : null,
    prompt_text: t.storedPrompt ?? null,
    answer_text: t.storedAnswer ?? null,
    purge_after: retentionDays !== undefined && (t.storedPrompt || t.storedAnswer) ? new Date(now.getTime() + retentionDays * 86_400_000).toISOString() : null,
  };
}

/** The call's cost from the endpoint's catalogue prices (per 1,000 tokens), to the millionth of a dollar. */
export function costOf(ep: Pick<EndpointRuntime, 'priceIn' | 'priceOut'>, tokensIn: number, tokensOut: number): number {
  return Math.round(((tokensIn / 1000) * ep.priceIn + (tokensOut / 1000) * ep.priceOut) * 1e6) / 1e6;
}
