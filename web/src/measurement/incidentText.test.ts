import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api/problem';
import { entryLabel, entryText, linesOf, resumeRefusal } from './incidentText';

describe('resuming a contained use case', () => {
  it('names the roles the policy pack allows and the person’s own when refused', () => {
    const refused = new ApiProblem(403, 'Forbidden', 'resuming this use case needs one of the roles risk_reviewer, business_owner', { requiredRoles: ['risk_reviewer', 'business_owner'] });
    expect(resumeRefusal(refused, ['builder'])).toBe('Resuming this use case needs a Risk reviewer or Business owner, as its policy pack says; your roles are Builder. Ask someone holding one of those roles.');
  });

  it('passes on any other refusal in the API’s words', () => {
    expect(resumeRefusal(new ApiProblem(409, 'Conflict', 'the use case is not contained'), ['builder'])).toBe('the use case is not contained');
  });
});

describe('the post-incident review form', () => {
  it('takes one lesson or follow-up per line, leaving out blank lines', () => {
    expect(linesOf(' Re-index on publication \n\n  Add probes  \n')).toEqual(['Re-index on publication', 'Add probes']);
    expect(linesOf('')).toEqual([]);
  });
});

describe('timeline entries', () => {
  it('says what each entry is', () => {
    expect(entryLabel({ kind: 'status', status: 'mitigated' })).toBe('Moved to mitigated');
    expect(entryLabel({ kind: 'action', action: { kind: 'throttle', fraction: 0.25 } })).toBe('Throttled to 25% of traffic');
    expect(entryLabel({ kind: 'alert', metricKey: 'gateway.error_rate' })).toBe('Alert on gateway.error_rate');
    expect(entryLabel({ kind: 'review' })).toBe('Post-incident review');
  });

  it('leaves out text that only repeats the title or the move', () => {
    expect(entryText({ kind: 'opened', text: 'Drafts quoted the old policy' }, 'Drafts quoted the old policy')).toBe('');
    expect(entryText({ kind: 'status', status: 'mitigated', text: 'moved to mitigated' }, 'x')).toBe('');
    expect(entryText({ kind: 'status', status: 'mitigated', text: 'Old article removed.' }, 'x')).toBe('Old article removed.');
  });
});
