import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/**
 * A mergeable latency distribution for one rollup bucket: an HDR histogram of whole milliseconds kept to two
 * significant digits.
 *
 * Why HDR rather than a t-digest: merging two HDR histograms adds their counts bucket by bucket, so an hour built
 * from 60 minutes, or a 90-day range built from days, holds exactly the counts a single histogram of all the
 * events would, whatever the merge order. The only error is the bucket width: a reported percentile is the upper
 * edge of the bucket holding the sample at that rank (nearest-rank definition), at most 1/128 (< 1%) above it, and
 * exact below 256 ms where buckets are 1 ms wide. A t-digest's error instead depends on how and in what order
 * digests were merged.
 *
 * Size: about 8 KiB of counters in memory while a bucket is open; the stored form is deflated and a few hundred
 * bytes for a busy minute. Values past one hour grow the histogram rather than being clamped.
 */
const SIGNIFICANT_DIGITS = 2;
const INITIAL_HIGHEST_MS = 3_600_000;

const emptyHistogram = (): Histogram =>
  build({ numberOfSignificantValueDigits: SIGNIFICANT_DIGITS, highestTrackableValue: INITIAL_HIGHEST_MS, autoResize: true });

export class LatencySketch {
  private constructor(private readonly histogram: Histogram) {}

  static empty(): LatencySketch {
    return new LatencySketch(emptyHistogram());
  }

  record(ms: number): void {
    this.histogram.recordValue(ms > 0 ? Math.round(ms) : 0);
  }

  merge(other: LatencySketch): void {
    if (other.count > 0) this.histogram.add(other.histogram);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** The latency at percentile `p` (0–100), or null for an empty sketch. */
  percentile(p: number): number | null {
    return this.count === 0 ? null : this.histogram.getValueAtPercentile(p);
  }

  toBase64(): string {
    return encodeIntoCompressedBase64(this.histogram);
  }

  static fromBase64(text: string): LatencySketch {
    const decoded = decodeFromCompressedBase64(text);
    // Decoded histograms take the encoded range; copy into the standard shape so later merges behave alike.
    const sketch = LatencySketch.empty();
    sketch.histogram.add(decoded);
    return sketch;
  }
}
