/**
 * Policy evaluation speed:
 *  - CEL: the default `high` pack's runtime rules, compiled once, evaluated against 1,000 varied request contexts;
 *    each request converts its context once and evaluates every rule (the gateway's per-request work).
 *  - Screening: 10,000 generated submissions through `screen` (answer checks, EU cascade, impact score, trace).
 * Rates are medians over --rounds (5); each round's rate goes to stderr.
 *
 *   npm run bench -- policy [--rounds 5] [--requests 400000] [--submissions 10000]
 */
import type { DataCategory, Sensitivity } from '../src/kernel/dataclasses.js';
import type { Stage, Tier } from '../src/portfolio/schema.js';
import { compileRules, prepareContext, ruleMatches, type RuleContext } from '../src/policy/cel.js';
import { defaultPacks } from '../src/policy/packs.js';
import { screen } from '../src/risk/model.js';
import { currentQuestionnaire, type Answers, type Questionnaire } from '../src/risk/questionnaire.js';
import { emit, intArg, parseArgs, progress } from './lib/out.js';
import { median, pick, rng, round, secondsSince } from './lib/stats.js';

const TIERS: Tier[] = ['critical', 'high', 'limited', 'minimal'];
const STAGES: Stage[] = ['build', 'pilot', 'production'];
const CATEGORIES: DataCategory[] = ['personal', 'health', 'payment', 'credentials'];
const SENSITIVITY: Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];

function contexts(count: number, r: () => number): RuleContext[] {
  const some = <T>(xs: readonly T[], p: number) => xs.filter(() => r() < p);
  return Array.from({ length: count }, (_, i) => ({
    key: { id: `key_${i % 50}`, name: `key-${i % 50}`, useCaseId: `uc_${i % 20}` },
    useCase: { id: `uc_${i % 20}`, tier: 'high', stage: pick(r, STAGES), dataClasses: { sensitivity: pick(r, SENSITIVITY), categories: some(CATEGORIES, 0.5) }, valueStream: `vs_${i % 4}` },
    model: { id: pick(r, ['openai/gpt-4o', 'anthropic/claude-sonnet-4', 'azure-openai/gpt-4o-mini']), provider: 'openai', region: pick(r, ['eu-west-1', 'us-east-1']), approvedTiers: some(TIERS, 0.9) },
    request: {
      kind: pick(r, ['chat', 'chat', 'chat', 'completion', 'embedding']),
      tokensEstimate: Math.floor(r() * 40_000),
      tools: some(['search', 'calculator'], 0.2),
      metadata: r() < 0.3 ? { decision: pick(r, ['adverse', 'favourable']), channel: 'web' } : ({ channel: 'web' } as Record<string, string>),
    },
    dataClasses: { sensitivity: pick(r, SENSITIVITY), categories: some(CATEGORIES, 0.15) },
    endUser: { id: `u_${i % 500}`, role: pick(r, ['adjuster', 'agent', '']), verified: r() < 0.8 },
  }));
}

/** Valid, varied submissions: mostly in scope, a few prohibited practices, every impact answer drawn at random. */
function submissions(q: Questionnaire, count: number, r: () => number): Answers[] {
  const yes = (p: number) => r() < p;
  return Array.from({ length: count }, () => {
    const answers: Answers = {};
    for (const question of q.eu.questions) {
      const options = question.options?.map((o) => o.value) ?? [];
      if (question.effect === 'in_scope_if_yes') answers[question.id] = yes(0.95);
      else if (question.effect === 'out_of_scope_if_yes') answers[question.id] = yes(0.03);
      else if (question.effect === 'role') answers[question.id] = [pick(r, options), ...(yes(0.4) ? ['deployer'] : [])].filter((v, i, all) => all.indexOf(v) === i);
      else if (question.effect === 'prohibited') answers[question.id] = yes(0.01);
      else if (question.kind === 'multi') answers[question.id] = yes(0.35) ? [pick(r, options)] : [];
      else answers[question.id] = yes(0.3);
    }
    for (const question of [...q.impact.questions, ...q.impact.mitigations]) {
      if (question.kind === 'yes_no') answers[question.id] = yes(0.5);
      else if (question.kind === 'multi') answers[question.id] = question.options.filter(() => yes(0.3)).map((o) => o.value);
      else answers[question.id] = pick(r, question.options).value;
    }
    return answers;
  });
}

/** The rate per second of CPU this process used, which shows how much a busy machine slowed the wall-clock rate. */
function onCpu(operations: number, since: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(since);
  return Math.round(operations / ((used.user + used.system) / 1e6)).toLocaleString();
}

function celRate(requests: number, rounds: number): number {
  const rules = compileRules(defaultPacks().high.runtime.rules);
  const pool = contexts(1_000, rng(7));
  const rates: number[] = [];
  let matches = 0;
  for (let round_ = 0; round_ < rounds + 1; round_++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let i = 0; i < requests; i++) {
      const activation = prepareContext(pool[i % pool.length]);
      for (const rule of rules) if (ruleMatches(rule, activation)) matches++;
    }
    const rate = (requests * rules.length) / secondsSince(start);
    // The first round warms the JIT and is not counted.
    if (round_ > 0) rates.push(rate);
    progress(`cel round ${round_}${round_ === 0 ? ' (warm-up)' : ''}: ${Math.round(rate).toLocaleString()} rule evaluations/s (${onCpu(requests * rules.length, cpu)} per CPU second)`);
  }
  progress(`${rules.length} rules per request; ${matches.toLocaleString()} matches in all`);
  return median(rates);
}

function screeningRate(count: number, rounds: number): number {
  const pool = submissions(currentQuestionnaire, count, rng(11));
  const rates: number[] = [];
  const tiers = new Map<string, number>();
  for (let round_ = 0; round_ < rounds + 1; round_++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const answers of pool) {
      const { tier } = screen(currentQuestionnaire, answers);
      if (round_ === 0) tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
    }
    const rate = count / secondsSince(start);
    if (round_ > 0) rates.push(rate);
    progress(`screening round ${round_}${round_ === 0 ? ' (warm-up)' : ''}: ${Math.round(rate).toLocaleString()} screenings/s (${onCpu(count, cpu)} per CPU second)`);
  }
  progress(`tiers of the ${count.toLocaleString()} submissions: ${[...tiers].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  return median(rates);
}

export async function run(argv: string[] = []): Promise<void> {
  const args = parseArgs(argv);
  const rounds = intArg(args, 'rounds', 5);
  const cel = celRate(intArg(args, 'requests', 400_000), rounds);
  const screenings = screeningRate(intArg(args, 'submissions', 10_000), rounds);
  emit({ bench: 'policy', cel_evals_per_s: round(cel), screenings_per_s: round(screenings) });
}
