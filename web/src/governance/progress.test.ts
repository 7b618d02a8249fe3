import { describe, expect, it } from 'vitest';
import { controlsByStage, decidableRequests, dueWords, exceptionWords, isAhead, percent } from './progress';
import type { ApprovalRequest, ControlException, ControlItem } from './types';

const control = (control: string, requiredBefore: ControlItem['requiredBefore'], met: boolean) => ({ control, requiredBefore, met }) as ControlItem;
const request = (patch: Partial<ApprovalRequest>) =>
  ({ id: 'apr_1', status: 'pending', role: 'risk_reviewer', overdue: false, dueAt: '2026-12-02T10:00:00Z', requestedBy: { id: 'usr_ben', name: 'Ben' }, ...patch }) as ApprovalRequest;
const now = new Date('2026-11-27T12:00:00Z');

describe('controls by stage', () => {
  it('groups in lifecycle order and counts those met', () => {
    const groups = controlsByStage([control('ISO A.2.2', 'production', false), control('GOVERN 1.1', 'approved', true), control('Art. 4', 'pilot', false), control('MAP 1.1', 'approved', false)]);
    expect(groups.map((g) => [g.stage, g.items.map((i) => i.control), g.met])).toEqual([
      ['approved', ['GOVERN 1.1', 'MAP 1.1'], 1],
      ['pilot', ['Art. 4'], 0],
      ['production', ['ISO A.2.2'], 0],
    ]);
  });

  it('knows which groups still lie ahead of the use case', () => {
    expect(isAhead('assessed', 'approved')).toBe(true);
    expect(isAhead('approved', 'approved')).toBe(false);
    expect(isAhead('production', 'pilot')).toBe(false);
    expect(isAhead('suspended', 'pilot')).toBe(true);
  });
});

describe('the approvals a person may decide', () => {
  it('keeps the pending requests of their roles, overdue first, then by due date', () => {
    const list = [
      request({ id: 'late-later', dueAt: '2026-11-26T00:00:00Z', overdue: true }),
      request({ id: 'owner', role: 'business_owner' }),
      request({ id: 'soon', dueAt: '2026-11-28T00:00:00Z' }),
      request({ id: 'granted', status: 'granted' }),
      request({ id: 'late-first', dueAt: '2026-11-20T00:00:00Z', overdue: true }),
    ];
    expect(decidableRequests(list, ['risk_reviewer']).map((r) => r.id)).toEqual(['late-first', 'late-later', 'soon']);
  });

  it('does not let a platform admin stand in for a role they do not hold', () => {
    expect(decidableRequests([request({})], ['platform_admin'])).toEqual([]);
  });
});

describe('due dates and expiry in words', () => {
  it('says how far off a due date is', () => {
    expect(dueWords('2026-12-02T12:00:00Z', now)).toBe('due in 5 days');
    expect(dueWords('2026-11-28T13:00:00Z', now)).toBe('due in 1 day');
    expect(dueWords('2026-11-27T18:00:00Z', now)).toBe('due today');
    expect(dueWords('2026-11-25T11:00:00Z', now)).toBe('3 days overdue');
  });

  it('says where an exception stands', () => {
    const exception = (patch: Partial<ControlException>) => ({ status: 'approved', expiresAt: '2027-01-27T12:00:00Z', ...patch }) as ControlException;
    expect(exceptionWords(exception({ status: 'requested' }), now)).toEqual({ label: 'Waiting for a decision', tone: 'warn' });
    expect(exceptionWords(exception({}), now)).toEqual({ label: 'In force for 61 more days', tone: 'ok' });
    expect(exceptionWords(exception({ expiresAt: '2026-12-01T12:00:00Z' }), now)).toEqual({ label: 'In force, ends in 4 days', tone: 'warn' });
    expect(exceptionWords(exception({ status: 'expired', expiresAt: '2026-11-01T12:00:00Z' }), now).tone).toBe('bad');
    expect(exceptionWords(exception({ status: 'rejected' }), now).label).toBe('Rejected');
  });

  it('gives shares as whole percentages, full when nothing is required', () => {
    expect(percent(48, 75)).toBe(64);
    expect(percent(0, 0)).toBe(100);
  });
});
