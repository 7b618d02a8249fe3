import { describe, expect, it } from 'vitest';
import type { UseCase } from './types';
import { draftOf, emptyDraft, fieldFor, problemsByField, toUseCaseBody } from './useCaseDraft';

describe('the new-use-case draft', () => {
  it('becomes the API body: trimmed text, lists from lines and commas, optional parts left out', () => {
    const body = toUseCaseBody({
      ...emptyDraft('usr_1'),
      title: '  Claims letter drafting ',
      outcomeSentence: ' Reduce drafting time by 40% while preserving handler approval ',
      valueStreamId: 'vs_claims',
      sensitivity: 'confidential',
      categories: ['personal'],
      humanOversight: 'Handler approves every letter\n\n',
      tags: 'letters, claims,',
    });
    expect(body).toEqual({
      title: 'Claims letter drafting',
      description: '',
      outcome: 'Reduce drafting time by 40% while preserving handler approval',
      valueStreamId: 'vs_claims',
      ownerId: 'usr_1',
      affectedUsers: [],
      dataClasses: { sensitivity: 'confidential', categories: ['personal'] },
      priority: undefined,
      readiness: { dataSources: [], humanOversight: ['Handler approves every letter'], rollbackPlan: '' },
      targetDate: undefined,
      tags: ['letters', 'claims'],
    });
  });

  it('sends every priority factor once one is rated, and numbers typed as text stay text for the API to name', () => {
    const draft = emptyDraft('usr_1');
    const body = toUseCaseBody({ ...draft, outcomeForm: 'structured', baseline: '42', target: 'less', priority: { ...draft.priority, impact: '4' } });
    expect(body.outcome).toMatchObject({ baseline: 42, target: 'less' });
    expect(body.priority).toEqual({ impact: 4, strategicFit: undefined, reach: undefined, dataReadiness: undefined, complexity: undefined, risk: undefined });
  });

  it('shows each API problem at the field that holds it', () => {
    expect(fieldFor('body.outcome.metric', 'sentence')).toBe('outcomeSentence');
    expect(fieldFor('body.outcome.metric', 'structured')).toBe('metric');
    expect(fieldFor('body.outcome', 'structured')).toBe('outcome');
    expect(fieldFor('body.dataClasses.sensitivity', 'sentence')).toBe('sensitivity');
    expect(fieldFor('body.readiness.dataSources.2', 'sentence')).toBe('dataSources');
    expect(fieldFor('body.affectedUsers.0.headcount', 'sentence')).toBe('affectedUsers.0.headcount');
    expect(fieldFor('body.priority.risk', 'sentence')).toBe('priority.risk');
    expect(problemsByField([{ path: 'body.outcome.target', message: 'state a target' }, { path: 'body.outcome.control', message: 'name the control' }], 'sentence')).toEqual({
      outcomeSentence: ['state a target', 'name the control'],
    });
  });

  it('starts an edit from the use case as it is, and sends its structured outcome back', () => {
    const uc = {
      title: 'Claims triage assistant',
      description: '',
      outcome: { process: 'claims triage', metric: 'claims triage time', unit: 'min', baseline: 42, target: 29.4, direction: 'decrease', control: 'with human review' },
      valueStream: { id: 'vs_claims', name: 'Claims' },
      owner: { id: 'usr_olivia', name: 'Olivia Okafor' },
      dataClasses: { sensitivity: 'confidential', categories: ['personal'] },
      priority: { impact: 5, strategicFit: 5, reach: 4, dataReadiness: 4, complexity: 3, risk: 4 },
      affectedUsers: [{ group: 'Claims handlers', headcount: 180 }],
      readiness: { dataSources: ['FNOL records', 'Policy system'], humanOversight: [], rollbackPlan: 'Route by rules' },
      targetDate: '2027-03-31',
      tags: ['claims'],
    } as unknown as UseCase;
    const body = toUseCaseBody(draftOf(uc));
    expect(body).toMatchObject({
      outcome: { process: 'claims triage', metric: 'claims triage time', unit: 'min', baseline: 42, target: 29.4, direction: 'decrease', control: 'with human review' },
      ownerId: 'usr_olivia',
      priority: uc.priority,
      affectedUsers: [{ group: 'Claims handlers', headcount: 180 }],
      readiness: { dataSources: ['FNOL records', 'Policy system'], humanOversight: [], rollbackPlan: 'Route by rules' },
      targetDate: '2027-03-31',
      tags: ['claims'],
    });
  });

  it('leaves out an outcome sentence left empty, so an edit does not erase it', () => {
    expect(toUseCaseBody(emptyDraft('usr_1')).outcome).toBeUndefined();
  });
});
