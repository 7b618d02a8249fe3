import { lowerIsBetter, orderedMetrics } from './format';
import type { CaseResult, EvaluationSummary } from './types';

/** What a case came to: the answer as given (trimmed), or that the call failed. */
export const caseOutcome = (c: CaseResult): string => (c.error !== null ? `error: ${c.error}` : (c.output ?? '').trim());

export interface CaseDifference {
  caseId: string;
  a?: CaseResult;
  b?: CaseResult;
}

const byCaseId = (x: string, y: string) => x.localeCompare(y, undefined, { numeric: true });

/** The cases whose outcome differs between two runs, including those only one run holds, in case order. */
export function differingCases(a: readonly CaseResult[], b: readonly CaseResult[]): CaseDifference[] {
  const inA = new Map(a.map((c) => [c.caseId, c]));
  const inB = new Map(b.map((c) => [c.caseId, c]));
  const ids = [...new Set([...inA.keys(), ...inB.keys()])].sort(byCaseId);
  return ids.flatMap((caseId) => {
    const x = inA.get(caseId);
    const y = inB.get(caseId);
    return x && y && caseOutcome(x) === caseOutcome(y) ? [] : [{ caseId, a: x, b: y }];
  });
}

export interface MetricSideBySide {
  name: string;
  a: number | null;
  b: number | null;
  /** b − a */
  delta: number | null;
  /** which run did better, when they differ */
  better: 'a' | 'b' | null;
}

/** Every metric either run measured, with both figures and which is better. */
export function metricsSideBySide(a: EvaluationSummary | null, b: EvaluationSummary | null): MetricSideBySide[] {
  const names = orderedMetrics([...new Set([...Object.keys(a?.metrics ?? {}), ...Object.keys(b?.metrics ?? {})])]);
  return names.map((name) => {
    const x = a?.metrics[name]?.value ?? null;
    const y = b?.metrics[name]?.value ?? null;
    const delta = x === null || y === null ? null : y - x;
    const better = delta === null || Math.abs(delta) < 1e-12 ? null : delta > 0 !== lowerIsBetter(name) ? 'b' : 'a';
    return { name, a: x, b: y, delta, better };
  });
}
