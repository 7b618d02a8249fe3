import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useRecordLesson } from './api';
import { LESSON_KIND } from './forum';
import type { LessonKind } from './types';

const FIELDS = ['kind', 'lesson'] as const;

/** Records a lesson learned on a use case: an early win to publish, or what did not work. */
export function LessonForm({ useCaseId, onRecorded }: { useCaseId: string; onRecorded: (said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/lessons');
  const record = useRecordLesson(useCaseId);
  const form = useSubmission(FIELDS, schema.data, 'lesson-');
  const [kind, setKind] = useState<LessonKind | ''>('');
  const [lesson, setLesson] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit({ kind: kind || undefined, lesson: lesson.trim() }, (b) => record.mutateAsync(b));
    if (ok) {
      onRecorded(`Recorded a lesson learned (${LESSON_KIND[kind as LessonKind].label.toLowerCase()}).`);
      setKind('');
      setLesson('');
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="lesson-form-title" className="forum-form">
      <h3 id="lesson-form-title">Record a lesson learned</h3>
      <ErrorSummary title="Fix these before the lesson can be recorded" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The lesson was not recorded" />}
      <fieldset className={`field checks${form.errors.kind ? ' field-invalid' : ''}`} id="field-lesson-kind" aria-describedby={form.errors.kind ? 'field-lesson-kind-error' : undefined}>
        <legend className="field-label">Kind</legend>
        {(Object.keys(LESSON_KIND) as LessonKind[]).map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="lesson-kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                form.clear('kind');
              }}
            />
            {k === 'win' ? 'An early win to publish' : 'What did not work'}
          </label>
        ))}
        {form.errors.kind && (
          <ul className="field-error" id="field-lesson-kind-error" data-field="kind">
            {form.errors.kind.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <Field name="lesson-lesson" label="Lesson" hint="what happened and what others should do with it" errors={form.errors.lesson}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={2000}
            value={lesson}
            onChange={(e) => {
              setLesson(e.target.value);
              form.clear('lesson');
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record the lesson'}
        </button>
      </div>
    </form>
  );
}
