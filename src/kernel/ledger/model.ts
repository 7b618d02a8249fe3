import { canonicalJson, sha256Hex } from './canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one ledger entry. */
export interface LedgerRecord {
  tenantId: string;
  seq: number;
  at: string;
  actorKind: string;
  actorId: string;
  /** Hashed too: the name the ledger shows must not be editable without breaking the chain. */
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

export interface ChainedRecord extends LedgerRecord {
  prevHash: string;
  hash: string;
}

/** Each entry hashes its canonical JSON together with the previous entry's hash. */
export function chainHash(prevHash: string, record: LedgerRecord): string {
  return sha256Hex(prevHash + recordJson(record));
}

/** chainHash of a record whose before and after are given as their canonical JSON text ('null' for none). */
export function chainHashOfJson(prevHash: string, record: RecordFields, beforeJson: string, afterJson: string): string {
  return sha256Hex(prevHash + recordJsonOf(record, beforeJson, afterJson));
}

type RecordFields = Omit<LedgerRecord, 'before' | 'after'>;

/** The hashed text of a record: canonicalJson({ tenantId, seq, at, actor, action, subject, before, after }). */
export function recordJson(record: LedgerRecord): string {
  const before = record.before ?? null;
  const after = record.after ?? null;
  if (!dropped(before) && !dropped(after) && hasAllFields(record)) return recordJsonOf(record, canonicalJson(before), canonicalJson(after));
  // The definition itself, for records with missing fields (canonicalJson leaves those keys out).
  return canonicalJson({
    tenantId: record.tenantId,
    seq: record.seq,
    at: record.at,
    actor: [record.actorKind, record.actorId, record.actorName],
    action: record.action,
    subject: [record.subjectType, record.subjectId],
    before,
    after,
  });
}

/** What canonicalJson leaves out of an object. */
const dropped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
const hasAllFields = (r: RecordFields) => !dropped(r.tenantId) && !dropped(r.seq) && !dropped(r.at) && !dropped(r.action);

/**
 * The same text canonicalJson gives for the record object, written directly: its keys in sorted order
 * (action, actor, after, at, before, seq, subject, tenantId), so nothing is sorted or allocated per entry.
 */
function recordJsonOf(r: RecordFields, beforeJson: string, afterJson: string): string {
  const q = canonicalJson;
  return `{"action":${q(r.action)},"actor":[${q(r.actorKind)},${q(r.actorId)},${q(r.actorName)}],"after":${afterJson},"at":${q(r.at)},"before":${beforeJson},"seq":${q(r.seq)},"subject":[${q(r.subjectType)},${q(r.subjectId)}],"tenantId":${q(r.tenantId)}}`;
}

/** An entry as the database holds it: before and after as JSON text (null for none). */
export interface StoredRecord extends RecordFields {
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
  hash: string;
}

/**
 * Whether a stored entry hashes to its recorded hash after `prevHash` (a 64-digit hash the verifier already trusts).
 * The ledger stores before/after as the canonical text it hashed, so an intact entry hashes its stored text as is, with
 * no parsing. That is sound only if the hashed string fixes where before and after end: otherwise text could be
 * shifted between after, at and before without changing it. Two checks establish that, cheapest first:
 *  - neither text contains `,"at":"` (see `boundariesFixed`), a native substring search that nearly every entry passes;
 *  - else each text spans exactly one JSON value (`isOneJsonValue`, a scan in JavaScript).
 * Anything that fails them, or whose text does not hash as stored (entries stored before the text was canonical, text
 * reformatted by hand), is parsed and re-canonicalised, exactly as it was hashed.
 */
export function storedHashMatches(prevHash: string, e: StoredRecord): boolean {
  if (hasStringFields(e) && typeof e.seq === 'number') {
    const before = e.beforeJson;
    const after = e.afterJson;
    if (boundariesFixed(before) && boundariesFixed(after)) {
      if (sha256Hex(storedText(prevHash, e, before ?? 'null', after ?? 'null')) === e.hash) return true;
    } else if (isOneJsonValue(before) && isOneJsonValue(after) && sha256Hex(storedText(prevHash, e, before ?? 'null', after ?? 'null')) === e.hash) {
      return true;
    }
  }
  let before: unknown;
  let after: unknown;
  try {
    before = e.beforeJson === null || e.beforeJson === '' ? null : JSON.parse(e.beforeJson);
    after = e.afterJson === null || e.afterJson === '' ? null : JSON.parse(e.afterJson);
  } catch {
    return false; // text that is not JSON was not written by the ledger
  }
  return chainHash(prevHash, { ...e, before, after }) === e.hash;
}

/** prevHash + recordJsonOf(e, ...), for fields known to be strings: JSON.stringify is what canonicalJson gives them. */
function storedText(prevHash: string, e: RecordFields, beforeJson: string, afterJson: string): string {
  const q = JSON.stringify;
  return `${prevHash}{"action":${q(e.action)},"actor":[${q(e.actorKind)},${q(e.actorId)},${q(e.actorName)}],"after":${afterJson},"at":${q(e.at)},"before":${beforeJson},"seq":${canonicalJson(e.seq)},"subject":[${q(e.subjectType)},${q(e.subjectId)}],"tenantId":${q(e.tenantId)}}`;
}

const hasStringFields = (e: RecordFields) =>
  typeof e.tenantId === 'string' && typeof e.at === 'string' && typeof e.action === 'string' && typeof e.actorKind === 'string' &&
  typeof e.actorId === 'string' && typeof e.actorName === 'string' && typeof e.subjectType === 'string' && typeof e.subjectId === 'string';

const AT_KEY = ',"at":"';

/**
 * True when `text` (stored before or after; null for none) cannot have moved a boundary of the hashed string.
 *
 * The hashed string is H + `{"action":`Q`,"actor":[`Q`,`Q`,`Q`],"after":`A`,"at":`Q`,"before":`B`,"seq":`N
 * `,"subject":[`Q`,`Q`],"tenantId":`Q`}`, where H is the trusted previous hash, each Q a JSON string literal and N an
 * integer. Suppose stored fields give the same string S as the fields that were hashed (A0 and B0 canonical JSON).
 * Reading from the start, string literals end at their first unescaped quote, so A starts where A0 did. Reading from
 * the end, two literals ending at the same place start at the same place too (a quote inside a literal follows a
 * backslash, the quote opening each literal here follows `[`, `,` or `:`), and N is digits after `:`, so B ends where
 * B0 did. If A ran past the end of A0, the `,"at":"` that follows A in S would have to occur
 * later in S0: not inside a literal (its quotes are escaped there) and not in the fixed text, so inside B0, and A would
 * contain all of `,"at":"` Q0 `,"before":`. If A stopped short of the end of A0, A0 continues with `,"at":"`, the
 * at literal closes inside A0 (S0 has an unescaped quote right after A0), so B starts no later than the end of A0 and
 * contains A0's following `,"at":"`. If A = A0, the at literal is the same and so is B. So when neither stored text
 * contains `,"at":"`, equal strings mean equal fields. Canonical text only contains it for an object with a key "at"
 * holding a string (not as the first key); those entries take the full scan.
 */
function boundariesFixed(text: string | null): boolean {
  return text === null || text.indexOf(AT_KEY) === -1;
}

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93;

/**
 * True when `text` is null (JSON null) or spans exactly one JSON value: a string literal; an object or array whose
 * brackets first balance at its last character (strings and escapes respected); or a bare token (number, true,
 * false, null) with no structural character. It does not validate JSON: an intact entry's text is valid JSON, and for
 * such text these checks fix where each value ends, which is all the fast path needs.
 */
function isOneJsonValue(text: string | null): boolean {
  if (text === null) return true;
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  if (first === QUOTE) return stringEnd(text, 0) === n - 1;
  if (first !== LBRACE && first !== LBRACKET) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE || c === COMMA || c === COLON || c === LBRACE || c === RBRACE || c === LBRACKET || c === RBRACKET) return false;
    }
    return true;
  }
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return false;
    } else if (c === LBRACE || c === LBRACKET) {
      depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      if (--depth === 0) return i === n - 1;
    }
  }
  return false;
}

/** The index of the quote that closes the string literal opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

export type ChainBreak =
  | { kind: 'modified'; seq: number; detail: string }
  | { kind: 'deleted'; seq: number; detail: string }
  | { kind: 'reordered'; seq: number; detail: string }
  | { kind: 'truncated'; seq: number; detail: string };

export interface VerifyResult {
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  firstBreak?: ChainBreak;
}

/** One segment of a chain as a segment verifier saw it (see ChainVerifier.segment). */
export interface ChainSegment {
  /** The segment's first entry: its seq and the prev_hash it names; undefined for an empty segment. */
  first: { seq: number; prevHash: string } | undefined;
  /** Entries looked at, up to and including the first break. */
  entries: number;
  lastSeq: number;
  lastHash: string;
  firstBreak: ChainBreak | undefined;
}

/**
 * Walks a tenant's chain in seq order. It reports the first entry whose content no longer matches its hash
 * (modified), a gap in the sequence (deleted), an entry whose prev_hash names another predecessor (reordered),
 * or a chain that ends before its recorded head (truncated).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  /** The first entry of a segment (see segment()). */
  private first: { seq: number; prevHash: string } | undefined;
  firstBreak: ChainBreak | undefined;

  /**
   * A verifier for one segment of a chain: a run of consecutive entries in seq order, read apart from the rest (by
   * another thread, say). Its first entry is taken at its word for its place in the chain (its seq and prev_hash);
   * pushSegment checks that place when the segments are joined in order. Every other check runs as in a whole walk.
   */
  static segment(): ChainVerifier {
    return new ChainVerifier(true);
  }

  constructor(private readonly isSegment = false) {}

  push(entry: ChainedRecord): boolean {
    return this.follows(entry) && this.accept(entry, chainHash(this.prevHash, entry) === entry.hash);
  }

  /** As push, for an entry whose before and after are the JSON text the database holds (see storedHashMatches). */
  pushStored(entry: StoredRecord): boolean {
    return this.follows(entry) && this.accept(entry, storedHashMatches(this.prevHash, entry));
  }

  /** Counts the entry and checks its place in the chain: the next seq, naming the previous entry's hash. */
  private follows(entry: { seq: number; prevHash: string }): boolean {
    if (this.firstBreak) return false;
    if (this.count === 0 && this.isSegment) {
      this.first = { seq: entry.seq, prevHash: entry.prevHash };
      this.expectedSeq = entry.seq;
      this.prevHash = entry.prevHash;
    }
    this.count++;
    if (entry.seq !== this.expectedSeq) {
      this.firstBreak =
        entry.seq > this.expectedSeq
          ? { kind: 'deleted', seq: this.expectedSeq, detail: `entries ${this.expectedSeq}..${entry.seq - 1} are missing` }
          : { kind: 'reordered', seq: entry.seq, detail: `entry ${entry.seq} appears after ${this.expectedSeq - 1}` };
      return false;
    }
    if (entry.prevHash !== this.prevHash) {
      this.firstBreak = { kind: 'reordered', seq: entry.seq, detail: `entry ${entry.seq} does not follow entry ${entry.seq - 1}` };
      return false;
    }
    return true;
  }

  private accept(entry: { seq: number; hash: string }, hashMatches: boolean): boolean {
    if (!hashMatches) {
      this.firstBreak = { kind: 'modified', seq: entry.seq, detail: `entry ${entry.seq} was changed after it was written` };
      return false;
    }
    this.prevHash = entry.hash;
    this.expectedSeq++;
    return true;
  }

  /** What a segment verifier found, for pushSegment (structured-cloneable). */
  segmentResult(): ChainSegment {
    return { first: this.first, entries: this.count, lastSeq: this.expectedSeq - 1, lastHash: this.prevHash, firstBreak: this.firstBreak };
  }

  /**
   * Joins the next segment of the chain, as if its entries had been pushed one by one: its first entry must follow the
   * entries so far (checked here, exactly as push checks it), and then the segment's own findings stand.
   */
  pushSegment(segment: ChainSegment): boolean {
    if (this.firstBreak) return false;
    if (!segment.first) return true;
    if (!this.follows(segment.first)) return false;
    this.count += segment.entries - 1;
    // Where the segment's walk stopped: its end, or the last entry it accepted before its first break.
    this.expectedSeq = segment.lastSeq + 1;
    this.prevHash = segment.lastHash;
    this.firstBreak = segment.firstBreak;
    return !segment.firstBreak;
  }

  finish(head?: { seq: number; hash: string }): VerifyResult {
    const lastSeq = this.expectedSeq - 1;
    if (!this.firstBreak && head && (head.seq !== lastSeq || head.hash !== this.prevHash)) {
      this.firstBreak =
        head.seq > lastSeq
          ? { kind: 'truncated', seq: lastSeq + 1, detail: `the chain ends at ${lastSeq} but its head records ${head.seq}` }
          : { kind: 'modified', seq: head.seq, detail: `the chain head does not match entry ${head.seq}` };
    }
    return { ok: !this.firstBreak, entries: this.count, headSeq: lastSeq, headHash: this.prevHash, firstBreak: this.firstBreak };
  }
}
