import type { DatasetRow } from '../datasets/rows.js';
import type { ScoredCase } from './metric.js';

/** What one call of the model under evaluation produced. */
export interface CallOutcome {
  output: string | null;
  latencyMs?: number;
  costUsd?: number;
  error?: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads the label an answer names: the whole answer, ignoring case, surrounding space, quotes and final punctuation
 * ("Billing." names billing); failing that, the one label that occurs as a whole word ("It is billing, I think").
 * An answer that names no label or several names none (null), which counts as wrong.
 */
export function labelReader(labels: Iterable<string>): (output: string | null) => string | null {
  const byLower = new Map<string, string>();
  for (const label of labels) byLower.set(label.toLowerCase(), label);
  const words = [...byLower].map(([lower, label]) => ({ label, re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(lower)}(?![\\p{L}\\p{N}])`, 'u') }));
  return (output) => {
    if (output === null) return null;
    const lower = output.trim().replace(/^["'`*]+|["'`*.!]+$/g, '').toLowerCase();
    const exact = byLower.get(lower);
    if (exact !== undefined) return exact;
    let found: string | null = null;
    for (const { label, re } of words) {
      if (!re.test(lower)) continue;
      if (found !== null) return null;
      found = label;
    }
    return found;
  };
}

/** Joins a dataset row with the model's answer into the case metrics read. */
export function toScoredCase(row: DatasetRow, outcome: CallOutcome, readLabel?: (output: string | null) => string | null): ScoredCase {
  const scored: ScoredCase = { id: row.id, output: outcome.output, latencyMs: outcome.latencyMs, costUsd: outcome.costUsd, error: outcome.error };
  if ('label' in row) {
    scored.label = row.label;
    scored.predicted = readLabel ? readLabel(outcome.output) : (outcome.output?.trim() ?? null);
    scored.scores = row.scores;
  } else if ('question' in row) {
    scored.reference = row.reference;
    scored.contexts = row.contexts;
  } else {
    scored.reference = row.reference;
    if (row.context !== undefined) scored.contexts = [row.context];
    scored.assertions = row.assertions;
  }
  return scored;
}
