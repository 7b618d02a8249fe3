import { Invalid } from '../../kernel/errors.js';
import type { Metric, MetricOptions, ScoredCase } from '../metrics/metric.js';
import { alignCases } from './pairs.js';

export interface McNemarResult {
  method: 'mcnemar';
  metric: string;
  /** cases only the baseline got right */
  baselineOnly: number;
  /** cases only the candidate got right */
  candidateOnly: number;
  pairs: number;
  /** two-sided exact p-value */
  pValue: number;
  alpha: number;
  /** the candidate loses significantly more cases than it wins */
  significantRegression: boolean;
}

/** log of Σ_{k≤m} C(n,k) / 2ⁿ, summed in log space so large n does not underflow. */
function logLowerTail(n: number, m: number): number {
  let logC = 0;
  let max = -Infinity;
  const terms: number[] = [];
  for (let k = 0; k <= m; k++) {
    if (k > 0) logC += Math.log(n - k + 1) - Math.log(k);
    terms.push(logC);
    if (logC > max) max = logC;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return max + Math.log(sum) - n * Math.LN2;
}

/**
 * McNemar's test on pass/fail outcomes of the same cases, exact form: under "no difference" the discordant cases split
 * like fair coin tosses, so p = 2·P(X ≤ min(b, c)) for X ~ Binomial(b + c, ½), capped at 1.
 */
export function mcnemar(baselineCorrect: ArrayLike<boolean>, candidateCorrect: ArrayLike<boolean>, alpha = 0.05, metric = 'pass'): McNemarResult {
  if (baselineCorrect.length !== candidateCorrect.length) throw new Invalid('McNemar needs the same cases in both runs');
  let b = 0;
  let c = 0;
  for (let i = 0; i < baselineCorrect.length; i++) {
    if (baselineCorrect[i] && !candidateCorrect[i]) b++;
    else if (!baselineCorrect[i] && candidateCorrect[i]) c++;
  }
  const n = b + c;
  const pValue = n === 0 ? 1 : Math.min(1, 2 * Math.exp(logLowerTail(n, Math.min(b, c))));
  return { method: 'mcnemar', metric, baselineOnly: b, candidateOnly: c, pairs: baselineCorrect.length, pValue, alpha, significantRegression: pValue < alpha && b > c };
}

/** McNemar's test on a pass/fail metric (accuracy, exact match, assertion pass rate …) over the cases both runs share. */
export function mcnemarForMetric(metric: Metric, baselineCases: readonly ScoredCase[], candidateCases: readonly ScoredCase[], alpha = 0.05, options: MetricOptions = {}): McNemarResult {
  if (!metric.scorer) throw new Invalid(`${metric.name} is not scored case by case; compare it with the paired bootstrap`);
  const score = metric.scorer(options);
  const aligned = alignCases(baselineCases, candidateCases);
  const baseline: boolean[] = [];
  const candidate: boolean[] = [];
  aligned.candidate.forEach((c, i) => {
    const sb = score(aligned.baseline[i]);
    const sc = score(c);
    if (sb === null || sc === null) return;
    if ((sb !== 0 && sb !== 1) || (sc !== 0 && sc !== 1)) throw new Invalid(`${metric.name} is not pass/fail per case; compare it with the paired bootstrap`);
    const passed = metric.better === 'higher' ? 1 : 0;
    baseline.push(sb === passed);
    candidate.push(sc === passed);
  });
  return mcnemar(baseline, candidate, alpha, metric.name);
}
