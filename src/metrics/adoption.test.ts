import { describe, expect, it } from 'vitest';
import { diagnoseAdoption, diagnoseAdoptionByRole, type AdoptionSignals } from './adoption.js';

const week1: AdoptionSignals = {
  role: 'claims_handler', activeUsers: 8, affectedUsers: 40, trainingCoverage: 0.3, overrideRate: 0.25,
  modelQuality: 'on_track', latencyP95Ms: 3_000, errorRate: 0.005,
};

describe('adoption diagnosis', () => {
  it('follows the cause as the data changes week by week', () => {
    // Week 1: few trained. Week 3: trained, but people override good answers. Week 5: overrides settle, calls slow
    // down. Week 7: fast again, adoption still low. Week 9: adoption recovers.
    const weeks: AdoptionSignals[] = [
      week1,
      { ...week1, activeUsers: 12, trainingCoverage: 0.9 },
      { ...week1, activeUsers: 14, trainingCoverage: 0.9, overrideRate: 0.08, latencyP95Ms: 9_500 },
      { ...week1, activeUsers: 15, trainingCoverage: 0.9, overrideRate: 0.08 },
      { ...week1, activeUsers: 26, trainingCoverage: 0.9, overrideRate: 0.08 },
    ];
    expect(weeks.map((w) => diagnoseAdoption(w).cause)).toEqual(['training', 'trust_or_design', 'performance', 'workflow_fit', null]);
    expect(diagnoseAdoption(weeks[4])).toMatchObject({ adoptionRate: 0.65, low: false });
  });

  it('lists every rule that holds with its figures, the first naming the cause', () => {
    const d = diagnoseAdoption({ ...week1, errorRate: 0.04 });
    expect(d).toMatchObject({ adoptionRate: 0.2, low: true, cause: 'training' });
    expect(d.findings).toEqual([
      { cause: 'training', evidence: 'training coverage 30% is below 70%' },
      { cause: 'trust_or_design', evidence: 'override rate 25% is at or above 15% with model quality on_track' },
      { cause: 'performance', evidence: 'error rate 4% at or above the limits' },
    ]);
    expect(d.advice).toMatch(/skill path/);
  });

  it('blames model quality, not trust, when overrides come with poor quality', () => {
    expect(diagnoseAdoption({ ...week1, trainingCoverage: 0.9, modelQuality: 'off_track' }).cause).toBe('model_quality');
  });

  it('lets unknown signals satisfy no rule', () => {
    const d = diagnoseAdoption({ ...week1, trainingCoverage: null, overrideRate: null, modelQuality: 'no_data', latencyP95Ms: null, errorRate: null });
    expect(d.cause).toBe('workflow_fit');
    expect(d.findings).toEqual([{ cause: 'workflow_fit', evidence: 'training coverage, overrides and performance are within the rules' }]);
  });

  it('cannot judge a role without affected users', () => {
    expect(diagnoseAdoption({ ...week1, affectedUsers: 0 })).toMatchObject({ adoptionRate: null, low: false, cause: null });
  });

  it('honours the rules given by the tenant', () => {
    const rules = { lowAdoptionRate: 0.1, minTrainingCoverage: 0.7, highOverrideRate: 0.15, slowLatencyP95Ms: 8_000, highErrorRate: 0.02 };
    expect(diagnoseAdoption(week1, rules).low).toBe(false);
  });

  it('puts the least adopted role first', () => {
    const byRole = diagnoseAdoptionByRole([
      { ...week1, role: 'underwriter', activeUsers: 9, affectedUsers: 10 },
      { ...week1, role: 'auditor', affectedUsers: 0 },
      week1,
    ]);
    expect(byRole.map((d) => d.role)).toEqual(['claims_handler', 'underwriter', 'auditor']);
  });
});
