import { describe, expect, it } from 'vitest';
import { adoptionVerdict, communicationTimeline, satisfactionText } from './change';
import type { AudienceAdoption } from './types';

const audience = (over: Partial<AudienceAdoption>): AudienceAdoption => ({
  group: 'Claims handlers — Leeds', skillRole: 'end_user', gatewayRole: 'claims_handler', headcount: 12, activeUsers: 3, calls: 40, adoptionRate: 0.25,
  taskCompletion: 0.9, overrideRate: 0.05, satisfaction: 4, satisfactionResponses: 4, trainingCoverage: 0.66, trainedPeople: 8, latencyP95Ms: 900, errorRate: 0,
  modelQuality: 'on_track', diagnosis: { low: true, cause: 'training', findings: [], advice: 'Train the role first.' }, ...over,
});

describe('change and adoption', () => {
  it('names low adoption by its likely cause, and says when the gateway cannot attribute calls', () => {
    expect(adoptionVerdict(audience({}))).toEqual({ label: 'Low: training', tone: 'bad' });
    expect(adoptionVerdict(audience({ diagnosis: { low: false, cause: null, findings: [], advice: '' } }))).toEqual({ label: 'Not low', tone: 'ok' });
    expect(adoptionVerdict(audience({ activeUsers: null, gatewayRole: null }))).toEqual({ label: 'Not attributable', tone: 'muted' });
  });

  it('writes satisfaction out of five with its responses', () => {
    expect(satisfactionText(audience({ satisfaction: 3.75, satisfactionResponses: 4 }))).toMatch(/^3.8 of 5 \(4 responses\)$/);
    expect(satisfactionText(audience({ satisfaction: null, satisfactionResponses: 0 }))).toBe('—');
  });

  it('orders communications by date and marks the sent ones and the next', () => {
    const comms = [
      { on: '2026-12-11', audience: 'Claims team leads', channel: 'email', message: 'wave 2' },
      { on: '2026-10-13', audience: 'everyone', channel: 'town hall', message: 'what changes' },
      { on: '2027-01-10', audience: 'everyone', channel: 'intranet', message: 'results' },
    ];
    expect(communicationTimeline(comms, '2026-11-27').map((c) => [c.on, c.when])).toEqual([
      ['2026-10-13', 'past'],
      ['2026-12-11', 'next'],
      ['2027-01-10', 'later'],
    ]);
  });
});
