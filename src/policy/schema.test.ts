import { describe, expect, it } from 'vitest';
import { Invalid, type FieldProblem } from '../kernel/errors.js';
import { isEuAiActArticle, isIso42001Control, isNistSubcategory, NIST_SUBCATEGORIES } from './controls.js';
import { validatePack } from './model.js';
import { defaultPacks } from './packs.js';
import { migratePack, PACK_SCHEMA_VERSION } from './schema.js';

const problemsOf = (raw: unknown): FieldProblem[] => {
  try {
    validatePack(raw);
  } catch (e) {
    if (e instanceof Invalid) return e.errors;
    throw e;
  }
  return [];
};
const high = () => structuredClone(defaultPacks().high) as Record<string, any>;

describe('controls catalogue', () => {
  it('knows the 72 NIST AI RMF subcategories, ISO/IEC 42001 Annex A ids and EU AI Act article references', () => {
    expect(NIST_SUBCATEGORIES).toHaveLength(72);
    expect([isNistSubcategory('MEASURE 2.10'), isNistSubcategory('MEASURE 9.9'), isNistSubcategory('GV-1.1')]).toEqual([true, false, false]);
    expect([isIso42001Control('A.6.2.4'), isIso42001Control('A.6.2.9'), isIso42001Control('AI policy')]).toEqual([true, false, false]);
    expect(['Art. 9', 'Art. 26(2)', 'Art. 5(1)(a)', 'Art. 114', 'Article 9', 'Art. 0'].map(isEuAiActArticle)).toEqual([true, true, true, false, false, false]);
  });
});

describe('the pack schema', () => {
  it('rejects control ids outside the catalogues, with their paths', () => {
    const pack = high();
    pack.controls = { nist: ['GOVERN 1.1', 'GOVERN 9.1'], euAiAct: ['Art. 9', 'Recital 27'], iso42001: ['A.2.2', 'Board sign-off of the AI policy'] };
    expect(problemsOf(pack)).toEqual([
      { path: 'controls.nist[1]', message: 'not a NIST AI RMF 1.0 subcategory id (such as "GOVERN 1.1")' },
      { path: 'controls.euAiAct[1]', message: 'not an EU AI Act article reference (such as "Art. 9" or "Art. 26(2)")' },
      { path: 'controls.iso42001[1]', message: 'not an ISO/IEC 42001 Annex A control id (such as "A.6.2.4")' },
    ]);
  });

  it('accepts only Charter roles, stages, data classes and known fields', () => {
    const pack = high();
    pack.approvals[0].roles = ['ceo'];
    pack.forbiddenStages = ['launch'];
    pack.runtime.dataClasses.biometric = { action: 'block' };
    pack.runtime.dataClasses.health = { action: 'route' };
    pack.owner = 'me';
    expect(problemsOf(pack).map((p) => p.path)).toEqual(['forbiddenStages[0]', 'approvals[0].roles[0]', 'runtime.dataClasses.health.to', 'runtime.dataClasses', '']);
  });

  it('requires an action for every data class of the kernel vocabulary', () => {
    const pack = high();
    delete pack.runtime.dataClasses.credentials;
    expect(problemsOf(pack)).toEqual([{ path: 'runtime.dataClasses.credentials', message: expect.any(String) }]);
  });
});

describe('schema versions', () => {
  it('reads the current schemaVersion as it is', () => {
    const pack = high();
    expect(migratePack(pack)).toEqual(pack);
    expect(PACK_SCHEMA_VERSION).toBe(1);
  });

  it('rejects a pack written for a newer Charter, or one that does not say', () => {
    expect(problemsOf({ ...high(), schemaVersion: 2 })).toEqual([{ path: 'schemaVersion', message: '2 is newer than 1, the latest this Charter reads' }]);
    const { schemaVersion: _, ...unversioned } = high();
    expect(problemsOf(unversioned)).toEqual([{ path: 'schemaVersion', message: 'expected an integer, at most 1' }]);
    expect(problemsOf('schemaVersion: 1')).toEqual([{ path: '', message: 'expected an object' }]);
  });

  it('upgrades an older pack one version at a time', () => {
    const { cadences, ...current } = high();
    const old = { ...current, schemaVersion: 0, reviewEveryDays: cadences.riskReassessmentDays };
    const upgrades = { 0: ({ reviewEveryDays, ...rest }: Record<string, unknown>) => ({ ...rest, cadences: { ...cadences, riskReassessmentDays: reviewEveryDays } }) };
    expect(validatePack(migratePack(old, upgrades))).toEqual(high());
    expect(() => migratePack(old)).toThrow(Invalid);
  });
});
