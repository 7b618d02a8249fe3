import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { ChainVerifier, chainHash, chainHashOfJson, GENESIS_HASH, type LedgerRecord, recordJson, type StoredRecord } from './model.js';

/** Entries as the ledger stores them: before/after as their canonical text, hashed as such. */
function storedChain(values: { before: unknown; after: unknown }[], text: (v: unknown) => string | null = (v) => (v === null ? null : canonicalJson(v))): StoredRecord[] {
  const out: StoredRecord[] = [];
  let prev = GENESIS_HASH;
  values.forEach(({ before, after }, i) => {
    const fields = {
      tenantId: 'tn_a', seq: i + 1, at: `2026-03-02T09:00:0${i % 10}.000Z`, actorKind: 'user', actorId: 'usr_1', actorName: 'Ada',
      action: 'usecase.update', subjectType: 'use_case', subjectId: `uc_${i}`,
    };
    const hash = chainHash(prev, { ...fields, before, after });
    out.push({ ...fields, beforeJson: text(before), afterJson: text(after), prevHash: prev, hash });
    prev = hash;
  });
  return out;
}

function verify(entries: StoredRecord[]) {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.pushStored(e)) break;
  return v.finish({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
}

const values = [
  { before: null, after: { title: 'Claims triage', stage: 'intake', tags: ['a', 'b'], score: 61.5 } },
  { before: { stage: 'intake' }, after: { stage: 'triage', reason: null } },
  { before: 'a "quoted" \\ string }{][', after: 42 },
  { before: true, after: [1, 'two', { three: 3 }] },
  { before: { nested: { s: 'brace } and bracket ] in a string', esc: 'back\\slash "q"' } }, after: { at: 'x', before: 'y' } },
];

describe('recordJson and chainHashOfJson', () => {
  it('write the same text as canonicalJson of the record object', () => {
    const r: LedgerRecord = {
      tenantId: 't', seq: 3, at: '2026-01-01T00:00:00.000Z', actorKind: 'user', actorId: 'u', actorName: 'N "x"',
      action: 'a', subjectType: 's', subjectId: 'i', before: { b: 1, a: [new Date(0)] }, after: null,
    };
    const expected = canonicalJson({
      tenantId: r.tenantId, seq: r.seq, at: r.at, actor: [r.actorKind, r.actorId, r.actorName], action: r.action,
      subject: [r.subjectType, r.subjectId], before: r.before, after: r.after,
    });
    expect(recordJson(r)).toBe(expected);
    const { before, after, ...fields } = r;
    expect(chainHashOfJson(GENESIS_HASH, fields, canonicalJson(before), canonicalJson(after))).toBe(chainHash(GENESIS_HASH, r));
  });
});

describe('ChainVerifier.pushStored', () => {
  it('accepts an intact chain of canonical text, whatever the JSON values are', () => {
    expect(verify(storedChain(values))).toMatchObject({ ok: true, entries: values.length });
  });

  it('accepts entries stored as JSON.stringify in insertion order (written before the text was canonical)', () => {
    const entries = storedChain([{ before: { z: 1, a: 2 }, after: { stage: 'pilot', reason: 'ok' } }, ...values], (v) => (v === null ? null : JSON.stringify(v)));
    expect(entries[0].beforeJson).toBe('{"z":1,"a":2}');
    expect(verify(entries)).toMatchObject({ ok: true });
  });

  it('accepts text reformatted without changing its data, as parsing verification did', () => {
    const entries = storedChain(values);
    entries[1] = { ...entries[1], afterJson: '{ "stage" : "triage",\n "reason": null }' };
    expect(verify(entries)).toMatchObject({ ok: true });
  });

  it('names an entry whose text was shifted between after, at and before so the hashed string stays the same', () => {
    const [e] = storedChain([{ before: { a: 0, at: 'V', before: { w: 2 } }, after: { x: 1 } }]);
    const segment = (x: StoredRecord) => `"after":${x.afterJson},"at":${JSON.stringify(x.at)},"before":${x.beforeJson}`;
    // The after text swallows the real at and the start of before; the rest of before poses as at and before.
    const tampered: StoredRecord = { ...e, afterJson: `{"x":1},"at":${JSON.stringify(e.at)},"before":{"a":0`, at: 'V', beforeJson: '{"w":2}}' };
    expect(segment(tampered)).toBe(segment(e));
    expect(verify([tampered]).firstBreak).toMatchObject({ kind: 'modified', seq: 1 });
  });

  it('accepts intact text holding an "at" key (the scan path) and names the same text shifted the other way', () => {
    const [e] = storedChain([{ before: { w: 2 }, after: { a: 0, at: 'V', before: { w: 1 } } }]);
    expect(e.afterJson).toContain(',"at":"');
    expect(verify([e])).toMatchObject({ ok: true });
    // after stops short and hands its tail to at and before; the hashed string is unchanged.
    const segment = (x: StoredRecord) => `"after":${x.afterJson},"at":${JSON.stringify(x.at)},"before":${x.beforeJson}`;
    const tampered: StoredRecord = { ...e, afterJson: '{"a":0', at: 'V', beforeJson: `{"w":1}},"at":${JSON.stringify(e.at)},"before":{"w":2}` };
    expect(segment(tampered)).toBe(segment(e));
    expect(tampered.afterJson).not.toContain(',"at":"');
    expect(verify([tampered]).firstBreak).toMatchObject({ kind: 'modified', seq: 1 });
  });

  it('names an entry whose text is not JSON instead of throwing', () => {
    const entries = storedChain(values);
    entries[2] = { ...entries[2], beforeJson: '{"stage":' };
    expect(verify(entries).firstBreak).toMatchObject({ kind: 'modified', seq: 3 });
  });

  it('names modified text, cleared text and modified fields', () => {
    const cases: Partial<StoredRecord>[] = [{ afterJson: '{"reason":null,"stage":"pilot"}' }, { beforeJson: null }, { actorName: 'Mallory' }, { at: '2020-01-01T00:00:00.000Z' }, { seq: 2, prevHash: GENESIS_HASH }];
    for (const change of cases) {
      const entries = storedChain(values);
      entries[1] = { ...entries[1], ...change };
      expect(verify(entries).firstBreak, JSON.stringify(change)).toMatchObject({ seq: 2 });
    }
  });
});
