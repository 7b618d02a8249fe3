import { z } from 'zod';
import { type Assertion, AssertionSchema } from '../assertions.js';

/** The three kinds of evaluation task a dataset can hold; every row of a dataset is of one kind. */
export const TASK_KINDS = ['classification', 'generation', 'rag'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const caseId = z.string().trim().min(1).max(200).regex(/^[^\s]+$/, 'no whitespace');
const text = z.string().min(1, 'must not be empty').max(200_000);

export const ClassificationRowSchema = z.strictObject({
  id: caseId.optional(),
  input: text,
  label: z.string().trim().min(1, 'must not be empty').max(200),
  /** the model's probability per class label, from a scored predictions file; used by calibration and AUROC */
  scores: z.record(z.string().min(1), z.number().min(0).max(1)).optional(),
});
export const GenerationRowSchema = z
  .strictObject({
    id: caseId.optional(),
    input: text,
    reference: text.optional(),
    context: text.optional(),
    assertions: z.array(AssertionSchema).max(50).optional(),
  })
  .refine((r) => r.reference !== undefined || (r.assertions?.length ?? 0) > 0, { message: 'needs a reference answer or at least one assertion', path: ['reference'] });
export const RagRowSchema = z.strictObject({
  id: caseId.optional(),
  question: text,
  contexts: z.array(text).min(1, 'needs at least one context passage').max(100),
  reference: text,
});

export interface ClassificationRow { id: string; input: string; label: string; scores?: Record<string, number> }
export interface GenerationRow { id: string; input: string; reference?: string; context?: string; assertions?: Assertion[] }
export interface RagRow { id: string; question: string; contexts: string[]; reference: string }
export interface RowByKind { classification: ClassificationRow; generation: GenerationRow; rag: RagRow }
export type DatasetRow = RowByKind[TaskKind];

export const ROW_SCHEMAS = { classification: ClassificationRowSchema, generation: GenerationRowSchema, rag: RagRowSchema } as const;
export const ROW_FIELDS: Readonly<Record<TaskKind, readonly string[]>> = {
  classification: ['id', 'input', 'label', 'scores'],
  generation: ['id', 'input', 'reference', 'context', 'assertions'],
  rag: ['id', 'question', 'contexts', 'reference'],
};

/** A row that could not be read: its source line (1-based), the field at fault when known, and why. */
export interface RowError {
  line: number;
  field?: string;
  reason: string;
}

/**
 * Validates one raw record as a row of the given kind. The row's id is its own `id`, or its 1-based position among
 * the records when it has none, so the same rows in JSONL or CSV give the same canonical rows. Strings are put in
 * Unicode NFC so visually identical text hashes identically.
 */
export function readRow<K extends TaskKind>(kind: K, record: unknown, line: number, position: number): { row: RowByKind[K] } | { errors: RowError[] } {
  const parsed = ROW_SCHEMAS[kind].safeParse(record);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => ({ line, ...(issue.path.length ? { field: issue.path.join('.') } : {}), reason: issue.message })) };
  }
  const row = nfc({ ...parsed.data, id: parsed.data.id ?? String(position) }) as RowByKind[K];
  return { row };
}

/** Every string (and object key) in NFC; other values unchanged; undefined members dropped. */
export function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k.normalize('NFC')] = nfc(v);
  return out;
}

/** The named values a prompt template can use for a row: `{{input}}`, `{{context}}`, `{{question}}`, `{{contexts}}`. */
export function caseVariables(row: DatasetRow): Record<string, string> {
  if ('question' in row) return { question: row.question, input: row.question, contexts: row.contexts.map((c, i) => `[${i + 1}] ${c}`).join('\n\n') };
  return 'context' in row && row.context !== undefined ? { input: row.input, context: row.context } : { input: row.input };
}
