import { createHash } from 'node:crypto';

const h = (a: string, b: string) => createHash('sha256').update(a).update(b).digest('hex');

/** The root of a binary hash tree over leaf hashes (an odd node is carried up unchanged). */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return createHash('sha256').digest('hex');
  let level = leaves.slice();
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? h(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

export interface ProofStep {
  sibling: string;
  side: 'left' | 'right';
}

/** The sibling path that proves leaf `index` is under the root. */
export function merkleProof(leaves: readonly string[], index: number): ProofStep[] {
  const steps: ProofStep[] = [];
  let level = leaves.slice();
  let i = index;
  while (level.length > 1) {
    const pair = i % 2 === 0 ? i + 1 : i - 1;
    if (pair < level.length) steps.push({ sibling: level[pair], side: i % 2 === 0 ? 'right' : 'left' });
    const next: string[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(j + 1 < level.length ? h(level[j], level[j + 1]) : level[j]);
    level = next;
    i = Math.floor(i / 2);
  }
  return steps;
}

export function verifyProof(leaf: string, steps: readonly ProofStep[], root: string): boolean {
  let acc = leaf;
  for (const s of steps) acc = s.side === 'right' ? h(acc, s.sibling) : h(s.sibling, acc);
  return acc === root;
}
