import { useQuery } from '@tanstack/react-query';
import { Field } from '../forms/Field';
import { teams as teamsQuery, valueStreams } from '../portfolio/api';
import { skillingCoverage } from './api';
import { knownWorkGroups, type PersonDraft } from './personDraft';
import { skillRoleLabel } from './skilling';
import { SKILL_ROLES, type SkillRole } from './types';

export interface PersonFieldsProps {
  draft: PersonDraft;
  change: (patch: Partial<PersonDraft>, field: string) => void;
  errors: Record<string, string[]>;
}

/** Where a person trains and works: skill role, team, value stream and the work group a change plan addresses. */
export function PersonFields({ draft, change, errors }: PersonFieldsProps) {
  const teamList = useQuery(teamsQuery);
  const coverage = useQuery(skillingCoverage);
  const streams = useQuery(valueStreams);
  const teams = teamList.data ?? [];
  const teamKnown = !draft.teamId || teams.some((t) => t.id === draft.teamId);
  return (
    <div className="form-grid">
      <Field name="skillRole" label="Skill role" hint="the paths they must hold follow from it" errors={errors.skillRole}>
        {(p) => (
          <select {...p} value={draft.skillRole} onChange={(e) => change({ skillRole: e.target.value as SkillRole | '' }, 'skillRole')}>
            <option value="">Choose a role</option>
            {SKILL_ROLES.map((r) => (
              <option key={r} value={r}>
                {skillRoleLabel(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="teamId" label="Team" errors={errors.teamId ?? (teamList.isError ? [teamList.error.message] : undefined)}>
        {(p) => (
          <select {...p} value={draft.teamId} onChange={(e) => change({ teamId: e.target.value }, 'teamId')}>
            <option value="">{teamList.isPending ? 'Loading…' : 'No team'}</option>
            {!teamKnown && <option value={draft.teamId}>{draft.teamId}</option>}
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="valueStreamId" label="Value stream" errors={errors.valueStreamId ?? (streams.isError ? [streams.error.message] : undefined)}>
        {(p) => (
          <select {...p} value={draft.valueStreamId} onChange={(e) => change({ valueStreamId: e.target.value }, 'valueStreamId')}>
            <option value="">{streams.isPending ? 'Loading…' : 'No value stream'}</option>
            {streams.data?.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="workGroup" label="Work group (optional)" hint="the group a change plan addresses, e.g. Claims handlers — Leeds" errors={errors.workGroup}>
        {(p) => (
          <>
            <input {...p} list="known-work-groups" maxLength={100} value={draft.workGroup} onChange={(e) => change({ workGroup: e.target.value }, 'workGroup')} />
            <datalist id="known-work-groups">
              {knownWorkGroups(coverage.data?.byWorkGroup).map((g) => (
                <option key={g} value={g} />
              ))}
            </datalist>
          </>
        )}
      </Field>
    </div>
  );
}
