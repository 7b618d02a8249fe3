import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { Conflict, Forbidden, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { PolicyPack } from '../policy/schema.js';
import type { StageGuard } from '../portfolio/guards.js';
import type { Tier, UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Release } from '../releases/schema.js';
import type { ActivationGuard, ReleaseService } from '../releases/service.js';
import type { BaselineService } from './baseline-service.js';
import type { DatasetService } from './dataset-service.js';
import { evaluateGate, type GateCriteria, type GateEvidence, gateCriteriaOf } from './gate.js';
import { gateDecisionJunit } from './junit.js';
import type { GateDecisionRow, ReleaseSignOffRow } from './migrations.js';
import type { RedTeamReport } from './redteam/score.js';
import type { GateDecision, SignOff } from './schema.js';
import * as store from './store.js';
import type { MetricInterval } from './summary.js';

/** The policy pack that governs a use case: its pinned version, or its tier's current pack. */
export type PolicyPackSource = (tenantId: string, tier: Tier, packVersion: string | null) => Promise<PolicyPack>;
/** Whether the measurement capability holds monitoring thresholds for the use case. */
export type MonitoringCheck = (tenantId: string, useCaseId: string) => Promise<boolean>;

const DEFAULT_ALPHA = 0.05;

const toSignOff = (r: ReleaseSignOffRow): SignOff => ({ id: r.id, releaseId: r.release_id, role: r.role, signedBy: r.signed_by, signerName: r.signer_name, note: r.note, createdAt: r.created_at });

function toDecision(r: GateDecisionRow): GateDecision {
  const decision = fromJson<ReturnType<typeof evaluateGate>>(r.decision, { passed: false, criteria: [], counts: { pass: 0, fail: 0, missing: 0 } });
  return {
    id: r.id, releaseId: r.release_id, useCaseId: r.use_case_id, passed: r.passed === 1, tier: r.tier, pack: r.pack, criteria: decision.criteria, counts: decision.counts,
    evidence: fromJson(r.evidence, { evaluationRunId: null, redTeamRunId: null, baselineRunId: null, datasetVersionIds: [], signOffIds: [] }), evaluatedBy: r.evaluated_by, createdAt: r.created_at,
  };
}

/** Business-owner sign-offs and release gates: each decision checks the pack's criteria against the release's evidence. */
export class GateService {
  constructor(
    private readonly k: Kernel,
    private readonly deps: { releases: ReleaseService; portfolio: PortfolioService; datasets: DatasetService; baselines: BaselineService; policyPack: PolicyPackSource; hasMonitoringThresholds: MonitoringCheck },
  ) {}

  /** Signs a release off in a role the signer holds; whoever created the release may not sign it off (separation of duties). */
  async signOff(actor: Actor, releaseId: string, input: { role: string; note: string }): Promise<SignOff> {
    const release = await this.deps.releases.get(actor, releaseId);
    if (release.createdBy === actor.id) throw new Forbidden('you created this release, so someone else must sign it off (separation of duties)', { releaseId });
    if (!actor.roles.includes(input.role as Actor['roles'][number])) throw new Forbidden(`signing off as ${input.role} needs the ${input.role} role`, { role: input.role });
    const row: ReleaseSignOffRow = { id: newId('so'), tenant_id: actor.tenantId, release_id: releaseId, role: input.role, signed_by: actor.id, signer_name: actor.name, note: input.note, created_at: this.k.clock.now().toISOString() };
    await this.k.db.transaction().execute(async (tx) => {
      const mine = (await store.signOffsOf(tx, actor.tenantId, releaseId)).find((s) => s.role === input.role && s.signed_by === actor.id);
      if (mine) throw new Conflict(`you signed ${release.name} off as ${input.role} already (${mine.id})`);
      await store.insertSignOff(tx, row);
      await this.k.ledger.append(tx, actor, { action: 'release.signoff', subjectType: 'release', subjectId: releaseId, after: { signOffId: row.id, role: row.role, note: row.note } });
    });
    return toSignOff(row);
  }

  async signOffs(actor: Actor, releaseId: string): Promise<SignOff[]> {
    await this.deps.releases.get(actor, releaseId);
    return (await store.signOffsOf(this.k.db, actor.tenantId, releaseId)).map(toSignOff);
  }

  /** Decides the release gate now and keeps the decision; the dataset versions it relied on are frozen from then on. */
  async evaluate(actor: Actor, releaseId: string): Promise<GateDecision> {
    const release = await this.deps.releases.get(actor, releaseId);
    const useCase = await this.deps.portfolio.get(actor, release.useCaseId);
    if (!useCase.riskTier) throw new Conflict('screen the use case for risk first: its tier decides the release criteria');
    const pack = await this.deps.policyPack(actor.tenantId, useCase.riskTier, useCase.policyPackVersion);
    const criteria = gateCriteriaOf(pack.release);
    const refs: GateDecision['evidence'] = { evaluationRunId: null, redTeamRunId: null, baselineRunId: null, datasetVersionIds: [], signOffIds: [] };
    const evidence = await this.evidence(actor, release, useCase, criteria, refs);
    const decision = evaluateGate(criteria, evidence);
    const row: GateDecisionRow = {
      id: newId('gd'), tenant_id: actor.tenantId, release_id: releaseId, use_case_id: useCase.id, passed: decision.passed ? 1 : 0, tier: useCase.riskTier,
      pack: `${pack.name}${useCase.policyPackVersion ? ` (${useCase.policyPackVersion})` : ''}`, decision: toJson(decision), evidence: toJson(refs),
      evaluated_by: actor.id, created_at: this.k.clock.now().toISOString(),
    };
    await this.k.db.transaction().execute(async (tx) => {
      await store.insertDecision(tx, row);
      await store.freezeVersions(tx, actor.tenantId, refs.datasetVersionIds, row.id, row.created_at);
      await this.k.ledger.append(tx, actor, { action: 'release.gate', subjectType: 'release', subjectId: releaseId, after: { decisionId: row.id, passed: decision.passed, counts: decision.counts, pack: row.pack, evidence: refs } });
      await this.deps.portfolio.touch(tx, actor.tenantId, useCase.id);
    });
    return toDecision(row);
  }

  private async evidence(actor: Actor, release: Release, useCase: UseCase, criteria: GateCriteria, refs: GateDecision['evidence']): Promise<GateEvidence> {
    const db = this.k.db;
    const evidence: GateEvidence = { comparisons: {}, rollbackPlan: { text: useCase.readiness.rollbackPlan, link: `/api/v1/use-cases/${useCase.id}` } };
    for (const run of await store.completedRuns(db, actor.tenantId, release.id, 'evaluation')) {
      const version = await store.getVersionById(db, actor.tenantId, run.dataset_version_id ?? '');
      if (!version || version.content_hash !== run.dataset_hash) continue;
      const rows = await this.deps.datasets.rows(db, version);
      const link = `/api/v1/eval-runs/${run.id}`;
      const metrics = fromJson<{ metrics: Record<string, MetricInterval> }>(run.summary, { metrics: {} }).metrics;
      evidence.evaluation = { cases: run.total, link };
      evidence.metrics = Object.fromEntries(Object.entries(metrics).map(([name, m]) => [name, { value: m.value, support: m.support, link }]));
      Object.assign(refs, { evaluationRunId: run.id, datasetVersionIds: [version.id] });
      const cases = await this.deps.baselines.cases(db, run.id, rows);
      for (const c of criteria.metrics.filter((m) => m.noRegression || m.noSignificantRegression)) {
        const baseline = await this.deps.baselines.compare(db, run, rows, cases, [c.metric], c.alpha ?? DEFAULT_ALPHA);
        if (baseline.releaseId === null) evidence.comparisons![c.metric] = { baselineReleaseId: null, method: 'none', significantRegression: false };
        const compared = baseline.metrics[c.metric];
        if (!baseline.releaseId || !baseline.runId || !compared) continue;
        evidence.comparisons![c.metric] = { baselineReleaseId: baseline.releaseId, method: compared.method, significantRegression: compared.significantRegression, delta: compared.delta, ...(compared.pValue === undefined ? {} : { pValue: compared.pValue }), link: `/api/v1/eval-runs/${baseline.runId}` };
        refs.baselineRunId = baseline.runId;
        if (baseline.datasetVersionId && !refs.datasetVersionIds.includes(baseline.datasetVersionId)) refs.datasetVersionIds.push(baseline.datasetVersionId);
      }
      break;
    }
    const [redTeam] = await store.completedRuns(db, actor.tenantId, release.id, 'red_team');
    if (redTeam) {
      const report = fromJson<RedTeamReport>(redTeam.summary, { overall: { attempts: 0, answered: 0, successes: 0, errors: 0, attackSuccessRate: null }, byCategory: {}, results: [] });
      evidence.redTeam = { overall: report.overall, byCategory: report.byCategory, link: `/api/v1/eval-runs/${redTeam.id}` };
      refs.redTeamRunId = redTeam.id;
    }
    const signOffs = await store.signOffsOf(db, actor.tenantId, release.id);
    evidence.signOffs = signOffs.map((s) => ({ role: s.role, by: s.signer_name, at: s.created_at, link: `/api/v1/releases/${release.id}/sign-offs#${s.id}` }));
    refs.signOffIds = signOffs.map((s) => s.id);
    if (criteria.requireMonitoringThresholds) {
      const defined = await this.deps.hasMonitoringThresholds(actor.tenantId, useCase.id);
      evidence.monitoring = { thresholdsDefined: defined ? 1 : 0, link: `/api/v1/use-cases/${useCase.id}` };
    }
    return evidence;
  }

  async decisions(actor: Actor, releaseId: string): Promise<GateDecision[]> {
    await this.deps.releases.get(actor, releaseId);
    return (await store.decisionsOf(this.k.db, actor.tenantId, releaseId)).map(toDecision);
  }

  /** Every decision of the tenant taken in [from, to), oldest first (for the portfolio forum's pack). */
  async decidedBetween(actor: Actor, from: Date, to: Date): Promise<GateDecision[]> {
    return (await store.decisionsBetween(this.k.db, actor.tenantId, from.toISOString(), to.toISOString())).map(toDecision);
  }

  async decision(actor: Actor, id: string): Promise<GateDecision> {
    const row = await store.getDecision(this.k.db, actor.tenantId, id);
    if (!row) throw new NotFound('gate decision', id);
    return toDecision(row);
  }

  async junit(actor: Actor, id: string): Promise<string> {
    const d = await this.decision(actor, id);
    return gateDecisionJunit({ passed: d.passed, criteria: d.criteria as ReturnType<typeof evaluateGate>['criteria'], counts: d.counts }, { name: `release ${d.releaseId} (${d.tier}: ${d.pack})`, timestamp: d.createdAt });
  }

  /** Why a release may not carry production traffic yet, or null when its latest gate decision passed. */
  async productionBlocker(conn: Conn, tenantId: string, release: Release): Promise<string | null> {
    const latest = await store.latestDecision(conn, tenantId, release.id);
    if (!latest) return `no release gate has been decided for ${release.name}; evaluate it with POST /api/v1/releases/${release.id}/gate`;
    if (latest.passed === 1) return null;
    const unmet = toDecision(latest).criteria.filter((c) => c.status !== 'pass').map((c) => c.id);
    return `the release gate of ${release.name} did not pass (decision ${latest.id}: ${unmet.join(', ')})`;
  }
}

/** The guard on releases: nothing reaches production traffic, as the active release or as a canary, without a passed gate. */
export function releaseGateGuard(gates: GateService): ActivationGuard {
  return async ({ tx, actor, release, environment }) => {
    if (environment !== 'production') return [];
    const blocker = await gates.productionBlocker(tx, actor.tenantId, release);
    return blocker ? [blocker] : [];
  };
}

/** The stage guard: a use case enters production only with a release active there that passed its gate. */
export function productionStageGuard(gates: GateService, releases: ReleaseService): StageGuard {
  return async ({ tx, actor, useCase, to }) => {
    if (to !== 'production') return [];
    const slot = (await releases.slots(tx, actor.tenantId, useCase.id)).find((s) => s.environment === 'production');
    if (!slot?.activeReleaseId) return [{ guard: 'release_gate', code: 'no-production-release', message: 'activate a release that passed its release gate in production first' }];
    const blocker = await gates.productionBlocker(tx, actor.tenantId, await releases.get(actor, slot.activeReleaseId, tx));
    return blocker ? [{ guard: 'release_gate', code: 'release-gate-not-passed', message: blocker }] : [];
  };
}
