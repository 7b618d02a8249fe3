import { canonicalJson, sha256Hex } from './canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one ledger entry. */
export interface LedgerRecord {
  tenantId: string;
  seq: number;
  at: string;
  actorKind: string;
  actorId: string;
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
  return sha256Hex(
    prevHash +
      canonicalJson({
        tenantId: record.tenantId,
        seq: record.seq,
        at: record.at,
        actor: [record.actorKind, record.actorId],
        action: record.action,
        subject: [record.subjectType, record.subjectId],
        before: record.before ?? null,
        after: record.after ?? null,
      }),
  );
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
    const recomputed = chainHash(this.prevHash, entry);
    if (recomputed !== entry.hash) {
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
