import type { ScoredCase } from '../metrics/metric.js';

/** The cases two runs share, matched by id and kept in the candidate's order; a case only one run has is left out. */
export function alignCases(baseline: readonly ScoredCase[], candidate: readonly ScoredCase[]): { baseline: ScoredCase[]; candidate: ScoredCase[] } {
  const byId = new Map<string, ScoredCase>();
  for (const c of baseline) byId.set(c.id, c);
  const matchedBaseline: ScoredCase[] = [];
  const matchedCandidate: ScoredCase[] = [];
  for (const c of candidate) {
    const other = byId.get(c.id);
    if (!other) continue;
    matchedBaseline.push(other);
    matchedCandidate.push(c);
  }
  return { baseline: matchedBaseline, candidate: matchedCandidate };
}
