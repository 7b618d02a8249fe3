import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RedactionSession } from './redaction.js';
import { Scanner } from './scanner.js';
import { StreamRedactor, StreamRestorer } from './stream.js';

const scanner = new Scanner();
const prompt =
  'Email jane.doe@example.com or call +44 20 7946 0958. Card 4111 1111 1111 1111; again: jane.doe@example.com. ' +
  'Pay GB82 WEST 1234 5698 7654 32 and note my sister takes sertraline 50 mg. Token AKIAIOSFODNN7EXAMPLE. ' +
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\nThanks!';

/** Feeds text in pieces of the given sizes (cycled) and joins what comes out. */
function streamThrough(transform: { push(c: string): string; end(): string }, text: string, sizes: number[]): string {
  let out = '';
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length];
    out += transform.push(text.slice(at, at + size));
    at += size;
  }
  return out + transform.end();
}

describe('redaction', () => {
  it('gives the same value the same placeholder and restores the originals', () => {
    const session = new RedactionSession();
    const redacted = session.redact(prompt, scanner.scan(prompt));
    expect(redacted).toContain('Email [EMAIL_1] or call [PHONE_1]. Card [CARD_1]; again: [EMAIL_1].');
    expect(redacted).toContain('Pay [IBAN_1]');
    expect(redacted).toContain('takes [HEALTH_1] 50 mg. Token [AWS_KEY_1]. [PRIVATE_KEY_1]\nThanks!');
    expect(session.restore(redacted)).toBe(prompt);
    expect(session.restore('I wrote to [EMAIL_1] and [EMAIL_9].')).toBe('I wrote to jane.doe@example.com and [EMAIL_9].');
  });

  it('redacts a stream exactly as the whole text, however the chunks split the values', () => {
    const expected = new RedactionSession().redact(prompt, scanner.scan(prompt));
    for (const sizes of [[1], [2], [3], [7], [13], [64], [1, 5, 2, 17], [500]]) {
      const session = new RedactionSession();
      const redactor = new StreamRedactor(scanner, session);
      expect(streamThrough(redactor, prompt, sizes), `chunks of ${sizes}`).toBe(expected);
      expect(redactor.findings.map((f) => prompt.slice(f.start, f.end))).toEqual(scanner.scan(prompt).map((f) => prompt.slice(f.start, f.end)));
    }
  });

  it('releases text as it streams instead of holding the answer', () => {
    const redactor = new StreamRedactor(scanner, new RedactionSession(), { window: 32 });
    const sentence = 'The quarterly numbers look fine and nothing here is sensitive at all. ';
    let released = 0;
    for (let i = 0; i < 40; i++) released += redactor.push(sentence).length;
    expect(released).toBeGreaterThan(40 * sentence.length - 32 - sentence.length);
  });

  it('bounds what a value still growing at the end may hold back', () => {
    const redactor = new StreamRedactor(scanner, new RedactionSession(), { window: 16, maxHold: 256 });
    let pushed = 0;
    let released = 0;
    for (let i = 0; i < 100; i++) {
      released += redactor.push('x'.repeat(10)).length;
      pushed += 10;
      expect(pushed - released).toBeLessThanOrEqual(256 + 10);
    }
  });

  it('streams every labelled case to the same redaction as the whole text', () => {
    const cases: { text: string }[] = readFileSync(new URL('./fixtures/labelled.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    for (const { text } of cases) {
      const expected = new RedactionSession().redact(text, scanner.scan(text));
      expect(streamThrough(new StreamRedactor(scanner, new RedactionSession()), text, [5, 11])).toBe(expected);
    }
  });

  it('restores placeholders split across chunks', () => {
    const session = new RedactionSession();
    const redacted = session.redact(prompt, scanner.scan(prompt));
    for (const sizes of [[1], [2], [5], [1, 3, 8]]) {
      expect(streamThrough(new StreamRestorer(session), redacted, sizes)).toBe(prompt);
    }
    expect(streamThrough(new StreamRestorer(session), 'array[0] and [EMAIL_', [3])).toBe('array[0] and [EMAIL_');
  });
});
