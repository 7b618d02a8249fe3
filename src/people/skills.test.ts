import { describe, expect, it } from 'vitest';
import { isCovered, pathProgress, standing, unmetPaths, type PathDefinition } from './skills.js';

const literacy: PathDefinition = { id: 'sp_1', slug: 'ai-literacy', title: 'AI literacy', requiredFor: ['end_user', 'builder'], items: ['how-ai-works', 'safe-daily-use', 'lab-map'] };
const approver: PathDefinition = { id: 'sp_2', slug: 'ai-risk-approver', title: 'Approver', requiredFor: [], items: ['approval-duties'] };
const now = new Date('2026-06-01T00:00:00.000Z');
const done = (itemSlug: string, completedAt: string, expiresAt: string | null = null) => ({ itemSlug, completedAt, expiresAt });

describe('skill path progress', () => {
  it('is not started without completions and in progress with some', () => {
    expect(pathProgress(literacy, [], now, true)).toMatchObject({ status: 'not_started', held: false, done: 0, total: 3 });
    const p = pathProgress(literacy, [done('how-ai-works', '2026-05-01T00:00:00Z', '2027-05-01T00:00:00Z')], now, true);
    expect(p).toMatchObject({ status: 'in_progress', held: false, done: 1, missing: ['safe-daily-use', 'lab-map'] });
  });

  it('is held when every item is current, with the earliest expiry and a refresher due within 30 days of it', () => {
    const items = [done('how-ai-works', '2026-01-01T00:00:00Z', '2026-12-01T00:00:00Z'), done('safe-daily-use', '2026-02-01T00:00:00Z', '2026-06-20T00:00:00Z'), done('lab-map', '2026-03-01T00:00:00Z')];
    const p = pathProgress(literacy, items, now, true);
    expect(p).toMatchObject({ status: 'refresher_due', held: true, expiresAt: '2026-06-20T00:00:00Z', completedAt: '2026-03-01T00:00:00Z' });
    expect(pathProgress(literacy, items, new Date('2026-05-01T00:00:00Z'), true).status).toBe('completed');
  });

  it('expires when an item lapses and is held again after the refresher, whose later expiry wins', () => {
    const items = [done('how-ai-works', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), done('safe-daily-use', '2025-01-01T00:00:00Z', null), done('lab-map', '2025-01-01T00:00:00Z')];
    const lapsed = pathProgress(literacy, items, now, true);
    expect(lapsed).toMatchObject({ status: 'expired', held: false, missing: ['how-ai-works'], expiresAt: '2026-01-01T00:00:00Z' });
    const refreshed = pathProgress(literacy, [...items, done('how-ai-works', '2026-05-30T00:00:00Z', '2027-05-30T00:00:00Z')], now, true);
    expect(refreshed).toMatchObject({ status: 'completed', held: true, expiresAt: '2027-05-30T00:00:00Z' });
  });

  it('orders required paths first, judges coverage by them alone and says which required paths are unmet', () => {
    const paths = standing([approver, literacy], 'end_user', [done('approval-duties', '2026-01-01T00:00:00Z')], now);
    expect(paths.map((p) => [p.slug, p.required])).toEqual([['ai-literacy', true], ['ai-risk-approver', false]]);
    expect(isCovered(paths)).toBe(false);
    expect(isCovered(standing([approver], 'end_user', [], now))).toBe(true);
    expect(unmetPaths(['ai-literacy', 'ai-risk-approver', 'no-such-path'], paths)).toEqual([
      'ai-literacy (not started: 0 of 3 items)',
      'no-such-path (not in the skilling catalogue)',
    ]);
  });
});
