import type { DataCategory, Sensitivity } from '../../kernel/dataclasses.js';

/** The data class a detector reports, in the product's vocabulary. */
export interface DetectorClass {
  category: DataCategory;
  sensitivity: Sensitivity;
}

/** Receives the span [start, end) of each match a detector accepts. */
export type SpanSink = (start: number, end: number) => void;

/**
 * One detector: small and uniform, like a promptfoo assertion. `mayOccurIn` is the cheap prefilter (a native `includes`
 * or a short regex test); `find` does the expensive work (candidate regex, then checksum, ranges, context) and reports
 * the spans it accepts. Detectors keep no state between calls.
 */
export interface Detector {
  id: string;
  /** Placeholder stem: `EMAIL` gives `[EMAIL_1]`. */
  label: string;
  dataClass: DetectorClass;
  mayOccurIn(text: string): boolean;
  find(text: string, found: SpanSink): void;
  /** The canonical form of a match, so `4111 1111…` and `41111111…` hash and redact alike. */
  normalize?(match: string): string;
}

/** A detected value: where it is and what it is, never the value itself (only its keyed hash). */
export interface Finding {
  detector: string;
  label: string;
  category: DataCategory;
  sensitivity: Sensitivity;
  start: number;
  end: number;
  /** Hex HMAC-SHA-256 (or SHA-256 without a key) of the normalized match. */
  hash: string;
}

export const hasDigits = (text: string): boolean => /\d/.test(text);

/** Runs a global regex over the text and reports the matches `accept` keeps; `accept` may also narrow the end. */
export function findByPattern(
  pattern: RegExp,
  text: string,
  found: SpanSink,
  accept?: (match: RegExpExecArray) => number,
): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++; // a tenant pattern may match empty somewhere; step over it instead of looping
      continue;
    }
    const end = accept ? accept(m) : m.index + m[0].length;
    if (end > m.index) found(m.index, end);
  }
}

export const digitsOnly = (s: string): string => s.replace(/\D+/g, '');

/** True when one of `cues` (lower case) occurs within `window` characters before `start`. */
export function cueBefore(text: string, start: number, cues: readonly string[], window: number): boolean {
  const before = text.slice(Math.max(0, start - window), start).toLowerCase();
  for (const cue of cues) if (before.includes(cue)) return true;
  return false;
}
