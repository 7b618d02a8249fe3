import { useQuery } from '@tanstack/react-query';
import { Field, fieldId } from '../forms/Field';
import { members, valueStreams } from './api';
import type { DraftSectionProps } from './draftFields';
import { capitalise, DATA_CATEGORIES, SENSITIVITIES } from './vocabulary';

/** Where the use case belongs, who owns it, what data it handles and whom it affects. */
export function OwnershipFields({ draft, change, errors }: DraftSectionProps) {
  const streams = useQuery(valueStreams);
  const people = useQuery(members);
  const toggleCategory = (c: string, on: boolean) =>
    change({ categories: on ? [...draft.categories, c] : draft.categories.filter((x) => x !== c) }, 'categories');
  const setGroup = (i: number, patch: Partial<UseCaseDraftGroup>) =>
    change({ affectedUsers: draft.affectedUsers.map((g, j) => (j === i ? { ...g, ...patch } : g)) }, `affectedUsers.${i}.group`, `affectedUsers.${i}.headcount`);

  return (
    <fieldset className="form-section">
      <legend>Ownership and data</legend>
      <div className="form-grid">
        <Field name="valueStreamId" label="Value stream" errors={errors.valueStreamId ?? (streams.isError ? [streams.error.message] : undefined)}>
          {(p) => (
            <select {...p} value={draft.valueStreamId} onChange={(e) => change({ valueStreamId: e.target.value }, 'valueStreamId')}>
              <option value="">{streams.isPending ? 'Loading…' : 'Choose a value stream'}</option>
              {streams.data?.map((vs) => (
                <option key={vs.id} value={vs.id}>
                  {vs.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="ownerId" label="Business owner" errors={errors.ownerId ?? (people.isError ? [people.error.message] : undefined)}>
          {(p) => (
            <select {...p} value={draft.ownerId} onChange={(e) => change({ ownerId: e.target.value }, 'ownerId')}>
              {people.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.teamName ? ` (${m.teamName})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="sensitivity" label="Data sensitivity" hint="the most sensitive data it handles" errors={errors.sensitivity}>
          {(p) => (
            <select {...p} value={draft.sensitivity} onChange={(e) => change({ sensitivity: e.target.value }, 'sensitivity')}>
              <option value="">Choose a sensitivity</option>
              {SENSITIVITIES.map((s) => (
                <option key={s} value={s}>
                  {capitalise(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="field checks" id={fieldId('categories')}>
          <legend className="field-label">Data categories</legend>
          {DATA_CATEGORIES.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={draft.categories.includes(c)} onChange={(e) => toggleCategory(c, e.target.checked)} />
              {capitalise(c)}
            </label>
          ))}
          {errors.categories && <p className="field-error">{errors.categories.join('; ')}</p>}
        </fieldset>
      </div>
      <fieldset className="field" id={fieldId('affectedUsers')}>
        <legend className="field-label">Affected people</legend>
        {errors.affectedUsers && <p className="field-error">{errors.affectedUsers.join('; ')}</p>}
        {draft.affectedUsers.map((g, i) => (
          <div key={i} className="form-row">
            <Field name={`affectedUsers.${i}.group`} label={`Group ${i + 1}`} errors={errors[`affectedUsers.${i}.group`]}>
              {(p) => <input {...p} value={g.group} onChange={(e) => setGroup(i, { group: e.target.value })} />}
            </Field>
            <Field name={`affectedUsers.${i}.headcount`} label="Headcount" errors={errors[`affectedUsers.${i}.headcount`]}>
              {(p) => <input {...p} inputMode="numeric" value={g.headcount} onChange={(e) => setGroup(i, { headcount: e.target.value })} />}
            </Field>
            <button type="button" className="button button-quiet" onClick={() => change({ affectedUsers: draft.affectedUsers.filter((_, j) => j !== i) }, 'affectedUsers')}>
              Remove group {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="button" onClick={() => change({ affectedUsers: [...draft.affectedUsers, { group: '', headcount: '' }] })}>
          Add an affected group
        </button>
      </fieldset>
    </fieldset>
  );
}

type UseCaseDraftGroup = DraftSectionProps['draft']['affectedUsers'][number];
