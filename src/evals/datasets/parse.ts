import { parse } from 'csv-parse/sync';
import { ROW_FIELDS, readRow, type RowByKind, type RowError, type TaskKind } from './rows.js';

export const DATASET_FORMATS = ['jsonl', 'csv'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface ParsedDataset<K extends TaskKind> {
  kind: K;
  rows: RowByKind[K][];
  /** every bad row with its line and reason; a dataset with errors should not be stored */
  errors: RowError[];
  /** records read, good and bad */
  total: number;
}

// CSV cells holding JSON: scores {label: p}, contexts [passage…] (or one plain passage), assertions [{type, value}…].
const JSON_COLUMNS = new Set(['scores', 'contexts', 'assertions']);

/** Reads a JSONL or CSV dataset of one task kind into rows, reporting each bad row instead of stopping at the first. */
export function parseDataset<K extends TaskKind>(text: string, format: DatasetFormat, kind: K): ParsedDataset<K> {
  const records = format === 'jsonl' ? jsonlRecords(text) : csvRecords(text, ROW_FIELDS[kind]);
  const rows: RowByKind[K][] = [];
  const errors: RowError[] = [...records.errors];
  const firstLineOfId = new Map<string, number>();
  records.items.forEach(({ line, record }, i) => {
    const read = readRow(kind, record, line, i + 1);
    if ('errors' in read) {
      errors.push(...read.errors);
      return;
    }
    const seen = firstLineOfId.get(read.row.id);
    if (seen !== undefined) {
      errors.push({ line, field: 'id', reason: `duplicate id "${read.row.id}" (first on line ${seen})` });
      return;
    }
    firstLineOfId.set(read.row.id, line);
    rows.push(read.row);
  });
  errors.sort((a, b) => a.line - b.line);
  return { kind, rows, errors, total: records.count };
}

interface Records {
  items: { line: number; record: unknown }[];
  errors: RowError[];
  count: number;
}

function jsonlRecords(text: string): Records {
  const items: Records['items'] = [];
  const errors: RowError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const source = i === 0 ? lines[i].replace(/^\uFEFF/, '') : lines[i];
    if (!source.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(source);
    } catch (err) {
      errors.push({ line: i + 1, reason: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) errors.push({ line: i + 1, reason: 'each line must be a JSON object' });
    else items.push({ line: i + 1, record });
  }
  return { items, errors, count: items.length + errors.length };
}

/** CSV records by header name; an unknown column is reported once, on the header line, not on every row. */
function csvRecords(text: string, fields: readonly string[]): Records {
  let parsed: { record: Record<string, string>; info: { lines: number; empty_lines: number; invalid_field_length: number; columns: { name: string }[] } }[];
  try {
    parsed = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  } catch (err) {
    return { items: [], errors: [{ line: Number((err as { lines?: unknown }).lines) || 1, reason: `the CSV does not parse: ${(err as Error).message}` }], count: 0 };
  }
  const items: Records['items'] = [];
  const errors: RowError[] = [];
  const unknown = (parsed[0]?.info.columns ?? []).map((c) => c.name).filter((name) => !fields.includes(name));
  if (unknown.length) errors.push({ line: 1, reason: `unknown column(s) ${unknown.join(', ')}; expected ${fields.join(', ')}` });
  // csv-parse reports the line a record ends on; a record starts after the previous one and any empty lines between.
  let previousEnd = 1;
  let previousEmpty = 0;
  let previousInvalid = 0;
  for (const { record, info } of parsed) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    const wrongLength = info.invalid_field_length > previousInvalid;
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    previousInvalid = info.invalid_field_length;
    if (wrongLength) {
      errors.push({ line, reason: 'the row has a different number of fields than the header' });
      continue;
    }
    for (const name of unknown) delete record[name];
    const cells = csvCells(record, line, errors);
    if (cells) items.push({ line, record: cells });
  }
  return { items, errors, count: parsed.length };
}

function csvCells(record: Record<string, string>, line: number, errors: RowError[]): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell.trim() === '') continue;
    if (!JSON_COLUMNS.has(column)) out[column] = cell;
    else if (column === 'contexts' && !cell.trimStart().startsWith('[')) out[column] = [cell];
    else {
      try {
        out[column] = JSON.parse(cell);
      } catch {
        errors.push({ line, field: column, reason: `the ${column} cell must hold JSON` });
        return null;
      }
    }
  }
  return out;
}
