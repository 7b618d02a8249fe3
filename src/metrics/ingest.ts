import { parse } from 'csv-parse/sync';
import { Observation, type MetricDefinition } from './schema.js';
import { convertUnit, UNITS, type Unit } from './units.js';

/**
 * Late data: an observation may arrive up to 35 days after the time it describes, long enough for a monthly
 * business figure to be filed after the month's close. Older ones are refused rather than silently rewriting
 * reviewed history. Up to 5 minutes in the future is tolerated for clock skew.
 */
export const LATE_DATA_WINDOW_MS = 35 * 86_400_000;
export const FUTURE_SKEW_MS = 5 * 60_000;

export interface IngestContext {
  /** The tenant's metric definitions by key. */
  metrics: ReadonlyMap<string, MetricDefinition>;
  /** Fingerprints of already stored observations whose idempotency key appears in the batch, by key. */
  storedFingerprints: ReadonlyMap<string, string>;
  now: Date;
  lateWindowMs?: number;
}

/** An observation ready to store: time normalised to UTC, value converted to the metric's unit. */
export interface AcceptedObservation {
  metric: string;
  useCaseId: string;
  at: string;
  value: number;
  unit: Unit;
  idempotencyKey: string;
  fingerprint: string;
}

export interface ObservationProblem {
  index: number;
  field: string;
  reason: string;
}

export interface IngestResult {
  accepted: AcceptedObservation[];
  /** Idempotency keys already seen with the same content: replays, not errors. */
  replayed: string[];
  rejected: ObservationProblem[];
}

/** What makes two observations the same: a replay has the same fingerprint under the same idempotency key. */
export const observationFingerprint = (o: Pick<AcceptedObservation, 'metric' | 'useCaseId' | 'at' | 'value' | 'unit'>): string =>
  `${o.metric}|${o.useCaseId}|${o.at}|${o.value}|${o.unit}`;

/** The idempotency keys named in a raw batch, for the store to look up before `validateObservations`. */
export function idempotencyKeysOf(items: readonly unknown[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    const key = (item as { idempotencyKey?: unknown } | null)?.idempotencyKey;
    if (typeof key === 'string') keys.add(key);
  }
  return [...keys];
}

/** Validates each item of a batch on its own, so one bad observation does not hold back the rest. */
export function validateObservations(items: readonly unknown[], ctx: IngestContext): IngestResult {
  const result: IngestResult = { accepted: [], replayed: [], rejected: [] };
  const inBatch = new Map<string, string>();
  for (const [index, item] of items.entries()) {
    const checked = checkObservation(item, ctx);
    if ('problems' in checked) {
      result.rejected.push(...checked.problems.map((p) => ({ index, ...p })));
      continue;
    }
    const { observation } = checked;
    const seen = inBatch.get(observation.idempotencyKey) ?? ctx.storedFingerprints.get(observation.idempotencyKey);
    if (seen === observation.fingerprint) {
      result.replayed.push(observation.idempotencyKey);
    } else if (seen !== undefined) {
      result.rejected.push({ index, field: 'idempotencyKey', reason: 'already used for a different observation' });
    } else {
      inBatch.set(observation.idempotencyKey, observation.fingerprint);
      result.accepted.push(observation);
    }
  }
  return result;
}

type Checked = { observation: AcceptedObservation } | { problems: Omit<ObservationProblem, 'index'>[] };

function checkObservation(item: unknown, ctx: IngestContext): Checked {
  const parsed = Observation.safeParse(item);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(observation)', reason: issue.message })) };
  }
  const o = parsed.data;
  const metric = ctx.metrics.get(o.metric);
  if (!metric) return { problems: [{ field: 'metric', reason: `no metric ${o.metric} is defined` }] };

  const problems: Omit<ObservationProblem, 'index'>[] = [];
  if (metric.source === 'gateway' || metric.source === 'evaluation') {
    problems.push({ field: 'metric', reason: `${o.metric} is derived by Charter from ${metric.source} data; it cannot be pushed` });
  }
  if (metric.useCaseIds.length > 0 && !metric.useCaseIds.includes(o.useCaseId)) {
    problems.push({ field: 'useCaseId', reason: `${o.metric} is not linked to use case ${o.useCaseId}` });
  }
  const value = convertUnit(o.value, o.unit, metric.unit);
  if (value === null) {
    problems.push({ field: 'unit', reason: `${o.metric} is measured in ${metric.unit}; ${o.unit} does not convert to it (use ${unitsLike(metric.unit)})` });
  }
  const lateWindowMs = ctx.lateWindowMs ?? LATE_DATA_WINDOW_MS;
  const atMs = Date.parse(o.at);
  if (atMs < ctx.now.getTime() - lateWindowMs) {
    problems.push({ field: 'at', reason: `older than the late-data window of ${Math.round(lateWindowMs / 86_400_000)} days` });
  }
  if (atMs > ctx.now.getTime() + FUTURE_SKEW_MS) problems.push({ field: 'at', reason: 'in the future' });
  if (problems.length > 0 || value === null) return { problems };

  const at = new Date(atMs).toISOString();
  const fingerprint = observationFingerprint({ metric: o.metric, useCaseId: o.useCaseId, at, value, unit: metric.unit });
  return { observation: { metric: o.metric, useCaseId: o.useCaseId, at, value, unit: metric.unit, idempotencyKey: o.idempotencyKey, fingerprint } };
}

const unitsLike = (unit: Unit): string =>
  (Object.keys(UNITS) as Unit[]).filter((u) => UNITS[u].dimension === UNITS[unit].dimension).join(', ');

export const CSV_COLUMNS = ['metric', 'use_case', 'at', 'value', 'unit', 'idempotency_key'] as const;
const REQUIRED_COLUMNS = ['metric', 'use_case', 'at', 'value', 'unit'] as const;
const FIELD_TO_COLUMN: Record<string, string> = { useCaseId: 'use_case', idempotencyKey: 'idempotency_key' };

export interface CsvRowProblem {
  line: number;
  field: string;
  reason: string;
}

export interface CsvIngestResult {
  accepted: AcceptedObservation[];
  replayed: string[];
  errors: CsvRowProblem[];
}

/** A CSV upload read into API-shaped observations, each with the line it starts on. */
export interface CsvObservations {
  items: unknown[];
  lines: number[];
  errors: CsvRowProblem[];
}

/**
 * Reads a CSV upload (header row; columns metric, use_case, at, value, unit, optional idempotency_key). Errors name
 * the file's line and the column. Without an idempotency_key the key is derived from metric, use case and time, so
 * uploading the same file twice is a replay; correcting a value already uploaded then needs an explicit key.
 */
export function readObservationCsv(text: string): CsvObservations {
  const errors: CsvRowProblem[] = [];
  let header: string[] = [];
  const records = parse(text, {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    columns: (names: string[]) => (header = names.map((n) => n.trim().toLowerCase())),
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) errors.push({ line: Number(err.lines), field: '(row)', reason: err.message });
      return undefined;
    },
  }) as { record: Record<string, string>; info: { lines: number } }[];

  for (const column of REQUIRED_COLUMNS) if (!header.includes(column)) errors.push({ line: 1, field: column, reason: 'missing column' });
  for (const column of header) if (!(CSV_COLUMNS as readonly string[]).includes(column)) errors.push({ line: 1, field: column, reason: 'unknown column' });
  if (errors.some((e) => e.line === 1)) return { items: [], lines: [], errors };

  const read: CsvObservations = { items: [], lines: [], errors };
  for (const { record, info } of records) {
    // csv-parse counts lines to the end of a record; a quoted value spanning lines would otherwise shift the report.
    const line = info.lines - Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const value = record.value === '' ? Number.NaN : Number(record.value);
    if (Number.isNaN(value)) {
      errors.push({ line, field: 'value', reason: record.value === '' ? 'required' : `${JSON.stringify(record.value)} is not a number` });
      continue;
    }
    read.lines.push(line);
    read.items.push({
      metric: record.metric,
      useCaseId: record.use_case,
      at: record.at,
      value,
      unit: record.unit,
      idempotencyKey: record.idempotency_key || `csv:${record.metric}:${record.use_case}:${record.at}`,
    });
  }
  return read;
}

/** Validates the rows read from a CSV as API observations, reporting problems by line and column. */
export function validateCsvObservations(read: CsvObservations, ctx: IngestContext): CsvIngestResult {
  const result = validateObservations(read.items, ctx);
  const errors = [
    ...read.errors,
    ...result.rejected.map((p) => ({ line: read.lines[p.index], field: FIELD_TO_COLUMN[p.field] ?? p.field, reason: p.reason })),
  ].sort((a, b) => a.line - b.line);
  return { accepted: result.accepted, replayed: result.replayed, errors };
}
