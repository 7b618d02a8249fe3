import type { EvalServices } from '../evals/index.js';
import type { Actor } from '../kernel/actor.js';
import { Conflict } from '../kernel/errors.js';

/** Cases in the frozen regression set: the critical tier's minimum, so one set serves every tier. */
const CASES = 500;
/** The share of cases the scored model gets right, and the confidence it gives every answer: calibrated by design. */
const ACCURACY = 0.97;

export interface GateCast {
  /** Builds the dataset and runs the evaluations; must not be the one who signs off. */
  builder: Actor;
  /** Signs the release off as business owner. */
  owner: Actor;
  /** Signs off as risk reviewer and takes the gate decision. */
  risk: Actor;
}

/** A labelled example a regression set is built from. */
export interface Example {
  input: string;
  label: string;
}

/**
 * Takes a release through its tier's gate the way a team does: a regression set frozen by the decision, the team's
 * predictions on it scored offline with their probabilities (a live run through a chat model yields no calibration),
 * Charter's red-team suite run live against the release itself, sign-offs by the roles the pack names, and the gate
 * decision. Throws with the criteria that failed when the release does not pass.
 */
export async function passReleaseGate(evals: EvalServices, cast: GateCast, useCaseId: string, releaseId: string, name: string, examples: readonly Example[]): Promise<void> {
  const labels = [...new Set(examples.map((e) => e.label))];
  const rows = Array.from({ length: CASES }, (_, i) => ({ id: `case-${i + 1}`, ...examples[i % examples.length], input: `${examples[i % examples.length].input} (case ${i + 1})` }));
  const dataset = await evals.datasets.create(cast.builder, { name, kind: 'classification', description: `Regression set for ${name}`, useCaseId });
  await evals.datasets.addVersion(cast.builder, dataset.id, rows.map((r) => JSON.stringify({ id: r.id, input: r.input, label: r.label })).join('\n'), 'jsonl');
  const predictions = rows.map((r, i) => {
    const output = i % 100 < Math.round((1 - ACCURACY) * 100) ? labels.find((l) => l !== r.label)! : r.label;
    const rest = (1 - ACCURACY) / (labels.length - 1);
    return JSON.stringify({ id: r.id, output, scores: Object.fromEntries(labels.map((l) => [l, l === output ? ACCURACY : rest])), latencyMs: 420 + (i % 7) * 35 });
  });
  await evals.runs.scoreOffline(cast.builder, releaseId, { datasetId: dataset.id }, predictions.join('\n'));
  const redTeam = await evals.runs.startRedTeam(cast.builder, releaseId, { includeDefaultSuite: true, seed: `${releaseId}-red-team`, concurrency: 8, maxAttempts: 2 });
  await evals.runs.settled(redTeam.id);
  // The business owner signs off; so does the risk reviewer, whom the critical pack names and any tier may hear.
  await evals.gates.signOff(cast.owner, releaseId, { role: 'business_owner', note: 'Evaluation and red-team evidence reviewed; fit for production.' });
  await evals.gates.signOff(cast.risk, releaseId, { role: 'risk_reviewer', note: 'Risk file, red-team results and rollback plan checked.' });
  const decision = await evals.gates.evaluate(cast.risk, releaseId);
  if (decision.passed) return;
  throw new Conflict(`release ${releaseId} did not pass its gate: ${decision.criteria.filter((c) => c.status !== 'pass').map((c) => `${c.id} (${c.reason})`).join('; ')}`);
}
