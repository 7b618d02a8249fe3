import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Time-ordered, prefixed identifiers (`uc_01h…`): readable in logs and sortable by creation. */
export function newId(prefix: string, at: number = Date.now()): string {
  let time = '';
  let t = at;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rand = randomBytes(10);
  let tail = '';
  for (const byte of rand) tail += ALPHABET[byte % 32];
  return `${prefix}_${time}${tail}`;
}

/** A secret with a recognisable prefix, so leaked copies can be found by scanners. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}
