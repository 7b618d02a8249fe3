import { createHash } from 'node:crypto';

/** A seeded uniform generator (mulberry32) started from a hash of its key: the same key, the same sequence. */
export function seededRandom(...key: Array<string | number>): () => number {
  let state = createHash('sha256').update(key.join('\u0000')).digest().readInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const shortHash = (...key: Array<string | number>): string => createHash('sha256').update(key.join('\u0000')).digest('hex').slice(0, 24);
