import { z } from 'zod';
import euV1 from './data/v1/eu-ai-act.json' with { type: 'json' };
import impactV1 from './data/v1/impact.json' with { type: 'json' };

/**
 * The screening questionnaire as data: the EU AI Act cascade and the weighted impact questions. A questionnaire
 * version is frozen once used, so a past screening can be replayed with the questions it answered; a change to the
 * questions or weights ships as a new `data/v<n>` folder.
 */

const Id = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/);
const Text = z.string().min(1);

/** What a "yes" (or a chosen option) to an EU question means in the cascade. */
export const EU_EFFECTS = [
  'in_scope_if_yes', 'out_of_scope_if_yes', 'role', 'prohibited', 'annex_i', 'annex_iii', 'profiling', 'derogation', 'transparency', 'gpai', 'fria',
] as const;
export type EuEffect = (typeof EU_EFFECTS)[number];

export const EU_ROLES = ['provider', 'deployer', 'importer_distributor', 'provider_by_modification'] as const;
export type EuRole = (typeof EU_ROLES)[number];

const EuOption = z.strictObject({ value: z.string().min(1), text: Text });
const EuQuestion = z.strictObject({
  id: Id,
  kind: z.enum(['yes_no', 'multi']),
  effect: z.enum(EU_EFFECTS),
  ref: z.string().min(3),
  text: Text,
  options: z.array(EuOption).min(2).optional(),
  obligations: z.array(z.string()).optional(),
});

const EuPart = z.strictObject({
  title: Text,
  disclaimer: Text,
  friaExcludedAreas: z.array(z.string()),
  questions: z.array(EuQuestion).min(1),
  obligations: z.record(z.string(), Text),
  obligationSets: z.strictObject({
    inScope: z.array(z.string()),
    prohibited: z.array(z.string()),
    derogation: z.array(z.string()),
    highRisk: z.strictObject(Object.fromEntries(EU_ROLES.map((r) => [r, z.array(z.string())])) as Record<EuRole, z.ZodArray<z.ZodString>>),
  }),
});

const ScoredOption = z.strictObject({ value: z.string().min(1), points: z.number().int().min(0), text: Text });
const ImpactQuestion = z.union([
  z.strictObject({ id: Id, kind: z.literal('yes_no'), points: z.number().int().min(0), text: Text }),
  z.strictObject({ id: Id, kind: z.enum(['choice', 'multi']), options: z.array(ScoredOption).min(2), text: Text }),
]);
const Obligation = z.strictObject({ ref: z.string().min(3), title: Text });
const Fraction = z.number().gt(0).lt(1);

const ImpactPart = z.strictObject({
  title: Text,
  method: z.strictObject({
    levelCutoffs: z.tuple([Fraction, Fraction, Fraction]),
    mitigationThreshold: Fraction,
    mitigationReduction: Fraction,
  }),
  questions: z.array(ImpactQuestion).min(1),
  mitigations: z.array(ImpactQuestion).min(1),
  levelObligations: z.strictObject({ I: z.array(Obligation), II: z.array(Obligation), III: z.array(Obligation), IV: z.array(Obligation) }),
});

export type EuQuestion = z.infer<typeof EuQuestion>;
export type EuPart = z.infer<typeof EuPart>;
export type ImpactQuestion = z.infer<typeof ImpactQuestion>;
export type ImpactPart = z.infer<typeof ImpactPart>;

export interface Questionnaire {
  version: number;
  eu: EuPart;
  impact: ImpactPart;
  /** Sum over impact questions of the most points each can give (a multi-select gives the sum of its options). */
  maxRaw: number;
  maxMitigation: number;
}

/** One answer: yes/no is a boolean, a choice is an option value, a multi-select is a list of option values. */
export type Answer = boolean | string | string[];
export type Answers = Record<string, Answer>;

const maxima = new WeakMap<ImpactQuestion, number>();

/** The most points a question can give: a multi-select gives the sum of its options. */
export function maxPoints(q: ImpactQuestion): number {
  let max = maxima.get(q);
  if (max === undefined) {
    max = q.kind === 'yes_no' ? q.points : q.kind === 'multi' ? q.options.reduce((sum, o) => sum + o.points, 0) : Math.max(...q.options.map((o) => o.points));
    maxima.set(q, max);
  }
  return max;
}

/** Validates questionnaire data and checks that it hangs together (unique ids, known obligation refs, options where needed). */
export function buildQuestionnaire(version: number, euData: unknown, impactData: unknown): Questionnaire {
  const eu = EuPart.parse(euData);
  const impact = ImpactPart.parse(impactData);
  const ids = [...eu.questions, ...impact.questions, ...impact.mitigations].map((q) => q.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`questionnaire v${version}: question id ${duplicate} is used twice`);
  const sets = eu.obligationSets;
  const refs = [...eu.questions.flatMap((q) => q.obligations ?? []), ...sets.inScope, ...sets.prohibited, ...sets.derogation, ...Object.values(sets.highRisk).flat()];
  const unknown = refs.find((ref) => !(ref in eu.obligations));
  if (unknown) throw new Error(`questionnaire v${version}: obligation ${unknown} is not in the obligations catalogue`);
  for (const q of eu.questions) {
    if ((q.kind === 'multi') !== Boolean(q.options)) throw new Error(`questionnaire v${version}: ${q.id} needs options exactly when it is a multi-select`);
  }
  for (const effect of EU_EFFECTS) {
    if (!eu.questions.some((q) => q.effect === effect)) throw new Error(`questionnaire v${version}: no EU question has effect ${effect}`);
  }
  const roles = eu.questions.find((q) => q.effect === 'role')?.options?.map((o) => o.value) ?? [];
  if (roles.join() !== EU_ROLES.join()) throw new Error(`questionnaire v${version}: role options must be ${EU_ROLES.join(', ')}`);
  return {
    version,
    eu,
    impact,
    maxRaw: impact.questions.reduce((sum, q) => sum + maxPoints(q), 0),
    maxMitigation: impact.mitigations.reduce((sum, q) => sum + maxPoints(q), 0),
  };
}

const current = buildQuestionnaire(1, euV1, impactV1);
const VERSIONS: ReadonlyMap<number, Questionnaire> = new Map([[current.version, current]]);

/** The questionnaire new screenings answer. */
export const currentQuestionnaire: Questionnaire = current;

/** The questionnaire a past screening answered, to replay or show it. */
export function questionnaireVersion(version: number): Questionnaire | undefined {
  return VERSIONS.get(version);
}
