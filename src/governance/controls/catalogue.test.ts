import { describe, expect, it } from 'vitest';
import { isEuAiActArticle, isIso42001Control, isNistSubcategory } from '../../policy/controls.js';
import { defaultPacks } from '../../policy/packs.js';
import type { Obligation } from '../../risk/model.js';
import { controlStates, dueBy, requiredControls } from './catalogue.js';
import { controlsEvidencedBy, EVIDENCE_MAP } from './evidence-map.js';
import { useCasePosture } from './posture.js';

const { high } = defaultPacks();
const obligation = (ref: string): Obligation => ({ ref, title: ref, source: 'eu-ai-act', because: [] });

describe('the controls a use case must meet', () => {
  it('are the pack’s, plus the EU AI Act obligations its articles do not cover', () => {
    const controls = requiredControls(high, [obligation('Art. 26(2)'), obligation('Art. 27'), { ...obligation('impact.notice'), source: 'impact-level' }]);
    expect(controls.filter((c) => c.source === 'screening').map((c) => c.control)).toEqual(['Art. 27']);
    expect(controls).toHaveLength(high.controls.nist.length + high.controls.euAiAct.length + 1 + high.controls.iso42001.length);
  });

  it('fall due by stage: GOVERN and MAP before approval, MEASURE and the Act before pilot, MANAGE and ISO before production', () => {
    const controls = requiredControls(high, []);
    const count = (stage: 'assessed' | 'approved' | 'pilot' | 'production') => dueBy(controls, stage).length;
    expect(count('assessed')).toBe(0);
    expect(count('approved')).toBe(controls.filter((c) => /^(GOVERN|MAP) /.test(c.control)).length);
    expect(count('production')).toBe(controls.length);
    expect(dueBy(controls, 'retired')).toEqual([]);
    expect(count('pilot') - count('approved')).toBe(controls.filter((c) => c.control.startsWith('MEASURE') || c.framework === 'eu-ai-act').length);
  });

  it('count as met when implemented, not applicable or waived', () => {
    const controls = requiredControls(high, []).slice(0, 4);
    const states = controlStates(controls, [
      { control: controls[0].control, status: 'implemented', justification: null },
      { control: controls[1].control, status: 'not_applicable', justification: 'n/a' },
      { control: controls[2].control, status: 'in_progress', justification: null },
    ], [{ id: 'exc_1', control: controls[3].control, expires_at: '2026-04-01T00:00:00.000Z' }]);
    expect(states.map((s) => s.met)).toEqual([true, true, false, true]);
    expect(states[3].waiver).toEqual({ exceptionId: 'exc_1', expiresAt: '2026-04-01T00:00:00.000Z' });
  });
});

describe('the evidence map', () => {
  it('names only real NIST subcategories, EU AI Act articles and ISO/IEC 42001 controls', () => {
    const ids = EVIDENCE_MAP.flatMap((r) => r.controls);
    expect(ids.filter((id) => !isNistSubcategory(id) && !isEuAiActArticle(id) && !isIso42001Control(id))).toEqual([]);
  });

  it('links entries by action, wildcard and after-fields', () => {
    expect(controlsEvidencedBy('review.edit', { useCaseId: 'uc_1' })).toEqual(['MAP 3.5', 'Art. 14', 'Art. 26(2)']);
    expect(controlsEvidencedBy('usecase.transition', { stage: 'production' })).toEqual(['MANAGE 1.1']);
    expect(controlsEvidencedBy('usecase.transition', { stage: 'build' })).toEqual([]);
  });
});

describe('compliance posture', () => {
  it('shows obligations through the articles that cover them, and the rest of the pack’s articles', () => {
    const obligations = [obligation('Art. 26(2)'), obligation('Art. 86')];
    const states = controlStates(requiredControls(high, obligations), [{ control: 'Art. 26', status: 'implemented', justification: null }], []);
    const { euAiAct, nist } = useCasePosture(states, obligations, high);
    expect(euAiAct.obligations.slice(0, 2)).toEqual([
      { ref: 'Art. 26(2)', title: 'Art. 26(2)', coveredBy: 'Art. 26', status: 'met' },
      { ref: 'Art. 86', title: 'Art. 86', coveredBy: 'Art. 86', status: 'open' },
    ]);
    expect(euAiAct.obligations.map((o) => o.ref)).not.toContain('Art. 26');
    expect(euAiAct).toMatchObject({ required: high.controls.euAiAct.length, met: 1 });
    expect(nist.functions.map((f) => [f.function, f.required])).toEqual([['GOVERN', 18], ['MAP', 13], ['MEASURE', 13], ['MANAGE', 11]]);
  });
});
