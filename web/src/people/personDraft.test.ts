import { describe, expect, it } from 'vitest';
import { createBody, knownWorkGroups, newPersonDraft, patchBody, personToDraft } from './personDraft';
import type { CoverageRow, Person } from './types';

const aisha: Person = {
  id: 'prs_aisha', userId: null, name: 'Aisha Khan', email: null, skillRole: 'end_user', team: { id: 'team_claims', name: 'Claims Operations' },
  valueStream: null, workGroup: 'Claims handlers — Leeds', covered: false, createdAt: '', version: 2,
};
const row = (key: string | null, name: string): CoverageRow => ({ key, name, people: 1, covered: 0, coverage: 0, refresherDue: 0, expired: 0 });

describe('adding and editing a person of the register', () => {
  it('names a member by id, and anyone else by name and email; nothing chosen is sent as null', () => {
    expect(createBody({ ...newPersonDraft(), userId: 'usr_ben', skillRole: 'builder', teamId: 'team_ai' })).toEqual({ userId: 'usr_ben', skillRole: 'builder', teamId: 'team_ai', valueStreamId: null, workGroup: null });
    expect(createBody({ ...newPersonDraft(), kind: 'other', userId: 'usr_ben', name: ' Aisha Khan ', email: '', workGroup: ' Claims handlers ' })).toEqual({
      name: 'Aisha Khan', skillRole: undefined, teamId: null, valueStreamId: null, workGroup: 'Claims handlers',
    });
  });

  it('sends only what changed, clearing a value as null', () => {
    expect(patchBody(aisha, personToDraft(aisha))).toEqual({});
    expect(patchBody(aisha, { ...personToDraft(aisha), skillRole: 'manager', workGroup: '  ', name: 'Aisha Khan ' })).toEqual({ skillRole: 'manager', workGroup: null });
    expect(patchBody(aisha, { ...personToDraft(aisha), teamId: '', valueStreamId: 'vs_claims' })).toEqual({ teamId: null, valueStreamId: 'vs_claims' });
  });

  it('knows the work groups the register names, once each, by name', () => {
    expect(knownWorkGroups([row('Leeds', 'Leeds'), row(null, 'no work group'), row('Agents', 'Agents')])).toEqual(['Agents', 'Leeds']);
  });
});
