import type { PolicyPack } from '../../policy/schema.js';
import type { Obligation } from '../../risk/model.js';
import { type ControlState, coveringArticle, REQUIRED_BEFORE } from './catalogue.js';

export interface Coverage {
  required: number;
  met: number;
}

export interface NistPosture extends Coverage {
  functions: (Coverage & { function: string; categories: (Coverage & { category: string; open: string[] })[] })[];
}

export interface EuObligationStatus {
  ref: string;
  title: string | null;
  /** The control whose status decides it: the pack's article, or the obligation itself. */
  coveredBy: string;
  status: 'met' | 'open';
}

export interface UseCasePosture {
  nist: NistPosture;
  euAiAct: Coverage & { obligations: EuObligationStatus[] };
  iso42001: Coverage;
  /** What must be met before each gate the controls fall due at. */
  stages: (Coverage & { stage: string })[];
}

const coverage = (states: readonly ControlState[]): Coverage => ({ required: states.length, met: states.filter((s) => s.met).length });

function group<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item]);
  return out;
}

export function nistPosture(states: readonly ControlState[]): NistPosture {
  const nist = states.filter((s) => s.framework === 'nist-ai-rmf');
  const functions = [...group(nist, (s) => s.function!)].map(([fn, inFunction]) => ({
    function: fn,
    ...coverage(inFunction),
    categories: [...group(inFunction, (s) => s.category!)].map(([category, inCategory]) => ({
      category, ...coverage(inCategory), open: inCategory.filter((s) => !s.met).map((s) => s.control),
    })),
  }));
  return { ...coverage(nist), functions };
}

/** The EU AI Act obligations the screening found, and the pack's articles, each met or open. */
export function euPosture(states: readonly ControlState[], obligations: readonly Obligation[], pack: PolicyPack): UseCasePosture['euAiAct'] {
  const byControl = new Map(states.map((s) => [s.control, s]));
  const status = (control: string): EuObligationStatus['status'] => (byControl.get(control)?.met ? 'met' : 'open');
  const found = obligations.filter((o) => o.source === 'eu-ai-act').map((o) => {
    const coveredBy = coveringArticle(pack, o.ref) ?? o.ref;
    return { ref: o.ref, title: o.title, coveredBy, status: status(coveredBy) };
  });
  // The pack's articles, except those already shown through the obligations they cover.
  const articles = states.filter((s) => s.framework === 'eu-ai-act' && !found.some((o) => o.ref === s.control || o.coveredBy === s.control));
  const items = [...found, ...articles.map((s) => ({ ref: s.control, title: s.title, coveredBy: s.control, status: status(s.control) }))];
  return { required: items.length, met: items.filter((i) => i.status === 'met').length, obligations: items };
}

export function useCasePosture(states: readonly ControlState[], obligations: readonly Obligation[], pack: PolicyPack): UseCasePosture {
  const gates = [...new Set(Object.values(REQUIRED_BEFORE))];
  return {
    nist: nistPosture(states),
    euAiAct: euPosture(states, obligations, pack),
    iso42001: coverage(states.filter((s) => s.framework === 'iso-42001')),
    stages: gates.map((stage) => ({ stage, ...coverage(states.filter((s) => s.requiredBefore === stage)) })),
  };
}

/** The portfolio's NIST coverage: each function and category summed over the use cases that require it. */
export function portfolioNist(postures: readonly NistPosture[]): NistPosture {
  const functions = new Map<string, NistPosture['functions'][number]>();
  for (const p of postures) {
    for (const f of p.functions) {
      const total = functions.get(f.function) ?? { function: f.function, required: 0, met: 0, categories: [] };
      total.required += f.required;
      total.met += f.met;
      for (const c of f.categories) {
        const cat = total.categories.find((x) => x.category === c.category);
        if (cat) Object.assign(cat, { required: cat.required + c.required, met: cat.met + c.met, open: [...new Set([...cat.open, ...c.open])] });
        else total.categories.push({ ...c, open: [...c.open] });
      }
      functions.set(f.function, total);
    }
  }
  const all = [...functions.values()];
  return { required: all.reduce((n, f) => n + f.required, 0), met: all.reduce((n, f) => n + f.met, 0), functions: all };
}
