import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config.js';

export interface Sealed {
  keyId: string;
  /** base64url of iv (12 bytes) · tag (16 bytes) · ciphertext */
  data: string;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/**
 * AES-256-GCM with a current master key and older ones kept for decryption, so secrets at rest (upstream
 * credentials, held answers) can be re-encrypted when the key rotates. Each sealed value names its key.
 */
export class Keyring {
  private readonly keys = new Map<string, Buffer>();
  readonly currentId: string;

  constructor(current: Buffer, previous: Buffer[] = []) {
    if (current.length !== 32) throw new Error('the master key must be 32 bytes');
    this.currentId = keyIdOf(current);
    this.keys.set(this.currentId, current);
    for (const k of previous) this.keys.set(keyIdOf(k), k);
  }

  seal(plaintext: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentId, data: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url') };
  }

  /** A purpose-bound secret derived from the current master key (HKDF-SHA-256), e.g. a tenant's webhook signing key. */
  derive(purpose: string, context: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys.get(this.currentId)!, Buffer.from(context), Buffer.from(`charter:${purpose}`), 32));
  }

  open(sealed: Sealed): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`no master key ${sealed.keyId} is configured; add it to CHARTER_PREVIOUS_MASTER_KEYS`);
    const raw = Buffer.from(sealed.data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/**
 * The configured key; without one, a SQLite installation keeps a generated key beside its database (mode 0600),
 * and an in-memory database gets a throwaway key. PostgreSQL deployments must configure CHARTER_MASTER_KEY.
 */
export function keyringFromConfig(config: Config): Keyring {
  const previous = config.previousMasterKeys.split(',').map((s) => s.trim()).filter(Boolean).map((s) => Buffer.from(s, 'base64'));
  if (config.masterKey) return new Keyring(Buffer.from(config.masterKey, 'base64'), previous);
  if (config.databaseUrl) throw new Error('CHARTER_MASTER_KEY is required with PostgreSQL (32 random bytes, base64: `openssl rand -base64 32`)');
  if (config.sqlitePath === ':memory:') return new Keyring(randomBytes(32), previous);
  const file = join(dirname(config.sqlitePath), 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return new Keyring(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), previous);
}
