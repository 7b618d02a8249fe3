import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Charter } from '../../src/app.js';
import type { ChangeEvent } from '../../src/kernel/feed.js';
import { Scheduler } from '../../src/kernel/scheduler.js';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';
import { nextEvent, secondInstance } from './helpers.js';

const MINUTE = 60_000;
const silent = pino({ level: 'silent' });
let jobCounter = 0;
const jobName = (label: string) => `test.${label}.${++jobCounter}.${Math.random().toString(36).slice(2, 6)}`;

describeEachDb('change feed', (dbKind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dbKind);
  });
  afterAll(async () => h?.close());

  it('delivers a published event to subscribers of the same instance', async () => {
    const feed = h.charter.kernel.feed;
    const event: ChangeEvent = { tenantId: h.acme.id, kind: 'policy', id: `pol_${Math.random()}` };
    const heard = nextEvent(feed, (e) => e.id === event.id);
    await feed.publish(event);
    expect(await heard).toEqual(event);
  });

  it('stops delivering to a listener once it unsubscribes', async () => {
    const feed = h.charter.kernel.feed;
    const gone: ChangeEvent[] = [];
    const off = feed.subscribe((e) => gone.push(e));
    off();
    const id = `key_${Math.random()}`;
    const heard = nextEvent(feed, (e) => e.id === id);
    await feed.publish({ tenantId: h.acme.id, kind: 'key', id });
    await heard;
    expect(gone).toEqual([]);
  });

  it('announces a use case changed through the API', async () => {
    const feed = h.charter.kernel.feed;
    const created = nextEvent(feed, (e) => e.kind === 'usecase' && e.tenantId === h.acme.id);
    const res = await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(h.acme.valueStreamId, { title: 'Feed probe' }), headers: h.acme.headers.business_owner });
    expect(res.statusCode).toBe(201);
    expect(await created).toEqual({ tenantId: h.acme.id, kind: 'usecase', id: res.json().id });
    const updated = nextEvent(feed, (e) => e.id === res.json().id);
    await h.inject({ method: 'PATCH', url: `/api/v1/use-cases/${res.json().id}`, payload: { title: 'Feed probe, renamed' }, headers: h.acme.headers.business_owner });
    expect(await updated).toMatchObject({ kind: 'usecase' });
  });

  if (dbKind === 'postgres') {
    describe('across two Charter instances on one PostgreSQL schema', () => {
      let other: Charter;
      beforeAll(async () => {
        other = await secondInstance(h);
      });
      afterAll(async () => other?.close());

      it('delivers what one instance publishes to the other, both ways', async () => {
        const a = h.charter.kernel.feed;
        const b = other.kernel.feed;
        const toB: ChangeEvent = { tenantId: h.acme.id, kind: 'release', id: `rel_${Math.random()}` };
        const onB = nextEvent(b, (e) => e.id === toB.id);
        const onA = nextEvent(a, (e) => e.id === toB.id); // the publisher hears its own event too
        await a.publish(toB);
        expect(await onB).toEqual(toB);
        expect(await onA).toEqual(toB);
        const toA: ChangeEvent = { tenantId: h.globex.id, kind: 'key', id: `key_${Math.random()}` };
        const back = nextEvent(a, (e) => e.id === toA.id);
        await b.publish(toA);
        expect(await back).toEqual(toA);
      });

      it('tells the other instance when a use case changes through the API', async () => {
        const heard = nextEvent(other.kernel.feed, (e) => e.kind === 'usecase' && e.tenantId === h.acme.id);
        const res = await h.inject({ method: 'POST', url: '/api/v1/use-cases', payload: useCaseBody(h.acme.valueStreamId, { title: 'Cross-instance probe' }), headers: h.acme.headers.business_owner });
        expect(await heard).toEqual({ tenantId: h.acme.id, kind: 'usecase', id: res.json().id });
      });

      it('delivers events in the order they were published', async () => {
        const ids = Array.from({ length: 20 }, (_, i) => `ord_${i}_${Math.random()}`);
        const got: string[] = [];
        const all = new Promise<void>((resolve) => {
          const off = other.kernel.feed.subscribe((e) => {
            if (!ids.includes(e.id)) return;
            got.push(e.id);
            if (got.length === ids.length) {
              off();
              resolve();
            }
          });
        });
        for (const id of ids) await h.charter.kernel.feed.publish({ tenantId: h.acme.id, kind: 'endpoint', id });
        let deadline: NodeJS.Timeout | undefined;
        await Promise.race([all, new Promise((_, reject) => (deadline = setTimeout(() => reject(new Error(`only ${got.length} of ${ids.length} events arrived`)), 5000)))]);
        clearTimeout(deadline);
        expect(got).toEqual(ids);
      });
    });
  }
});

describeEachDb('job scheduler', (dbKind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dbKind);
  });
  afterAll(async () => h?.close());

  const scheduler = (charter: Charter = h.charter, leaseMs?: number) => new Scheduler(charter.kernel.db, charter.kernel.dialect, h.clock, silent, leaseMs);
  const job = (name: string) => h.charter.kernel.db.selectFrom('jobs').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

  it('runs a registered job at once, then again only when its interval has passed on the clock', async () => {
    const name = jobName('interval');
    const runs: string[] = [];
    const s = scheduler();
    s.every(name, 10 * MINUTE, async (now) => {
      runs.push(now.toISOString());
    });
    await s.register();
    const start = h.clock.now();
    expect(await s.tick()).toEqual([name]);
    expect(await s.tick()).toEqual([]);
    h.clock.advance(10 * MINUTE - 1);
    expect(await s.tick()).toEqual([]);
    h.clock.advance(1);
    expect(await s.tick()).toEqual([name]);
    expect(runs).toEqual([start.toISOString(), new Date(start.getTime() + 10 * MINUTE).toISOString()]);
    expect(await job(name)).toMatchObject({ runs: 2, last_error: null, last_run_at: runs[1], next_run_at: new Date(start.getTime() + 20 * MINUTE).toISOString() });
  });

  it('releases its lease after a run', async () => {
    const name = jobName('lease');
    const s = scheduler();
    let leaseDuringRun: unknown;
    s.every(name, MINUTE, async () => {
      leaseDuringRun = (await job(name)).lease_owner;
    });
    await s.register();
    await s.tick();
    expect(leaseDuringRun).toBe(s.owner);
    expect(await job(name)).toMatchObject({ lease_owner: null, lease_until: null, runs: 1 });
  });

  it('records a failing job’s error, releases the lease and tries again at the next interval', async () => {
    const name = jobName('failing');
    const s = scheduler();
    let fail = true;
    s.every(name, 5 * MINUTE, async () => {
      if (fail) throw new Error('upstream said no');
    });
    await s.register();
    expect(await s.tick()).toEqual([name]);
    expect(await job(name)).toMatchObject({ last_error: 'upstream said no', runs: 1, lease_owner: null, lease_until: null });
    expect(await s.tick()).toEqual([]);
    fail = false;
    h.clock.advance(5 * MINUTE);
    expect(await s.tick()).toEqual([name]);
    expect(await job(name)).toMatchObject({ last_error: null, runs: 2 });
  });

  it('does not run a job another instance holds a live lease on, and takes it over once the lease expires', async () => {
    const name = jobName('crashed');
    const s = scheduler();
    let runs = 0;
    s.every(name, MINUTE, async () => {
      runs++;
    });
    await s.register();
    const until = new Date(h.clock.now().getTime() + 30_000).toISOString();
    await sql`update jobs set lease_owner = 'crashed-instance', lease_until = ${until} where name = ${name}`.execute(h.charter.kernel.db);
    expect(await s.tick()).toEqual([]);
    h.clock.advance(30_000);
    expect(await s.tick()).toEqual([]); // lease_until is not yet in the past
    h.clock.advance(1);
    expect(await s.tick()).toEqual([name]);
    expect(runs).toBe(1);
    expect(await job(name)).toMatchObject({ lease_owner: null, lease_until: null });
  });

  it('keeps an existing schedule when another instance registers the same job', async () => {
    const name = jobName('register');
    const first = scheduler();
    first.every(name, 10 * MINUTE, async () => undefined);
    await first.register();
    await first.tick();
    const nextRun = (await job(name)).next_run_at;
    const second = scheduler();
    second.every(name, 10 * MINUTE, async () => undefined);
    await second.register();
    expect((await job(name)).next_run_at).toBe(nextRun);
    expect(await second.tick()).toEqual([]);
  });

  it('runs only the jobs this instance has handlers for', async () => {
    const mine = jobName('mine');
    const theirs = jobName('theirs');
    const a = scheduler();
    const b = scheduler();
    a.every(mine, MINUTE, async () => undefined);
    b.every(theirs, MINUTE, async () => undefined);
    await a.register();
    await b.register();
    expect(await a.tick()).toEqual([mine]);
    expect((await job(theirs)).runs).toBe(0);
  });

  async function exactlyOnce(instances: Charter[]) {
    const name = jobName('once');
    const counts = new Map<string, number>();
    const schedulers = instances.flatMap((c) => [scheduler(c), scheduler(c)]);
    for (const s of schedulers) {
      s.every(name, MINUTE, async () => {
        counts.set(s.owner, (counts.get(s.owner) ?? 0) + 1);
      });
      await s.register();
    }
    const rounds = 15;
    for (let round = 0; round < rounds; round++) {
      const ran = await Promise.all(schedulers.flatMap((s) => [s.tick(), s.tick()]));
      expect(ran.flat().filter((n) => n === name), `round ${round}`).toHaveLength(1);
      h.clock.advance(MINUTE);
    }
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(rounds);
    expect(await job(name)).toMatchObject({ runs: rounds, lease_owner: null });
    return counts;
  }

  it('fires a due job exactly once when several schedulers tick at the same time', async () => {
    await exactlyOnce([h.charter]);
  });

  if (dbKind === 'postgres') {
    it('fires a due job exactly once across two Charter instances sharing one schema', async () => {
      const other = await secondInstance(h);
      try {
        await exactlyOnce([h.charter, other]);
      } finally {
        await other.close();
      }
    });
  }
});
