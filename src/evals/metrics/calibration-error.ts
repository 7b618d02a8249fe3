import { Invalid } from '../../kernel/errors.js';
import type { Metric, MetricOptions, ScoredCase } from './metric.js';

export interface CalibrationBin {
  low: number;
  high: number;
  count: number;
  /** mean confidence of the predictions in the bin */
  confidence: number | null;
  /** share of those predictions that were right */
  accuracy: number | null;
}

function binCount(options: MetricOptions): number {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1 || bins > 100) throw new Invalid('bins must be a whole number from 1 to 100', [{ path: 'options.bins', message: 'from 1 to 100' }]);
  return bins;
}

/** Each case's confidence in its predicted label (NaN when unscored) and whether the prediction was right. */
function confidences(cases: readonly ScoredCase[]): { confidence: Float64Array; correct: Uint8Array } {
  const confidence = new Float64Array(cases.length).fill(Number.NaN);
  const correct = new Uint8Array(cases.length);
  cases.forEach((c, i) => {
    if (c.label === undefined || c.predicted == null) return;
    const score = c.scores?.[c.predicted];
    if (score === undefined) return;
    confidence[i] = score;
    correct[i] = c.predicted === c.label ? 1 : 0;
  });
  return { confidence, correct };
}

function binned(input: ReturnType<typeof confidences>, bins: number, indices?: Uint32Array) {
  const count = new Int32Array(bins);
  const confidenceSum = new Float64Array(bins);
  const correct = new Int32Array(bins);
  let support = 0;
  const n = indices ? indices.length : input.confidence.length;
  for (let j = 0; j < n; j++) {
    const i = indices ? indices[j] : j;
    const c = input.confidence[i];
    if (c !== c) continue;
    const bin = Math.min(bins - 1, Math.floor(c * bins));
    count[bin]++;
    confidenceSum[bin] += c;
    correct[bin] += input.correct[i];
    support++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b] / support) * Math.abs(correct[b] / count[b] - confidenceSum[b] / count[b]);
  return { ece: support ? ece : null, support, count, confidenceSum, correct };
}

/**
 * Expected calibration error: predictions are grouped into equal-width bins by their confidence (the score the model
 * gave the label it predicted; a confidence of exactly 1 falls in the top bin), and the gaps between each bin's
 * accuracy and mean confidence are averaged, weighted by the bin's share of predictions. Cases without a score for
 * their predicted label are left out.
 */
export const expectedCalibrationError: Metric = {
  name: 'expected_calibration_error',
  kind: 'classification',
  better: 'lower',
  description: 'expected calibration error over equal-width confidence bins (default 10)',
  compute(cases, options = {}) {
    const bins = binCount(options);
    const { ece, support, count, confidenceSum, correct } = binned(confidences(cases), bins);
    const detail: CalibrationBin[] = Array.from(count, (n, b) => ({
      low: b / bins, high: (b + 1) / bins, count: n, confidence: n ? confidenceSum[b] / n : null, accuracy: n ? correct[b] / n : null,
    }));
    return { value: ece, support, details: { bins: detail } };
  },
  resampler(cases, options = {}) {
    const bins = binCount(options);
    const input = confidences(cases);
    return (indices) => binned(input, bins, indices).ece;
  },
};
