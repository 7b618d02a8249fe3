import { createHash } from 'node:crypto';
import { canonicalJson } from '../../kernel/ledger/canonical.js';
import { type DatasetRow, nfc } from './rows.js';

/**
 * The canonical form of a dataset: one canonical JSON object per row (keys sorted, no whitespace, strings in NFC,
 * absent fields omitted), rows in dataset order, each line ending in "\n". The dataset's version hash is the
 * SHA-256 of exactly this text, so anyone can recompute it from an export.
 */
export function canonicalJsonl(rows: readonly DatasetRow[]): string {
  let out = '';
  for (const row of rows) out += `${canonicalJson(nfc(row))}\n`;
  return out;
}

/** The content hash that names a dataset version: hex SHA-256 of its canonical JSONL. Row order matters. */
export function datasetHash(rows: readonly DatasetRow[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${canonicalJson(nfc(row))}\n`);
  return hash.digest('hex');
}

export interface HashCheck {
  intact: boolean;
  expected: string;
  actual: string;
}

/** Recomputes a stored dataset's hash on load; `intact: false` means the rows were changed after the version was named. */
export function verifyDatasetHash(rows: readonly DatasetRow[], expected: string): HashCheck {
  const actual = datasetHash(rows);
  return { intact: actual === expected.toLowerCase(), expected, actual };
}
