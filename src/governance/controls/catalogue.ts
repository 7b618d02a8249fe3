import type { Stage } from '../../portfolio/schema.js';
import { NIST_SUBCATEGORIES } from '../../policy/controls.js';
import { LIFECYCLE, type PolicyPack } from '../../policy/schema.js';
import type { Obligation } from '../../risk/model.js';
import { currentQuestionnaire } from '../../risk/questionnaire.js';

export const FRAMEWORKS = ['nist-ai-rmf', 'eu-ai-act', 'iso-42001'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const CONTROL_STATUSES = ['not_started', 'in_progress', 'implemented', 'not_applicable'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** A control a use case must meet, and the stage it must be met before. */
export interface RequiredControl {
  control: string;
  framework: Framework;
  /** NIST function and category (GOVERN, GOVERN 1); null for the other frameworks. */
  function: string | null;
  category: string | null;
  title: string | null;
  requiredBefore: Stage;
  /** The pack requires it, or the screening found an EU AI Act obligation the pack's articles do not cover. */
  source: 'pack' | 'screening';
}

/**
 * When each control falls due. NIST AI RMF 1.0 (§5.2) puts "an initial go/no-go decision" after MAP: GOVERN and MAP
 * are met before approval, MEASURE before a pilot puts the system in front of people, MANAGE before production. EU AI
 * Act duties are met before a pilot (a pilot is use), ISO/IEC 42001 Annex A controls before production.
 */
export const REQUIRED_BEFORE: Record<'GOVERN' | 'MAP' | 'MEASURE' | 'MANAGE' | 'eu-ai-act' | 'iso-42001', Stage> = {
  GOVERN: 'approved', MAP: 'approved', MEASURE: 'pilot', MANAGE: 'production', 'eu-ai-act': 'pilot', 'iso-42001': 'production',
};

const nist = new Map(NIST_SUBCATEGORIES.map((s) => [s.id, s]));
const euTitles: Record<string, string> = currentQuestionnaire.eu.obligations;

/** `Art. 26(2)` → `Art. 26`: the article a paragraph-level obligation belongs to. */
const articleOf = (ref: string): string => ref.replace(/\(.*$/, '');

/** The article control of the pack that covers an obligation, if any. */
export const coveringArticle = (pack: PolicyPack, ref: string): string | undefined => pack.controls.euAiAct.find((a) => a === ref || a === articleOf(ref));

/** The pack's controls, and the screening's EU AI Act obligations that no article of the pack covers. */
export function requiredControls(pack: PolicyPack, obligations: readonly Obligation[]): RequiredControl[] {
  const nistControls = pack.controls.nist.map((id): RequiredControl => {
    const sub = nist.get(id)!;
    return { control: id, framework: 'nist-ai-rmf', function: sub.function, category: sub.category, title: sub.statement, requiredBefore: REQUIRED_BEFORE[sub.function as 'GOVERN'], source: 'pack' };
  });
  const eu = (ref: string, source: RequiredControl['source']): RequiredControl => ({
    control: ref, framework: 'eu-ai-act', function: null, category: null, title: euTitles[ref] ?? null, requiredBefore: REQUIRED_BEFORE['eu-ai-act'], source,
  });
  const uncovered = obligations.filter((o) => o.source === 'eu-ai-act' && !coveringArticle(pack, o.ref)).map((o) => eu(o.ref, 'screening'));
  const iso = pack.controls.iso42001.map((id): RequiredControl => ({ control: id, framework: 'iso-42001', function: null, category: null, title: null, requiredBefore: REQUIRED_BEFORE['iso-42001'], source: 'pack' }));
  return [...nistControls, ...pack.controls.euAiAct.map((a) => eu(a, 'pack')), ...uncovered, ...iso];
}

const position = (stage: Stage) => LIFECYCLE.indexOf(stage as (typeof LIFECYCLE)[number]);

/** The controls that must be met to enter `to` (none for stages outside the lifecycle: rejected, retired, suspended). */
export function dueBy(controls: readonly RequiredControl[], to: Stage): RequiredControl[] {
  const reach = position(to);
  return reach === -1 ? [] : controls.filter((c) => position(c.requiredBefore) <= reach);
}

export interface ControlState extends RequiredControl {
  status: ControlStatus;
  justification: string | null;
  waiver: { exceptionId: string; expiresAt: string } | null;
  /** Implemented (with evidence), not applicable (with a justification), or waived by an exception still in force. */
  met: boolean;
}

/** Joins required controls with their recorded statuses and the waivers in force (expired ones are not passed in). */
export function controlStates(
  controls: readonly RequiredControl[],
  statuses: readonly { control: string; status: string; justification: string | null }[],
  waivers: readonly { id: string; control: string; expires_at: string }[],
): ControlState[] {
  const byControl = new Map(statuses.map((s) => [s.control, s]));
  const waived = new Map(waivers.map((w) => [w.control, w]));
  return controls.map((c) => {
    const s = byControl.get(c.control);
    const w = waived.get(c.control);
    const status = (s?.status ?? 'not_started') as ControlStatus;
    return { ...c, status, justification: s?.justification ?? null, waiver: w ? { exceptionId: w.id, expiresAt: w.expires_at } : null, met: !!w || status === 'implemented' || status === 'not_applicable' };
  });
}
