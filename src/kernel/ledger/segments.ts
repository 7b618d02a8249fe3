import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { type ChainSegment, ChainVerifier, type StoredRecord } from './model.js';

/** What a verification worker is asked to do: one seq range of one tenant's chain in a SQLite file. */
export interface SegmentTask {
  path: string;
  tenantId: string;
  from: number;
  to: number;
}

/** The columns of ledger_entries that verification reads (tenant_id is the one asked for). */
const VERIFY_COLUMNS = 'seq, at, actor_kind, actor_id, actor_name, action, subject_type, subject_id, before, after, prev_hash, hash';

/**
 * Verifies the entries of a segment (seq in [from, to]) straight from a SQLite file on a connection of its own, in
 * one read statement: rows come as arrays (no object per row, nothing through Kysely) into one reused record, and go
 * through ChainVerifier.pushStored like every other walk of the chain. Synchronous: it runs in a worker thread.
 */
export function verifySqliteSegment(task: SegmentTask): ChainSegment {
  const db = new Database(task.path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[string, number, number], unknown[]>(`select ${VERIFY_COLUMNS} from ledger_entries where tenant_id = ? and seq between ? and ? order by seq`)
      .raw()
      .iterate(task.tenantId, task.from, task.to);
    const verifier = ChainVerifier.segment();
    const e: StoredRecord = {
      tenantId: task.tenantId, seq: 0, at: '', actorKind: '', actorId: '', actorName: '', action: '', subjectType: '', subjectId: '',
      beforeJson: null, afterJson: null, prevHash: '', hash: '',
    };
    for (const r of rows) {
      e.seq = Number(r[0]);
      e.at = r[1] as string;
      e.actorKind = r[2] as string;
      e.actorId = r[3] as string;
      e.actorName = r[4] as string;
      e.action = r[5] as string;
      e.subjectType = r[6] as string;
      e.subjectId = r[7] as string;
      e.beforeJson = r[8] as string | null;
      e.afterJson = r[9] as string | null;
      e.prevHash = r[10] as string;
      e.hash = r[11] as string;
      if (!verifier.pushStored(e)) {
        rows.return?.();
        break;
      }
    }
    return verifier.segmentResult();
  } finally {
    db.close();
  }
}

// Charter runs its TypeScript through tsx; from the sources, a worker starts at a small module that registers tsx's
// loader in the worker (Node 20 does not pass the parent's loader on to worker threads).
const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './verify-worker.mjs' : './verify-worker.js', import.meta.url);

type Reply = { id: number; segment: ChainSegment } | { id: number; error: string };

/**
 * Worker threads that verify segments, started on first use and kept for the next verification (starting one costs
 * a few hundred milliseconds, most of it loading tsx). An idle worker does not keep the process alive.
 */
class SegmentWorkers {
  private readonly idle: Worker[] = [];
  private nextId = 0;

  /** Runs the tasks on up to `size` workers, each taking the next task as it finishes one; segments in task order. */
  run(tasks: SegmentTask[], size: number): Promise<ChainSegment[]> {
    const out = new Array<ChainSegment>(tasks.length);
    let next = 0;
    let done = 0;
    return new Promise((resolve, reject) => {
      let failed = false;
      const fail = (err: Error) => {
        if (!failed) reject(err);
        failed = true;
      };
      const feed = (worker: Worker) => {
        if (failed || next >= tasks.length) return this.release(worker);
        const index = next++;
        const id = this.nextId++;
        const onMessage = (reply: Reply) => {
          if (reply.id !== id) return;
          off();
          if ('error' in reply) {
            this.release(worker);
            return fail(new Error(`ledger verification worker: ${reply.error}`));
          }
          out[index] = reply.segment;
          if (++done === tasks.length) {
            this.release(worker);
            return resolve(out);
          }
          feed(worker);
        };
        const onError = (err: Error) => {
          off();
          this.discard(worker);
          fail(err);
        };
        const onExit = (code: number) => {
          off();
          this.discard(worker);
          fail(new Error(`ledger verification worker exited with code ${code}`));
        };
        const off = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.ref();
        worker.postMessage({ id, task: tasks[index] });
      };
      const started = Math.min(size, tasks.length);
      for (let i = 0; i < started; i++) feed(this.take());
      if (tasks.length === 0) resolve(out);
    });
  }

  private take(): Worker {
    const worker = this.idle.pop();
    if (worker) return worker;
    return new Worker(workerUrl);
  }

  private release(worker: Worker): void {
    worker.unref();
    this.idle.push(worker);
  }

  private discard(worker: Worker): void {
    void worker.terminate();
  }
}

const pool = new SegmentWorkers();

/** Verifies the tasks (consecutive ranges of one chain, in order) on `workers` worker threads; segments in task order. */
export function verifySegmentsInWorkers(tasks: SegmentTask[], workers: number): Promise<ChainSegment[]> {
  return pool.run(tasks, workers);
}
