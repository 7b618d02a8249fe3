import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import type { Kernel } from '../kernel/context.js';
import { denied } from './errors.js';

export interface EndUser {
  id: string;
  role: string;
  verified: boolean;
}

const ANONYMOUS: EndUser = { id: '', role: '', verified: false };
type Verifier = { jwks: ReturnType<typeof createLocalJWKSet>; issuer?: string; audience?: string };

/**
 * Who the application says it is serving. A signed end-user token (x-charter-end-user-token) verified against the
 * tenant's JWKS gives a verified id and role; a bare id (OpenAI `user` field or x-charter-end-user) is recorded as
 * unverified, and its role is never guessed.
 */
export class EndUsers {
  private readonly verifiers = new Map<string, Verifier | null>();

  constructor(private readonly k: Kernel) {
    k.feed.subscribe((e) => {
      if (e.kind === 'gateway-settings') this.verifiers.delete(e.tenantId);
    });
  }

  private async verifier(tenantId: string): Promise<Verifier | null> {
    if (this.verifiers.has(tenantId)) return this.verifiers.get(tenantId)!;
    const row = await this.k.db.selectFrom('gateway_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    const v = row?.end_user_jwks
      ? { jwks: createLocalJWKSet(JSON.parse(row.end_user_jwks) as JSONWebKeySet), issuer: row.end_user_issuer ?? undefined, audience: row.end_user_audience ?? undefined }
      : null;
    this.verifiers.set(tenantId, v);
    return v;
  }

  async resolve(tenantId: string, token: string | undefined, claimedId: string | undefined): Promise<EndUser> {
    if (token) {
      const v = await this.verifier(tenantId);
      if (!v) throw denied('end_user_token_unverifiable', 'This tenant has no end-user JWKS configured, so the end-user token cannot be verified.');
      try {
        const { payload } = await jwtVerify(token, v.jwks, { issuer: v.issuer, audience: v.audience });
        const role = typeof payload.role === 'string' ? payload.role : typeof payload.charter_role === 'string' ? payload.charter_role : '';
        return { id: String(payload.sub ?? ''), role, verified: true };
      } catch (err) {
        throw denied('end_user_token_invalid', `The end-user token failed verification: ${(err as Error).message}`);
      }
    }
    if (claimedId) return { id: claimedId.slice(0, 200), role: '', verified: false };
    return ANONYMOUS;
  }
}
