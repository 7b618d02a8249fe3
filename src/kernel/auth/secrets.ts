import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Passwords are low-entropy, so they get argon2id. */
export const hashPassword = (password: string): Promise<string> => argonHash(password);
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}

/** Tokens and keys carry 192 random bits, so a fast hash is enough and keeps lookups cheap. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Prefixes that identify Charter secrets in leaked text. */
export const TOKEN_PREFIX = 'chr_pat';
export const SESSION_PREFIX = 'chr_ses';
