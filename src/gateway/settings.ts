import { z } from 'zod';
import type { Kernel } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import type { ZodApp } from '../kernel/http/server.js';
import { webhookSecret } from './reviews/webhooks.js';

const Jwk = z.looseObject({ kty: z.string(), kid: z.string().optional() });
const Settings = z.strictObject({
  endUserJwks: z.strictObject({ keys: z.array(Jwk).min(1).max(20) }).nullable().describe('public keys that sign end-user tokens (x-charter-end-user-token)'),
  endUserIssuer: z.string().max(300).nullable().default(null),
  endUserAudience: z.string().max(300).nullable().default(null),
});
const SettingsView = Settings.extend({ updatedAt: z.string().nullable(), webhookSigningSecret: z.string().describe('HMAC-SHA-256 key for x-charter-signature on webhooks') });

/** Per-tenant gateway settings: who signs end-user tokens, and the secret webhooks are signed with. */
export function settingsRoutes(app: ZodApp, k: Kernel) {
  const view = async (tenantId: string) => {
    const row = await k.db.selectFrom('gateway_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    return {
      endUserJwks: row?.end_user_jwks ? JSON.parse(row.end_user_jwks) : null, endUserIssuer: row?.end_user_issuer ?? null, endUserAudience: row?.end_user_audience ?? null,
      updatedAt: row?.updated_at ?? null, webhookSigningSecret: webhookSecret(k.keyring, tenantId),
    };
  };
  app.get('/api/v1/gateway/settings', {
    preHandler: app.authorize('catalogue:manage'),
    schema: { tags: ['gateway'], summary: "The tenant's gateway settings", response: { 200: SettingsView } },
  }, async (req) => view(req.actor.tenantId));

  app.put('/api/v1/gateway/settings', {
    preHandler: app.authorize('catalogue:manage'),
    schema: { tags: ['gateway'], summary: 'Set who signs end-user tokens', body: Settings, response: { 200: SettingsView } },
  }, async (req) => {
    const { endUserJwks, endUserIssuer, endUserAudience } = req.body;
    if (endUserJwks?.keys.some((key) => 'd' in key)) throw new Invalid('a JWKS for verification holds public keys only', [{ path: 'body.endUserJwks.keys', message: 'private key material ("d") is not accepted' }]);
    const row = { tenant_id: req.actor.tenantId, end_user_jwks: endUserJwks ? JSON.stringify(endUserJwks) : null, end_user_issuer: endUserIssuer, end_user_audience: endUserAudience, updated_at: k.clock.now().toISOString() };
    await k.db.transaction().execute(async (tx) => {
      await tx.insertInto('gateway_settings').values(row).onConflict((oc) => oc.column('tenant_id').doUpdateSet(row)).execute();
      await k.ledger.append(tx, req.actor, { action: 'gateway.settings', subjectType: 'tenant', subjectId: req.actor.tenantId, after: { endUserJwksKids: endUserJwks?.keys.map((x) => x.kid ?? null) ?? null, endUserIssuer, endUserAudience } });
    });
    await k.feed.publish({ tenantId: req.actor.tenantId, kind: 'gateway-settings', id: req.actor.tenantId });
    return view(req.actor.tenantId);
  });
}
