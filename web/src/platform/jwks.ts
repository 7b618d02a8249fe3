import type { Jwk } from './types';

export interface JwksReading {
  /** The key set to send: null when the text is empty (no end-user tokens are verified). */
  value: { keys: Jwk[] } | null;
  problems: string[];
}

/** The private members of RSA, EC and OKP keys: none belongs in a set used only to verify. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/**
 * Reads a JWKS as typed, checking what the API checks (a `keys` list of 1 to 20 keys, each with `kty`, none holding
 * private material) and saying plainly what is wrong, so a key set is right before it is sent.
 */
export function readJwks(text: string): JwksReading {
  if (!text.trim()) return { value: null, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { value: null, problems: [`not valid JSON: ${(err as Error).message}`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { value: null, problems: ['must be a JSON object with a "keys" list'] };
  const record = parsed as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => k !== 'keys');
  const problems: string[] = [];
  if (extra.length) problems.push(`only "keys" is allowed at the top level, not ${extra.map((k) => `"${k}"`).join(', ')}`);
  if (!Array.isArray(record.keys)) return { value: null, problems: [...problems, 'needs a "keys" list'] };
  const keys = record.keys as unknown[];
  if (keys.length === 0) problems.push('"keys" needs at least one key');
  if (keys.length > 20) problems.push('"keys" holds at most 20 keys');
  keys.forEach((key, i) => {
    const at = `key ${i + 1}`;
    if (typeof key !== 'object' || key === null || Array.isArray(key)) return problems.push(`${at} must be an object`);
    const k = key as Record<string, unknown>;
    if (typeof k.kty !== 'string' || !k.kty) problems.push(`${at} needs "kty" (the key type, e.g. "RSA" or "EC")`);
    if (k.kid !== undefined && typeof k.kid !== 'string') problems.push(`${at}: "kid" must be text`);
    const secret = PRIVATE_MEMBERS.filter((m) => m in k);
    if (secret.length) problems.push(`${at} holds private key material (${secret.map((m) => `"${m}"`).join(', ')}); paste the public keys only`);
  });
  return problems.length ? { value: null, problems } : { value: { keys: keys as Jwk[] }, problems };
}
