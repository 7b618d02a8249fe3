import { describe, expect, it } from 'vitest';
import { type Assertion, AssertionSchema, assertionPasses, failedAssertions } from './assertions.js';
import { embeddedJsonObjects } from './json-text.js';

const passes = (a: Assertion, output: string | null) => assertionPasses(AssertionSchema.parse(a), output);

describe('assertions', () => {
  it('compare text exactly, by substring, case-insensitively and by prefix', () => {
    expect(passes({ type: 'equals', value: 'Paris' }, 'Paris')).toBe(true);
    expect(passes({ type: 'equals', value: 'Paris' }, 'paris')).toBe(false);
    expect(passes({ type: 'equals', value: 42 }, '42')).toBe(true);
    expect(passes({ type: 'contains', value: 'Par' }, 'In Paris')).toBe(true);
    expect(passes({ type: 'icontains', value: 'PARIS' }, 'in paris')).toBe(true);
    expect(passes({ type: 'starts_with', value: 'Yes' }, 'Yes, it is')).toBe(true);
    expect(passes({ type: 'starts_with', value: 'Yes' }, ' Yes')).toBe(false);
  });

  it('check lists of substrings for any or all, with and without case', () => {
    expect(passes({ type: 'contains_any', value: ['cat', 'dog'] }, 'a dog')).toBe(true);
    expect(passes({ type: 'contains_all', value: ['cat', 'dog'] }, 'a dog')).toBe(false);
    expect(passes({ type: 'icontains_all', value: ['CAT', 'dog'] }, 'Cat and Dog')).toBe(true);
    expect(passes({ type: 'icontains_any', value: ['bird'] }, 'Cat and Dog')).toBe(false);
  });

  it('match regular expressions and compare JSON values structurally', () => {
    expect(passes({ type: 'regex', value: '^\\d{4}-\\d{2}$' }, '2026-05')).toBe(true);
    expect(passes({ type: 'equals', value: { a: 1, b: [2] } }, '{"b":[2],"a":1}')).toBe(true);
    expect(passes({ type: 'equals', value: { a: 1 } }, 'not json')).toBe(false);
  });

  it('check JSON strictly with is_json and within prose with contains_json, optionally against a schema', () => {
    const schema = { type: 'object', required: ['ok'] };
    expect(passes({ type: 'is_json' }, ' {"ok": true} ')).toBe(true);
    expect(passes({ type: 'is_json' }, 'Here: {"ok": true}')).toBe(false);
    expect(passes({ type: 'is_json', value: schema }, '{"nope": 1}')).toBe(false);
    expect(passes({ type: 'contains_json', value: schema }, 'Here: {"x": "}"} and {"ok": 1} done')).toBe(true);
    expect(passes({ type: 'contains_json' }, 'no braces { here')).toBe(false);
    expect(embeddedJsonObjects('a {"k": "v\\"}"} b {bad} c {"n": {"m": 2}}')).toEqual([{ k: 'v"}' }, { n: { m: 2 } }]);
  });

  it('negate with `negate`, and never pass a failed call, negated or not', () => {
    expect(passes({ type: 'contains', value: 'error', negate: true }, 'all good')).toBe(true);
    expect(passes({ type: 'is_json', negate: true }, '{}')).toBe(false);
    expect(passes({ type: 'contains', value: 'x', negate: true }, null)).toBe(false);
  });

  it('reject assertions whose value does not fit their type', () => {
    expect(AssertionSchema.safeParse({ type: 'contains' }).success).toBe(false);
    expect(AssertionSchema.safeParse({ type: 'contains_any', value: [] }).success).toBe(false);
    expect(AssertionSchema.safeParse({ type: 'regex', value: '[' }).success).toBe(false);
    expect(AssertionSchema.safeParse({ type: 'is_json', value: 'object' }).success).toBe(false);
    expect(AssertionSchema.safeParse({ type: 'is_json', value: { type: 'nonsense' } }).success).toBe(false);
    expect(AssertionSchema.safeParse({ type: 'sounds_good', value: 'x' }).success).toBe(false);
  });

  it('describe the assertions an answer fails', () => {
    const assertions = [AssertionSchema.parse({ type: 'contains', value: 'a' }), AssertionSchema.parse({ type: 'is_json', negate: true })];
    expect(failedAssertions(assertions, '{"b":1}')).toEqual(['contains "a"', 'not is_json']);
  });
});
