import { createHmac } from 'node:crypto';
import { type DataClasses, SENSITIVITY_LEVELS, sensitivityRank } from '../../kernel/dataclasses.js';
import { sha256Hex } from '../../kernel/ledger/canonical.js';
import { BUILTIN_DETECTORS } from './builtin/index.js';
import type { Detector, Finding } from './model.js';
import { compileTenantDetectors } from './tenant.js';

export interface ScannerOptions {
  /** The tenant's own patterns and dictionaries (validated here; a bad one throws `Invalid` naming it). */
  tenantDetectors?: readonly unknown[];
  /** Built-in detector ids to leave out. */
  disabled?: readonly string[];
  /**
   * Key for the match hashes. Without one the hash is plain SHA-256, which a low-entropy value (an SSN has 10^9
   * possibilities) does not survive: anyone holding the hash can enumerate it. Pass a per-tenant secret.
   */
  hashKey?: string | Buffer;
}

interface Hit {
  rank: number;
  start: number;
  end: number;
}

/**
 * Runs every detector over a text and reports non-overlapping findings in text order. Build one per tenant (the
 * regexes compile once) and reuse it for every request; it holds no per-request state.
 */
export class Scanner {
  readonly detectors: readonly Detector[];
  private readonly hashKey?: string | Buffer;

  constructor(options: ScannerOptions = {}) {
    const disabled = new Set(options.disabled ?? []);
    this.detectors = [
      ...BUILTIN_DETECTORS.filter((d) => !disabled.has(d.id)),
      ...compileTenantDetectors(options.tenantDetectors ?? []),
    ];
    this.hashKey = options.hashKey;
  }

  scan(text: string): Finding[] {
    if (text.length === 0) return [];
    const hits: Hit[] = [];
    let rank = 0;
    const found = (start: number, end: number): void => void hits.push({ rank, start, end });
    for (; rank < this.detectors.length; rank++) {
      const detector = this.detectors[rank];
      if (detector.mayOccurIn(text)) detector.find(text, found);
    }
    return hits.length === 0 ? [] : this.resolve(text, hits);
  }

  /** The stable hash of a match as findings carry it. */
  hashOf(detector: Detector, match: string): string {
    const canonical = detector.normalize ? detector.normalize(match) : match;
    return this.hashKey ? createHmac('sha256', this.hashKey).update(canonical).digest('hex') : sha256Hex(canonical);
  }

  /**
   * Overlaps: the most sensitive hit keeps its span and less sensitive hits over it are dropped (a token inside a URL's
   * user part is a token, not an email). Equally sensitive hits merge into one finding spanning both, so no part of
   * such a value escapes redaction; it is named by its longest hit, then the earliest detector. One sorted sweep per
   * sensitivity level, so a text stuffed with values costs O(n log n), not O(n²).
   */
  private resolve(text: string, hits: Hit[]): Finding[] {
    let accepted: Hit[] = [];
    for (let level = SENSITIVITY_LEVELS.length - 1; level >= 0; level--) {
      const layer = hits.filter((h) => this.sensitivity(h) === level);
      if (layer.length === 0) continue;
      layer.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
      const free = mergeOverlapping(layer).filter(overlapsNone(accepted));
      accepted = accepted.length === 0 ? free : [...accepted, ...free].sort((a, b) => a.start - b.start);
    }
    return accepted.map((hit) => this.finding(text, hit));
  }

  private sensitivity(hit: Hit): number {
    return sensitivityRank(this.detectors[hit.rank].dataClass.sensitivity);
  }

  private finding(text: string, hit: Hit): Finding {
    const detector = this.detectors[hit.rank];
    const { id, label, dataClass } = detector;
    return { detector: id, label, ...dataClass, start: hit.start, end: hit.end, hash: this.hashOf(detector, text.slice(hit.start, hit.end)) };
  }
}

/** Hits sorted by start → clusters of overlapping hits, each named by its longest hit (then the earliest detector). */
function mergeOverlapping(sorted: Hit[]): Hit[] {
  const clusters: Hit[] = [];
  let cluster = { ...sorted[0] };
  let namerLength = cluster.end - cluster.start;
  for (let i = 1; i < sorted.length; i++) {
    const hit = sorted[i];
    if (hit.start >= cluster.end) {
      clusters.push(cluster);
      cluster = { ...hit };
      namerLength = hit.end - hit.start;
      continue;
    }
    const length = hit.end - hit.start;
    if (length > namerLength || (length === namerLength && hit.rank < cluster.rank)) {
      cluster.rank = hit.rank;
      namerLength = length;
    }
    cluster.end = Math.max(cluster.end, hit.end);
  }
  clusters.push(cluster);
  return clusters;
}

/** A filter for hits sorted by start that keeps those overlapping none of `taken` (sorted, disjoint). */
function overlapsNone(taken: readonly Hit[]): (hit: Hit) => boolean {
  let j = 0;
  return (hit) => {
    while (j < taken.length && taken[j].end <= hit.start) j++;
    return j === taken.length || taken[j].start >= hit.end;
  };
}

/** The data classes a set of findings adds up to: the highest sensitivity and every category seen. */
export function dataClassesOf(findings: readonly Finding[]): DataClasses {
  let sensitivity: DataClasses['sensitivity'] = 'public';
  const categories: DataClasses['categories'] = [];
  for (const f of findings) {
    if (sensitivityRank(f.sensitivity) > sensitivityRank(sensitivity)) sensitivity = f.sensitivity;
    if (!categories.includes(f.category)) categories.push(f.category);
  }
  return { sensitivity, categories };
}
