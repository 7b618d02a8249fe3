import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from './api';
import { compare, describeEntry } from './describe';

const entry = (patch: Partial<LedgerEntry>) =>
  ({ seq: 7, at: '2026-11-27T09:00:00.000Z', actor: { kind: 'user', id: 'usr_1', name: 'Olivia Okafor' }, subject: { type: 'use_case', id: 'uc_1' }, before: null, after: null, prevHash: '', hash: '', ...patch }) as LedgerEntry;

describe('reading ledger entries', () => {
  it('says what a transition did in words', () => {
    expect(describeEntry(entry({ action: 'usecase.transition', before: { stage: 'intake' }, after: { stage: 'triage', reason: 'outcome agreed' } }))).toBe('moved from intake to triage (outcome agreed)');
    expect(describeEntry(entry({ action: 'usecase.create', after: { title: 'Claims letters', stage: 'intake' } }))).toBe('admitted "Claims letters" into intake');
    expect(describeEntry(entry({ action: 'policy.publish' }))).toBe('policy.publish');
  });

  it('says what a release, key, endpoint or review decision did', () => {
    expect(describeEntry(entry({ action: 'release.canary', after: { environment: 'pilot', canaryReleaseId: 'rel_2', canaryWeight: 20 } }))).toBe('sent 20% of pilot traffic to a canary release');
    expect(describeEntry(entry({ action: 'release.canary', after: { environment: 'pilot', canaryReleaseId: null, canaryWeight: 0 } }))).toBe('ended the canary in pilot');
    expect(describeEntry(entry({ action: 'release.rollback', after: { environment: 'production', reason: 'vaguer answers' } }))).toBe('rolled production back to the previous release (vaguer answers)');
    expect(describeEntry(entry({ action: 'endpoint.update', before: { name: 'sim-eu', status: 'approved' }, after: { name: 'sim-eu', status: 'blocked' } }))).toBe('set model endpoint sim-eu blocked');
    expect(describeEntry(entry({ action: 'gateway_key.issue', after: { environment: 'pilot' } }))).toBe('issued a pilot gateway key');
    expect(describeEntry(entry({ action: 'review.edit', after: { note: 'removed the diagnosis' } }))).toBe('edited a held answer (removed the diagnosis)');
  });

  it('compares before and after field by field, marking what changed', () => {
    const rows = compare({ stage: 'intake', outcome: { baseline: 42, target: 30 }, tags: ['a'] }, { stage: 'triage', outcome: { baseline: 42, target: 29.4 }, tags: ['a'] });
    expect(rows).toEqual([
      { path: 'stage', before: '"intake"', after: '"triage"', changed: true },
      { path: 'outcome.baseline', before: '42', after: '42', changed: false },
      { path: 'outcome.target', before: '30', after: '29.4', changed: true },
      { path: 'tags', before: '["a"]', after: '["a"]', changed: false },
    ]);
  });

  it('shows a creation as fields that only have an after', () => {
    expect(compare(null, { title: 'Claims letters' })).toEqual([{ path: 'title', before: undefined, after: '"Claims letters"', changed: true }]);
  });
});
