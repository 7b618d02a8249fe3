import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { Invalid } from '../kernel/errors.js';
import { type Assertion, AssertionSchema, type AssertionType } from './assertions.js';
import { type GenerationRow, readRow } from './datasets/rows.js';

/** promptfoo's deterministic assertion types and their Charter names; `not-<type>` negates any of them. */
const ASSERTION_MAP: Readonly<Record<string, AssertionType>> = {
  equals: 'equals', contains: 'contains', icontains: 'icontains', 'contains-any': 'contains_any', 'contains-all': 'contains_all',
  'icontains-any': 'icontains_any', 'icontains-all': 'icontains_all', 'starts-with': 'starts_with', regex: 'regex',
  'is-json': 'is_json', 'contains-json': 'contains_json',
};
const LIST_TYPES = new Set<AssertionType>(['contains_any', 'contains_all', 'icontains_any', 'icontains_all']);
const JSON_TYPES = new Set<AssertionType>(['is_json', 'contains_json']);

/** Something in the suite Charter does not bring over, and where it is (test and assertion numbers are 1-based). */
export interface ImportProblem {
  test: number | null;
  assertion?: number;
  type?: string;
  reason: string;
}

export interface PromptfooImport {
  description: string | null;
  prompts: { label: string; template: string }[];
  /** provider ids as written, to be mapped to catalogue endpoints; Charter calls the release under test instead */
  providers: string[];
  /** one generation row per prompt and test, its input the rendered prompt */
  rows: GenerationRow[];
  unsupported: ImportProblem[];
}

type Vars = Record<string, unknown>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Fills `{{ name }}` as promptfoo's Nunjucks would for plain variables (an undefined one renders empty). */
function render(template: string, vars: Vars, missing: Set<string>): string {
  return template.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) missing.add(name);
    return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  });
}
const usesTemplateLogic = (text: string) => /\{%|\{\{[^}]*\|[^}]*\}\}/.test(text);

function readPrompts(raw: unknown, problems: ImportProblem[]): PromptfooImport['prompts'] {
  const prompts: PromptfooImport['prompts'] = [];
  for (const entry of asList(raw)) {
    const template = typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.raw === 'string' ? entry.raw : null;
    const label = isRecord(entry) && typeof entry.label === 'string' ? entry.label : null;
    if (template === null || template.startsWith('file://')) {
      problems.push({ test: null, reason: `prompt ${JSON.stringify(entry)} is not inline text; paste it into the config to import it` });
      continue;
    }
    if (usesTemplateLogic(template)) problems.push({ test: null, reason: `prompt "${label ?? template.slice(0, 40)}" uses Nunjucks tags or filters; only {{ variable }} is filled` });
    prompts.push({ label: label ?? `prompt ${prompts.length + 1}`, template });
  }
  return prompts;
}

function readProviders(raw: unknown): string[] {
  return asList(raw).flatMap((p) => (typeof p === 'string' ? [p] : isRecord(p) && typeof p.id === 'string' ? [p.id] : []));
}

/** One promptfoo assertion in Charter's form, or the reason it cannot be. */
function readAssertion(raw: unknown, vars: Vars, missing: Set<string>): Assertion | string {
  if (!isRecord(raw) || typeof raw.type !== 'string') return 'an assertion needs a type';
  const negate = raw.type.startsWith('not-');
  const type = ASSERTION_MAP[negate ? raw.type.slice(4) : raw.type];
  if (!type) return `assertion type "${raw.type}" is not one Charter evaluates (deterministic types only: ${Object.keys(ASSERTION_MAP).join(', ')} and their not- forms)`;
  if (raw.transform !== undefined) return `assertion "${raw.type}" has a transform, which Charter does not run`;
  let value: unknown = typeof raw.value === 'string' ? render(raw.value, vars, missing) : raw.value;
  if (typeof value === 'string' && value.startsWith('file://')) return `assertion "${raw.type}" reads its value from a file; inline it to import it`;
  if (LIST_TYPES.has(type) && typeof value === 'string') {
    // promptfoo reads a string as comma-separated values, where a quoted value may hold commas
    try {
      value = ((parseCsv(value, { trim: true }) as string[][])[0] ?? []).filter(Boolean);
    } catch {
      return `assertion "${raw.type}" has an unterminated quoted value`;
    }
  }
  if (JSON_TYPES.has(type) && typeof value === 'string') {
    try {
      value = value.trim() ? parseYaml(value) : undefined;
    } catch {
      return `assertion "${raw.type}" has a schema that is neither JSON nor YAML`;
    }
  }
  const parsed = AssertionSchema.safeParse({ type, ...(value === undefined ? {} : { value }), ...(negate ? { negate } : {}) });
  return parsed.success ? parsed.data : `assertion "${raw.type}": ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`;
}

function readTests(config: Record<string, unknown>, problems: ImportProblem[]): { vars: Vars; assert: unknown[]; number: number }[] {
  const defaults = isRecord(config.defaultTest) ? config.defaultTest : {};
  const defaultVars = isRecord(defaults.vars) ? defaults.vars : {};
  if (typeof config.tests === 'string') {
    problems.push({ test: null, reason: `tests are read from ${config.tests}; list them in the config to import them` });
    return [];
  }
  return asList(config.tests).flatMap((test, i) => {
    const number = i + 1;
    if (!isRecord(test)) {
      problems.push({ test: number, reason: 'a test must be a mapping with vars and assert' });
      return [];
    }
    if (test.threshold !== undefined) problems.push({ test: number, reason: 'a weighted pass threshold is ignored; Charter passes a test when all its assertions pass' });
    const vars: Vars = { ...defaultVars, ...(isRecord(test.vars) ? test.vars : {}) };
    const listed = Object.entries(vars).filter(([, v]) => Array.isArray(v)).map(([k]) => k);
    if (listed.length) {
      problems.push({ test: number, reason: `vars ${listed.join(', ')} list several values, which promptfoo expands into several tests; split them to import` });
      return [];
    }
    return [{ vars, assert: [...asList(defaults.assert), ...asList(test.assert)], number }];
  });
}

/**
 * Brings a promptfoo suite (promptfooconfig.yaml) over as Charter generation rows: each prompt × test becomes a row
 * whose input is the prompt rendered with the test's vars and whose assertions are the test's deterministic ones.
 * Anything not carried over is listed in `unsupported`, never silently dropped; a test left without any assertion
 * is skipped (and listed), since nothing would judge it.
 */
export function importPromptfoo(yamlText: string): PromptfooImport {
  let config: unknown;
  try {
    config = parseYaml(yamlText);
  } catch (err) {
    throw new Invalid(`the promptfoo config is not valid YAML: ${(err as Error).message}`, [{ path: 'config', message: 'not YAML' }]);
  }
  if (!isRecord(config)) throw new Invalid('the promptfoo config must be a YAML mapping', [{ path: 'config', message: 'not a mapping' }]);
  const unsupported: ImportProblem[] = [];
  const prompts = readPrompts(config.prompts, unsupported);
  if (!prompts.length) throw new Invalid('the promptfoo config has no inline prompts to import', [{ path: 'prompts', message: 'no inline prompt' }]);
  const tests = readTests(config, unsupported);
  const rows: GenerationRow[] = [];
  for (const test of tests) {
    const missing = new Set<string>();
    const assertions: Assertion[] = [];
    test.assert.forEach((raw, j) => {
      const read = readAssertion(raw, test.vars, missing);
      if (typeof read === 'string') unsupported.push({ test: test.number, assertion: j + 1, type: isRecord(raw) ? String(raw.type) : undefined, reason: read });
      else assertions.push(read);
    });
    if (!assertions.length) {
      unsupported.push({ test: test.number, reason: 'no assertion Charter can evaluate is left, so the test is skipped' });
      continue;
    }
    prompts.forEach((prompt, p) => {
      const id = prompts.length === 1 ? `t${test.number}` : `p${p + 1}-t${test.number}`;
      const read = readRow('generation', { id, input: render(prompt.template, test.vars, missing), assertions }, test.number, rows.length + 1);
      if ('row' in read) rows.push(read.row);
      else unsupported.push({ test: test.number, reason: `prompt ${p + 1}: ${read.errors.map((e) => `${e.field ?? 'row'} ${e.reason}`).join('; ')}` });
    });
    if (missing.size) unsupported.push({ test: test.number, reason: `uses undefined variable(s) ${[...missing].join(', ')}, rendered empty as promptfoo does` });
  }
  unsupported.sort((a, b) => (a.test ?? 0) - (b.test ?? 0));
  return { description: typeof config.description === 'string' ? config.description : null, prompts, providers: readProviders(config.providers), rows, unsupported };
}
