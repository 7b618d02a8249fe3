import { describe, expect, it } from 'vitest';
import { type ChainedRecord, ChainVerifier, chainHash, GENESIS_HASH, type LedgerRecord } from './model.js';

/** A valid chain of n entries, built the way the ledger builds it. */
function chain(n: number, tenantId = 'tn_a'): ChainedRecord[] {
  const out: ChainedRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const record: LedgerRecord = {
      tenantId, seq, at: `2026-03-02T09:00:0${seq % 10}.000Z`, actorKind: 'user', actorId: 'usr_1', actorName: 'Ada',
      action: 'usecase.update', subjectType: 'use_case', subjectId: `uc_${seq}`, before: { v: seq - 1 }, after: { v: seq },
    };
    const hash = chainHash(prev, record);
    out.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function verify(entries: ChainedRecord[], head?: { seq: number; hash: string }) {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return v.finish(head);
}

const headOf = (entries: ChainedRecord[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('chainHash', () => {
  it('depends on the previous hash and on every hashed field', () => {
    const [e] = chain(1);
    const base = chainHash(GENESIS_HASH, e);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash('f'.repeat(64), e)).not.toBe(base);
    const fields: Partial<LedgerRecord>[] = [
      { tenantId: 'tn_b' }, { seq: 2 }, { at: '2026-03-02T09:00:02.000Z' }, { actorKind: 'token' }, { actorId: 'usr_2' },
      { actorName: 'Mallory' }, { action: 'usecase.create' }, { subjectType: 'token' }, { subjectId: 'uc_x' }, { before: null }, { after: { v: 2 } },
    ];
    for (const change of fields) expect(chainHash(GENESIS_HASH, { ...e, ...change }), JSON.stringify(change)).not.toBe(base);
  });

  it('does not depend on key order inside before/after', () => {
    const [e] = chain(1);
    expect(chainHash(GENESIS_HASH, { ...e, after: { b: 1, a: 2 } })).toBe(chainHash(GENESIS_HASH, { ...e, after: { a: 2, b: 1 } }));
  });
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    expect(verify(entries, headOf(entries))).toEqual({ ok: true, entries: 5, headSeq: 5, headHash: entries[4].hash, firstBreak: undefined });
  });

  it('accepts an empty chain with no head', () => {
    expect(verify([])).toMatchObject({ ok: true, entries: 0, headSeq: 0, headHash: GENESIS_HASH });
  });

  it('names a modified entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], after: { v: 999 } };
    expect(verify(entries, headOf(entries)).firstBreak).toMatchObject({ kind: 'modified', seq: 3 });
  });

  it('names the first missing entry of a gap', () => {
    const entries = chain(6).filter((e) => e.seq !== 3 && e.seq !== 4);
    expect(verify(entries).firstBreak).toMatchObject({ kind: 'deleted', seq: 3, detail: 'entries 3..4 are missing' });
  });

  it('names a deleted first entry', () => {
    expect(verify(chain(3).slice(1)).firstBreak).toMatchObject({ kind: 'deleted', seq: 1 });
  });

  it('names reordered entries whose seq was swapped', () => {
    const entries = chain(5);
    const swapped = [entries[0], { ...entries[2], seq: 2 }, { ...entries[1], seq: 3 }, entries[3], entries[4]];
    expect(verify(swapped).firstBreak).toMatchObject({ kind: 'reordered', seq: 2 });
  });

  it('names an entry that arrives out of sequence', () => {
    const entries = chain(3);
    expect(verify([entries[0], entries[1], entries[1]]).firstBreak).toMatchObject({ kind: 'reordered', seq: 2 });
  });

  it('names a truncated tail against the recorded head', () => {
    const entries = chain(5);
    expect(verify(entries.slice(0, 3), headOf(entries)).firstBreak).toMatchObject({ kind: 'truncated', seq: 4 });
  });

  it('names a head whose hash does not match its entry', () => {
    const entries = chain(5);
    expect(verify(entries, { seq: 5, hash: 'e'.repeat(64) }).firstBreak).toMatchObject({ kind: 'modified', seq: 5 });
  });

  it('stops at the first break', () => {
    const entries = chain(5);
    entries[1] = { ...entries[1], action: 'x' };
    entries[3] = { ...entries[3], action: 'y' };
    const v = new ChainVerifier();
    expect(entries.map((e) => v.push(e))).toEqual([true, false, false, false, false]);
    expect(v.finish().firstBreak?.seq).toBe(2);
  });
});
