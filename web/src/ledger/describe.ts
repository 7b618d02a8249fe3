import type { LedgerEntry } from './api';

const reason = (after: Record<string, unknown>) => (after.reason ? ` (${String(after.reason)})` : '');
const note = (after: Record<string, unknown>) => (after.note ? ` (${String(after.note)})` : '');

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
    case 'release.create':
      return `created release "${String(after.name ?? e.subject.id)}"`;
    case 'release.activate':
      return `activated a release in ${String(after.environment)}${reason(after)}`;
    case 'release.canary':
      return after.canaryReleaseId ? `sent ${String(after.canaryWeight)}% of ${String(after.environment)} traffic to a canary release` : `ended the canary in ${String(after.environment)}`;
    case 'release.rollback':
      return `rolled ${String(after.environment)} back to the previous release${reason(after)}`;
    case 'prompt.version':
      return `added version ${String(after.version)} of a prompt template${after.changeNote ? ` (${String(after.changeNote)})` : ''}`;
    case 'endpoint.create':
      return `added model endpoint ${String(after.name)}`;
    case 'endpoint.update':
      return before.status !== after.status ? `set model endpoint ${String(after.name)} ${String(after.status)}` : `changed model endpoint ${String(after.name)}`;
    case 'gateway_key.issue':
      return `issued a ${String(after.environment)} gateway key`;
    case 'gateway_key.rotate':
      return 'rotated a gateway key';
    case 'gateway_key.revoke':
      return 'revoked a gateway key';
    case 'gateway.settings':
      return 'changed who signs end-user tokens';
    case 'gateway.batch':
      return `anchored ${String(after.count)} gateway calls`;
    case 'review.approve':
      return `approved a held answer${note(after)}`;
    case 'review.edit':
      return `edited a held answer${note(after)}`;
    case 'review.reject':
      return `rejected a held answer${note(after)}`;
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
