import { describe, expect, it } from 'vitest';
import { Invalid } from '../../kernel/errors.js';
import { hasNestedQuantifier } from './regex-safety.js';
import { Scanner } from './scanner.js';
import { compileTenantDetectors } from './tenant.js';

const employeeId = { kind: 'pattern', id: 'employee-id', pattern: 'EMP-\\d{6}', category: 'personal', sensitivity: 'confidential' };
const codenames = { kind: 'dictionary', id: 'project-codenames', terms: ['Blue Falcon', 'Nightjar'], category: 'personal', sensitivity: 'internal', label: 'PROJECT' };

function problemsOf(specs: unknown[]): { path: string; message: string }[] {
  try {
    compileTenantDetectors(specs);
  } catch (err) {
    expect(err).toBeInstanceOf(Invalid);
    return (err as Invalid).errors;
  }
  throw new Error('expected the definitions to be rejected');
}

describe('tenant-defined detectors', () => {
  it('finds tenant patterns and dictionary phrases with their classes', () => {
    const scanner = new Scanner({ tenantDetectors: [employeeId, codenames] });
    const text = 'EMP-004512 leads blue  falcon; nightjarX is not a codename';
    expect(scanner.scan(text).map((f) => [f.detector, f.label, f.sensitivity, text.slice(f.start, f.end)])).toEqual([
      ['employee-id', 'EMPLOYEE_ID', 'confidential', 'EMP-004512'],
      ['project-codenames', 'PROJECT', 'internal', 'blue  falcon'],
    ]);
  });

  it('rejects an invalid regex with an error naming the detector and field', () => {
    expect(problemsOf([employeeId, { ...employeeId, id: 'badge', pattern: 'BADGE-(\\d+' }])).toEqual([
      { path: 'detectors.1.pattern', message: expect.stringMatching(/^detector "badge": invalid regular expression/) },
    ]);
  });

  it('rejects patterns that match nothing, backtrack catastrophically, or reuse an id', () => {
    const problems = problemsOf([
      { ...employeeId, id: 'empty', pattern: 'x*' },
      { ...employeeId, id: 'redos', pattern: '(\\w+\\s?)+$' },
      { ...employeeId, id: 'email' },
      { ...codenames, terms: [] },
      { ...employeeId, id: 'Bad Id' },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['detectors.0.pattern', 'detectors.1.pattern', 'detectors.2.id', 'detectors.3.terms', 'detectors.4.id']);
    expect(problems[0].message).toContain('matches the empty string');
    expect(problems[1].message).toContain('nested quantifiers');
  });

  it('spots nested unbounded quantifiers and leaves ordinary patterns alone', () => {
    expect(hasNestedQuantifier('(a+)+')).toBe(true);
    expect(hasNestedQuantifier('(?:\\d{2,}-)*x')).toBe(true);
    expect(hasNestedQuantifier('EMP-\\d{6}')).toBe(false);
    expect(hasNestedQuantifier('(?:[A-Z]+-)?\\d+')).toBe(false);
    expect(hasNestedQuantifier('[(+)]+')).toBe(false);
  });
});
