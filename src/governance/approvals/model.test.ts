import { describe, expect, it } from 'vitest';
import { defaultPacks } from '../../policy/packs.js';
import { approvalsOwed, separationProblem } from './model.js';

const { high, minimal } = defaultPacks();
const none = () => new Set<string>();
const everyone = () => new Set(['business_owner', 'risk_reviewer', 'executive']);

describe('approvals owed by a move', () => {
  it('asks the pack’s approval for the move itself, and nothing for a move the pack does not list', () => {
    expect(approvalsOwed(high, 'assessed', 'approved', everyone)).toEqual([{ from: 'assessed', to: 'approved', roles: ['business_owner', 'risk_reviewer'], dueDays: 10, kind: 'transition' }]);
    expect(approvalsOwed(high, 'approved', 'build', everyone)).toEqual([]);
  });

  it('after a tier rise, owes the missing roles of the approvals of stages already passed', () => {
    // Granted under the minimal pack: the business owner approved assessed → approved, nobody triage → assessed.
    const granted = (from: string, to: string) => new Set(from === 'assessed' && to === 'approved' ? ['business_owner'] : []);
    expect(approvalsOwed(high, 'suspended', 'build', granted)).toEqual([
      { from: 'triage', to: 'assessed', roles: ['risk_reviewer'], dueDays: 5, kind: 'catch_up' },
      { from: 'assessed', to: 'approved', roles: ['risk_reviewer'], dueDays: 10, kind: 'catch_up' },
    ]);
    expect(approvalsOwed(minimal, 'suspended', 'build', granted)).toEqual([]);
  });

  it('asks no catch-up without the granted roles (a move back) and none for stages beyond the one entered', () => {
    expect(approvalsOwed(high, 'production', 'pilot')).toEqual([]);
    expect(approvalsOwed(high, 'intake', 'triage', none)).toEqual([]);
    expect(approvalsOwed(high, 'build', 'pilot', none).map((a) => `${a.kind} ${a.from}>${a.to}`)).toEqual(['transition build>pilot', 'catch_up triage>assessed', 'catch_up assessed>approved']);
  });
});

describe('separation of duties', () => {
  const request = { id: 'r1', role: 'risk_reviewer' };
  const reviewer = { id: 'u2', roles: ['risk_reviewer', 'business_owner'] as const };
  it('refuses the requester, a person without the role, and a second role to the same person', () => {
    expect(separationProblem({ id: 'u1', roles: ['risk_reviewer'] }, request, { requestedBy: 'u1' }, [])).toContain('you requested this move');
    expect(separationProblem({ id: 'u3', roles: ['builder'] }, request, { requestedBy: 'u1' }, [])).toContain('needs a risk_reviewer');
    const siblings = [{ id: 'r0', role: 'business_owner', status: 'granted', decidedBy: 'u2' }];
    expect(separationProblem({ ...reviewer, roles: [...reviewer.roles] }, request, { requestedBy: 'u1' }, siblings)).toContain('one person grants one role');
    expect(separationProblem({ ...reviewer, roles: [...reviewer.roles] }, request, { requestedBy: 'u1' }, [{ ...siblings[0], decidedBy: 'u9' }])).toBeUndefined();
  });
});
