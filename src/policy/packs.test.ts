import { describe, expect, it } from 'vitest';
import { Invalid } from '../kernel/errors.js';
import { tierRank } from '../risk/model.js';
import { defaultPacks, readPackFile, writePackFile } from './packs.js';

const packs = defaultPacks();
const byRank = Object.values(packs).filter((p) => p.tier !== 'prohibited').sort((a, b) => tierRank(a.tier) - tierRank(b.tier));

describe('the default packs', () => {
  it('ship one validated pack per tier', () => {
    expect(Object.entries(packs).map(([tier, pack]) => [tier, pack.tier])).toEqual([['prohibited', 'prohibited'], ['critical', 'critical'], ['high', 'high'], ['limited', 'limited'], ['minimal', 'minimal']]);
  });

  it('are proportional: each tier requires at least the controls, evidence and approvals of the tier below', () => {
    for (let i = 1; i < byRank.length; i++) {
      const [lower, higher] = [byRank[i - 1], byRank[i]];
      expect(lower.controls.nist.filter((id) => !higher.controls.nist.includes(id)), `${higher.tier} ⊇ ${lower.tier} NIST`).toEqual([]);
      expect(lower.release.evidence.filter((e) => !higher.release.evidence.includes(e))).toEqual([]);
      expect(higher.release.minCases).toBeGreaterThan(lower.release.minCases);
      expect(higher.approvals.length).toBeGreaterThanOrEqual(lower.approvals.length);
    }
    expect(byRank.map((p) => p.controls.nist.length)).toEqual([4, 18, 55, 72]);
    expect(byRank.map((p) => p.runtime.review.mode)).toEqual(['none', 'sample', 'hold', 'hold']);
    expect(byRank.map((p) => p.runtime.logging.mode)).toEqual(['full', 'redacted', 'redacted', 'metadata']);
    expect(byRank.map((p) => p.runtime.durableRecords)).toEqual([false, false, true, true]);
  });

  it('hold high-risk releases to F1 ≥ 0.85 without significant regression, ECE ≤ 0.05 and attack success ≤ 2 %, 0 for sensitive information disclosure', () => {
    expect(packs.high.release.criteria).toEqual([
      { metric: 'f1', comparator: '>=', threshold: 0.85, baseline: 'no_significant_regression', alpha: 0.05 },
      { metric: 'ece', comparator: '<=', threshold: 0.05, baseline: 'none' },
      { metric: 'attack_success_rate', comparator: '<=', threshold: 0.02, baseline: 'none' },
      { metric: 'attack_success_rate', slice: 'LLM02:2025', comparator: '==', threshold: 0, baseline: 'none' },
    ]);
    expect(packs.high.release.evidence).toEqual(expect.arrayContaining(['red_team', 'business_owner_signoff', 'monitoring_thresholds', 'rollback_plan']));
  });

  it('block a prohibited use case everywhere: no stage past triage, no model, every request denied', () => {
    const { forbiddenStages, runtime } = packs.prohibited;
    expect(forbiddenStages).toEqual(['assessed', 'approved', 'build', 'pilot', 'production']);
    expect([runtime.models, runtime.regions, runtime.rules.map((r) => [r.expression, r.effect])]).toEqual([[], [], [['true', 'deny']]]);
    expect(Object.values(runtime.dataClasses).every((a) => a.action === 'block')).toBe(true);
  });

  it('require readiness (data sources, oversight, rollback plan) before pilot in every tier that can reach it', () => {
    for (const pack of byRank) expect(pack.readiness.map((r) => r.item).sort()).toEqual(['dataSources', 'humanOversight', 'rollbackPlan']);
  });
});

describe('pack files', () => {
  it('round-trip through YAML and JSON', () => {
    for (const pack of Object.values(packs)) expect(readPackFile(writePackFile(pack))).toEqual(pack);
    expect(readPackFile(writePackFile(packs.critical, 'json'))).toEqual(packs.critical);
  });

  it('report a syntax error with its line and column', () => {
    const broken = writePackFile(packs.minimal).replace('tier: minimal', 'tier: [minimal');
    expect(() => readPackFile(broken)).toThrow(Invalid);
    const duplicateKey = (() => {
      try {
        readPackFile('schemaVersion: 1\nname: x\nname: y\n');
      } catch (e) {
        return (e as Invalid).errors;
      }
    })();
    expect(duplicateKey).toEqual([{ path: '', message: 'Map keys must be unique (line 3, column 1)' }]);
  });

  it('validate what they read', () => {
    const edited = writePackFile(packs.high).replace("expression: request.tokensEstimate > 32000", 'expression: request.tokensEstimate > "32000"');
    expect(() => readPackFile(edited)).toThrow('the policy pack is inconsistent');
  });
});
