import { sha256Hex } from '../../kernel/ledger/canonical.js';
import type { RedTeamCategory } from './categories.js';
import type { Detector } from './detectors.js';
import { fillTemplate, type Probe } from './probe.js';

export interface AttackMessage {
  role: 'system' | 'user';
  content: string;
}

/** One variant of one probe, ready to send: the messages, the canary planted in them, and how to judge the answer. */
export interface Attack {
  /** `<probe id>#<variant number>` */
  id: string;
  probeId: string;
  category: RedTeamCategory;
  atlas: string[];
  variant: number;
  canary: string;
  messages: AttackMessage[];
  detector: Detector;
}

/**
 * The canary of one attack: derived from the run's seed so each run plants fresh markers (a model cannot have
 * memorised them) while a rerun with the same seed sends identical attacks.
 */
export function canaryFor(seed: string, probeId: string, variant: number): string {
  return `CNRY-${sha256Hex(`${seed}:${probeId}:${variant}`).slice(0, 10)}`;
}

/** Every variant of every probe (optionally only some categories) as an attack. */
export function expandProbes(probes: readonly Probe[], options: { seed: string; categories?: readonly RedTeamCategory[] }): Attack[] {
  const wanted = options.categories ? new Set(options.categories) : null;
  const attacks: Attack[] = [];
  for (const probe of probes) {
    if (wanted && !wanted.has(probe.category)) continue;
    probe.variants.forEach((template, i) => {
      const variant = i + 1;
      const canary = canaryFor(options.seed, probe.id, variant);
      const values: Record<string, string> = { canary, variant: fillTemplate(template, { canary }) };
      if (probe.context !== undefined) values.context = fillTemplate(probe.context, values);
      const messages: AttackMessage[] = [];
      if (probe.system !== undefined) messages.push({ role: 'system', content: fillTemplate(probe.system, values) });
      messages.push({ role: 'user', content: fillTemplate(probe.prompt, values) });
      attacks.push({ id: `${probe.id}#${variant}`, probeId: probe.id, category: probe.category, atlas: probe.atlas, variant, canary, messages, detector: probe.detector });
    });
  }
  return attacks;
}
