import { z } from 'zod';
import type { Actor } from '../../kernel/actor.js';
import { hashSecret } from '../../kernel/auth/secrets.js';
import { addMs } from '../../kernel/clock.js';
import type { Kernel } from '../../kernel/context.js';
import type { Tx } from '../../kernel/db/connect.js';
import { Conflict, Forbidden, NotFound } from '../../kernel/errors.js';
import { newId, newSecret } from '../../kernel/ids.js';
import type { PortfolioService } from '../../portfolio/service.js';
import { assertMember } from '../../kernel/auth/members.js';
import { Environment } from '../../releases/schema.js';
import type { GatewayKeyRow } from '../migrations.js';

export const GATEWAY_KEY_PREFIX = 'chr_gw';

export const KeyIssue = z.strictObject({
  environment: Environment,
  name: z.string().trim().min(1).max(80),
  ownerId: z.string().optional().describe('the person accountable for the key; defaults to the issuer'),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export const KeyView = z.object({
  id: z.string(), useCaseId: z.string(), environment: Environment, name: z.string(), prefix: z.string(), ownerId: z.string(),
  createdAt: z.string(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable(), rotatedTo: z.string().nullable(),
});
export type KeyView = z.infer<typeof KeyView>;

/** A check before a key is issued to someone (the people capability requires completed skill paths here). */
export type KeyIssueGuard = (c: { tx: Tx; actor: Actor; useCaseId: string; ownerId: string }) => Promise<string[]>;

const view = (r: GatewayKeyRow): KeyView => ({
  id: r.id, useCaseId: r.use_case_id, environment: r.environment as KeyView['environment'], name: r.name, prefix: r.prefix, ownerId: r.owner_id,
  createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, rotatedTo: r.rotated_to,
});

/** Gateway keys: each belongs to one use case and one environment, is shown once, stored hashed, expires and rotates. */
export class GatewayKeyService {
  private readonly guards: KeyIssueGuard[] = [];

  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  addIssueGuard(guard: KeyIssueGuard): void {
    this.guards.push(guard);
  }

  async list(actor: Actor, useCaseId: string): Promise<KeyView[]> {
    await this.portfolio.get(actor, useCaseId);
    const rows = await this.k.db.selectFrom('gateway_keys').selectAll().where('tenant_id', '=', actor.tenantId).where('use_case_id', '=', useCaseId).orderBy('created_at', 'desc').execute();
    return rows.map(view);
  }

  async issue(actor: Actor, useCaseId: string, input: z.infer<typeof KeyIssue>): Promise<KeyView & { key: string }> {
    const secret = newSecret(`${GATEWAY_KEY_PREFIX}_${input.environment === 'production' ? 'prod' : 'pilot'}`);
    const row = await this.k.db.transaction().execute(async (tx) => {
      const uc = await this.portfolio.get(actor, useCaseId, tx);
      if (['rejected', 'retired'].includes(uc.stage) || uc.riskTier === 'prohibited') throw new Conflict(`a ${uc.riskTier === 'prohibited' ? 'prohibited' : uc.stage} use case gets no gateway keys`);
      const ownerId = input.ownerId ?? actor.id;
      if (input.ownerId) await assertMember(tx, actor.tenantId, input.ownerId, 'body.ownerId');
      const problems: string[] = [];
      for (const guard of this.guards) problems.push(...(await guard({ tx, actor, useCaseId, ownerId })));
      if (problems.length) throw new Forbidden(`the key cannot be issued: ${problems.join('; ')}`, { problems });
      const now = this.k.clock.now();
      const r: GatewayKeyRow = {
        id: newId('gk'), tenant_id: actor.tenantId, use_case_id: useCaseId, environment: input.environment, name: input.name,
        prefix: secret.slice(0, secret.indexOf('_', GATEWAY_KEY_PREFIX.length + 1) + 5), secret_hash: hashSecret(secret), owner_id: ownerId,
        created_by: actor.id, created_at: now.toISOString(), expires_at: addMs(now, input.expiresInDays * 86_400_000).toISOString(), revoked_at: null, rotated_to: null,
      };
      await tx.insertInto('gateway_keys').values(r).execute();
      await this.k.ledger.append(tx, actor, { action: 'gateway_key.issue', subjectType: 'gateway_key', subjectId: r.id, after: { useCaseId, environment: r.environment, ownerId, expiresAt: r.expires_at } });
      return r;
    });
    return { ...view(row), key: secret };
  }

  /** Issues a successor; the old key keeps working for the grace period so applications can switch without downtime. */
  async rotate(actor: Actor, keyId: string, graceHours = 24): Promise<KeyView & { key: string }> {
    const old = await this.row(actor, keyId);
    if (old.revoked_at) throw new Conflict('a revoked key cannot be rotated');
    const days = old.expires_at ? Math.max(1, Math.round((new Date(old.expires_at).getTime() - new Date(old.created_at).getTime()) / 86_400_000)) : 90;
    const next = await this.issue(actor, old.use_case_id, { environment: old.environment as KeyView['environment'], name: old.name, ownerId: old.owner_id, expiresInDays: Math.min(365, days) });
    const graceEnd = addMs(this.k.clock.now(), graceHours * 3_600_000).toISOString();
    await this.k.db.transaction().execute(async (tx) => {
      await tx.updateTable('gateway_keys').set({ rotated_to: next.id, expires_at: old.expires_at && old.expires_at < graceEnd ? old.expires_at : graceEnd }).where('id', '=', keyId).execute();
      await this.k.ledger.append(tx, actor, { action: 'gateway_key.rotate', subjectType: 'gateway_key', subjectId: keyId, after: { successor: next.id, graceUntil: graceEnd } });
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'key', id: keyId });
    return next;
  }

  async revoke(actor: Actor, keyId: string): Promise<KeyView> {
    const row = await this.row(actor, keyId);
    if (row.revoked_at) return view(row);
    const at = this.k.clock.now().toISOString();
    await this.k.db.transaction().execute(async (tx) => {
      await tx.updateTable('gateway_keys').set({ revoked_at: at }).where('id', '=', keyId).execute();
      await this.k.ledger.append(tx, actor, { action: 'gateway_key.revoke', subjectType: 'gateway_key', subjectId: keyId });
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'key', id: keyId });
    return view({ ...row, revoked_at: at });
  }

  private async row(actor: Actor, keyId: string): Promise<GatewayKeyRow> {
    const row = await this.k.db.selectFrom('gateway_keys').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', keyId).executeTakeFirst();
    if (!row) throw new NotFound('gateway key', keyId);
    return row;
  }
}
