import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import type { DataClasses } from '../kernel/dataclasses.js';
import { Invalid, type FieldProblem } from '../kernel/errors.js';
import type { Stage, Tier } from '../portfolio/schema.js';
import type { RuntimeRule } from './schema.js';

/**
 * The context a runtime rule sees: one gateway request, with the key, use case and model it concerns. Every field is
 * always present (an empty string or list when the caller does not say), so rules need no presence checks except
 * on `request.metadata`, whose keys are the caller's.
 */
export interface RuleContext {
  key: { id: string; name: string; useCaseId: string };
  useCase: { id: string; tier: Tier; stage: Stage; dataClasses: DataClasses; valueStream: string };
  model: { id: string; provider: string; region: string; approvedTiers: Tier[] };
  request: { kind: string; tokensEstimate: number; tools: string[]; metadata: Record<string, string> };
  dataClasses: DataClasses;
  endUser: { id: string; role: string; verified: boolean };
}

type CelFieldType = 'string' | 'bool' | 'int' | 'list<string>' | 'map<string, string>' | 'DataClasses';
interface FieldDoc {
  type: CelFieldType;
  doc: string;
}
type Fields<T> = { [K in keyof T]-?: FieldDoc };
const field = (type: CelFieldType, doc: string): FieldDoc => ({ type, doc });

// The declarations are typed against RuleContext, so the CEL types, the conversion and the documentation cannot drift.
const TYPES: {
  DataClasses: Fields<DataClasses>;
  Key: Fields<RuleContext['key']>;
  UseCase: Fields<RuleContext['useCase']>;
  Model: Fields<RuleContext['model']>;
  Request: Fields<RuleContext['request']>;
  EndUser: Fields<RuleContext['endUser']>;
} = {
  DataClasses: {
    sensitivity: field('string', 'public, internal, confidential or restricted'),
    categories: field('list<string>', 'any of personal, health, payment, credentials'),
  },
  Key: { id: field('string', 'the gateway key id'), name: field('string', 'the key name its owner chose'), useCaseId: field('string', 'the use case the key belongs to') },
  UseCase: {
    id: field('string', 'use case id'),
    tier: field('string', 'prohibited, critical, high, limited or minimal'),
    stage: field('string', 'lifecycle stage, such as pilot or production'),
    dataClasses: field('DataClasses', 'the data classes the use case declared'),
    valueStream: field('string', 'the value stream id'),
  },
  Model: {
    id: field('string', 'model endpoint id, as provider/model'),
    provider: field('string', 'such as openai, anthropic, azure-openai'),
    region: field('string', 'where the endpoint runs, such as eu-west-1'),
    approvedTiers: field('list<string>', 'the tiers the catalogue approves the endpoint for'),
  },
  Request: {
    kind: field('string', 'chat, completion, embedding, image or audio'),
    tokensEstimate: field('int', 'estimated prompt plus maximum output tokens'),
    tools: field('list<string>', 'names of the tools the request offers the model'),
    metadata: field('map<string, string>', 'caller-supplied labels; test a key with has(request.metadata.k) or "k" in request.metadata first'),
  },
  EndUser: { id: field('string', 'the end user the caller names, or ""'), role: field('string', 'the role the caller names, or ""'), verified: field('bool', 'whether the caller vouches for the end user identity') },
};
type TypeName = keyof typeof TYPES;

const VARIABLES: { [V in keyof RuleContext]: { type: TypeName; doc: string } } = {
  key: { type: 'Key', doc: 'the gateway key that called' },
  useCase: { type: 'UseCase', doc: 'the use case the key belongs to' },
  model: { type: 'Model', doc: 'the model endpoint the request is routed to' },
  request: { type: 'Request', doc: 'the request itself' },
  dataClasses: { type: 'DataClasses', doc: 'the data classes detected in this request' },
  endUser: { type: 'EndUser', doc: 'the person on whose behalf the caller acts' },
};

type ValueClass = new () => Record<string, unknown>;
const valueClass = (name: string): ValueClass => ({ [name]: class {} })[name] as ValueClass;
const CLASSES = Object.fromEntries(Object.keys(TYPES).map((name) => [name, valueClass(name)])) as Record<TypeName, ValueClass>;

const environment = new Environment({ limits: { maxAstNodes: 400, maxDepth: 32, maxListElements: 200 } });
for (const name of Object.keys(TYPES) as TypeName[]) {
  const fields = Object.fromEntries(Object.entries(TYPES[name]).map(([f, d]: [string, FieldDoc]) => [f, d.type]));
  environment.registerType(name, { ctor: CLASSES[name], fields });
}
for (const [name, variable] of Object.entries(VARIABLES)) environment.registerVariable(name, variable.type, { description: variable.doc });

/** A rule context converted once into CEL values (ints as BigInt, maps as Map), to evaluate every rule against. */
export type CelActivation = Record<keyof RuleContext, object>;

type Convert = (value: Record<string, unknown>) => Record<string, unknown>;
const converters = {} as Record<TypeName, Convert>;
// Built once per type: the gateway converts a context on every request, so the hot path is a flat loop over fields.
for (const type of Object.keys(TYPES) as TypeName[]) {
  const plan = Object.entries(TYPES[type]).map(([name, d]: [string, FieldDoc]) => ({ name, type: d.type }));
  const Value = CLASSES[type];
  converters[type] = (value) => {
    const out = new Value();
    for (const { name, type: fieldType } of plan) {
      const v = value[name];
      if (fieldType === 'int') out[name] = BigInt(Math.ceil(v as number));
      else if (fieldType === 'map<string, string>') out[name] = new Map(Object.entries(v as Record<string, string>));
      else if (fieldType === 'DataClasses') out[name] = converters.DataClasses(v as Record<string, unknown>);
      else out[name] = v;
    }
    return out;
  };
}
const variablePlan = (Object.entries(VARIABLES) as [keyof RuleContext, { type: TypeName }][]).map(([name, { type }]) => ({ name, convert: converters[type] }));

export function prepareContext(context: RuleContext): CelActivation {
  const activation = {} as CelActivation;
  for (const { name, convert } of variablePlan) activation[name] = convert(context[name] as unknown as Record<string, unknown>);
  return activation;
}

/** A rule problem with where it is in the expression (1-based). */
export interface RuleProblem extends FieldProblem {
  line: number;
  column: number;
}

function position(expression: string, offset: number): { line: number; column: number } {
  const before = expression.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

type Compiled = { parsed: ParseResult; problem?: undefined } | { parsed?: undefined; problem: { message: string; line: number; column: number } };

function compile(expression: string): Compiled {
  let parsed: ParseResult;
  try {
    parsed = environment.parse(expression);
  } catch (error) {
    const e = error as { summary?: string; message: string; range?: { start: number } };
    return { problem: { message: e.summary ?? e.message, ...position(expression, e.range?.start ?? 0) } };
  }
  const checked = parsed.check();
  if (!checked.valid) return { problem: { message: checked.error?.summary ?? 'does not type-check', ...position(expression, checked.error?.range?.start ?? 0) } };
  if (checked.type !== 'bool') return { problem: { message: `a rule must be true or false, and this expression is ${checked.type}`, line: 1, column: 1 } };
  return { parsed };
}

/** Type-checks rules against the context; each problem names the rule's expression path and the position in it. */
export function checkRules(rules: readonly RuntimeRule[], path = 'runtime.rules'): RuleProblem[] {
  return rules.flatMap((rule, i) => {
    const { problem } = compile(rule.expression);
    return problem ? [{ path: `${path}[${i}].expression`, message: `${problem.message} (line ${problem.line}, column ${problem.column})`, line: problem.line, column: problem.column }] : [];
  });
}

export interface CompiledRule {
  id: string;
  effect: RuntimeRule['effect'];
  message: string;
  matches: ParseResult;
}

/** Compiles rules once (throws `Invalid` when one does not type-check), for evaluation on every request. */
export function compileRules(rules: readonly RuntimeRule[]): CompiledRule[] {
  const problems = checkRules(rules);
  if (problems.length) throw new Invalid('a runtime rule does not type-check', problems);
  return rules.map((rule) => ({ id: rule.id, effect: rule.effect, message: rule.message, matches: compile(rule.expression).parsed! }));
}

/** True when the rule matches; throws when it cannot be evaluated (a missing metadata key, for example). */
export function ruleMatches(rule: CompiledRule, activation: CelActivation): boolean {
  return rule.matches(activation) === true;
}

export interface RuleDecision {
  effect: 'allow' | 'review' | 'deny';
  /** The rule that decided; absent when no rule matched. */
  ruleId?: string;
  message?: string;
  /** Every rule that matched, for the record of which policy ruled. */
  matched: string[];
}

/**
 * Decides a request: a deny rule always wins; an allow rule exempts the request from review; a review rule sends
 * the output to the human review queue; no match allows. A rule that fails to evaluate, or a context that cannot
 * be converted, denies: the gateway fails closed.
 */
export function decide(rules: readonly CompiledRule[], context: RuleContext): RuleDecision {
  let activation: CelActivation;
  try {
    activation = prepareContext(context);
  } catch (error) {
    return { effect: 'deny', message: `the request context is malformed (${(error as Error).message}); denied to fail closed`, matched: [] };
  }
  const matched: CompiledRule[] = [];
  for (const rule of rules) {
    let hit: boolean;
    try {
      hit = ruleMatches(rule, activation);
    } catch (error) {
      const reason = (error as { summary?: string }).summary ?? (error as Error).message;
      return { effect: 'deny', ruleId: rule.id, message: `rule ${rule.id} could not be evaluated (${reason}); denied to fail closed`, matched: matched.map((r) => r.id) };
    }
    if (!hit) continue;
    matched.push(rule);
    if (rule.effect === 'deny') return { effect: 'deny', ruleId: rule.id, message: rule.message, matched: matched.map((r) => r.id) };
  }
  const ruling = matched.find((r) => r.effect === 'allow') ?? matched.find((r) => r.effect === 'review');
  return { effect: ruling?.effect ?? 'allow', ruleId: ruling?.id, message: ruling?.message, matched: matched.map((r) => r.id) };
}

/** The documented context, one row per variable and field, for the reference page and rule editors. */
export function celContextReference(): { name: string; type: string; doc: string }[] {
  return Object.entries(VARIABLES).flatMap(([variable, { type, doc }]) => [
    { name: variable, type, doc },
    ...Object.entries(TYPES[type]).map(([f, d]: [string, FieldDoc]) => ({ name: `${variable}.${f}`, type: d.type, doc: d.doc })),
  ]);
}
