import { describe, expect, it } from 'vitest';
import { countingCompletion, coverageTone, itemStandings, percent, signOffRefusal } from './skilling';
import type { Completion, LabAttempt } from './types';

const now = new Date('2026-11-27T12:00:00Z');
const done = (itemSlug: string, expiresAt: string | null, id = itemSlug): Completion => ({ id, itemSlug, completedAt: '2026-01-01T00:00:00Z', expiresAt, evidence: '', recordedBy: 'usr_1', labAttemptId: null });
const lab = (labSlug: string, status: LabAttempt['status'], submittedBy = 'usr_ben'): LabAttempt => ({
  id: `lab_${labSlug}`, personId: 'prs_1', personName: 'Ben', labSlug, useCaseId: 'uc_1', task: 'build_a_prototype', evidence: { summary: 's', links: [] }, status,
  submittedBy, submittedAt: '2026-11-01T00:00:00Z', reviewer: null, reviewedAt: null, reviewNote: null, version: 1,
});

describe('skilling figures', () => {
  it('writes shares as whole per cents and nothing as a dash', () => {
    expect(percent(0.5806)).toBe('58%');
    expect(percent(null)).toBe('—');
  });

  it('tones coverage against the 80% bar', () => {
    expect(coverageTone(0.8)).toBe('ok');
    expect(coverageTone(0.58)).toBe('warn');
    expect(coverageTone(0.4)).toBe('bad');
    expect(coverageTone(null)).toBe('muted');
  });

  it('counts the completion that lasts longest, a never-expiring one above any date', () => {
    const cs = [done('a', '2027-01-01T00:00:00Z', '1'), done('a', '2027-06-01T00:00:00Z', '2'), done('b', '2027-01-01T00:00:00Z', '3'), done('b', null, '4')];
    expect(countingCompletion('a', cs)?.id).toBe('2');
    expect(countingCompletion('b', cs)?.id).toBe('4');
    expect(countingCompletion('c', cs)).toBeNull();
  });

  it('tells each item of a path apart: done, refresher due within 30 days, expired, awaiting sign-off, not done', () => {
    const cs = [done('current', '2027-06-01T00:00:00Z'), done('soon', '2026-12-20T00:00:00Z'), done('lapsed', '2026-10-01T00:00:00Z'), done('forever', null)];
    const labs = [lab('lab-x', 'submitted'), lab('lab-y', 'returned')];
    const states = itemStandings(['current', 'soon', 'lapsed', 'forever', 'lab-x', 'lab-y', 'missing'], cs, labs, now).map((s) => s.state);
    expect(states).toEqual(['current', 'refresher_due', 'expired', 'current', 'awaiting_sign_off', 'not_done', 'not_done']);
  });

  it('refuses a sign-off by the learner or by whoever submitted the attempt', () => {
    expect(signOffRefusal(lab('l', 'submitted', 'usr_avery'), 'usr_avery', 'usr_avery')).toMatch(/own lab/);
    expect(signOffRefusal(lab('l', 'submitted', 'usr_cleo'), 'usr_avery', 'usr_cleo')).toMatch(/submitted this attempt/);
    expect(signOffRefusal(lab('l', 'submitted', 'usr_avery'), 'usr_avery', 'usr_cleo')).toBeNull();
  });
});
