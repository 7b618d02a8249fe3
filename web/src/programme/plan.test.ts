import { describe, expect, it } from 'vitest';
import { figureLabel, figureValue, milestoneBadge, phaseOfDay, reportable } from './plan';
import type { Milestone } from './types';

const milestone = (over: Partial<Milestone>): Milestone => ({
  id: 'mst_1', phase: 3, key: 'office-hours', title: 'Hold office hours', owner: { id: 'usr_cleo', name: 'Cleo Nakamura' }, dueOn: '2026-12-27', decidedBy: 'owner', rule: null,
  status: 'in_progress', progress: null, evidence: 'reported by the owner', overdue: false, note: '', version: 1, ...over,
});

describe('the 90-day plan as read', () => {
  it('places a programme day in its phase of thirty days', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(phaseOfDay)).toEqual([null, 1, 1, 2, 2, 3, 3, null]);
  });

  it('says an unfinished milestone past its date is overdue', () => {
    expect(milestoneBadge(milestone({}))).toEqual({ label: 'In progress', tone: 'warn' });
    expect(milestoneBadge(milestone({ overdue: true }))).toEqual({ label: 'In progress, overdue', tone: 'bad' });
    expect(milestoneBadge(milestone({ status: 'met' }))).toEqual({ label: 'Met', tone: 'ok' });
  });

  it('offers a report only on milestones no rule decides', () => {
    expect(reportable(milestone({}))).toBe(true);
    expect(reportable(milestone({ decidedBy: 'data', rule: 'training', progress: 0.5 }))).toBe(false);
  });

  it('writes pack figures in words, shares as per cents', () => {
    expect(figureLabel('reusesInPeriod')).toBe('reuses in period');
    expect(figureValue('coverage', 0.5806)).toBe('58%');
    expect(figureValue('reuseRate', 0.6667)).toBe('67%');
    expect(figureValue('labsSignedOff', 11)).toBe('11');
    expect(figureValue('coverage', null)).toBe('—');
  });
});

describe('the asset library’s address', () => {
  it('keeps the kinds and statuses it knows and drops the rest', async () => {
    const { readAssetSearch } = await import('./routes');
    expect(readAssetSearch({ kind: 'policy_pack', status: 'proposed', page: 2 })).toEqual({ kind: 'policy_pack', status: 'proposed' });
    expect(readAssetSearch({ kind: 'spreadsheet', status: 'lost' })).toEqual({});
  });
});
