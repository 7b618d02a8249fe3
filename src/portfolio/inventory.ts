import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DATA_CATEGORIES, type DataCategory, SENSITIVITY_LEVELS, type Sensitivity } from '../kernel/dataclasses.js';
import { outcomeProblems, parseOutcomeSentence } from './outcome.js';
import type { OutcomeStatement, UseCase } from './schema.js';

/** One row of an inventory of existing pilots, after validation. */
export interface InventoryItem {
  line: number;
  title: string;
  sponsor: string | null;
  ownerEmail: string | null;
  valueStream: string | null;
  outcome: OutcomeStatement | null;
  sensitivity: Sensitivity;
  categories: DataCategory[];
  productionReadiness: (typeof READINESS)[number];
  description: string;
}
export interface RowError {
  line: number;
  field?: string;
  reason: string;
}

/** What an owner_email must look like before it is looked up. */
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const READINESS = ['idea', 'prototype', 'pilot', 'production'] as const;
export const INVENTORY_COLUMNS = ['title', 'sponsor', 'owner_email', 'value_stream', 'outcome', 'data_sensitivity', 'data_categories', 'production_readiness', 'description'] as const;

/** Decodes the upload strictly as UTF-8 (a BOM is allowed): a Latin-1 or UTF-16 file is rejected, not mangled. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InventoryFormatError('the file is not valid UTF-8; save it as UTF-8 (CSV UTF-8 in spreadsheet programs) and retry');
  }
}

export class InventoryFormatError extends Error {}

/** Parses CSV (header row required) or a JSON array into raw records with their source line numbers. */
export function readRecords(text: string, format: 'csv' | 'json'): { line: number; record: Record<string, unknown> }[] {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InventoryFormatError(`the JSON does not parse: ${(err as Error).message}`);
    }
    if (!Array.isArray(data)) throw new InventoryFormatError('the JSON must be an array of use cases');
    return data.map((record, i) => ({ line: i + 1, record: (record && typeof record === 'object' ? record : { __invalid: record }) as Record<string, unknown> }));
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw new InventoryFormatError(`the CSV does not parse: ${(err as Error).message}`);
  }
  // Line 1 is the header; records follow on lines 2…
  return rows.map((record, i) => ({ line: i + 2, record }));
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

/** Validates each record; a row that fails is reported with its line and every reason, never silently dropped. */
export function validateRecords(records: { line: number; record: Record<string, unknown> }[]): { items: InventoryItem[]; errors: RowError[] } {
  const items: InventoryItem[] = [];
  const errors: RowError[] = [];
  for (const { line, record } of records) {
    const rowErrors: RowError[] = [];
    if ('__invalid' in record) {
      errors.push({ line, reason: 'each entry must be an object' });
      continue;
    }
    const unknown = Object.keys(record).filter((k) => !(INVENTORY_COLUMNS as readonly string[]).includes(k));
    if (unknown.length) rowErrors.push({ line, reason: `unknown column(s): ${unknown.join(', ')}` });
    const title = str(record.title);
    if (title.length < 3) rowErrors.push({ line, field: 'title', reason: 'a title of at least 3 characters is required' });
    const sensitivity = str(record.data_sensitivity).toLowerCase() || 'internal';
    if (!(SENSITIVITY_LEVELS as readonly string[]).includes(sensitivity)) rowErrors.push({ line, field: 'data_sensitivity', reason: `must be one of ${SENSITIVITY_LEVELS.join(', ')}` });
    const categories = str(record.data_categories).split(/[;|]/).map((c) => c.trim().toLowerCase()).filter(Boolean);
    const badCategories = categories.filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c));
    if (badCategories.length) rowErrors.push({ line, field: 'data_categories', reason: `unknown categories ${badCategories.join(', ')}; use ${DATA_CATEGORIES.join(', ')}` });
    const readiness = str(record.production_readiness).toLowerCase() || 'prototype';
    if (!(READINESS as readonly string[]).includes(readiness)) rowErrors.push({ line, field: 'production_readiness', reason: `must be one of ${READINESS.join(', ')}` });
    const ownerEmail = str(record.owner_email).toLowerCase() || null;
    if (ownerEmail && !EMAIL.test(ownerEmail)) rowErrors.push({ line, field: 'owner_email', reason: 'not an email address' });
    let outcome: OutcomeStatement | null = null;
    const sentence = str(record.outcome);
    if (sentence) {
      const parsed = parseOutcomeSentence(sentence);
      if (parsed.outcome && !outcomeProblems(parsed.outcome).length) outcome = parsed.outcome;
      else rowErrors.push({ line, field: 'outcome', reason: `"${sentence}" is not an outcome statement: ${parsed.problems.map((p) => p.message).join('; ')}` });
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    items.push({
      line, title, sponsor: str(record.sponsor) || null, ownerEmail, valueStream: str(record.value_stream) || null, outcome,
      sensitivity: sensitivity as Sensitivity, categories: categories as DataCategory[], productionReadiness: readiness as InventoryItem['productionReadiness'],
      description: str(record.description),
    });
  }
  return { items, errors };
}

function exportRecord(uc: UseCase) {
  return {
    id: uc.id, title: uc.title, stage: uc.stage, risk_tier: uc.riskTier ?? '', value_stream: uc.valueStream?.name ?? '',
    owner: uc.owner?.name ?? '', sponsor: uc.sponsor ?? '', outcome: uc.outcomeSentence ?? '',
    data_sensitivity: uc.dataClasses.sensitivity, data_categories: uc.dataClasses.categories.join(';'),
    priority_score: uc.priorityScore?.score ?? '', target_date: uc.targetDate ?? '', orphaned: uc.orphanReasons.join('; '),
    created_at: uc.createdAt, updated_at: uc.updatedAt,
  };
}

export function exportCsv(useCases: UseCase[]): string {
  return stringify(useCases.map(exportRecord), { header: true });
}
