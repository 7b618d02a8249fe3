import { describe, expect, it } from 'vitest';
import { diffPacks } from './model.js';
import { defaultPacks } from './packs.js';
import type { PolicyPack } from './schema.js';

const high = (): PolicyPack => structuredClone(defaultPacks().high);

describe('diffing two pack versions', () => {
  it('finds nothing between identical versions', () => expect(diffPacks(high(), high())).toEqual([]));

  it('reports changed values path by path', () => {
    const next = high();
    next.runtime.logging.mode = 'metadata';
    next.release.criteria[0].threshold = 0.9;
    next.approvals[1].roles = ['business_owner', 'risk_reviewer', 'executive'];
    expect(diffPacks(high(), next)).toEqual([
      { path: 'approvals[assessed->approved].roles', kind: 'added', after: 'executive' },
      { path: 'release.criteria[f1].threshold', kind: 'changed', before: 0.85, after: 0.9 },
      { path: 'runtime.logging.mode', kind: 'changed', before: 'redacted', after: 'metadata' },
    ]);
  });

  it('matches rules by id, so an insertion is one addition and an edit names the rule', () => {
    const next = high();
    const rule = { id: 'night-hold', expression: 'useCase.stage == "pilot"', effect: 'review' as const, message: 'Held.' };
    next.runtime.rules.splice(1, 0, rule);
    next.runtime.rules.find((r) => r.id === 'oversized-request')!.expression = 'request.tokensEstimate > 16000';
    next.runtime.rules = next.runtime.rules.filter((r) => r.id !== 'health-data-hold');
    expect(diffPacks(high(), next)).toEqual([
      { path: 'runtime.rules[oversized-request].expression', kind: 'changed', before: 'request.tokensEstimate > 32000', after: 'request.tokensEstimate > 16000' },
      { path: 'runtime.rules[health-data-hold]', kind: 'removed', before: high().runtime.rules[6] },
      { path: 'runtime.rules[night-hold]', kind: 'added', after: rule },
    ]);
  });

  it('keys criteria by metric and slice, lists set changes and reports a new order once', () => {
    const next = high();
    next.release.criteria = next.release.criteria.filter((c) => c.slice !== 'LLM02:2025');
    next.controls.euAiAct = ['Art. 27', ...next.controls.euAiAct.filter((a) => a !== 'Art. 86')];
    next.runtime.rules.reverse();
    const changes = diffPacks(high(), next);
    expect(changes).toContainEqual({ path: 'release.criteria[attack_success_rate:LLM02:2025]', kind: 'removed', before: high().release.criteria[3] });
    expect(changes).toContainEqual({ path: 'controls.euAiAct', kind: 'removed', before: 'Art. 86' });
    expect(changes).toContainEqual({ path: 'controls.euAiAct', kind: 'added', after: 'Art. 27' });
    expect(changes.filter((c) => c.kind === 'reordered').map((c) => c.path)).toEqual(['runtime.rules']);
  });

  it('compares packs of different tiers section by section', () => {
    const paths = diffPacks(defaultPacks().limited, defaultPacks().high).map((c) => c.path.split(/[.[]/)[0]);
    expect(new Set(paths)).toEqual(new Set(['name', 'tier', 'description', 'controls', 'approvals', 'readiness', 'exceptions', 'release', 'runtime', 'measurement', 'people', 'cadences']));
  });
});
