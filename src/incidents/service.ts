import { type Actor, systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { checkVersion } from '../kernel/http/etag.js';
import { pageOf } from '../kernel/http/pagination.js';
import { type FieldProblem, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { digest } from '../kernel/ledger/canonical.js';
import type { IncidentDecision } from '../metrics/monitor.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { ReleaseService } from '../releases/service.js';
import {
  addNote, changeSeverity, completeReview, type Incident, type IncidentStatus, moveIncident, noteAlert, openIncident, type PostIncidentReview,
  type Severity, timeToMitigateMs, timeToResolveMs,
} from './model.js';
import * as store from './store.js';

export interface IncidentCreate {
  useCaseId: string;
  title: string;
  severity: Severity;
  ownerId?: string | null;
  releaseIds?: string[];
  metricKeys?: string[];
}

export interface IncidentAmend {
  title?: string;
  severity?: Severity;
  ownerId?: string | null;
  reason: string;
}

/** A monitor's ALERT (or a change seen while one is open) as it reaches the incident register. */
export interface AlertReport {
  useCaseId: string;
  metricKey: string;
  decision: NonNullable<IncidentDecision>;
  releaseId: string | null;
}

export interface DurationSummary {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
  maxMs: number | null;
}

/** What the ledger keeps of an incident: ids, statuses and the containment state, not the timeline's free text. */
function ledgerView(i: Incident) {
  return {
    useCaseId: i.useCaseId, title: i.title, severity: i.severity, status: i.status, ownerId: i.ownerId, releaseIds: i.releaseIds, metricKeys: i.metricKeys,
    control: i.control, timelineEntries: i.timeline.length, review: i.review ? digest(JSON.stringify(i.review)) : null,
  };
}

function summarise(durations: number[]): DurationSummary {
  if (durations.length === 0) return { count: 0, meanMs: null, medianMs: null, maxMs: null };
  const sorted = [...durations].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    count: sorted.length,
    meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    medianMs: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    maxMs: sorted[sorted.length - 1],
  };
}

/** The incident register: people open, move, annotate and review incidents; monitors open them and add alerts. */
const TIMINGS_DEFAULT_DAYS = 90;

export class IncidentService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly releases: ReleaseService) {}

  async get(actor: Actor, id: string, conn: Conn = this.k.db): Promise<store.StoredIncident> {
    const incident = await store.getIncident(conn, actor.tenantId, id);
    if (!incident) throw new NotFound('incident', id);
    return incident;
  }

  async list(actor: Actor, filter: store.IncidentFilter) {
    const rows = await store.listIncidents(this.k.db, actor.tenantId, filter);
    return pageOf(rows, filter.limit, (i) => [i.openedAt, i.id], (i) => i);
  }

  /** The use case's newest incident that is not yet resolved. */
  active(conn: Conn, tenantId: string, useCaseId: string): Promise<store.StoredIncident | undefined> {
    return store.activeIncident(conn, tenantId, useCaseId);
  }

  /** The incident whose containment holds the use case suspended, if any. */
  suspending(conn: Conn, tenantId: string, useCaseId: string): Promise<string | undefined> {
    return store.suspendingIncident(conn, tenantId, useCaseId);
  }

  /** Across tenants, incidents mitigated or later that still hold their use case back: candidates for automatic resumption. */
  contained() {
    return store.containedIncidents(this.k.db);
  }

  async open(actor: Actor, input: IncidentCreate): Promise<store.StoredIncident> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.checkRefs(tx, actor, { useCaseId: input.useCaseId, ownerId: input.ownerId, releaseIds: input.releaseIds });
      return this.insert(tx, actor, openIncident({ ...input, id: newId('inc', this.k.clock.now().getTime()) }, actor, this.k.clock.now()));
    });
  }

  async move(actor: Actor, id: string, to: IncidentStatus, note: string | undefined, ifMatch?: number) {
    return this.change(actor, id, 'incident.status', (i) => moveIncident(i, to, actor, this.k.clock.now(), note), ifMatch);
  }

  async amend(actor: Actor, id: string, patch: IncidentAmend, ifMatch?: number) {
    return this.change(actor, id, 'incident.update', async (i, tx) => {
      await this.checkRefs(tx, actor, { ownerId: patch.ownerId });
      let next: Incident = patch.severity ? changeSeverity(i, patch.severity, actor, this.k.clock.now(), patch.reason) : i;
      if (patch.title !== undefined && patch.title !== i.title) next = addNote({ ...next, title: patch.title }, `title changed: ${patch.reason}`, actor, this.k.clock.now());
      if (patch.ownerId !== undefined && patch.ownerId !== i.ownerId) next = addNote({ ...next, ownerId: patch.ownerId }, `owner changed: ${patch.reason}`, actor, this.k.clock.now());
      return next;
    }, ifMatch);
  }

  async note(actor: Actor, id: string, text: string) {
    return this.change(actor, id, 'incident.note', (i) => addNote(i, text, actor, this.k.clock.now()));
  }

  async link(actor: Actor, id: string, links: { releaseIds?: string[]; metricKeys?: string[] }) {
    return this.change(actor, id, 'incident.link', async (i, tx) => {
      await this.checkRefs(tx, actor, { useCaseId: i.useCaseId, releaseIds: links.releaseIds });
      const releaseIds = [...new Set([...i.releaseIds, ...(links.releaseIds ?? [])])];
      const metricKeys = [...new Set([...i.metricKeys, ...(links.metricKeys ?? [])])];
      const added = [...releaseIds.filter((r) => !i.releaseIds.includes(r)), ...metricKeys.filter((m) => !i.metricKeys.includes(m))];
      return added.length ? addNote({ ...i, releaseIds, metricKeys }, `linked ${added.join(', ')}`, actor, this.k.clock.now()) : i;
    });
  }

  async review(actor: Actor, id: string, review: PostIncidentReview) {
    return this.change(actor, id, 'incident.review', (i) => completeReview(i, review, actor, this.k.clock.now()));
  }

  /** Time to mitigate and to resolve over the incidents opened in a range: the incident metrics. */
  /** Over the incidents opened in [from, to): by default the 90 days up to now. */
  async timings(actor: Actor, f: { useCaseId?: string; from?: string; to?: string }) {
    const to = f.to ?? this.k.clock.now().toISOString();
    const from = f.from ?? new Date(Date.parse(to) - TIMINGS_DEFAULT_DAYS * 86_400_000).toISOString();
    let q = this.k.db.selectFrom('incidents').selectAll().where('tenant_id', '=', actor.tenantId).where('opened_at', '>=', from).where('opened_at', '<', to);
    if (f.useCaseId) q = q.where('use_case_id', '=', f.useCaseId);
    const incidents = (await q.execute()).map(store.toIncident);
    const known = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    return {
      incidents: incidents.length,
      timeToMitigate: summarise(known(incidents.map(timeToMitigateMs))),
      timeToResolve: summarise(known(incidents.map(timeToResolveMs))),
    };
  }

  /** Opens an incident for a monitor's ALERT, or adds the alert to the one still open, in the caller's transaction. */
  async raise(tx: Tx, tenantId: string, alert: AlertReport): Promise<store.StoredIncident> {
    const actor = systemActor(tenantId, 'monitor');
    const { decision } = alert;
    if (decision.kind === 'append') {
      return this.change(actor, decision.incidentId, 'incident.alert', (i) => noteAlert(i, { metricKey: alert.metricKey, text: decision.text, releaseId: alert.releaseId }, this.k.clock.now()), undefined, tx);
    }
    const useCase = await this.portfolio.get(actor, alert.useCaseId, tx);
    const incident = openIncident({
      id: newId('inc', this.k.clock.now().getTime()), useCaseId: alert.useCaseId, title: decision.title, severity: decision.severity, ownerId: useCase.owner?.id ?? null,
      releaseIds: alert.releaseId ? [alert.releaseId] : [], metricKeys: [alert.metricKey],
    }, actor, this.k.clock.now());
    return this.insert(tx, actor, incident);
  }

  /** Reads, changes and writes one incident under its version, ledgered, in `conn` or a transaction of its own. */
  async change(actor: Actor, id: string, action: string, apply: (i: store.StoredIncident, tx: Tx) => Incident | Promise<Incident>, ifMatch?: number, conn?: Tx): Promise<store.StoredIncident> {
    const run = async (tx: Tx) => {
      const before = await this.get(actor, id, tx);
      checkVersion(ifMatch, before.version, `incident ${id}`);
      const after = await apply(before, tx);
      const at = this.k.clock.now().toISOString();
      if (!(await store.updateIncident(tx, actor.tenantId, after, before.version, at))) throw new PreconditionFailed(`incident ${id} was changed concurrently; reload and retry`);
      await this.k.ledger.append(tx, actor, { action, subjectType: 'incident', subjectId: id, before: ledgerView(before), after: ledgerView(after) });
      return { ...after, version: before.version + 1, updatedAt: at };
    };
    return conn ? run(conn) : this.k.db.transaction().execute(run);
  }

  private async insert(tx: Tx, actor: Actor, incident: Incident): Promise<store.StoredIncident> {
    const stored = await store.insertIncident(tx, actor.tenantId, incident, this.k.clock.now().toISOString());
    await this.k.ledger.append(tx, actor, { action: 'incident.open', subjectType: 'incident', subjectId: incident.id, after: ledgerView(incident) });
    return stored;
  }

  /** Body fields that name other resources must name this tenant's: the use case, its releases, a member as owner. */
  private async checkRefs(tx: Tx, actor: Actor, refs: { useCaseId?: string; ownerId?: string | null; releaseIds?: string[] }) {
    const problems: FieldProblem[] = [];
    if (refs.useCaseId) await this.portfolio.get(actor, refs.useCaseId, tx).catch(() => problems.push({ path: 'body.useCaseId', message: `no use case ${refs.useCaseId} in this tenant` }));
    if (refs.ownerId && !(await store.isMember(tx, actor.tenantId, refs.ownerId))) problems.push({ path: 'body.ownerId', message: `no member ${refs.ownerId} in this tenant` });
    for (const [i, releaseId] of (refs.releaseIds ?? []).entries()) {
      const release = await this.releases.get(actor, releaseId, tx).catch(() => undefined);
      if (!release || release.useCaseId !== refs.useCaseId) problems.push({ path: `body.releaseIds.${i}`, message: `no release ${releaseId} of use case ${refs.useCaseId}` });
    }
    if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
  }
}
