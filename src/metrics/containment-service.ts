import {
  addNote, autoResume, contain, type ContainmentAction, describeAction, type Incident, type ResumePolicy, resumeByPerson,
} from '../incidents/model.js';
import type { IncidentService } from '../incidents/service.js';
import type { StoredIncident } from '../incidents/store.js';
import { type Actor, systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Tx } from '../kernel/db/connect.js';
import { Conflict, Problem } from '../kernel/errors.js';
import type { StageGuard } from '../portfolio/guards.js';
import type { UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { ReleaseService } from '../releases/service.js';
import type { MetricQuery } from './query-service.js';
import type { MetricRegistry } from './registry-service.js';

/** Runs in the resumption's transaction: monitors restart from FRESH_MONITOR so a breach that persists raises ALERT again. */
export type ResumeListener = (tx: Tx, tenantId: string, useCaseId: string) => Promise<void>;

const HOUR_MS = 3_600_000;
export const AUTO_RESUME_JOB_MS = 60_000;

/**
 * What an incident does to its use case at the gateway. Containment (throttle, suspend, roll back) acts as Charter
 * itself and is recorded on the incident without mitigating it; resumption is a person's decision, checked against
 * the pack's resumeRoles, or automatic when the pack allows it once the incident is mitigated and its cool-down
 * has passed. Either way it is ledgered, the suspended use case returns to the stage it left and its throttle is lifted.
 */
export class ContainmentService {
  private readonly listeners: ResumeListener[] = [];
  /** Use cases this instance is returning from suspension right now, so `suspensionGuard` lets that transition through. */
  private readonly resuming = new Set<string>();

  constructor(
    private readonly k: Kernel,
    private readonly portfolio: PortfolioService,
    private readonly releases: ReleaseService,
    private readonly incidents: IncidentService,
    private readonly registry: MetricRegistry,
    private readonly query: MetricQuery,
  ) {}

  onResumed(listener: ResumeListener): void {
    this.listeners.push(listener);
  }

  register(): void {
    this.k.scheduler.every('metrics.auto-resume', AUTO_RESUME_JOB_MS, () => this.autoResumeDue().then(() => undefined));
  }

  /**
   * A use case an incident suspended leaves suspension only through that incident's resumption (by the pack's roles
   * or its automatic rule), never by a plain stage transition; retiring it stays possible. The other guards still
   * apply to the resumption (the pack may ask for an approval to return to a stage).
   */
  readonly suspensionGuard: StageGuard = async ({ tx, actor, useCase, from, to }) => {
    if (from !== 'suspended' || to === 'retired' || this.resuming.has(useCase.id)) return [];
    const incidentId = await this.incidents.suspending(tx, actor.tenantId, useCase.id);
    if (!incidentId) return [];
    return [{ guard: 'incident', code: 'suspended-by-incident', incidentId, message: `incident ${incidentId} holds the use case suspended; resume it through the incident (POST /api/v1/incidents/${incidentId}/resume)` }];
  };

  /** The throttle an incident imposes on the use case, for the gateway's limiter. */
  async activeThrottle(tenantId: string, useCaseId: string): Promise<{ requestsPerMinute: number } | undefined> {
    const row = await this.k.db.selectFrom('use_case_throttles').select('requests_per_minute').where('tenant_id', '=', tenantId).where('use_case_id', '=', useCaseId).executeTakeFirst();
    return row && { requestsPerMinute: row.requests_per_minute };
  }

  /** Applies a monitor's containment action to the incident's use case; an action that cannot apply is noted on the timeline instead. */
  contain(tenantId: string, incidentId: string, action: ContainmentAction): Promise<StoredIncident> {
    return this.apply(systemActor(tenantId, 'monitor'), incidentId, action, false);
  }

  /**
   * A person working the incident contains its use case at once (anyone who may manage incidents: stopping harm is
   * not held up, while resuming needs the pack's resumeRoles). An action that cannot apply is refused, and nothing changes.
   */
  containByPerson(actor: Actor, incidentId: string, action: ContainmentAction, note?: string): Promise<StoredIncident> {
    return this.apply(actor, incidentId, action, true, note);
  }

  private async apply(actor: Actor, incidentId: string, action: ContainmentAction, refuse: boolean, note = ''): Promise<StoredIncident> {
    const tenantId = actor.tenantId;
    const incident = await this.incidents.get(actor, incidentId);
    // Checked before touching the use case, so a closed incident cannot suspend it.
    contain(incident, action, actor, this.k.clock.now());
    const uc = await this.portfolio.get(actor, incident.useCaseId);
    const reason = `incident ${incident.id}: ${incident.title}`;
    const now = () => this.k.clock.now();
    try {
      if (action.kind === 'suspend' && uc.stage !== 'suspended') await this.portfolio.transition(actor, uc.id, 'suspended', { reason });
      if (action.kind === 'rollback') await this.releases.rollback(actor, uc.id, await this.trafficEnvironment(tenantId, uc), reason);
    } catch (err) {
      if (refuse || !(err instanceof Problem)) throw err;
      return this.incidents.change(actor, incidentId, 'incident.note', (i) => addNote(i, `${describeAction(action)} could not be applied: ${err.message}`, actor, now()));
    }
    const requestsPerMinute = action.kind === 'throttle' ? await this.throttledRate(tenantId, uc.id, action.fraction) : 0;
    const contained = await this.k.db.transaction().execute(async (tx) => {
      const after = await this.incidents.change(actor, incidentId, 'incident.contain', (i) => contain(i, action, actor, now(), note), undefined, tx);
      if (action.kind === 'throttle' && after.control.state === 'throttled') {
        const row = { tenant_id: tenantId, use_case_id: uc.id, incident_id: incidentId, fraction: action.fraction, requests_per_minute: requestsPerMinute, since: now().toISOString() };
        await tx.insertInto('use_case_throttles').values(row).onConflict((oc) => oc.columns(['tenant_id', 'use_case_id']).doUpdateSet(row)).execute();
      }
      return after;
    });
    if (action.kind === 'throttle') await this.k.feed.publish({ tenantId, kind: 'usecase', id: uc.id });
    return contained;
  }

  /** A person lifts the containment: Forbidden unless they hold one of the pack's resumeRoles. */
  async resume(actor: Actor, incidentId: string, note?: string): Promise<StoredIncident> {
    const incident = await this.incidents.get(actor, incidentId);
    const uc = await this.portfolio.get(actor, incident.useCaseId);
    const policy = await this.resumePolicy(actor.tenantId, uc);
    resumeByPerson(incident, actor, policy, this.k.clock.now(), note);
    return this.lift(actor, incident, uc, (i) => resumeByPerson(i, actor, policy, this.k.clock.now(), note));
  }

  /** Lifts the containment of mitigated incidents whose pack resumes automatically once its cool-down has passed. */
  async autoResumeDue(): Promise<string[]> {
    const resumed: string[] = [];
    const now = this.k.clock.now();
    for (const incident of await this.incidents.contained()) {
      const system = systemActor(incident.tenantId, 'monitor');
      const uc = await this.portfolio.get(system, incident.useCaseId);
      const policy = await this.resumePolicy(incident.tenantId, uc);
      const coolDownMs = ((await this.registry.measurement(uc, incident.tenantId))?.monitors.autoResumeAfterMinutes ?? 0) * 60_000;
      if (!incident.mitigatedAt || Date.parse(incident.mitigatedAt) + coolDownMs > now.getTime() || !autoResume(incident, policy, now)) continue;
      await this.lift(system, incident, uc, (i) => autoResume(i, policy, now) ?? i);
      resumed.push(incident.id);
    }
    return resumed;
  }

  private async resumePolicy(tenantId: string, uc: UseCase): Promise<ResumePolicy> {
    const monitors = (await this.registry.measurement(uc, tenantId))?.monitors;
    return { resumeRoles: monitors?.resumeRoles ?? ['platform_admin'], autoResumeWhenMitigated: monitors?.autoResume ?? false };
  }

  /**
   * Returns a suspended use case to the stage it left (through the stage guards: a refusal leaves everything as it
   * was), then records the resumption, drops the throttle and resets the monitors. Should the second step fail, the
   * incident still holds the use case and resuming again completes it.
   */
  private async lift(actor: Actor, incident: Incident, uc: UseCase, resume: (i: Incident) => Incident): Promise<StoredIncident> {
    if (incident.control.state === 'suspended' && uc.stage === 'suspended' && uc.suspendedFrom) {
      this.resuming.add(uc.id);
      try {
        await this.portfolio.transition(actor, uc.id, uc.suspendedFrom, { reason: `resumed after incident ${incident.id}` });
      } finally {
        this.resuming.delete(uc.id);
      }
    }
    const resumed = await this.k.db.transaction().execute(async (tx) => {
      const after = await this.incidents.change(actor, incident.id, 'incident.resume', resume, undefined, tx);
      await tx.deleteFrom('use_case_throttles').where('tenant_id', '=', actor.tenantId).where('use_case_id', '=', uc.id).execute();
      for (const listener of this.listeners) await listener(tx, actor.tenantId, uc.id);
      return after;
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id: uc.id });
    return resumed;
  }

  /** The environment whose traffic a rollback should move: the use case's stage's slot when it can roll back, else any that can. */
  private async trafficEnvironment(tenantId: string, uc: UseCase) {
    const slots = (await this.releases.slots(this.k.db, tenantId, uc.id)).filter((s) => s.activeReleaseId && s.previousReleaseId);
    const preferred = uc.stage === 'production' || uc.suspendedFrom === 'production' ? 'production' : 'pilot';
    const slot = slots.find((s) => s.environment === preferred) ?? slots[0];
    if (!slot) throw new Conflict('no environment has a previous release to roll back to');
    return slot.environment;
  }

  /** A share of the use case's calls per minute over the last hour, at least one. */
  private async throttledRate(tenantId: string, useCaseId: string, fraction: number): Promise<number> {
    const now = this.k.clock.now().getTime();
    const requests = (await this.query.counters(tenantId, [useCaseId], now - HOUR_MS, now)).get(useCaseId)!.requests;
    return Math.max(1, Math.floor((fraction * requests) / 60));
  }
}
