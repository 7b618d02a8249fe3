import { Field, fieldId } from '../forms/Field';
import type { DraftSectionProps } from './draftFields';
import { PRIORITY_FACTORS } from './vocabulary';

/** The six ratings the priority score is computed from; leave all empty to rank it later. */
export function PriorityFields({ draft, change, errors }: DraftSectionProps) {
  return (
    <fieldset className="form-section" id={fieldId('priority')}>
      <legend>Priority</legend>
      <p className="field-hint">Rate each from 1 to 5, or leave all empty to score it later.</p>
      {errors.priority && <p className="field-error">{errors.priority.join('; ')}</p>}
      <div className="form-grid form-grid-3">
        {PRIORITY_FACTORS.map((f) => (
          <Field key={f.key} name={`priority.${f.key}`} label={f.label} hint={f.hint} errors={errors[`priority.${f.key}`]}>
            {(p) => (
              <select {...p} value={draft.priority[f.key]} onChange={(e) => change({ priority: { ...draft.priority, [f.key]: e.target.value } }, `priority.${f.key}`, 'priority')}>
                <option value="">Not rated</option>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
