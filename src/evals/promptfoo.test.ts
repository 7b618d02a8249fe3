import { describe, expect, it } from 'vitest';
import { assertionPasses } from './assertions.js';
import { importPromptfoo } from './promptfoo.js';

const config = `
description: Support triage
prompts:
  - "Classify this ticket: {{ticket}}"
  - raw: "Ticket: {{ticket}}\\nAnswer with one word."
    label: terse
providers:
  - openai:gpt-4o-mini
  - id: anthropic:claude-3-haiku
    config: { temperature: 0 }
defaultTest:
  assert:
    - type: not-icontains
      value: as an ai
tests:
  - vars: { ticket: "My card was charged twice", expected: billing }
    assert:
      - type: equals
        value: "{{expected}}"
      - type: llm-rubric
        value: is polite
  - vars: { ticket: "App crashes" }
    assert:
      - type: contains-any
        value: 'tech, "bug, crash"'
      - type: regex
        value: "^[a-z]+$"
      - type: is-json
        value: "{type: object, required: [label]}"
      - type: starts-with
        value: t
        transform: output.trim()
  - vars: { ticket: ["a", "b"] }
    assert: [{ type: contains, value: x }]
  - vars: { ticket: "Only a rubric" }
    assert: [{ type: similar, value: "x" }]
    threshold: 0.5
`;

describe('importPromptfoo', () => {
  const imported = importPromptfoo(config);

  it('renders each prompt with each test’s vars into generation rows carrying the deterministic assertions', () => {
    expect(imported.description).toBe('Support triage');
    expect(imported.prompts).toEqual([{ label: 'prompt 1', template: 'Classify this ticket: {{ticket}}' }, { label: 'terse', template: 'Ticket: {{ticket}}\nAnswer with one word.' }]);
    expect(imported.providers).toEqual(['openai:gpt-4o-mini', 'anthropic:claude-3-haiku']);
    expect(imported.rows.map((r) => r.id)).toEqual(['p1-t1', 'p2-t1', 'p1-t2', 'p2-t2', 'p1-t4', 'p2-t4']);
    expect(imported.rows[0]).toEqual({
      id: 'p1-t1', input: 'Classify this ticket: My card was charged twice',
      assertions: [{ type: 'icontains', value: 'as an ai', negate: true }, { type: 'equals', value: 'billing' }],
    });
    expect(imported.rows[2].assertions).toEqual([
      { type: 'icontains', value: 'as an ai', negate: true },
      { type: 'contains_any', value: ['tech', 'bug, crash'] },
      { type: 'regex', value: '^[a-z]+$' },
      { type: 'is_json', value: { type: 'object', required: ['label'] } },
    ]);
  });

  it('lists everything it could not bring over instead of dropping it silently', () => {
    expect(imported.unsupported).toEqual([
      { test: 1, assertion: 3, type: 'llm-rubric', reason: expect.stringContaining('"llm-rubric" is not one Charter evaluates') },
      { test: 2, assertion: 5, type: 'starts-with', reason: 'assertion "starts-with" has a transform, which Charter does not run' },
      { test: 3, reason: expect.stringContaining('vars ticket list several values') },
      { test: 4, reason: 'a weighted pass threshold is ignored; Charter passes a test when all its assertions pass' },
      { test: 4, assertion: 2, type: 'similar', reason: expect.stringContaining('"similar" is not one Charter evaluates') },
    ]);
  });

  it('evaluates imported assertions as promptfoo would', () => {
    const [notAi, equals] = imported.rows[0].assertions!;
    expect(assertionPasses(equals, 'billing')).toBe(true);
    expect(assertionPasses(equals, 'billing ')).toBe(false);
    expect(assertionPasses(notAi, 'As an AI, I think billing')).toBe(false);
    const [, any, regex, json] = imported.rows[2].assertions!;
    expect(assertionPasses(any, 'a bug, crash')).toBe(true);
    expect(assertionPasses(any, 'a bug')).toBe(false);
    expect(assertionPasses(regex, 'Tech')).toBe(false);
    expect(assertionPasses(json, '{"label":"tech"}')).toBe(true);
    expect(assertionPasses(json, '{"name":"tech"}')).toBe(false);
  });

  it('reports file references and undefined variables, and rejects configs without inline prompts', () => {
    const result = importPromptfoo('prompts: ["file://p.txt", "Hi {{name}}"]\ntests: [{ assert: [{ type: contains, value: Hi }] }]');
    expect(result.rows).toEqual([{ id: 't1', input: 'Hi ', assertions: [{ type: 'contains', value: 'Hi' }] }]);
    expect(result.unsupported.map((u) => u.reason)).toEqual([
      'prompt "file://p.txt" is not inline text; paste it into the config to import it',
      'uses undefined variable(s) name, rendered empty as promptfoo does',
    ]);
    const skipped = importPromptfoo('prompts: [hi]\ntests: [{ assert: [{ type: llm-rubric, value: kind }] }]');
    expect(skipped.rows).toEqual([]);
    expect(skipped.unsupported[1]).toEqual({ test: 1, reason: 'no assertion Charter can evaluate is left, so the test is skipped' });
    expect(importPromptfoo('prompts: [hi]\ntests: file://tests.csv').unsupported[0].reason).toBe('tests are read from file://tests.csv; list them in the config to import them');
    expect(() => importPromptfoo('prompts: [file://a.txt]')).toThrow(/no inline prompts/);
    expect(() => importPromptfoo('- just a list')).toThrow(/YAML mapping/);
    expect(() => importPromptfoo('a: [')).toThrow(/not valid YAML/);
  });
});
