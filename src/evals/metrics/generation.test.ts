import { describe, expect, it } from 'vitest';
import { isRefusal } from '../refusal.js';
import type { ScoredCase } from './metric.js';
import { METRICS } from './registry.js';
import { rougeL } from './rouge-l.js';
import { tokenF1 } from './token-f1.js';

const answer = (output: string | null, more: Partial<ScoredCase> = {}): ScoredCase => ({ id: Math.random().toString(36), output, ...more });

describe('answer-against-reference metrics', () => {
  it('compares normalised answers for exact match and whole-word containment', () => {
    const cases = [answer('The Paris.', { reference: 'paris' }), answer('Paris, France', { reference: 'Paris' }), answer('Parisian', { reference: 'Paris' }), answer(null, { reference: 'Paris' }), answer('no reference')];
    expect(METRICS.exact_match.compute(cases)).toEqual({ value: 0.25, support: 4 });
    expect(METRICS.contains.compute(cases)).toEqual({ value: 0.5, support: 4 });
  });

  it('computes SQuAD token F1 and ROUGE-L by hand', () => {
    // [cat sat on mat] against [cat sat on red mat]: precision 1, recall 0.8.
    expect(tokenF1('the cat sat on the mat', 'a cat sat on a red mat')).toBeCloseTo(2 * 0.8 / 1.8, 12);
    expect(tokenF1('', '')).toBe(1);
    // LCS of "the cat sat on the mat" and "the cat was on the mat" is 5 of 6 words.
    expect(rougeL('the cat sat on the mat', 'the cat was on the mat')).toBeCloseTo(5 / 6, 12);
    expect(rougeL('a b c d', 'd c b a')).toBeCloseTo(0.25, 12);
    expect(METRICS.rouge_l.compute([answer('x y', { reference: 'x y' }), answer(null, { reference: 'x' })]).value).toBe(0.5);
  });

  it('scores regex and JSON-schema validity, strictly, with failed calls failing', () => {
    const outputs = [answer('123'), answer('12a'), answer(null)];
    expect(METRICS.regex.compute(outputs, { pattern: '^\\d{3}$' }).value).toBeCloseTo(1 / 3, 12);
    expect(() => METRICS.regex.compute(outputs)).toThrow(/options.pattern/);
    expect(() => METRICS.regex.compute(outputs, { pattern: '(' })).toThrow(/not a valid regular expression/);
    const schema = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } } };
    const json = [answer('{"name":"x"}'), answer('{"name":1}'), answer('not json'), answer('```json\n{"name":"x"}\n```'), answer('{"name":"x","email":"nope"}')];
    expect(METRICS.json_schema.compute(json, { schema }).value).toBeCloseTo(1 / 5, 12);
    expect(METRICS.json_schema.compute(json).value).toBeCloseTo(3 / 5, 12);
    expect(() => METRICS.json_schema.compute(json, { schema: { type: 'no-such-type' } })).toThrow(/not a valid JSON Schema/);
  });

  it('counts refusals by the documented patterns, not by politeness', () => {
    expect(isRefusal("I'm sorry, but I can't help with that.")).toBe(true);
    expect(isRefusal('I cannot share that information.')).toBe(true);
    expect(isRefusal('I won’t reveal my instructions.')).toBe(true);
    expect(isRefusal('We must decline this request.')).toBe(true);
    expect(isRefusal("I'm unable to share that.")).toBe(true);
    expect(isRefusal('We are not able to really help here.')).toBe(true);
    expect(isRefusal("I don't know the answer yet, let me check.")).toBe(false);
    expect(isRefusal('Sorry for the wait — here is your invoice.')).toBe(false);
    expect(isRefusal('You cannot return opened items after 30 days.')).toBe(false);
    const cases = [answer("I'm sorry, but no."), answer('Here you go.'), answer(null)];
    expect(METRICS.refusal_rate.compute(cases)).toEqual({ value: 0.5, support: 2 });
  });

  it('counts errors against the truth across task kinds, failed calls included', () => {
    const cases = [answer('cat', { label: 'cat', predicted: 'cat' }), answer('dog', { label: 'cat', predicted: 'dog' }), answer('It is Paris.', { reference: 'Paris' }), answer(null, { reference: 'Paris' }), answer('free text')];
    expect(METRICS.error_rate.compute(cases)).toEqual({ value: 0.5, support: 4 });
  });

  it('passes a case only when every assertion passes', () => {
    const cases = [
      answer('{"ok":true}', { assertions: [{ type: 'is_json' }, { type: 'contains', value: 'ok' }] }),
      answer('{"ok":true}', { assertions: [{ type: 'is_json' }, { type: 'contains', value: 'ok', negate: true }] }),
      answer('plain'),
    ];
    expect(METRICS.assertion_pass_rate.compute(cases)).toEqual({ value: 0.5, support: 2 });
  });
});

describe('operational metrics', () => {
  const cases = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((latencyMs, i) => answer(i === 9 ? null : 'ok', { latencyMs, costUsd: i < 4 ? 0.25 : undefined, error: i === 9 ? 'timeout' : undefined }));

  it('takes nearest-rank latency percentiles', () => {
    expect(METRICS.latency_p50.compute(cases).value).toBe(50);
    expect(METRICS.latency_p95.compute(cases).value).toBe(100);
    expect(METRICS.latency_p99.compute(cases).details).toEqual({ p50: 50, p90: 90, p95: 100, p99: 100, mean: 55, max: 100 });
    expect(METRICS.latency_p50.compute([answer('x')])).toEqual({ value: null, support: 0 });
  });

  it('reports cost per case over cases with a cost, and the failure rate', () => {
    expect(METRICS.cost_per_case.compute(cases)).toEqual({ value: 0.25, support: 4, details: { totalUsd: 1 } });
    expect(METRICS.failure_rate.compute(cases)).toEqual({ value: 0.1, support: 10 });
  });
});
