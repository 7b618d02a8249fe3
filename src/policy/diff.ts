import type { PolicyPack } from './schema.js';

/** One difference between two pack versions, at a path such as `runtime.rules[pii-hold].effect`. */
export interface PackChange {
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  before?: unknown;
  after?: unknown;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}

/** How an element of a pack list is known across versions: rules by id, approvals by transition, metrics by name. */
function identity(item: unknown): string | undefined {
  if (!isPlain(item)) return undefined;
  if (typeof item.id === 'string') return item.id;
  if (typeof item.from === 'string' && typeof item.to === 'string') return `${item.from}->${item.to}`;
  if (typeof item.metric === 'string') return typeof item.slice === 'string' ? `${item.metric}:${item.slice}` : item.metric;
  if (typeof item.name === 'string') return item.name;
  if (typeof item.item === 'string') return item.item;
  return undefined;
}

function keyed(list: unknown[]): Map<string, unknown> | undefined {
  const map = new Map<string, unknown>();
  for (const item of list) {
    const key = identity(item);
    if (key === undefined || map.has(key)) return undefined;
    map.set(key, item);
  }
  return map;
}

function orderChange(path: string, before: string[], after: string[], out: PackChange[]) {
  const common = new Set(before.filter((k) => after.includes(k)));
  const was = before.filter((k) => common.has(k));
  const now = after.filter((k) => common.has(k));
  if (!equal(was, now)) out.push({ path, kind: 'reordered', before: was, after: now });
}

function diffList(path: string, before: unknown[], after: unknown[], out: PackChange[]) {
  if ([...before, ...after].every((v) => !isPlain(v) && !Array.isArray(v))) {
    for (const v of before) if (!after.includes(v)) out.push({ path, kind: 'removed', before: v });
    for (const v of after) if (!before.includes(v)) out.push({ path, kind: 'added', after: v });
    orderChange(path, before.map(String), after.map(String), out);
    return;
  }
  const was = keyed(before);
  const now = keyed(after);
  if (was && now) {
    for (const [key, item] of was) {
      if (now.has(key)) diffValue(`${path}[${key}]`, item, now.get(key), out);
      else out.push({ path: `${path}[${key}]`, kind: 'removed', before: item });
    }
    for (const [key, item] of now) if (!was.has(key)) out.push({ path: `${path}[${key}]`, kind: 'added', after: item });
    orderChange(path, [...was.keys()], [...now.keys()], out);
    return;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (i >= after.length) out.push({ path: `${path}[${i}]`, kind: 'removed', before: before[i] });
    else if (i >= before.length) out.push({ path: `${path}[${i}]`, kind: 'added', after: after[i] });
    else diffValue(`${path}[${i}]`, before[i], after[i], out);
  }
}

function diffValue(path: string, before: unknown, after: unknown, out: PackChange[]) {
  if (equal(before, after)) return;
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in after)) out.push({ path: at, kind: 'removed', before: before[key] });
      else if (!(key in before)) out.push({ path: at, kind: 'added', after: after[key] });
      else diffValue(at, before[key], after[key], out);
    }
  } else if (Array.isArray(before) && Array.isArray(after)) diffList(path, before, after, out);
  else out.push({ path, kind: 'changed', before, after });
}

/**
 * The differences between two versions of a pack, path by path. List elements are matched by identity (rule id,
 * transition, metric and slice, name, readiness item), so inserting a rule reads as one addition; a change of order
 * is reported once for the list as `reordered`.
 */
export function diffPacks(before: PolicyPack, after: PolicyPack): PackChange[] {
  const out: PackChange[] = [];
  diffValue('', before, after, out);
  return out;
}
