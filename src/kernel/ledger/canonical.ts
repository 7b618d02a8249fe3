import { hash } from 'node:crypto';

/** Canonical JSON: object keys sorted, no whitespace, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      return 'null'; // undefined, functions and symbols, as JSON.stringify writes them in an array
  }
  // As JSON.stringify does: Dates and other values with toJSON are written as what toJSON returns, so an entry hashes
  // the same before it is stored as JSON and after it is read back.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value);
  // Text parsed back from the ledger is already in order; sorting only when needed saves most of the work there.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += (first ? '' : ',') + quotedKey(key) + canonicalJson(v);
    first = false;
  }
  return `${out}}`;
}

// Keys repeat across entries (stage, version, sha256...): quote each once. Bounded, since keys can be data.
const keyCache = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = keyCache.get(key);
  if (quoted === undefined) {
    if (keyCache.size >= 4096) keyCache.clear();
    quoted = `${JSON.stringify(key)}:`;
    keyCache.set(key, quoted);
  }
  return quoted;
}

/** One-shot hashing (crypto.hash, Node >= 20.12) is several times faster than createHash for short inputs. */
export const sha256Hex = (text: string | Buffer): string => hash('sha256', text, 'hex');

/** What the ledger keeps of a payload it must not hold (a prompt, an answer, a file): its hash and size. */
export function digest(payload: string | Buffer): { sha256: string; bytes: number } {
  return { sha256: sha256Hex(payload), bytes: Buffer.byteLength(payload) };
}
