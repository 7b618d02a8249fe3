import { describe, expect, it } from 'vitest';
import { communicationAudiences, newPlanDraft, planBody, planFields, planToDraft, renameAudience, withoutRow, emptyAudience } from './planDraft';
import type { ChangePlan } from './types';

const plan = {
  id: 'chp_1', useCaseId: 'uc_1', owner: { id: 'usr_cleo', name: 'Cleo Nakamura' }, workflowChange: 'Handlers accept or change a proposed severity.',
  audiences: [{ group: 'Claims handlers — Leeds', skillRole: 'end_user', gatewayRole: 'claims_handler', headcount: 12 }, { group: 'Claims team leads', skillRole: 'manager', gatewayRole: null, headcount: 3 }],
  support: ['Floor walkers'], successMetrics: [{ metric: 'triage time', target: '29 minutes' }], feedbackHandling: 'Pulse survey every two weeks.',
  communications: [{ on: '2026-10-13', audience: 'Claims team leads', channel: 'email', message: 'Wave 2' }],
  nextCommunication: null, createdAt: '', updatedAt: '', version: 3,
} as ChangePlan;

describe('the change plan editor’s draft', () => {
  it('sends a recorded plan back as it was, keeping its owner, with no gateway role as null', () => {
    expect(planBody(planToDraft(plan))).toEqual({
      ownerId: 'usr_cleo', workflowChange: plan.workflowChange, audiences: plan.audiences, support: plan.support, successMetrics: plan.successMetrics,
      feedbackHandling: plan.feedbackHandling, communications: plan.communications,
    });
  });

  it('trims what was typed, reads headcounts as numbers and leaves empty values out so the API names them', () => {
    const d = newPlanDraft('usr_cleo');
    d.audiences = [{ group: '  Agents ', skillRole: '', gatewayRole: '  ', headcount: ' 10 ' }, { group: 'Leads', skillRole: 'manager', gatewayRole: '', headcount: 'ten' }];
    const body = planBody(d);
    expect(body.audiences).toEqual([
      { group: 'Agents', skillRole: undefined, gatewayRole: null, headcount: 10 },
      { group: 'Leads', skillRole: 'manager', gatewayRole: null, headcount: 'ten' },
    ]);
    expect(body.communications).toEqual([{ on: undefined, audience: 'everyone', channel: '', message: '' }]);
  });

  it('names a field for every value of every row, by the API’s paths', () => {
    const fields = planFields(planToDraft(plan));
    expect(fields).toContain('audiences.1.headcount');
    expect(fields).toContain('audiences.1');
    expect(fields).toContain('support.0');
    expect(fields).toContain('communications.0.audience');
    expect(fields).not.toContain('audiences.2.group');
  });

  it('carries communications along when their audience is renamed, unless another audience keeps the name', () => {
    const renamed = renameAudience(planToDraft(plan), 1, 'Claims team leads — Leeds');
    expect(renamed.communications[0].audience).toBe('Claims team leads — Leeds');
    const twice = planToDraft(plan);
    twice.audiences.push({ group: 'Claims team leads', skillRole: 'manager', gatewayRole: '', headcount: '2' });
    expect(renameAudience(twice, 1, 'Other').communications[0].audience).toBe('Claims team leads');
  });

  it('offers the named audiences and everyone, and keeps one a communication names that is gone', () => {
    const d = planToDraft(plan);
    expect(communicationAudiences(d, 'everyone')).toEqual(['Claims handlers — Leeds', 'Claims team leads', 'everyone']);
    expect(communicationAudiences(d, 'Finance')).toEqual(['Finance', 'Claims handlers — Leeds', 'Claims team leads', 'everyone']);
  });

  it('removes a row but never the last one', () => {
    expect(withoutRow([emptyAudience(), { ...emptyAudience(), group: 'b' }], 0, emptyAudience)).toEqual([{ ...emptyAudience(), group: 'b' }]);
    expect(withoutRow([{ ...emptyAudience(), group: 'a' }], 0, emptyAudience)).toEqual([emptyAudience()]);
  });
});
