import { EventEmitter } from 'node:events';
import type pg from 'pg';

/** What changed: enough for a cache to drop its entry. */
export interface ChangeEvent {
  tenantId: string;
  kind: 'usecase' | 'key' | 'release' | 'policy' | 'endpoint' | string;
  id: string;
}

type Listener = (event: ChangeEvent) => void;

/**
 * Tells every Charter instance that something changed. On PostgreSQL it rides LISTEN/NOTIFY, so other processes
 * hear of it within milliseconds; on SQLite (one process) it is an in-process emitter.
 */
export interface ChangeFeed {
  publish(event: ChangeEvent): Promise<void>;
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'charter_changes';

export function localFeed(): ChangeFeed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit('change', event);
    },
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

export async function postgresFeed(pool: pg.Pool, onError: (err: Error) => void): Promise<ChangeFeed> {
  const local = localFeed();
  let client: pg.PoolClient | undefined;
  let closed = false;

  const listen = async (): Promise<void> => {
    client = await pool.connect();
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        void local.publish(JSON.parse(msg.payload) as ChangeEvent);
      } catch (err) {
        onError(err as Error);
      }
    });
    client.on('error', (err) => {
      onError(err);
      client?.release(true);
      client = undefined;
      // Reconnect; until then caches fall back on their TTL.
      if (!closed) setTimeout(() => void listen().catch(onError), 1000).unref();
    });
    await client.query(`LISTEN ${CHANNEL}`);
  };
  await listen();

  return {
    async publish(event) {
      // This instance hears it at once; the others through NOTIFY (and this one again, which is harmless for caches).
      await local.publish(event);
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await local.close();
      if (client) {
        await client.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
        client.release();
      }
    },
  };
}
