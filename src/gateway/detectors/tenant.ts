import { z } from 'zod';
import { DataCategory, Sensitivity } from '../../kernel/dataclasses.js';
import { type FieldProblem, Invalid } from '../../kernel/errors.js';
import { BUILTIN_DETECTOR_IDS } from './builtin/index.js';
import { Dictionary } from './dictionary.js';
import { type Detector, findByPattern } from './model.js';
import { hasNestedQuantifier } from './regex-safety.js';

const DetectorId = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, 'use lower-case letters, digits and dashes (2–48)');
const Label = z.string().regex(/^[A-Z][A-Z0-9_]{0,23}$/, 'use upper-case letters, digits and underscores');

/** A tenant's own pattern, such as employee numbers or internal project codes. */
export const TenantPattern = z.strictObject({
  kind: z.literal('pattern'),
  id: DetectorId,
  pattern: z.string().min(1).max(512),
  caseInsensitive: z.boolean().default(false),
  category: DataCategory,
  sensitivity: Sensitivity,
  label: Label.optional(),
});

/** A tenant's list of words or phrases (customer names, code names), matched whole-word and case-insensitively. */
export const TenantDictionary = z.strictObject({
  kind: z.literal('dictionary'),
  id: DetectorId,
  terms: z.array(z.string().trim().min(2).max(200)).min(1).max(20_000),
  category: DataCategory,
  sensitivity: Sensitivity,
  label: Label.optional(),
});

export const TenantDetectorSpec = z.discriminatedUnion('kind', [TenantPattern, TenantDictionary]);
export type TenantDetectorSpec = z.input<typeof TenantDetectorSpec>;

/** Compiles the regex of a tenant pattern, or says in words why it cannot be used. */
function compilePattern(source: string, caseInsensitive: boolean): RegExp | string {
  let regex: RegExp;
  try {
    regex = new RegExp(source, caseInsensitive ? 'gi' : 'g');
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
  if (regex.test('')) return 'the pattern matches the empty string';
  if (hasNestedQuantifier(source)) return 'nested quantifiers such as (a+)+ can backtrack catastrophically; rewrite the pattern';
  return regex;
}

/**
 * Validates a tenant's detector definitions and compiles them into detectors. Every problem is reported at once, each
 * naming the detector and the field (`detectors.2.pattern`), as an `Invalid` error.
 */
export function compileTenantDetectors(specs: readonly unknown[], path = 'detectors'): Detector[] {
  const problems: FieldProblem[] = [];
  const detectors: Detector[] = [];
  const seen = new Set<string>(BUILTIN_DETECTOR_IDS);
  specs.forEach((raw, index) => {
    const parsed = TenantDetectorSpec.safeParse(raw);
    const name = (raw as { id?: unknown })?.id;
    const who = typeof name === 'string' ? `detector "${name}"` : `detector ${index}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ path: [path, index, ...issue.path].join('.'), message: `${who}: ${issue.message}` });
      }
      return;
    }
    const spec = parsed.data;
    if (seen.has(spec.id)) {
      problems.push({ path: `${path}.${index}.id`, message: `${who}: the id is already taken` });
      return;
    }
    seen.add(spec.id);
    const base = {
      id: spec.id,
      label: spec.label ?? spec.id.toUpperCase().replace(/-/g, '_').slice(0, 24),
      dataClass: { category: spec.category, sensitivity: spec.sensitivity },
      mayOccurIn: () => true,
    };
    if (spec.kind === 'dictionary') {
      const dictionary = new Dictionary(spec.terms);
      detectors.push({ ...base, find: (text, found) => dictionary.find(text, found), normalize: (m) => m.toLowerCase() });
      return;
    }
    const regex = compilePattern(spec.pattern, spec.caseInsensitive);
    if (typeof regex === 'string') problems.push({ path: `${path}.${index}.pattern`, message: `${who}: ${regex}` });
    else detectors.push({ ...base, find: (text, found) => findByPattern(regex, text, found) });
  });
  if (problems.length > 0) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
  return detectors;
}
