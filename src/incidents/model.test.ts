import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden } from '../kernel/errors.js';
import {
  addNote, autoResume, changeSeverity, completeReview, contain, describeAction, isActive, moveIncident, nextStatuses, noteAlert,
  openIncident, resumeByPerson, timeToMitigateMs, timeToResolveMs, UseCaseAction, type IncidentActor, type ResumePolicy,
} from './model.js';

const T0 = Date.parse('2026-03-10T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const monitor: IncidentActor = { kind: 'system', id: 'system', name: 'charter', roles: ['platform_admin'] };
const builder: IncidentActor = { kind: 'user', id: 'usr_b', name: 'Bea Builder', roles: ['builder'] };
const reviewer: IncidentActor = { kind: 'user', id: 'usr_r', name: 'Rui Reviewer', roles: ['risk_reviewer'] };
const byPerson: ResumePolicy = { resumeRoles: ['risk_reviewer'], autoResumeWhenMitigated: false };
const automatic: ResumePolicy = { resumeRoles: ['risk_reviewer'], autoResumeWhenMitigated: true };

const opened = () =>
  openIncident(
    { id: 'inc_1', useCaseId: 'uc_claims', title: 'error rate in ALERT', severity: 'high', releaseIds: ['rel_2'], metricKeys: ['gateway.error_rate'] },
    monitor,
    at(0),
  );

describe('incident lifecycle', () => {
  it('opens with a timeline entry and nothing imposed on the use case', () => {
    const incident = opened();
    expect(incident).toMatchObject({ status: 'open', openedAt: '2026-03-10T09:00:00.000Z', control: { state: 'normal', rolledBack: false } });
    expect(incident.timeline).toEqual([{ at: incident.openedAt, actorId: 'system', kind: 'opened', text: 'error rate in ALERT' }]);
    expect(isActive(incident)).toBe(true);
  });

  it('moves forward through triage, mitigation and resolution and times each step', () => {
    let incident = moveIncident(opened(), 'triaged', builder, at(5));
    incident = moveIncident(incident, 'mitigated', builder, at(20), 'upstream fallback enabled');
    incident = moveIncident(incident, 'resolved', builder, at(90));
    expect(incident).toMatchObject({ status: 'resolved', triagedAt: at(5).toISOString(), mitigatedAt: at(20).toISOString() });
    expect(timeToMitigateMs(incident)).toBe(20 * 60_000);
    expect(timeToResolveMs(incident)).toBe(90 * 60_000);
    expect(incident.timeline.map((e) => e.text)).toEqual(['error rate in ALERT', 'moved to triaged', 'upstream fallback enabled', 'moved to resolved']);
    expect(isActive(incident)).toBe(false);
  });

  it('stamps skipped steps with the same time, so time to mitigate is known once resolved', () => {
    const incident = moveIncident(opened(), 'resolved', builder, at(30));
    expect(incident).toMatchObject({ triagedAt: at(30).toISOString(), mitigatedAt: at(30).toISOString(), resolvedAt: at(30).toISOString() });
    expect(timeToMitigateMs(opened())).toBeNull();
  });

  it('refuses to move backwards or to review by a plain move', () => {
    const mitigated = moveIncident(opened(), 'mitigated', builder, at(10));
    expect(nextStatuses(mitigated)).toEqual(['resolved']);
    expect(() => moveIncident(mitigated, 'triaged', builder, at(11))).toThrow(Conflict);
    expect(() => moveIncident(mitigated, 'reviewed', builder, at(11))).toThrow(Conflict);
  });

  it('reviews only a resolved incident, keeping the post-incident review', () => {
    const review = { summary: 'upstream outage', rootCause: 'provider region down', lessons: ['add a fallback region'], followUps: [] };
    expect(() => completeReview(opened(), review, reviewer, at(1))).toThrow(Conflict);
    const reviewed = completeReview(moveIncident(opened(), 'resolved', builder, at(60)), review, reviewer, at(2_000));
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewedAt: at(2_000).toISOString(), review });
    expect(nextStatuses(reviewed)).toEqual([]);
  });

  it('adds later alerts, notes and severity changes to the timeline', () => {
    let incident = noteAlert(opened(), { metricKey: 'gateway.latency_p95', text: 'latency in ALERT', releaseId: 'rel_3' }, at(3));
    incident = noteAlert(incident, { metricKey: 'gateway.error_rate', text: 'still failing' }, at(4));
    incident = addNote(incident, 'provider confirms outage', builder, at(6));
    incident = changeSeverity(incident, 'critical', builder, at(7), 'customer-facing');
    expect(incident.metricKeys).toEqual(['gateway.error_rate', 'gateway.latency_p95']);
    expect(incident.releaseIds).toEqual(['rel_2', 'rel_3']);
    expect(incident.severity).toBe('critical');
    expect(incident.timeline.map((e) => e.kind)).toEqual(['opened', 'alert', 'alert', 'note', 'severity']);
    expect(changeSeverity(incident, 'critical', builder, at(8), 'same')).toBe(incident);
  });
});

describe('containment and resumption', () => {
  it('throttles, suspends and rolls back the use case, a suspension outranking a throttle', () => {
    let incident = contain(opened(), { kind: 'throttle', fraction: 0.25 }, monitor, at(1));
    expect(incident.control).toEqual({ state: 'throttled', throttleFraction: 0.25, rolledBack: false });
    incident = contain(incident, { kind: 'suspend' }, monitor, at(2));
    incident = contain(incident, { kind: 'throttle', fraction: 0.5 }, builder, at(3));
    incident = contain(incident, { kind: 'rollback' }, monitor, at(4));
    expect(incident.control).toEqual({ state: 'suspended', throttleFraction: null, rolledBack: true });
    expect(incident.status).toBe('open');
    expect(incident.timeline.filter((e) => e.kind === 'action').map((e) => e.text)).toEqual([
      'throttled to 25% of normal traffic',
      'suspended: the gateway refuses its calls',
      'throttled to 50% of normal traffic',
      'rolled back to the previous release',
    ]);
  });

  it('takes no containment action once resolved', () => {
    const resolved = moveIncident(opened(), 'resolved', builder, at(10));
    expect(() => contain(resolved, { kind: 'suspend' }, monitor, at(11))).toThrow(Conflict);
  });

  it('lets only the role the pack names resume, and only what is held back', () => {
    const suspended = contain(opened(), { kind: 'suspend' }, monitor, at(1));
    expect(() => resumeByPerson(suspended, builder, byPerson, at(5))).toThrow(Forbidden);
    const resumed = resumeByPerson(suspended, reviewer, byPerson, at(5));
    expect(resumed.control.state).toBe('normal');
    expect(resumed.timeline.at(-1)).toMatchObject({ actorId: 'usr_r', kind: 'action', action: { kind: 'resume' }, text: 'resumed by Rui Reviewer' });
    expect(() => resumeByPerson(resumed, reviewer, byPerson, at(6))).toThrow(Conflict);
  });

  it('resumes automatically only once mitigated and only where the pack allows it', () => {
    const suspended = contain(opened(), { kind: 'suspend' }, monitor, at(1));
    expect(autoResume(suspended, automatic, at(2))).toBeNull();
    const mitigated = moveIncident(suspended, 'mitigated', builder, at(30));
    expect(autoResume(mitigated, byPerson, at(31))).toBeNull();
    const resumed = autoResume(mitigated, automatic, at(31))!;
    expect(resumed.control).toEqual({ state: 'normal', throttleFraction: null, rolledBack: false });
    expect(resumed.timeline.at(-1)).toMatchObject({ actorId: 'system', text: expect.stringContaining('policy pack allows it') });
    expect(autoResume(resumed, automatic, at(32))).toBeNull();
  });

  it('keeps a rollback after resuming: moving the release pointer back is a release decision', () => {
    const incident = moveIncident(contain(contain(opened(), { kind: 'rollback' }, monitor, at(1)), { kind: 'suspend' }, monitor, at(1)), 'mitigated', builder, at(9));
    expect(autoResume(incident, automatic, at(10))?.control).toEqual({ state: 'normal', throttleFraction: null, rolledBack: true });
  });

  it('validates actions from a pack or a request', () => {
    expect(UseCaseAction.safeParse({ kind: 'throttle', fraction: 1 }).success).toBe(false);
    expect(UseCaseAction.safeParse({ kind: 'resume' }).success).toBe(true);
    expect(describeAction({ kind: 'resume' })).toBe('resumed');
  });
});
