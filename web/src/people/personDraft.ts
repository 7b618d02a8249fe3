import type { CoverageRow, Person, SkillRole } from './types';

/** Whether the person being added is a Charter member (name and email then come from the member) or not (an end user). */
export type PersonKind = 'member' | 'other';

/** A person of the register as the add and edit forms hold them: every value as typed, '' for none. */
export interface PersonDraft {
  kind: PersonKind;
  userId: string;
  name: string;
  email: string;
  skillRole: SkillRole | '';
  teamId: string;
  valueStreamId: string;
  workGroup: string;
}

export const newPersonDraft = (): PersonDraft => ({ kind: 'member', userId: '', name: '', email: '', skillRole: '', teamId: '', valueStreamId: '', workGroup: '' });

export const personToDraft = (p: Person): PersonDraft => ({
  kind: p.userId ? 'member' : 'other',
  userId: p.userId ?? '',
  name: p.name,
  email: p.email ?? '',
  skillRole: p.skillRole,
  teamId: p.team?.id ?? '',
  valueStreamId: p.valueStream?.id ?? '',
  workGroup: p.workGroup ?? '',
});

const orNull = (v: string) => v.trim() || null;
const orUndefined = (v: string) => v.trim() || undefined;

/**
 * The body of POST /api/v1/people. A member is named by their id (the API takes their name and email); anyone else
 * by name and, optionally, email. No team, value stream or work group is sent as null.
 */
export function createBody(d: PersonDraft) {
  const who = d.kind === 'member' ? { userId: orUndefined(d.userId) } : { name: orUndefined(d.name), ...(d.email.trim() ? { email: d.email.trim() } : {}) };
  return { ...who, skillRole: d.skillRole || undefined, teamId: orNull(d.teamId), valueStreamId: orNull(d.valueStreamId), workGroup: orNull(d.workGroup) };
}

/** The body of PATCH /api/v1/people/:id: only what changed, so a change made meanwhile to another value is not undone. */
export function patchBody(before: Person, d: PersonDraft): Record<string, unknown> {
  const was = personToDraft(before);
  const patch: Record<string, unknown> = {};
  if (d.name.trim() !== was.name) patch.name = d.name.trim();
  if (d.skillRole !== was.skillRole) patch.skillRole = d.skillRole || undefined;
  if (d.teamId !== was.teamId) patch.teamId = orNull(d.teamId);
  if (d.valueStreamId !== was.valueStreamId) patch.valueStreamId = orNull(d.valueStreamId);
  if (d.workGroup.trim() !== was.workGroup) patch.workGroup = orNull(d.workGroup);
  return patch;
}

/** The work groups the register already names, to suggest while typing one. */
export const knownWorkGroups = (byWorkGroup: readonly CoverageRow[] = []): string[] =>
  byWorkGroup.filter((g) => g.key).map((g) => g.name).sort((a, b) => a.localeCompare(b));
