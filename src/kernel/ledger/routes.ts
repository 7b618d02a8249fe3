import { z } from 'zod';
import type { Kernel } from '../context.js';
import { decodeCursor, encodeCursor } from '../http/pagination.js';
import type { ZodApp } from '../http/server.js';
import { NotFound } from '../errors.js';
import { toEntry } from './service.js';

const Entry = z.object({
  seq: z.number(), at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  action: z.string(), subject: z.object({ type: z.string(), id: z.string() }),
  before: z.unknown(), after: z.unknown(), prevHash: z.string(), hash: z.string(),
});
const Verify = z.object({
  ok: z.boolean(), entries: z.number(), headSeq: z.number(), headHash: z.string(),
  firstBreak: z.object({ kind: z.string(), seq: z.number(), detail: z.string() }).optional(),
});

export function ledgerRoutes(app: ZodApp, k: Kernel) {
  app.get('/api/v1/ledger', {
    preHandler: app.authorize('ledger:read'),
    schema: {
      tags: ['ledger'], summary: 'Audit ledger entries, newest first',
      querystring: z.object({
        action: z.string().optional().describe('exact action, or a prefix ending in * (usecase.*)'),
        subjectType: z.string().optional(), subjectId: z.string().optional(), actorId: z.string().optional(),
        from: z.string().datetime().optional(), to: z.string().datetime().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().optional(),
      }),
      response: { 200: z.object({ items: z.array(Entry), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const { action, limit, cursor, ...rest } = req.query;
    const before = decodeCursor(cursor, 1, ['integer']);
    const filter = {
      ...rest,
      ...(action?.endsWith('*') ? { actionPrefix: action.slice(0, -1) } : { action }),
      beforeSeq: before ? Number(before[0]) : undefined,
    };
    const items = await k.ledger.list(k.db, req.actor.tenantId, filter, limit + 1);
    const more = items.length > limit;
    const pageItems = more ? items.slice(0, limit) : items;
    return { items: pageItems, nextCursor: more ? encodeCursor([pageItems[pageItems.length - 1].seq]) : null };
  });

  app.get('/api/v1/ledger/:seq', {
    preHandler: app.authorize('ledger:read'),
    schema: { tags: ['ledger'], summary: 'One ledger entry with its before and after', params: z.object({ seq: z.coerce.number().int().positive() }), response: { 200: Entry } },
  }, async (req) => {
    const row = await k.db.selectFrom('ledger_entries').selectAll().where('tenant_id', '=', req.actor.tenantId).where('seq', '=', req.params.seq).executeTakeFirst();
    if (!row) throw new NotFound('ledger entry', String(req.params.seq));
    return toEntry(row);
  });

  app.post('/api/v1/ledger/verify', {
    preHandler: app.authorize('ledger:read'),
    schema: { tags: ['ledger'], summary: "Recompute the tenant's hash chain and report the first break", response: { 200: Verify } },
  }, async (req) => k.ledger.verify(k.db, req.actor.tenantId));
}
