import { createHmac } from 'node:crypto';
import type { Keyring } from '../../kernel/crypto.js';

/**
 * Webhooks are signed with HMAC-SHA-256 under a per-tenant secret derived from the master key, sent as
 * `x-charter-signature: t=<unix seconds>,v1=<hex>` over `${t}.${body}` so receivers can reject replays.
 */
export function webhookSecret(keyring: Keyring, tenantId: string): string {
  return keyring.derive('webhook', tenantId).toString('base64url');
}

export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export async function deliverWebhook(url: string, secret: string, payload: unknown, now: Date): Promise<{ ok: boolean; status?: number; error?: string }> {
  const body = JSON.stringify(payload);
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-charter-signature': signPayload(secret, body, Math.floor(now.getTime() / 1000)) },
      signal: AbortSignal.timeout(5000),
    });
    return { ok: res.ok, status: res.status };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
