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
 * no parsing. That is sound only if each text is one complete JSON value: otherwise text could be shifted between
 * before, at and after without changing the hashed string. Anything that fails the fast check (entries stored before
 * the text was canonical, text reformatted by hand) is parsed and re-canonicalised, exactly as it was hashed.
 */
function storedHashMatches(prevHash: string, e: StoredRecord): boolean {
  if (
    isOneJsonValue(e.beforeJson) && isOneJsonValue(e.afterJson) && typeof e.seq === 'number' && typeof e.tenantId === 'string' &&
    typeof e.at === 'string' && typeof e.action === 'string' &&
    sha256Hex(prevHash + recordJsonOf(e, e.beforeJson ?? 'null', e.afterJson ?? 'null')) === e.hash
  ) return true;
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

/**
 * Walks a tenant's chain in seq order. It reports the first entry whose content no longer matches its hash
 * (modified), a gap in the sequence (deleted), an entry whose prev_hash names another predecessor (reordered),
 * or a chain that ends before its recorded head (truncated).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  firstBreak: ChainBreak | undefined;

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
