import type { Actor } from '../kernel/actor.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import { diagnoseAdoption } from '../metrics/adoption.js';
import type { ScoreStatus } from '../metrics/scorecard.js';
import type { UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Audience, AudienceAdoption, UseCaseAdoption } from './change-schema.js';
import type { ChangeService } from './change-service.js';
import type { PeopleService, Standing } from './person-service.js';

/** Gateway telemetry for one verified end-user role of a use case over a window. */
export interface RoleAdoption {
  role: string;
  activeUsers: number;
  calls: number;
  taskCompletion: number | null;
  overrideRate: number | null;
  /** Mean response score 1–5; null when the source has none. */
  satisfaction: number | null;
  latencyP95Ms: number | null;
  errorRate: number | null;
}

/** Adoption figures per end-user role (measurement's, or the interim reader of gateway records). */
export type AdoptionSource = (tenantId: string, useCaseId: string, from: Date, to: Date) => Promise<RoleAdoption[]>;
/** The model-quality status of a use case on its scorecard (measurement's). */
export type ModelQualitySource = (actor: Actor, useCase: UseCase) => Promise<ScoreStatus>;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Adoption as a change outcome, per audience of the change plan: gateway figures for the audience's role, the
 * satisfaction it reports (or, failing that, its answers to the change plan's feedback), the share of its headcount
 * holding the paths their role requires, and the documented diagnosis of low adoption (src/metrics/adoption.ts).
 */
export class AdoptionService {
  constructor(
    private readonly k: Kernel,
    private readonly portfolio: PortfolioService,
    private readonly change: ChangeService,
    private readonly people: PeopleService,
    private readonly source: AdoptionSource,
    private readonly modelQuality?: ModelQualitySource,
  ) {}

  async byAudience(actor: Actor, useCaseId: string, days = 30, everyone?: Standing[]): Promise<UseCaseAdoption> {
    const useCase = await this.portfolio.get(actor, useCaseId);
    const to = this.k.clock.now();
    const from = new Date(to.getTime() - days * DAY_MS);
    const plan = await this.change.planOf(actor, useCaseId);
    const audiences: Audience[] = plan?.audiences ?? useCase.affectedUsers.map((a) => ({ group: a.group, skillRole: 'end_user', gatewayRole: null, headcount: Math.max(1, a.headcount) }));
    const [figures, feedback, standings, quality] = await Promise.all([
      this.source(actor.tenantId, useCaseId, from, to),
      this.change.feedback(actor, useCaseId, from.toISOString()),
      everyone ?? this.people.everyone(actor),
      this.modelQuality ? this.modelQuality(actor, useCase) : Promise.resolve<ScoreStatus>('no_data'),
    ]);
    return {
      useCaseId, title: useCase.title, from: from.toISOString(), to: to.toISOString(), changePlan: !!plan,
      audiences: audiences.map((audience) => {
        const f = audience.gatewayRole ? figures.find((x) => x.role === audience.gatewayRole) : undefined;
        const scores = feedback.filter((x) => x.audience === audience.group).map((x) => x.satisfaction);
        const group = standings.filter((s) => s.person.work_group === audience.group);
        const trained = group.filter((s) => s.covered).length;
        return audienceAdoption(audience, f, { scores, trained, registered: group.length, quality });
      }),
    };
  }
}

function audienceAdoption(a: Audience, f: RoleAdoption | undefined, o: { scores: number[]; trained: number; registered: number; quality: ScoreStatus }): AudienceAdoption {
  const trainingCoverage = o.trained / Math.max(a.headcount, o.registered);
  const satisfaction = f?.satisfaction ?? mean(o.scores);
  const base = {
    group: a.group, skillRole: a.skillRole, gatewayRole: a.gatewayRole, headcount: a.headcount, satisfaction, satisfactionResponses: o.scores.length,
    trainingCoverage, trainedPeople: o.trained, modelQuality: o.quality,
  };
  if (!a.gatewayRole) {
    const advice = 'The gateway cannot attribute calls to this audience: name the role claim its end users carry (gatewayRole) in the change plan.';
    return { ...base, activeUsers: null, calls: null, adoptionRate: null, taskCompletion: null, overrideRate: null, latencyP95Ms: null, errorRate: null, diagnosis: { low: false, cause: null, findings: [], advice } };
  }
  const figures = { activeUsers: f?.activeUsers ?? 0, calls: f?.calls ?? 0, taskCompletion: f?.taskCompletion ?? null, overrideRate: f?.overrideRate ?? null, latencyP95Ms: f?.latencyP95Ms ?? null, errorRate: f?.errorRate ?? null };
  const d = diagnoseAdoption({ role: a.group, affectedUsers: a.headcount, trainingCoverage, modelQuality: o.quality, ...figures });
  return { ...base, ...figures, adoptionRate: d.adoptionRate, diagnosis: { low: d.low, cause: d.cause, findings: d.findings, advice: d.advice } };
}
