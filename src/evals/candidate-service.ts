import { GatewayError } from '../gateway/errors.js';
import { type ChatCompletion, type ChatCompletionRequest, UpstreamError } from '../gateway/providers/index.js';
import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { CatalogueService } from '../releases/catalogue.js';
import type { PromptService } from '../releases/prompts.js';
import type { Release } from '../releases/schema.js';
import { caseVariables, type DatasetRow } from './datasets/rows.js';
import type { Attack } from './redteam/attacks.js';
import type { CallError, CallResult } from './runner.js';

export interface CandidateAnswer {
  completion: ChatCompletion;
  latencyMs: number;
  costUsd: number;
  /** the gateway's record of the call */
  eventId: string;
}

/**
 * The gateway's way of calling one release of a use case, active or not, under the use case's policies (admission,
 * data classes, limits, records). It throws the gateway's refusal (GatewayError) or the upstream failure (UpstreamError).
 */
export type CallCandidate = (tenantId: string, useCaseId: string, releaseId: string, body: ChatCompletionRequest, signal?: AbortSignal) => Promise<CandidateAnswer>;

/** A release as an evaluation calls it: the endpoint name its requests carry and the variables its prompt template fills. */
export interface CandidateTarget {
  tenantId: string;
  useCaseId: string;
  releaseId: string;
  model: string;
  variables: readonly string[];
}

export interface CaseRequest {
  messages: ChatCompletionRequest['messages'];
  metadata: Record<string, string>;
}

/** One case's answer as the runner reads it, with the gateway record that proves it. */
export type CandidateResult = CallResult & { eventId?: string };

/** What the model answered, as text: its content, or its tool calls as JSON so a detector can see a tool being called. */
export function answerText(completion: ChatCompletion): string {
  const message = completion.choices[0]?.message;
  if (!message) return '';
  if (message.tool_calls?.length) return [message.content ?? '', JSON.stringify(message.tool_calls.map((t) => ({ name: t.function.name, arguments: t.function.arguments })))].filter(Boolean).join('\n');
  return message.content ?? '';
}

const retryAfterMs = (seconds: string | number | undefined) => {
  const n = Number(seconds);
  return seconds !== undefined && Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
};

/** Whether a failed call is worth another try: a rate limit or an upstream failure may pass; a policy refusal will not. */
export function callError(err: unknown): CallError {
  if (err instanceof GatewayError) {
    return { message: `${err.code}: ${err.message}`, retryable: err.status === 429 || err.status >= 500, retryAfterMs: retryAfterMs(err.headers['retry-after']) };
  }
  if (err instanceof UpstreamError) return { message: `${err.code ?? err.failure}: ${err.message}`, retryable: err.retryable, retryAfterMs: retryAfterMs(err.retryAfterSeconds) };
  return { message: (err as Error).message ?? String(err), retryable: true };
}

/**
 * An evaluation row as a request: the row's input as the user's message, its variables as metadata for the release's
 * prompt template, and for classification the expected label, which models do not read but the simulated provider
 * uses to be right with its configured accuracy. Context the template does not place goes before the input.
 */
export function caseRequest(row: DatasetRow, target: CandidateTarget): CaseRequest {
  const vars = caseVariables(row);
  const context = vars.contexts ?? vars.context;
  const placed = target.variables.includes('context') || target.variables.includes('contexts');
  const content = context !== undefined && !placed ? `Context:\n${context}\n\n${vars.input}` : vars.input;
  const metadata: Record<string, string> = {};
  for (const name of target.variables) if (vars[name] !== undefined) metadata[name] = vars[name];
  if ('label' in row) metadata.expected_label = row.label;
  return { messages: [{ role: 'user', content }], metadata };
}

/** A red-team attack as a request; the release's template sees the attacker's message as {{input}}. */
export function attackRequest(attack: Attack, target: CandidateTarget): CaseRequest {
  const input = attack.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  return { messages: attack.messages, metadata: target.variables.includes('input') ? { input } : {} };
}

/** Variables of the release's template that some row cannot fill. */
export function templateGaps(target: CandidateTarget, available: Iterable<readonly string[]>): string[] {
  const gaps = new Set<string>();
  for (const names of available) for (const v of target.variables) if (!names.includes(v)) gaps.add(v);
  return [...gaps];
}

export const rowVariableNames = (rows: readonly DatasetRow[]) => rows.map((r) => Object.keys(caseVariables(r)));

/** Calls releases through the gateway for evaluations and red-team runs. */
export class CandidateCaller {
  constructor(
    private readonly k: Kernel,
    private readonly catalogue: CatalogueService,
    private readonly prompts: PromptService,
    private readonly callCandidate: CallCandidate,
  ) {}

  async target(actor: Actor, release: Release): Promise<CandidateTarget> {
    const endpoint = await this.catalogue.get(actor, release.endpointId);
    const prompt = release.promptVersionId ? await this.prompts.version(this.k.db, actor.tenantId, release.promptVersionId) : undefined;
    return { tenantId: actor.tenantId, useCaseId: release.useCaseId, releaseId: release.id, model: endpoint.name, variables: prompt?.variables ?? [] };
  }

  async call(target: CandidateTarget, request: CaseRequest, signal?: AbortSignal): Promise<CandidateResult> {
    const started = performance.now();
    try {
      const answer = await this.callCandidate(target.tenantId, target.useCaseId, target.releaseId, { model: target.model, ...request }, signal);
      return { output: answerText(answer.completion), latencyMs: answer.latencyMs, costUsd: answer.costUsd, eventId: answer.eventId };
    } catch (err) {
      return { output: null, latencyMs: performance.now() - started, error: callError(err) };
    }
  }
}
