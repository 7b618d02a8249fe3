import { Field } from '../forms/Field';
import type { DraftSectionProps } from './draftFields';

/** Readiness and planning: the data it needs, where people oversee it, how to roll it back, when and how it is tagged. */
export function ReadinessFields({ draft, change, errors }: DraftSectionProps) {
  return (
    <fieldset className="form-section">
      <legend>Readiness and planning</legend>
      <div className="form-grid">
        <Field name="dataSources" label="Data sources" hint="one per line" errors={errors.dataSources}>
          {(p) => <textarea {...p} rows={3} value={draft.dataSources} onChange={(e) => change({ dataSources: e.target.value }, 'dataSources')} />}
        </Field>
        <Field name="humanOversight" label="Human oversight" hint="where a person reviews or can intervene, one per line" errors={errors.humanOversight}>
          {(p) => <textarea {...p} rows={3} value={draft.humanOversight} onChange={(e) => change({ humanOversight: e.target.value }, 'humanOversight')} />}
        </Field>
      </div>
      <Field name="rollbackPlan" label="Rollback plan" errors={errors.rollbackPlan}>
        {(p) => <textarea {...p} rows={2} value={draft.rollbackPlan} onChange={(e) => change({ rollbackPlan: e.target.value }, 'rollbackPlan')} />}
      </Field>
      <div className="form-grid">
        <Field name="targetDate" label="Target date" hint="when the target should be reached" errors={errors.targetDate}>
          {(p) => <input {...p} type="date" value={draft.targetDate} onChange={(e) => change({ targetDate: e.target.value }, 'targetDate')} />}
        </Field>
        <Field name="tags" label="Tags" hint="comma-separated" errors={errors.tags}>
          {(p) => <input {...p} value={draft.tags} onChange={(e) => change({ tags: e.target.value }, 'tags')} />}
        </Field>
      </div>
    </fieldset>
  );
}
