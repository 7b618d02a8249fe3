import { Field, fieldId } from '../forms/Field';
import type { DraftSectionProps } from './draftFields';

/** The outcome statement, as one sentence Charter reads, or as its parts. */
export function OutcomeFields({ draft, change, errors }: DraftSectionProps) {
  return (
    <fieldset className="form-section" id={fieldId('outcome')}>
      <legend>Outcome</legend>
      <p className="field-hint">
        Say which metric moves, from where to where, and the control that keeps it safe. A vague ambition ("use AI to help claims teams") is refused.
      </p>
      <div className="segmented" role="radiogroup" aria-label="How to state the outcome">
        {(['sentence', 'structured'] as const).map((form) => (
          <label key={form} className="segmented-option">
            <input type="radio" name="outcomeForm" value={form} checked={draft.outcomeForm === form} onChange={() => change({ outcomeForm: form })} />
            {form === 'sentence' ? 'One sentence' : 'Step by step'}
          </label>
        ))}
      </div>
      {draft.outcomeForm === 'sentence' ? (
        <Field name="outcomeSentence" label="Outcome sentence" hint='e.g. "Reduce claims triage time by 30% while preserving human review for high-risk cases"' errors={errors.outcomeSentence}>
          {(p) => <textarea {...p} rows={2} maxLength={500} value={draft.outcomeSentence} onChange={(e) => change({ outcomeSentence: e.target.value }, 'outcomeSentence')} />}
        </Field>
      ) : (
        <div className="form-grid">
          {errors.outcome && <p className="field-error form-wide">{errors.outcome.join('; ')}</p>}
          <Field name="process" label="Process" hint="the business process or workflow" errors={errors.process}>
            {(p) => <input {...p} value={draft.process} onChange={(e) => change({ process: e.target.value }, 'process')} />}
          </Field>
          <Field name="metric" label="Metric" hint="what is measured" errors={errors.metric}>
            {(p) => <input {...p} value={draft.metric} onChange={(e) => change({ metric: e.target.value }, 'metric')} />}
          </Field>
          <Field name="direction" label="Direction" errors={errors.direction}>
            {(p) => (
              <select {...p} value={draft.direction} onChange={(e) => change({ direction: e.target.value as 'decrease' | 'increase' }, 'direction')}>
                <option value="decrease">Decrease</option>
                <option value="increase">Increase</option>
              </select>
            )}
          </Field>
          <Field name="unit" label="Unit" hint='e.g. "min", "%", "EUR"' errors={errors.unit}>
            {(p) => <input {...p} value={draft.unit} onChange={(e) => change({ unit: e.target.value }, 'unit')} />}
          </Field>
          <Field name="baseline" label="Baseline" errors={errors.baseline}>
            {(p) => <input {...p} inputMode="decimal" value={draft.baseline} onChange={(e) => change({ baseline: e.target.value }, 'baseline')} />}
          </Field>
          <Field name="target" label="Target" errors={errors.target}>
            {(p) => <input {...p} inputMode="decimal" value={draft.target} onChange={(e) => change({ target: e.target.value }, 'target')} />}
          </Field>
          <Field name="control" label="Control" hint='e.g. "with human review for high-risk cases"' errors={errors.control}>
            {(p) => <input {...p} value={draft.control} onChange={(e) => change({ control: e.target.value }, 'control')} />}
          </Field>
        </div>
      )}
    </fieldset>
  );
}
