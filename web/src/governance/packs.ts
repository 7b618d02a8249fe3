import type { FieldProblem } from '../api/problem';
import { TIERS, type Tier } from '../portfolio/vocabulary';
import type { PackVersionSummary } from './types';

/** Each tier with the version new screenings bind to and the tenant's own versions of it, newest first. */
export function packsByTier(current: { tier: Tier; ref: string }[], versions: PackVersionSummary[]): { tier: Tier; current: string; versions: PackVersionSummary[] }[] {
  return TIERS.map((tier) => ({
    tier,
    current: current.find((c) => c.tier === tier)?.ref ?? `${tier}@default`,
    versions: versions.filter((v) => v.tier === tier).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)),
  }));
}

/** A version's name as people read it: its ref once published, else "draft" and its id. */
export const versionName = (v: Pick<PackVersionSummary, 'ref' | 'id' | 'status'>): string => v.ref ?? `${v.status} ${v.id}`;

/** A value of a pack change, short enough for a table cell. */
export function changeValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Reads the pack an editor holds; JSON that does not parse is a problem at the editor, with its line where the parser says. */
export function readPackText(text: string): { pack?: unknown; problems: FieldProblem[] } {
  try {
    const pack = JSON.parse(text) as unknown;
    if (typeof pack !== 'object' || pack === null || Array.isArray(pack)) return { problems: [{ path: 'body', message: 'the pack is a JSON object' }] };
    return { pack, problems: [] };
  } catch (err) {
    return { problems: [{ path: 'body', message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** The API's problems with a pack, each with where it lies (`runtime.rules[2].expression`, line and column for CEL). */
export function packProblemWords(problems: (FieldProblem & { line?: number; column?: number })[]): string[] {
  return problems.map((p) => {
    const where = p.path.replace(/^body\.?/, '');
    const at = p.line !== undefined ? ` (line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''})` : '';
    return `${where ? `${where}: ` : ''}${p.message}${at && !p.message.includes('(line') ? at : ''}`;
  });
}
