import type { FieldProblem } from '../api/problem';
import { formatMetric, keyMetrics, metricLabel } from './format';
import { rowProblems, type RowProblem } from './rows';
import { isEvaluationSummary, type Dataset, type EvalRun, type PromptfooImported } from './types';

/** What the upload routes take at most (`UPLOAD_LIMIT` in src/evals/routes.ts); a bigger file is refused before it is read. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

/** The predictions or rows in a JSON Lines text: its lines that are not blank, as the API counts them. */
export const countLines = (text: string): number => text.split(/\r?\n/).filter((line) => line.trim()).length;

/** Where the problems of a refused predictions file belong: the dataset and version fields, the file as a whole, or a line. */
export interface OfflineProblems {
  datasetId: string[];
  version: string[];
  predictions: string[];
  lines: RowProblem[];
}

/**
 * Sorts the problems the offline scoring route reports: its query (`querystring.datasetId`, `querystring.version`),
 * each bad prediction by its line (`line 3: id`), and the file as a whole (`cases`: cases with no prediction).
 */
export function offlineProblems(problems: readonly FieldProblem[]): OfflineProblems {
  const sorted: OfflineProblems = { datasetId: [], version: [], predictions: [], lines: [] };
  for (const p of problems) {
    const query = /^querystring\.(datasetId|version)\b/.exec(p.path)?.[1] as 'datasetId' | 'version' | undefined;
    const [row] = rowProblems([p]);
    if (query) sorted[query].push(p.message);
    else if (row.line !== null) sorted.lines.push(row);
    else sorted.predictions.push(p.path && p.path !== 'body' && p.path !== 'cases' ? `${p.path}: ${p.message}` : p.message);
  }
  return sorted;
}

/**
 * The field a refusal without field problems belongs to, when its words name one: a dataset or version that does not
 * exist (404, "version 3 of dataset ds_1 does not exist"), a dataset name already taken (409, "a dataset named … exists").
 */
export function refusedField(status: number, detail: string): 'datasetId' | 'version' | 'name' | undefined {
  if (status === 404 && /^version \S+ of dataset /.test(detail)) return 'version';
  if (status === 404 && /^dataset /.test(detail)) return 'datasetId';
  if (status === 409 && /^a dataset named /.test(detail)) return 'name';
  return undefined;
}

/** The status a scored predictions file earns: how many, the run, and its headline figures. */
export function scoredSummary(run: EvalRun): string {
  const s = run.summary;
  const figures = isEvaluationSummary(s) ? keyMetrics(s).map((n) => `${metricLabel(n)} ${formatMetric(n, s.metrics[n].value)}`) : [];
  const failed = run.progress.failed ? ` (${run.progress.failed.toLocaleString()} without an answer)` : '';
  return `Scored ${run.progress.done.toLocaleString()} predictions${failed}: run ${run.id}${figures.length ? `. ${figures.join(', ')}.` : '.'}`;
}

/** The hint for a predictions file: one line per case of the version chosen, with probabilities for a classifier. */
export function predictionsHint(kind: Dataset['kind'], rows: number | undefined): string {
  const line = kind === 'classification' ? '{"id": "case-1", "output": "high", "scores": {"high": 0.8, "low": 0.2}}' : '{"id": "case-1", "output": "the answer"}';
  const count = rows === undefined ? 'one line per case' : `one line for each of its ${rows.toLocaleString()} cases`;
  return `${line} per line, ${count}; optional latencyMs and costUsd${kind === 'classification' ? '. Scores (0 to 1) give the calibration metrics' : ''}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The status an import earns: the dataset, its rows and prompts, and how much was left behind. */
export function importedSummary(imported: PromptfooImported): string {
  const rows = imported.dataset.versions.reduce((n, v) => Math.max(n, v.rows), 0);
  const skipped = imported.unsupported.filter((u) => u.assertion !== undefined).length;
  const others = imported.unsupported.length - skipped;
  const left = [skipped && plural(skipped, 'assertion'), others && plural(others, 'other item')].filter(Boolean).join(' and ');
  return `Imported ${imported.dataset.name}: ${plural(rows, 'row')} from ${plural(imported.prompts, 'prompt')}${left ? `; ${left} not brought over, listed below` : '; everything was brought over'}.`;
}

/** Where the problems of a refused promptfoo import belong: the name field, or the config (`config`, `prompts`, `tests.2`). */
export function promptfooProblems(problems: readonly FieldProblem[]): { name: string[]; config: string[] } {
  const sorted = { name: [] as string[], config: [] as string[] };
  for (const p of problems) {
    if (/^querystring\.name\b/.test(p.path)) sorted.name.push(p.message);
    else {
      const test = /^tests\.(\d+)$/.exec(p.path);
      sorted.config.push(test ? `test ${test[1]}: ${p.message}` : p.path === 'config' || p.path === 'body' ? p.message : `${p.path}: ${p.message}`);
    }
  }
  return sorted;
}

/** The name rule of the import route (2 to 100 characters once trimmed), checked before the config is sent. */
export function nameProblem(name: string): string | undefined {
  const length = name.trim().length;
  if (length < 2) return 'give the dataset a name of at least 2 characters';
  if (length > 100) return 'a name has at most 100 characters';
  return undefined;
}

/** A name for the dataset from a config file's name: `refunds.promptfooconfig.yaml` gives `refunds`. */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(ya?ml)$/i, '').replace(/[._-]?promptfooconfig$/i, '').replace(/^promptfooconfig[._-]?/i, '');
  return base.replace(/[_-]+/g, ' ').trim().slice(0, 100);
}
