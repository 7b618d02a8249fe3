import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Db, Dialect } from './db/connect.js';
import { sql } from 'kysely';

export type JobHandler = (now: Date) => Promise<void>;

/**
 * Recurring jobs that fire once across all instances: each due job is leased in the database
 * (FOR UPDATE SKIP LOCKED on PostgreSQL) before it runs, and only the lease holder runs it.
 */
export class Scheduler {
  private readonly handlers = new Map<string, { intervalMs: number; run: JobHandler }>();
  private timer: NodeJS.Timeout | undefined;
  readonly owner = randomUUID();

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly leaseMs = 60_000,
  ) {}

  every(name: string, intervalMs: number, run: JobHandler): void {
    this.handlers.set(name, { intervalMs, run });
  }

  /** Creates the job rows for registered handlers; existing schedules are kept. */
  async register(): Promise<void> {
    const now = this.clock.now().toISOString();
    for (const [name, h] of this.handlers) {
      await this.db
        .insertInto('jobs')
        .values({ name, interval_ms: h.intervalMs, next_run_at: now, runs: 0 })
        .onConflict((oc) => oc.column('name').doUpdateSet({ interval_ms: h.intervalMs }))
        .execute();
    }
  }

  /** Claims and runs every due job; returns the names this instance ran. */
  async tick(): Promise<string[]> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const names = [...this.handlers.keys()];
    if (names.length === 0) return [];
    const claimed =
      this.dialect === 'postgres'
        ? await sql<{ name: string }>`
            UPDATE jobs SET lease_owner = ${this.owner}, lease_until = ${leaseUntil}
            WHERE name IN (
              SELECT name FROM jobs
              WHERE next_run_at <= ${nowIso} AND (lease_until IS NULL OR lease_until < ${nowIso})
                AND name IN (${sql.join(names)})
              FOR UPDATE SKIP LOCKED)
            RETURNING name`.execute(this.db).then((r) => r.rows)
        : await this.db
            .updateTable('jobs')
            .set({ lease_owner: this.owner, lease_until: leaseUntil })
            .where('next_run_at', '<=', nowIso)
            .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
            .where('name', 'in', names)
            .returning('name')
            .execute();
    const ran: string[] = [];
    for (const { name } of claimed) {
      const handler = this.handlers.get(name)!;
      let error: string | null = null;
      try {
        await handler.run(now);
      } catch (err) {
        error = (err as Error).message;
        this.log.error({ err, job: name }, 'scheduled job failed');
      }
      await this.db
        .updateTable('jobs')
        .set((eb) => ({
          lease_owner: null,
          lease_until: null,
          last_run_at: nowIso,
          last_error: error,
          runs: eb('runs', '+', 1),
          next_run_at: new Date(now.getTime() + handler.intervalMs).toISOString(),
        }))
        .where('name', '=', name)
        .where('lease_owner', '=', this.owner)
        .execute();
      ran.push(name);
    }
    return ran;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tick().catch((err) => this.log.error({ err }, 'scheduler tick failed')), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
