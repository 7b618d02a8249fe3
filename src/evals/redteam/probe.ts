import { z } from 'zod';
import { type FieldProblem, Invalid } from '../../kernel/errors.js';
import { RED_TEAM_CATEGORIES } from './categories.js';
import { DetectorSchema } from './detectors.js';

const PLACEHOLDER = /\{\{\s*(canary|variant|context)\s*\}\}/g;
const mentions = (text: string | undefined, name: string) => text !== undefined && new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(text);

/**
 * One probe: an attack written once as templates and tried in several variants. Templates may use `{{variant}}`
 * (this variant's text), `{{canary}}` (a marker unique to each attack, planted where a leak or a followed instruction
 * would reveal it) and, in the prompt, `{{context}}` (the document an indirect attack hides in).
 */
export const ProbeSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,79}$/, 'lowercase letters, digits and . _ - (3 to 80)'),
    category: z.enum(RED_TEAM_CATEGORIES),
    title: z.string().trim().min(3).max(200),
    atlas: z.array(z.string().regex(/^AML\.T\d{4}(?:\.\d{3})?$/, 'an ATLAS technique id such as AML.T0051.001')).max(10).default([]),
    /** a system message sent before the prompt (the application's instructions, with a planted canary) */
    system: z.string().min(1).max(20_000).optional(),
    /** a document placed in the prompt at {{context}} */
    context: z.string().min(1).max(50_000).optional(),
    /** the user's message */
    prompt: z.string().min(1).max(20_000),
    variants: z.array(z.string().min(1).max(5_000)).min(1).max(50),
    detector: DetectorSchema,
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.context !== undefined && !mentions(p.prompt, 'context')) issue('prompt', 'must place the context with {{context}}');
    if (p.context === undefined && mentions(p.prompt, 'context')) issue('context', 'is required when the prompt uses {{context}}');
    if (![p.prompt, p.system, p.context].some((t) => mentions(t, 'variant'))) issue('prompt', 'must use {{variant}} in the prompt, system or context');
    if (![p.prompt, p.system, p.context, ...p.variants].some((t) => mentions(t, 'canary')) && p.detector.type === 'canary') {
      issue('detector', 'a canary detector needs {{canary}} planted in the system, context, prompt or variants');
    }
    if (p.detector.type === 'regex') {
      try {
        new RegExp(p.detector.pattern, 'i');
      } catch (err) {
        issue('detector', `not a valid regular expression: ${(err as Error).message}`);
      }
    }
  });
export type Probe = z.infer<typeof ProbeSchema>;
export type ProbeInput = z.input<typeof ProbeSchema>;

/** Validates a tenant's probes; throws Invalid listing every problem by its path (e.g. `3.detector.pattern`). */
export function validateProbes(input: unknown): Probe[] {
  const parsed = z.array(ProbeSchema).max(500).safeParse(input);
  if (!parsed.success) {
    const errors: FieldProblem[] = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'probes', message: i.message }));
    throw new Invalid('the probes are not valid', errors);
  }
  const seen = new Set<string>();
  const duplicates = parsed.data.flatMap((p, i) => (seen.has(p.id) ? [{ path: `${i}.id`, message: `duplicate probe id "${p.id}"` }] : (seen.add(p.id), [])));
  if (duplicates.length) throw new Invalid('the probes are not valid', duplicates);
  return parsed.data;
}

/** Fills `{{name}}` placeholders; other text, including unknown placeholders, is left as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
