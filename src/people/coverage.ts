import { z } from 'zod';
import type { PathProgress } from './schema.js';

export const CoverageRow = z.object({
  key: z.string().nullable().describe('the role, team, value stream or work group; null for people without one'),
  name: z.string(),
  people: z.number(),
  covered: z.number().describe('people holding every path their skill role requires'),
  coverage: z.number().nullable().describe('covered ÷ people; null when there are none'),
  refresherDue: z.number().describe('covered people with a required path expiring within the refresher window'),
  expired: z.number().describe('people with a required path that has expired'),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export interface CoverageFact {
  paths: readonly PathProgress[];
  covered: boolean;
}

/** Coverage of one group of people. */
export function coverageOf(key: string | null, name: string, people: readonly CoverageFact[]): CoverageRow {
  const required = (p: CoverageFact) => p.paths.filter((x) => x.required);
  const covered = people.filter((p) => p.covered).length;
  return {
    key, name, people: people.length, covered, coverage: people.length ? covered / people.length : null,
    refresherDue: people.filter((p) => p.covered && required(p).some((x) => x.status === 'refresher_due')).length,
    expired: people.filter((p) => required(p).some((x) => x.status === 'expired')).length,
  };
}

/** Coverage per group, largest group first; `group` names the key and its display name for a person. */
export function coverageBy<T extends CoverageFact>(people: readonly T[], group: (p: T) => { key: string | null; name: string }): CoverageRow[] {
  const groups = new Map<string | null, { name: string; members: T[] }>();
  for (const p of people) {
    const { key, name } = group(p);
    const g = groups.get(key) ?? { name, members: [] };
    g.members.push(p);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => coverageOf(key, g.name, g.members)).sort((a, b) => b.people - a.people || a.name.localeCompare(b.name));
}
