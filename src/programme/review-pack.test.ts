import { describe, expect, it } from 'vitest';
import { coverageOf } from '../people/coverage.js';
import { renderHtml, renderMarkdown } from './render.js';
import { buildReviewPack, inPeriod, type ReviewInputs, SECTION_KEYS } from './review-pack.js';

const none = coverageOf(null, 'everyone', []);
const inputs = (over: Partial<ReviewInputs> = {}): ReviewInputs => ({
  tenant: 'Acme <Insurance>', from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', generatedAt: '2026-03-01T00:00:00.000Z',
  useCases: [], approvedInPeriod: [], scorecards: null, incidents: null, gateDecisions: null, exceptionsExpiring: null, adoption: [],
  coverage: { overall: none, byRole: [], byTeam: [], byValueStream: [], byWorkGroup: [] }, labsSignedOff: 0,
  reuse: { assets: 0, accepted: 0, reuses: 0, liveUseCases: 0, liveUseCasesReusing: 0, reuseRate: null, byKind: [], mostReused: [] }, reusesInPeriod: 0,
  fundingAsks: [], lessons: [], decisions: [], ...over,
});

describe('the review pack', () => {
  it('has every section in order, and says so instead of inventing figures where a source is not wired', () => {
    const pack = buildReviewPack(inputs());
    expect(pack.sections.map((s) => s.key)).toEqual([...SECTION_KEYS]);
    const unwired = pack.sections.filter((s) => !s.wired);
    expect(unwired.map((s) => s.key)).toEqual(['scorecards', 'incidents', 'gate-decisions', 'exceptions-expiring']);
    for (const s of unwired) expect(s).toMatchObject({ figures: {}, table: null, summary: expect.stringMatching(/^Not available: the .* capability is not wired/) });
  });

  it('shows wired sources with their figures, even when there is nothing in the period', () => {
    const pack = buildReviewPack(inputs({ incidents: [], gateDecisions: [{ id: 'g', useCaseId: 'uc_1', releaseId: 'r', passed: true, decidedAt: '2026-02-10T00:00:00.000Z', failures: [] }] }));
    expect(pack.sections.find((s) => s.key === 'incidents')).toMatchObject({ wired: true, figures: { incidents: 0, open: 0 } });
    expect(pack.sections.find((s) => s.key === 'gate-decisions')).toMatchObject({ figures: { decisions: 1, passed: 1, failed: 0 } });
  });

  it('counts a period as (from, to], so consecutive packs never count a moment twice', () => {
    const within = inPeriod('2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z');
    expect([within('2026-02-01T00:00:00.000Z'), within('2026-02-01T00:00:00.001Z'), within('2026-03-01T00:00:00.000Z'), within(null)]).toEqual([false, true, true, false]);
  });

  it('escapes what people wrote in HTML and table cells in Markdown', () => {
    const pack = buildReviewPack(inputs({ lessons: [{ id: 'l', useCaseId: 'uc_1', kind: 'win', lesson: '<script>alert(1)</script> | pipes', recordedBy: 'u', recordedAt: '2026-02-02T00:00:00.000Z' }] }));
    expect(renderHtml(pack)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderHtml(pack)).toContain('Acme &lt;Insurance&gt;');
    expect(renderMarkdown(pack)).toContain('| &lt;script&gt;alert(1)&lt;/script&gt; \\| pipes |');
    expect(renderMarkdown(pack)).toContain('# Portfolio review — Acme &lt;Insurance&gt;');
  });
});
