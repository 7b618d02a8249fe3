import type { Finding } from './model.js';

/** `[EMAIL_1]`, `[NHS_NUMBER_2]`: the stem is the detector's label, the number counts distinct values per label. */
export const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

/**
 * The placeholders of one request. The same value (by its finding hash) always gets the same placeholder, so
 * "mail a@x.com, then cc a@x.com" stays coherent for the model; `restore` puts the originals back into the answer.
 */
export class RedactionSession {
  private readonly placeholderByHash = new Map<string, string>();
  private readonly originalByPlaceholder = new Map<string, string>();
  private readonly countByLabel = new Map<string, number>();
  /** Length of the longest placeholder issued; a streaming restorer never needs to hold back more. */
  longestPlaceholder = 0;

  get size(): number {
    return this.originalByPlaceholder.size;
  }

  /** Replaces each finding's span (findings in text order, as a Scanner reports them) with its placeholder. */
  redact(text: string, findings: readonly Finding[]): string {
    if (findings.length === 0) return text;
    let redacted = '';
    let at = 0;
    for (const f of findings) {
      redacted += text.slice(at, f.start) + this.placeholderFor(f, text.slice(f.start, f.end));
      at = f.end;
    }
    return redacted + text.slice(at);
  }

  placeholderFor(finding: Finding, original: string): string {
    const known = this.placeholderByHash.get(finding.hash);
    if (known) return known;
    const n = (this.countByLabel.get(finding.label) ?? 0) + 1;
    this.countByLabel.set(finding.label, n);
    const placeholder = `[${finding.label}_${n}]`;
    this.placeholderByHash.set(finding.hash, placeholder);
    this.originalByPlaceholder.set(placeholder, original);
    if (placeholder.length > this.longestPlaceholder) this.longestPlaceholder = placeholder.length;
    return placeholder;
  }

  /** Puts the original values back where the answer repeats a placeholder; unknown placeholders stay as they are. */
  restore(text: string): string {
    if (this.originalByPlaceholder.size === 0 || !text.includes('[')) return text;
    return text.replace(PLACEHOLDER, (p) => this.originalByPlaceholder.get(p) ?? p);
  }
}
