import { afterAll, beforeAll, expect, it } from 'vitest';
import { proveEvent } from '../../src/gateway/proof.js';
import { type CallRecord, GatewayRecorder, recordHash } from '../../src/gateway/recorder.js';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

describeEachDb('the gateway recorder', (db) => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  const call = (over: Partial<CallRecord> = {}): CallRecord => ({
    id: `chatcmpl-rec-${db}-${++seq}`, tenant_id: h.acme.id, use_case_id: null, release_id: null, endpoint_id: null, key_id: null, environment: 'pilot',
    at: h.clock.now().toISOString(), kind: 'chat', outcome: 'ok', http_status: 200, error_code: null, latency_ms: 21, ttft_ms: null, tokens_in: 90,
    tokens_out: 18, cost_usd: 0.0001, end_user_id: null, end_user_role: null, end_user_verified: 0, case_id: null, data_classes: 'null', redactions: 0,
    decisions: '[]', review_id: null, streamed: 0, prompt_sha256: null, answer_sha256: null, prompt_text: null, answer_text: null, purge_after: null,
    ...over,
  });
  const row = (id: string) => h.charter.kernel.db.selectFrom('gateway_events').select(['id', 'batch_id', 'batch_index']).where('id', '=', id).executeTakeFirst();

  it('seals a durable record at once at low rates, and under load commits it at once and anchors it with the next seal', async () => {
    // A 10 s seal interval and a burst of 1: the first durable record of the window is sealed at once, later ones are not.
    const recorder = new GatewayRecorder(h.charter.kernel, 10_000, 2000, 1);
    const sealed: string[] = [];
    recorder.onFlushed((rows) => sealed.push(...rows.map((r) => r.id)));
    const idle = call();
    await recorder.record(idle, true);
    expect((await row(idle.id))?.batch_id).toBeTruthy();

    // Under load: durable records are committed at once and wait, with the non-durable one, for the next seal.
    const quiet = call();
    recorder.record(quiet, false);
    const busy = [call(), call(), call()];
    await Promise.all(busy.map((c) => recorder.record(c, true)));
    for (const c of busy) expect(await row(c.id)).toMatchObject({ id: c.id, batch_id: null });
    expect(await row(quiet.id)).toBeUndefined();

    await recorder.flush();
    const rows = await Promise.all([quiet, ...busy].map((c) => row(c.id)));
    expect(new Set(rows.map((r) => r?.batch_id)).size).toBe(1);
    expect(rows.map((r) => r?.batch_index).sort()).toEqual([0, 1, 2, 3]);
    for (const c of [quiet, ...busy]) {
      expect(await proveEvent(h.charter.kernel, h.acme.id, c.id)).toMatchObject({ recordIntact: true, inBatch: true, anchored: true });
    }
    expect(sealed.sort()).toEqual([idle.id, quiet.id, ...busy.map((c) => c.id)].sort());
    await recorder.close();
  });

  it('anchors records a crash left committed but without a batch, once, whichever instance gets there first', async () => {
    const k = h.charter.kernel;
    const stranded = call({ at: new Date(h.clock.now().getTime() - 5 * 60_000).toISOString() });
    await k.db.insertInto('gateway_events').values({ ...stranded, record_hash: recordHash(stranded), batch_id: null, batch_index: null }).execute();
    const a = new GatewayRecorder(k, 10_000);
    const b = new GatewayRecorder(k, 10_000);
    const seen: string[] = [];
    a.onFlushed((rows) => seen.push(...rows.map((r) => r.id)));
    b.onFlushed((rows) => seen.push(...rows.map((r) => r.id)));
    await Promise.all([a.flush(), b.flush()]);
    expect((await row(stranded.id))?.batch_id).toBeTruthy();
    expect(seen.filter((id) => id === stranded.id)).toHaveLength(1);
    expect(await proveEvent(k, h.acme.id, stranded.id)).toMatchObject({ recordIntact: true, inBatch: true, anchored: true });
    await a.close();
    await b.close();
  });

  it('leaves to the other instance the stored records it anchored first', async () => {
    const k = h.charter.kernel;
    const a = new GatewayRecorder(k, 10_000, 2000, 0);
    await a.flush(); // past its start-up recovery
    a.record(call(), false);
    const mine = call({ at: new Date(h.clock.now().getTime() - 1000).toISOString() });
    await a.record(mine, true);
    // Another instance anchors the stored row before `a` seals (as its recovery would).
    const b = new GatewayRecorder(k, 10_000);
    await b.flush();
    const anchoredByB = (await row(mine.id))?.batch_id;
    expect(anchoredByB).toBeTruthy();
    await a.flush();
    expect((await row(mine.id))?.batch_id).toBe(anchoredByB);
    expect(await proveEvent(k, h.acme.id, mine.id)).toMatchObject({ inBatch: true, anchored: true });
    await a.close();
    await b.close();
  });
});
