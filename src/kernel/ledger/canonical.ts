import { createHash } from 'node:crypto';

/** Canonical JSON: object keys sorted, no whitespace, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

export const sha256Hex = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** What the ledger keeps of a payload it must not hold (a prompt, an answer, a file): its hash and size. */
export function digest(payload: string | Buffer): { sha256: string; bytes: number } {
  return { sha256: sha256Hex(payload), bytes: Buffer.byteLength(payload) };
}
