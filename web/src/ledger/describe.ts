import type { LedgerEntry } from './api';

/** An entry's action in words: `usecase.transition` with its stages becomes "moved from intake to triage". */
export function describeEntry(e: LedgerEntry): string {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  switch (e.action) {
    case 'usecase.create':
      return `admitted "${String(after.title ?? e.subject.id)}" into ${String(after.stage ?? 'intake')}`;
    case 'usecase.transition':
      return `moved from ${String(before.stage)} to ${String(after.stage)}${after.reason ? ` (${String(after.reason)})` : ''}`;
    case 'usecase.update':
      return 'changed the use case';
    case 'usecase.import':
      return `imported ${String(after.count ?? '')} use cases`;
    default:
      return e.action;
  }
}

/** Flattens a JSON value to `path → value` rows so two versions can be compared line by line. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const rows = new Map<string, string>();
  if (value !== null && typeof value === 'object' && !(Array.isArray(value) && value.every((v) => typeof v !== 'object'))) {
    for (const [key, inner] of Object.entries(value)) for (const [k, v] of flatten(inner, prefix ? `${prefix}.${key}` : key)) rows.set(k, v);
    return rows;
  }
  if (value !== undefined && prefix) rows.set(prefix, JSON.stringify(value));
  else if (value !== undefined && value !== null) rows.set('(value)', JSON.stringify(value));
  return rows;
}

/** The rows of a before/after comparison, changed ones marked. */
export function compare(before: unknown, after: unknown): { path: string; before?: string; after?: string; changed: boolean }[] {
  const b = flatten(before);
  const a = flatten(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  return paths.map((path) => ({ path, before: b.get(path), after: a.get(path), changed: b.get(path) !== a.get(path) }));
}
