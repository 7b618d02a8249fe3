import { countTokens } from 'gpt-tokenizer';
import { type DataClasses, permits } from '../kernel/dataclasses.js';
import type { RuleContext } from '../policy/cel.js';
import type { EndpointRuntime, KeyContext, ReleaseTarget } from './context.js';
import { dataClassesOf } from './detectors/scanner.js';
import type { Finding } from './detectors/model.js';
import { RedactionSession } from './detectors/redaction.js';
import type { EndUser } from './end-users.js';
import { denied, GatewayError, invalidKey, modelNotFound } from './errors.js';
import type { RuntimePolicy } from './runtime.js';

/** One policy decision taken on a call, as the record keeps it. */
export interface Decision {
  control: string;
  outcome: 'allow' | 'deny' | 'redact' | 'route' | 'review' | 'block';
  detail?: string;
}

/** A key and use case that may call right now, with the policy that governs them. */
export interface Admitted {
  ctx: KeyContext;
  policy: RuntimePolicy;
  decisions: Decision[];
}

/** Key validity, stage, environment and policy presence: the checks every /v1 call passes first. */
export function admitKey(ctx: KeyContext | undefined, now: number): Admitted {
  if (!ctx || ctx.revoked || (ctx.expiresAt !== null && ctx.expiresAt <= now)) throw invalidKey();
  const stage = ctx.useCase.stage;
  if (stage === 'suspended') throw denied('use_case_suspended', `Use case "${ctx.useCase.title}" is suspended; the gateway refuses its calls until it is resumed.`);
  const allowedStages = ctx.environment === 'production' ? ['production'] : ['pilot', 'production'];
  if (!allowedStages.includes(stage)) {
    throw denied('use_case_stage', `A ${ctx.environment} key works only while the use case is in ${allowedStages.join(' or ')}; "${ctx.useCase.title}" is in ${stage}.`);
  }
  if (!ctx.policy) throw denied('policy_unavailable', `No policy can be evaluated for this use case: ${ctx.policyProblem}. Denied to fail closed.`);
  return { ctx, policy: ctx.policy, decisions: [{ control: 'key', outcome: 'allow', detail: `${ctx.environment} key ${ctx.keyId}` }] };
}

/** The release that answers: the active one, or the canary by its weight. The model named must be one of theirs. */
export function chooseRelease(a: Admitted, model: string, random: number): ReleaseTarget {
  const { active, canary } = a.ctx;
  if (!active) throw denied('no_active_release', `Use case "${a.ctx.useCase.title}" has no active release for ${a.ctx.environment}.`);
  const names = [active.endpoint.name, ...(canary ? [canary.target.endpoint.name] : [])];
  if (!names.includes(model)) throw modelNotFound(model, [...new Set(names)]);
  const target = canary && random * 100 < canary.weight ? canary.target : active;
  a.decisions.push({ control: 'release', outcome: 'allow', detail: `${target.name}${target === active ? '' : ' (canary)'}` });
  return target;
}

/** The endpoint must be approved for the tier, allowed by the pack's model and region lists, and able to receive the data. */
export function checkEndpoint(a: Admitted, ep: EndpointRuntime, data: DataClasses): void {
  const tier = a.ctx.useCase.tier!;
  if (ep.status === 'blocked') throw denied('model_blocked', `The model endpoint ${ep.name} is blocked in the catalogue.`);
  if (!ep.approvedTiers.includes(tier)) throw denied('model_not_approved', `${ep.name} is not approved for ${tier}-tier use cases.`);
  if (!a.policy.allowsModel(ep.provider, ep.model)) throw denied('model_not_allowed', `The ${tier} policy pack does not allow ${ep.provider}/${ep.model}.`);
  if (!a.policy.allowsRegion(ep.region)) throw denied('region_not_allowed', `The ${tier} policy pack does not allow sending data to ${ep.region}.`);
  if (!permits(ep.allowed, data)) throw denied('data_class_not_allowed', `${ep.name} may not receive ${data.sensitivity} data${data.categories.length ? ` with ${data.categories.join(', ')}` : ''}.`);
}

export interface DataPlan {
  findings: Finding[];
  /** Findings of each text, in the order the texts were given. */
  perText: Finding[][];
  found: DataClasses;
  /** Set when the pack redacts: the session that replaced the values and can restore them in the answer. */
  redaction?: RedactionSession;
  restore: boolean;
  /** Set when the pack routes this class to another endpoint. */
  routeTo?: EndpointRuntime;
  /** What the model will see. */
  sent: DataClasses;
}

/** Scans the request's texts and decides, per the pack, to allow, redact, block or route what they carry. */
export function planData(a: Admitted, texts: readonly string[]): DataPlan {
  const perText: Finding[][] = texts.map((t) => a.ctx.scanner.scan(t));
  const flat = perText.flat();
  const found = flat.length ? dataClassesOf(flat) : { sensitivity: 'public' as const, categories: [] };
  const declared = a.ctx.useCase.dataClasses;
  if (flat.length === 0) return { findings: flat, perText, found, restore: false, sent: declared };
  const action = a.policy.actionFor(found, declared);
  const detail = [...new Set(flat.map((f) => f.detector))].join(', ');
  switch (action.action) {
    case 'block':
      a.decisions.push({ control: 'data_classes', outcome: 'block', detail });
      throw denied('data_class_blocked', `The request carries ${found.categories.join(', ') || found.sensitivity} data (${detail}), which the ${a.policy.tier} policy pack blocks.`, { data_classes: found.categories });
    case 'redact': {
      a.decisions.push({ control: 'data_classes', outcome: 'redact', detail });
      return { findings: flat, perText, found, redaction: new RedactionSession(), restore: true, sent: declared };
    }
    case 'route': {
      const to = a.ctx.endpoints.get(action.to);
      if (!to) throw denied('route_unavailable', `The pack routes ${detail} to ${action.to}, which is not in the catalogue. Denied to fail closed.`);
      a.decisions.push({ control: 'data_classes', outcome: 'route', detail: `${detail} → ${to.name}` });
      return { findings: flat, perText, found, routeTo: to, restore: false, sent: { sensitivity: maxSensitivity(declared, found), categories: [...new Set([...declared.categories, ...found.categories])] } };
    }
    default:
      a.decisions.push({ control: 'data_classes', outcome: 'allow', detail });
      return { findings: flat, perText, found, restore: false, sent: { sensitivity: maxSensitivity(declared, found), categories: [...new Set([...declared.categories, ...found.categories])] } };
  }
}

const ORDER = ['public', 'internal', 'confidential', 'restricted'] as const;
const maxSensitivity = (a: DataClasses, b: DataClasses) => (ORDER.indexOf(a.sensitivity) >= ORDER.indexOf(b.sensitivity) ? a.sensitivity : b.sensitivity);

export function estimateTokens(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += countTokens(t);
  return n + 4 * texts.length;
}

/** Evaluates the pack's CEL rules; a deny ends the call, a review marks it for the human review queue. */
export function applyRules(a: Admitted, ctx: RuleContext): { review: boolean; reason?: string } {
  const d = a.policy.decide(ctx);
  if (d.effect === 'deny') {
    a.decisions.push({ control: 'rules', outcome: 'deny', detail: d.ruleId });
    throw new GatewayError(403, 'permission_error', 'policy_denied', d.message ?? 'denied by policy', null, {}, { rule: d.ruleId ?? null });
  }
  if (d.matched.length) a.decisions.push({ control: 'rules', outcome: d.effect === 'review' ? 'review' : 'allow', detail: d.matched.join(', ') });
  return d.effect === 'review' ? { review: true, reason: d.message ?? d.ruleId } : { review: false };
}

export function ruleContext(a: Admitted, ep: EndpointRuntime, kind: string, tokens: number, tools: string[], metadata: Record<string, string>, found: DataClasses, endUser: EndUser): RuleContext {
  const uc = a.ctx.useCase;
  return {
    key: { id: a.ctx.keyId, name: a.ctx.keyName, useCaseId: uc.id },
    useCase: { id: uc.id, tier: uc.tier!, stage: uc.stage, dataClasses: uc.dataClasses, valueStream: uc.valueStream },
    model: { id: ep.name, provider: ep.provider, region: ep.region, approvedTiers: ep.approvedTiers },
    request: { kind, tokensEstimate: tokens, tools, metadata },
    dataClasses: found,
    endUser,
  };
}
