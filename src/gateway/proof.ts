import { z } from 'zod';
import type { Kernel } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import type { ZodApp } from '../kernel/http/server.js';
import { merkleProof, merkleRoot, verifyProof } from './merkle.js';
import { recordHash } from './recorder.js';

const Proof = z.object({
  eventId: z.string(),
  recordHash: z.string(),
  recordIntact: z.boolean().describe('the stored record still hashes to what was anchored'),
  batchId: z.string().nullable(),
  merkleRoot: z.string().nullable(),
  path: z.array(z.object({ sibling: z.string(), side: z.enum(['left', 'right']) })),
  inBatch: z.boolean(),
  ledgerSeq: z.number().nullable(),
  anchored: z.boolean().describe('the ledger entry of the batch names this Merkle root'),
});

/**
 * Proves one gateway call present and unmodified: its record hashes to the leaf, the leaf is under the batch's
 * Merkle root, and the root is the one the hash-chained ledger entry of the batch holds.
 */
export async function proveEvent(k: Kernel, tenantId: string, eventId: string): Promise<z.infer<typeof Proof>> {
  const event = await k.db.selectFrom('gateway_events').selectAll().where('tenant_id', '=', tenantId).where('id', '=', eventId).executeTakeFirst();
  if (!event) throw new NotFound('gateway call', eventId);
  const { record_hash: stored, batch_id: batchId, batch_index: _index, ...rest } = event;
  const recomputed = recordHash(rest);
  if (!batchId) return { eventId, recordHash: stored, recordIntact: recomputed === stored, batchId: null, merkleRoot: null, path: [], inBatch: false, ledgerSeq: null, anchored: false };
  const batch = await k.db.selectFrom('gateway_batches').selectAll().where('tenant_id', '=', tenantId).where('id', '=', batchId).executeTakeFirstOrThrow();
  const ordered = await k.db.selectFrom('gateway_events').select(['id', 'record_hash']).where('tenant_id', '=', tenantId).where('batch_id', '=', batchId).orderBy('batch_index').execute();
  const index = ordered.findIndex((l) => l.id === eventId);
  const path = merkleProof(ordered.map((l) => l.record_hash), index);
  const entry = await k.db.selectFrom('ledger_entries').select(['after']).where('tenant_id', '=', tenantId).where('seq', '=', batch.ledger_seq).executeTakeFirst();
  const anchoredRoot = entry?.after ? (JSON.parse(entry.after) as { merkleRoot?: string }).merkleRoot : undefined;
  return {
    eventId, recordHash: stored, recordIntact: recomputed === stored, batchId, merkleRoot: batch.root_hash, path,
    inBatch: verifyProof(stored, path, batch.root_hash) && merkleRoot(ordered.map((l) => l.record_hash)) === batch.root_hash,
    ledgerSeq: batch.ledger_seq, anchored: anchoredRoot === batch.root_hash,
  };
}

/**
 * `sealPending` (the recorder's flush): a durable record is committed before its response but anchored by the next
 * seal, within the recorder's flush interval; a proof asked for in between seals first rather than answer "not yet".
 */
export function proofRoutes(app: ZodApp, k: Kernel, sealPending?: () => Promise<void>) {
  app.get('/api/v1/gateway/events/:id/proof', {
    preHandler: app.authorize('ledger:read'),
    schema: { tags: ['gateway'], summary: 'Prove a gateway call present and unmodified (record hash → Merkle path → ledger anchor)', params: z.object({ id: z.string() }), response: { 200: Proof } },
  }, async (req) => {
    const proof = await proveEvent(k, req.actor.tenantId, req.params.id);
    if (proof.batchId !== null || !sealPending) return proof;
    await sealPending();
    return proveEvent(k, req.actor.tenantId, req.params.id);
  });
}
