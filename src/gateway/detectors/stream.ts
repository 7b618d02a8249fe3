import type { Finding } from './model.js';
import type { RedactionSession } from './redaction.js';
import type { Scanner } from './scanner.js';

/** A text transform applied to an answer as it streams: feed each chunk, emit what `push` returns, then `end()`. */
export interface TextStreamTransform {
  push(chunk: string): string;
  end(): string;
}

export interface StreamRedactorOptions {
  /** Characters always held back, enough for a value with spaces inside (IBAN, phone) to arrive whole. */
  window?: number;
  /** Characters of already released text kept for the detectors' look-behind and context cues. */
  context?: number;
  /** Most a value still growing at the end of the stream (a token, a key block) may hold back before release. */
  maxHold?: number;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Redacts an answer chunk by chunk. It holds back only the tail that may still be part of a value: the last `window`
 * characters, the word still arriving, and any finding that reaches the end. So memory is bounded by
 * `context + maxHold`, never by the answer. Findings are reported with offsets in the whole stream.
 */
export class StreamRedactor implements TextStreamTransform {
  readonly findings: Finding[] = [];
  private buffer = '';
  private released = 0; // buffer[0, released) went out already and is kept only as context
  private offset = 0; // stream offset of buffer[0]
  private readonly window: number;
  private readonly context: number;
  private readonly maxHold: number;

  constructor(
    private readonly scanner: Scanner,
    private readonly session: RedactionSession,
    options: StreamRedactorOptions = {},
  ) {
    this.window = options.window ?? 128;
    this.context = options.context ?? 96;
    this.maxHold = options.maxHold ?? 16_384;
  }

  push(chunk: string): string {
    this.buffer += chunk;
    return this.release(false);
  }

  end(): string {
    return this.release(true);
  }

  private release(final: boolean): string {
    const text = this.buffer;
    const findings = this.scanner.scan(text).filter((f) => f.start >= this.released);
    const cut = final ? text.length : this.cutPoint(text, findings);
    if (cut <= this.released) return '';
    let out = '';
    let at = this.released;
    for (const f of findings) {
      if (f.start >= cut) break;
      out += text.slice(at, f.start) + this.session.placeholderFor(f, text.slice(f.start, f.end));
      this.findings.push({ ...f, start: f.start + this.offset, end: f.end + this.offset });
      at = f.end;
    }
    out += text.slice(at, Math.max(at, cut));
    const keepFrom = Math.max(0, Math.max(at, cut) - this.context);
    this.buffer = text.slice(keepFrom);
    this.offset += keepFrom;
    this.released = Math.max(at, cut) - keepFrom;
    return out;
  }

  /** Where released text ends: before the held tail, and never inside a finding (a forced release takes it whole). */
  private cutPoint(text: string, findings: readonly Finding[]): number {
    let cut = text.length - this.window;
    let word = text.length;
    while (word > this.released && !isSpace(text.charCodeAt(word - 1))) word--;
    if (word < cut) cut = word;
    for (const f of findings) if (f.end > cut || f.end === text.length) cut = Math.min(cut, f.start);
    if (text.length - cut > this.maxHold) {
      cut = text.length - this.window;
      for (const f of findings) if (f.start < cut && f.end > cut) cut = f.end;
    }
    return Math.max(cut, this.released);
  }
}

/**
 * Restores placeholders in an answer chunk by chunk. It holds back at most one partial placeholder (`[EMA` waiting
 * for `IL_1]`), so the hold is bounded by the session's longest placeholder.
 */
export class StreamRestorer implements TextStreamTransform {
  private pending = '';

  constructor(private readonly session: RedactionSession) {}

  push(chunk: string): string {
    const text = this.pending + chunk;
    const open = text.lastIndexOf('[');
    if (open === -1 || this.session.size === 0 || !this.couldBePlaceholder(text, open)) {
      this.pending = '';
      return this.session.restore(text);
    }
    this.pending = text.slice(open);
    return this.session.restore(text.slice(0, open));
  }

  end(): string {
    const rest = this.session.restore(this.pending);
    this.pending = '';
    return rest;
  }

  private couldBePlaceholder(text: string, open: number): boolean {
    if (text.length - open >= this.session.longestPlaceholder) return false;
    for (let i = open + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
    }
    return true;
  }
}
