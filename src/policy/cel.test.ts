import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../kernel/errors.js';
import { celContextReference, checkRules, compileRules, decide, prepareContext, ruleMatches, type RuleContext } from './cel.js';
import { defaultPacks } from './packs.js';
import type { RuntimeRule } from './schema.js';

function ruleContext(overrides: { [K in keyof RuleContext]?: Partial<RuleContext[K]> } = {}): RuleContext {
  const base: RuleContext = {
    key: { id: 'key_1', name: 'claims-bot', useCaseId: 'uc_1' },
    useCase: { id: 'uc_1', tier: 'high', stage: 'pilot', dataClasses: { sensitivity: 'confidential', categories: ['personal'] }, valueStream: 'vs_claims' },
    model: { id: 'openai/gpt-4o', provider: 'openai', region: 'eu-west-1', approvedTiers: ['high', 'limited', 'minimal'] },
    request: { kind: 'chat', tokensEstimate: 1200, tools: [], metadata: {} },
    dataClasses: { sensitivity: 'internal', categories: [] },
    endUser: { id: 'u_7', role: 'adjuster', verified: true },
  };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, { ...v, ...overrides[k as keyof RuleContext] }])) as unknown as RuleContext;
}

const rule = (id: string, expression: string, effect: RuntimeRule['effect'] = 'deny'): RuntimeRule => ({ id, expression, effect, message: `${id} ruled` });

describe('type-checking rules at save time', () => {
  it('accepts rules over every part of the context', () => {
    const rules = [
      rule('a', 'key.useCaseId == useCase.id && useCase.valueStream != ""'),
      rule('b', '!(useCase.tier in model.approvedTiers) || model.region.startsWith("eu-")'),
      rule('c', 'request.tokensEstimate > 32000 && size(request.tools) > 0'),
      rule('d', '"decision" in request.metadata && request.metadata["decision"] == "adverse"'),
      rule('e', 'dataClasses.categories.exists(c, !(c in useCase.dataClasses.categories)) || dataClasses.sensitivity == "restricted"'),
      rule('f', 'endUser.verified && endUser.role == "adjuster" && endUser.id != ""'),
    ];
    expect(checkRules(rules)).toEqual([]);
  });

  it('rejects an unknown field or variable with the rule path and the position', () => {
    expect(checkRules([rule('ok', 'true'), rule('bad', 'useCase.tier == "high" &&\n  useCase.owner == "x"')])).toEqual([
      { path: 'runtime.rules[1].expression', message: 'No such key: owner (line 2, column 11)', line: 2, column: 11 },
    ]);
    expect(checkRules([rule('bad', 'user.role == "admin"')])[0]).toMatchObject({ message: 'Unknown variable: user (line 1, column 1)' });
  });

  it('rejects mixed types, syntax errors and expressions that are not true or false', () => {
    const problems = checkRules([rule('a', 'useCase.tier == 3'), rule('b', 'request.tokensEstimate + "k" > 0'), rule('c', 'request.kind ==')], 'rules');
    expect(problems.map((p) => p.path)).toEqual(['rules[0].expression', 'rules[1].expression', 'rules[2].expression']);
    expect(problems[0].message).toContain('no such overload: string == int');
    expect(problems[2]).toMatchObject({ line: 1, column: 16 });
    expect(checkRules([rule('d', 'request.tokensEstimate')])[0].message).toBe('a rule must be true or false, and this expression is int (line 1, column 1)');
  });

  it('refuses to compile a rule set with a problem', () => {
    expect(() => compileRules([rule('x', 'endUser.verified == "yes"')])).toThrow(Invalid);
  });
});

describe('deciding a request', () => {
  const rules = compileRules([
    rule('too-big', 'request.tokensEstimate > 32000', 'deny'),
    rule('embeddings', 'request.kind == "embedding"', 'allow'),
    rule('health-hold', '"health" in dataClasses.categories', 'review'),
    rule('adverse-hold', '"decision" in request.metadata && request.metadata["decision"] == "adverse"', 'review'),
  ]);

  it('allows a request no rule matches', () => {
    expect(decide(rules, ruleContext())).toEqual({ effect: 'allow', ruleId: undefined, message: undefined, matched: [] });
  });

  it('sends a request a review rule matches to review, naming every rule that matched', () => {
    const decision = decide(rules, ruleContext({ dataClasses: { categories: ['health'] }, request: { metadata: { decision: 'adverse' } } }));
    expect(decision).toEqual({ effect: 'review', ruleId: 'health-hold', message: 'health-hold ruled', matched: ['health-hold', 'adverse-hold'] });
  });

  it('lets an allow rule exempt a request from review, but never from a deny', () => {
    expect(decide(rules, ruleContext({ request: { kind: 'embedding' }, dataClasses: { categories: ['health'] } }))).toMatchObject({ effect: 'allow', ruleId: 'embeddings', matched: ['embeddings', 'health-hold'] });
    expect(decide(rules, ruleContext({ request: { kind: 'embedding', tokensEstimate: 50_000 } }))).toMatchObject({ effect: 'deny', ruleId: 'too-big', message: 'too-big ruled' });
  });

  it('denies when a rule cannot be evaluated (fail closed)', () => {
    const strict = compileRules([rule('reads-missing-key', 'request.metadata["decision"] == "adverse"', 'review')]);
    expect(decide(strict, ruleContext())).toEqual({ effect: 'deny', ruleId: 'reads-missing-key', message: 'rule reads-missing-key could not be evaluated (No such key: decision); denied to fail closed', matched: [] });
  });

  it('denies when the request context is malformed (fail closed)', () => {
    const broken = ruleContext({ request: { tokensEstimate: Number.NaN } });
    expect(decide(rules, broken)).toMatchObject({ effect: 'deny', matched: [] });
    expect(decide(rules, broken).message).toContain('denied to fail closed');
  });

  it('rounds a fractional token estimate up to a CEL int', () => {
    const [exact] = compileRules([rule('at-limit', 'request.tokensEstimate == 1001')]);
    expect(ruleMatches(exact, prepareContext(ruleContext({ request: { tokensEstimate: 1000.2 } })))).toBe(true);
  });
});

describe("the default high pack's rules", () => {
  const high = compileRules(defaultPacks().high.runtime.rules);

  it.each([
    ['an ordinary pilot request', {}, 'allow', undefined],
    ['a model not approved for high', { model: { approvedTiers: ['limited', 'minimal'] } }, 'deny', 'model-not-approved-for-tier'],
    ['an undeclared health category', { dataClasses: { categories: ['health'] } }, 'deny', 'undeclared-data-category'],
    ['tools for an unverified user', { request: { tools: ['search'] }, endUser: { verified: false } }, 'deny', 'tools-need-verified-user'],
    ['a 40k-token request', { request: { tokensEstimate: 40_000 } }, 'deny', 'oversized-request'],
    ['an adverse decision', { request: { metadata: { decision: 'adverse' } } }, 'review', 'adverse-decision-hold'],
    ['declared health data', { useCase: { dataClasses: { sensitivity: 'restricted', categories: ['health'] } }, dataClasses: { categories: ['health'] } }, 'review', 'health-data-hold'],
    ['an embedding of health data', { request: { kind: 'embedding' }, useCase: { dataClasses: { sensitivity: 'restricted', categories: ['health'] } }, dataClasses: { categories: ['health'] } }, 'allow', 'embeddings-need-no-review'],
  ] as const)('%s → %s', (_, overrides, effect, ruleId) => {
    expect(decide(high, ruleContext(overrides as never))).toMatchObject({ effect, ruleId });
  });
});

describe('the documented context', () => {
  it('docs/policy-cel.md lists every variable and field with its type', () => {
    const doc = readFileSync(new URL('../../docs/policy-cel.md', import.meta.url), 'utf8');
    const missing = celContextReference().filter((r) => !doc.includes(`| \`${r.name}\` | \`${r.type}\` | ${r.doc} |`));
    expect(missing).toEqual([]);
  });

  it('every example rule in docs/policy-cel.md type-checks', () => {
    const doc = readFileSync(new URL('../../docs/policy-cel.md', import.meta.url), 'utf8');
    const examples = [...doc.matchAll(/^\| [^|]+ \| `(.+)` → (deny|review|allow) \|$/gm)].map(([, expression, effect], i) => rule(`example-${i}`, expression, effect as RuntimeRule['effect']));
    expect(examples.length).toBeGreaterThanOrEqual(7);
    expect(checkRules(examples)).toEqual([]);
  });
});
