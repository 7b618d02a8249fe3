import { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { Role } from '../kernel/auth/permissions.js';
import { Conflict, Forbidden } from '../kernel/errors.js';

export const INCIDENT_STATUSES = ['open', 'triaged', 'mitigated', 'resolved', 'reviewed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const IncidentStatus = z.enum(INCIDENT_STATUSES);

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const Severity = z.enum(SEVERITIES);

const Throttle = z.strictObject({ kind: z.literal('throttle'), fraction: z.number().gt(0).lt(1) });
const Suspend = z.strictObject({ kind: z.literal('suspend') });
const Rollback = z.strictObject({ kind: z.literal('rollback') });
const Resume = z.strictObject({ kind: z.literal('resume') });

/** What a policy pack may ask for when a monitor raises an ALERT. `fraction` is the share of normal traffic let through. */
export const ContainmentAction = z.discriminatedUnion('kind', [Throttle, Suspend, Rollback]);
export type ContainmentAction = z.infer<typeof ContainmentAction>;

/** What an incident can do to its use case at the gateway: contain it, or lift the containment. */
export const UseCaseAction = z.discriminatedUnion('kind', [Throttle, Suspend, Rollback, Resume]);
export type UseCaseAction = z.infer<typeof UseCaseAction>;

/** What the incident's actions currently impose on the use case. A rollback moves the release pointer and stays. */
export interface UseCaseControl {
  state: 'normal' | 'throttled' | 'suspended';
  throttleFraction: number | null;
  rolledBack: boolean;
}

export type IncidentActor = Pick<Actor, 'kind' | 'id' | 'name' | 'roles'>;

export interface TimelineEntry {
  at: string;
  actorId: string;
  kind: 'opened' | 'status' | 'alert' | 'action' | 'severity' | 'note' | 'review';
  text: string;
  status?: IncidentStatus;
  action?: UseCaseAction;
  metricKey?: string;
}

export const PostIncidentReview = z.strictObject({
  summary: z.string().min(1),
  rootCause: z.string().min(1),
  lessons: z.array(z.string().min(1)).default([]),
  followUps: z.array(z.string().min(1)).default([]),
});
export type PostIncidentReview = z.infer<typeof PostIncidentReview>;

export interface Incident {
  id: string;
  useCaseId: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  ownerId: string | null;
  openedAt: string;
  triagedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  reviewedAt: string | null;
  releaseIds: string[];
  metricKeys: string[];
  control: UseCaseControl;
  timeline: TimelineEntry[];
  review: PostIncidentReview | null;
}

/** The pack's word on resuming a suspended or throttled use case. */
export interface ResumePolicy {
  /** Any one of these roles may resume (the pack's measurement.monitors.resumeRoles). */
  resumeRoles: readonly Role[];
  autoResumeWhenMitigated: boolean;
}

export interface NewIncident {
  id: string;
  useCaseId: string;
  title: string;
  severity: Severity;
  ownerId?: string | null;
  releaseIds?: string[];
  metricKeys?: string[];
}

const rank = (s: IncidentStatus): number => INCIDENT_STATUSES.indexOf(s);
const STATUS_TIME = { triaged: 'triagedAt', mitigated: 'mitigatedAt', resolved: 'resolvedAt', reviewed: 'reviewedAt' } as const;

function withEntry(incident: Incident, entry: TimelineEntry, changes: Partial<Incident> = {}): Incident {
  return { ...incident, ...changes, timeline: [...incident.timeline, entry] };
}

export function openIncident(input: NewIncident, actor: IncidentActor, at: Date): Incident {
  const when = at.toISOString();
  return {
    id: input.id,
    useCaseId: input.useCaseId,
    title: input.title,
    severity: input.severity,
    status: 'open',
    ownerId: input.ownerId ?? null,
    openedAt: when,
    triagedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    reviewedAt: null,
    releaseIds: [...(input.releaseIds ?? [])],
    metricKeys: [...(input.metricKeys ?? [])],
    control: { state: 'normal', throttleFraction: null, rolledBack: false },
    timeline: [{ at: when, actorId: actor.id, kind: 'opened', text: input.title }],
    review: null,
  };
}

/**
 * Statuses an incident may move to. Forward only, and steps may be skipped (an incident fixed before anyone
 * triaged it goes straight to mitigated); `reviewed` is reached only through `completeReview`.
 */
export function nextStatuses(incident: Incident): IncidentStatus[] {
  return INCIDENT_STATUSES.filter((s) => s !== 'reviewed' && rank(s) > rank(incident.status));
}

/** Moves the incident forward; a skipped step takes the same time, so time to mitigate is never missing once resolved. */
export function moveIncident(incident: Incident, to: IncidentStatus, actor: IncidentActor, at: Date, note = ''): Incident {
  if (!nextStatuses(incident).includes(to)) {
    throw new Conflict(`an incident that is ${incident.status} cannot move to ${to}`, { allowed: nextStatuses(incident) });
  }
  const when = at.toISOString();
  const stamps: Partial<Incident> = { status: to };
  for (const s of INCIDENT_STATUSES.slice(rank(incident.status) + 1, rank(to) + 1)) {
    if (s !== 'open') stamps[STATUS_TIME[s]] = when;
  }
  return withEntry(incident, { at: when, actorId: actor.id, kind: 'status', status: to, text: note || `moved to ${to}` }, stamps);
}

/** Records the post-incident review; only a resolved incident can be reviewed. */
export function completeReview(incident: Incident, review: PostIncidentReview, actor: IncidentActor, at: Date): Incident {
  if (incident.status !== 'resolved') throw new Conflict(`an incident that is ${incident.status} cannot be reviewed; resolve it first`);
  const when = at.toISOString();
  return withEntry(
    incident,
    { at: when, actorId: actor.id, kind: 'review', status: 'reviewed', text: review.summary },
    { status: 'reviewed', reviewedAt: when, review },
  );
}

/** A monitor's ALERT on an incident that is still open adds to its timeline instead of opening another. */
export function noteAlert(incident: Incident, alert: { metricKey: string; text: string; releaseId?: string | null }, at: Date): Incident {
  const metricKeys = incident.metricKeys.includes(alert.metricKey) ? incident.metricKeys : [...incident.metricKeys, alert.metricKey];
  const releaseIds =
    alert.releaseId && !incident.releaseIds.includes(alert.releaseId) ? [...incident.releaseIds, alert.releaseId] : incident.releaseIds;
  const entry: TimelineEntry = { at: at.toISOString(), actorId: 'system', kind: 'alert', metricKey: alert.metricKey, text: alert.text };
  return withEntry(incident, entry, { metricKeys, releaseIds });
}

export function addNote(incident: Incident, text: string, actor: IncidentActor, at: Date): Incident {
  return withEntry(incident, { at: at.toISOString(), actorId: actor.id, kind: 'note', text });
}

export function changeSeverity(incident: Incident, severity: Severity, actor: IncidentActor, at: Date, reason: string): Incident {
  if (severity === incident.severity) return incident;
  const text = `severity ${incident.severity} → ${severity}: ${reason}`;
  return withEntry(incident, { at: at.toISOString(), actorId: actor.id, kind: 'severity', text }, { severity });
}

export const isActive = (incident: Incident): boolean => rank(incident.status) < rank('resolved');

/**
 * Applies a containment action (throttle, suspend, rollback) to the incident's use case. Containment does not
 * mitigate the incident: mitigation is a person's finding that the cause is dealt with, and automatic resumption
 * waits for it, so a suspend can never resume itself.
 */
export function contain(incident: Incident, action: ContainmentAction, actor: IncidentActor, at: Date, note = ''): Incident {
  if (!isActive(incident)) throw new Conflict(`an incident that is ${incident.status} takes no further containment actions`);
  const entry: TimelineEntry = { at: at.toISOString(), actorId: actor.id, kind: 'action', action, text: note || describeAction(action) };
  return withEntry(incident, entry, { control: controlAfter(incident.control, action) });
}

function controlAfter(control: UseCaseControl, action: ContainmentAction): UseCaseControl {
  switch (action.kind) {
    case 'rollback':
      return { ...control, rolledBack: true };
    case 'suspend':
      return { ...control, state: 'suspended', throttleFraction: null };
    case 'throttle':
      // A suspended use case stays suspended: throttling it would let traffic through again.
      return control.state === 'suspended' ? control : { ...control, state: 'throttled', throttleFraction: action.fraction };
  }
}

function resume(incident: Incident, actorId: string, at: Date, text: string): Incident {
  const action: UseCaseAction = { kind: 'resume' };
  const control: UseCaseControl = { ...incident.control, state: 'normal', throttleFraction: null };
  return withEntry(incident, { at: at.toISOString(), actorId, kind: 'action', action, text }, { control });
}

/** A person resumes the use case: only someone holding the role the pack names, and only if something holds it back. */
export function resumeByPerson(incident: Incident, actor: IncidentActor, policy: ResumePolicy, at: Date, note = ''): Incident {
  if (!actor.roles.some((role) => policy.resumeRoles.includes(role))) {
    throw new Forbidden(`resuming this use case needs one of the roles ${policy.resumeRoles.join(', ')}`, { requiredRoles: policy.resumeRoles });
  }
  if (incident.control.state === 'normal') throw new Conflict('the use case is neither suspended nor throttled by this incident');
  return resume(incident, actor.id, at, note || `resumed by ${actor.name}`);
}

/** The resumption the pack allows without a person: once mitigated, if the pack says so. Null when it does not apply. */
export function autoResume(incident: Incident, policy: ResumePolicy, at: Date): Incident | null {
  if (!policy.autoResumeWhenMitigated || incident.control.state === 'normal') return null;
  if (rank(incident.status) < rank('mitigated')) return null;
  return resume(incident, 'system', at, 'resumed automatically: the incident is mitigated and the policy pack allows it');
}

export function describeAction(action: UseCaseAction): string {
  if (action.kind === 'throttle') return `throttled to ${Math.round(action.fraction * 100)}% of normal traffic`;
  return { suspend: 'suspended: the gateway refuses its calls', rollback: 'rolled back to the previous release', resume: 'resumed' }[action.kind];
}

const between = (from: string, to: string | null): number | null => (to ? Date.parse(to) - Date.parse(from) : null);
export const timeToMitigateMs = (incident: Incident): number | null => between(incident.openedAt, incident.mitigatedAt);
export const timeToResolveMs = (incident: Incident): number | null => between(incident.openedAt, incident.resolvedAt);

