import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field, fieldId } from '../forms/Field';
import { questionnaire } from '../governance/api';
import { euOutcomeWords } from '../governance/vocabulary';
import { StageBadge, TierBadge } from '../portfolio/badges';
import { OutcomeFields } from '../portfolio/OutcomeFields';
import { OwnershipFields } from '../portfolio/OwnershipFields';
import { emptyDraft, type UseCaseDraft } from '../portfolio/useCaseDraft';
import { capitalise } from '../portfolio/vocabulary';
import { useMe } from '../session/session';
import { ErrorState, Loading } from '../shell/states';
import { useSubmitIntake, type IntakeResult } from './api';
import {
  answerWords,
  followUpOf,
  intakeBody,
  intakeFieldFor,
  isAnswered,
  problemsByIntakeField,
  progressOf,
  sectionsOf,
  stepForProblems,
  STEPS,
  unanswered,
  type Answers,
  type QuestionSection,
  type ScreeningQuestion,
  type StepIndex,
} from './steps';
import '../portfolio/portfolio.css';
import './intake.css';

/**
 * The step-by-step intake for the business: the use case, the screening questionnaire, a review, then the tier the
 * screening gave and what that tier demands next. One submission creates, screens and queues the use case.
 */
export function IntakePage() {
  const me = useMe();
  const q = useQuery(questionnaire());
  const submit = useSubmitIntake();
  const [step, setStep] = useState<StepIndex>(0);
  const [draft, setDraft] = useState<UseCaseDraft>(() => emptyDraft(me.user.id));
  const [answers, setAnswers] = useState<Answers>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [refusedSubmissions, setRefusedSubmissions] = useState(0);
  const [result, setResult] = useState<IntakeResult>();
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const sections = useMemo(() => (q.data ? sectionsOf(q.data) : []), [q.data]);
  const errors = problemsByIntakeField(problems, draft.outcomeForm);

  // Each move to another step puts focus on its heading, so a screen reader announces where the person is; after a
  // refusal the error summary takes it instead.
  useEffect(() => {
    if (moved.current && !problems.length) heading.current?.focus();
    moved.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step]);

  const forget = (...fields: string[]) => setProblems((ps) => ps.filter((p) => !fields.includes(intakeFieldFor(p.path, draft.outcomeForm))));
  const change = (patch: Partial<UseCaseDraft>, ...fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (fields.length) forget(...fields);
  };
  const answer = (id: string, value: unknown) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    forget(`answers.${id}`);
  };

  const go = (to: StepIndex) => {
    setStep(to);
    window.scrollTo?.(0, 0);
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setRefusal(undefined);
    try {
      const done = await submit.mutateAsync(intakeBody(draft, sections, answers));
      setProblems([]);
      setResult(done);
      go(3);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        setProblems(err.errors);
        setRefusedSubmissions((n) => n + 1);
        go(stepForProblems(err.errors));
      } else setRefusal(err instanceof Error ? err.message : String(err));
    }
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    go((step + 1) as StepIndex);
  };

  const summary = (
    <ErrorSummary
      title="The intake was refused: fix these and submit again"
      problems={problems}
      fieldIds={(path) => fieldId(intakeFieldFor(path, draft.outcomeForm))}
      submission={refusedSubmissions}
    />
  );
  const back = step > 0 && step < 3 && (
    <button type="button" className="button" onClick={() => go((step - 1) as StepIndex)}>
      Back
    </button>
  );

  return (
    <>
      <div className="page-header">
        <h1>Intake</h1>
      </div>
      <p className="muted">Propose a use case in four steps: describe it, answer the screening questions, check, and see the risk tier it gets and what happens next.</p>
      <nav aria-label="Intake steps">
        <ol className="intake-steps">
          {STEPS.map((label, i) => (
            <li key={label} className={i === step ? 'intake-step-current' : i < step ? 'intake-step-done' : undefined} aria-current={i === step ? 'step' : undefined}>
              <span className="intake-step-number" aria-hidden="true">
                {i + 1}
              </span>
              {label}
              {i < step && <span className="visually-hidden"> (done)</span>}
            </li>
          ))}
        </ol>
      </nav>

      {step === 0 && (
        <form className="use-case-form intake-form" onSubmit={next} noValidate aria-labelledby="intake-step-title">
          <h2 id="intake-step-title" ref={heading} tabIndex={-1}>
            Step 1 of 4: the use case
          </h2>
          {summary}
          <fieldset className="form-section">
            <legend>What it is</legend>
            <Field name="title" label="Title" hint="a short name the portfolio will show" errors={errors.title}>
              {(p) => <input {...p} value={draft.title} maxLength={200} onChange={(e) => change({ title: e.target.value }, 'title')} />}
            </Field>
            <Field name="description" label="Description" hint="optional: what it does and for whom" errors={errors.description}>
              {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => change({ description: e.target.value }, 'description')} />}
            </Field>
          </fieldset>
          <OutcomeFields draft={draft} change={change} errors={errors} />
          <OwnershipFields draft={draft} change={change} errors={errors} />
          <fieldset className="form-section">
            <legend>Timeline</legend>
            <Field name="targetDate" label="Target date" hint="when the outcome should be reached" errors={errors.targetDate}>
              {(p) => <input {...p} type="date" value={draft.targetDate} onChange={(e) => change({ targetDate: e.target.value }, 'targetDate')} />}
            </Field>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              Next: screening questions
            </button>
          </div>
        </form>
      )}

      {step === 1 && (
        <form className="intake-form" onSubmit={next} noValidate aria-labelledby="intake-step-title">
          <h2 id="intake-step-title" ref={heading} tabIndex={-1}>
            Step 2 of 4: screening questions
          </h2>
          {q.isPending && <Loading label="Loading the screening questionnaire" />}
          {q.isError && <ErrorState error={q.error} retry={() => q.refetch()} />}
          {q.data && (
            <>
              <p className="muted">
                These questions decide the risk tier and what the governance of this use case demands. Data sensitivity and categories come from step 1. Some questions only apply because of an earlier answer; the
                screening says so if one is owed.
              </p>
              {summary}
              <Progress sections={sections} answers={answers} />
              {sections.map((s) => (
                <section key={s.key} className="form-section intake-section" aria-labelledby={`${s.key}-title`}>
                  <h3 id={`${s.key}-title`}>{s.title}</h3>
                  {s.questions.map((question) => (
                    <QuestionField key={question.id} question={question} value={answers[question.id]} errors={errors[`answers.${question.id}`]} onAnswer={(v) => answer(question.id, v)} />
                  ))}
                </section>
              ))}
              {errors.answers && <p className="field-error">{errors.answers.join('; ')}</p>}
              {q.data.eu.disclaimer && <p className="cell-note">{capitalise(q.data.eu.disclaimer)}</p>}
            </>
          )}
          <div className="form-actions">
            {back}
            <button type="submit" className="button button-primary" disabled={!q.data}>
              Next: review
            </button>
          </div>
        </form>
      )}

      {step === 2 && (
        <form className="intake-form" onSubmit={send} noValidate aria-labelledby="intake-step-title">
          <h2 id="intake-step-title" ref={heading} tabIndex={-1}>
            Step 3 of 4: review and submit
          </h2>
          {summary}
          {refusal && (
            <p className="notice notice-error" role="alert">
              {refusal}
            </p>
          )}
          <Review draft={draft} sections={sections} answers={answers} edit={go} />
          <div className="form-actions">
            {back}
            <button type="submit" className="button button-primary" disabled={submit.isPending}>
              {submit.isPending ? 'Submitting…' : 'Submit for screening'}
            </button>
          </div>
        </form>
      )}

      {step === 3 && result && (
        <section aria-labelledby="intake-step-title">
          <h2 id="intake-step-title" ref={heading} tabIndex={-1}>
            Step 4 of 4: screening result
          </h2>
          <Outcome result={result} />
        </section>
      )}
    </>
  );
}

function Progress({ sections, answers }: { sections: QuestionSection[]; answers: Answers }) {
  const p = progressOf(sections, answers);
  return (
    <div className="intake-progress">
      <label htmlFor="intake-progress-bar">
        {p.answered} of {p.total} questions answered
      </label>
      <progress id="intake-progress-bar" max={p.total} value={p.answered} />
      <ul className="intake-progress-sections">
        {p.sections.map((s) => (
          <li key={s.key} className={s.answered === s.total ? 'intake-section-complete' : undefined}>
            <a href={`#${s.key}-title`}>{s.title}</a>: {s.answered}/{s.total}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One question as a fieldset: its text is the legend, its answers radio buttons or checkboxes. */
function QuestionField({ question, value, errors = [], onAnswer }: { question: ScreeningQuestion; value: unknown; errors?: string[]; onAnswer: (value: unknown) => void }) {
  const id = fieldId(`answers.${question.id}`);
  const name = `answer-${question.id}`;
  const followUp = followUpOf(question);
  const described = [followUp && `${id}-hint`, errors.length && `${id}-error`].filter(Boolean).join(' ');
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const options: { value: unknown; text: string }[] = question.kind === 'yes_no' ? [{ value: true, text: 'Yes' }, { value: false, text: 'No' }] : (question.options ?? []);
  return (
    <fieldset
      className={`field intake-question${errors.length ? ' field-invalid' : ''}`}
      id={id}
      tabIndex={-1}
      aria-describedby={described || undefined}
      aria-invalid={errors.length ? true : undefined}
    >
      <legend className="field-label">
        <span className="intake-question-id">{question.id}</span> {question.text}
        {question.ref && <span className="cell-note"> {question.ref}</span>}
      </legend>
      {followUp && (
        <p className="field-hint" id={`${id}-hint`}>
          {followUp}
        </p>
      )}
      {question.kind === 'multi' && <p className="field-hint">Tick all that apply; leave all unticked for none.</p>}
      <div className={question.kind === 'yes_no' ? 'intake-options intake-options-inline' : 'intake-options'}>
        {options.map((o) => (
          <label key={String(o.value)} className="check">
            {question.kind === 'multi' ? (
              <input
                type="checkbox"
                name={name}
                checked={chosen.includes(o.value as string)}
                onChange={(e) => onAnswer(e.target.checked ? [...chosen, o.value as string] : chosen.filter((c) => c !== o.value))}
              />
            ) : (
              <input type="radio" name={name} checked={value === o.value} onChange={() => onAnswer(o.value)} />
            )}
            {o.text}
          </label>
        ))}
      </div>
      {errors.length > 0 && (
        <ul className="field-error" id={`${id}-error`} data-field={`answers.${question.id}`}>
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function Review({ draft, sections, answers, edit }: { draft: UseCaseDraft; sections: QuestionSection[]; answers: Answers; edit: (step: StepIndex) => void }) {
  const outcome =
    draft.outcomeForm === 'sentence'
      ? draft.outcomeSentence
      : `${capitalise(draft.direction)} ${draft.metric} in ${draft.process} from ${draft.baseline} ${draft.unit} to ${draft.target} ${draft.unit} ${draft.control}`;
  const owed = unanswered(sections, answers);
  const followUps = sections.flatMap((s) => s.questions).filter((x) => followUpOf(x) && !isAnswered(x, answers));
  return (
    <>
      <section className="panel" aria-labelledby="review-use-case">
        <h3 id="review-use-case">The use case</h3>
        <dl className="facts">
          <dt>Title</dt>
          <dd>{draft.title || '—'}</dd>
          <dt>Outcome</dt>
          <dd>{outcome.trim() || '—'}</dd>
          <dt>Data</dt>
          <dd>
            {draft.sensitivity ? capitalise(draft.sensitivity) : 'No sensitivity chosen'}
            {draft.categories.length > 0 && `; ${draft.categories.join(', ')}`}
          </dd>
          <dt>Affected people</dt>
          <dd>{draft.affectedUsers.length ? draft.affectedUsers.map((g) => `${g.group} (${g.headcount})`).join('; ') : 'None listed'}</dd>
          <dt>Target date</dt>
          <dd>{draft.targetDate || '—'}</dd>
        </dl>
        <button type="button" className="button button-quiet" onClick={() => edit(0)}>
          Change the use case
        </button>
      </section>
      <section className="panel" aria-labelledby="review-answers">
        <h3 id="review-answers">Screening answers</h3>
        {owed.length > 0 ? (
          <p className="notice notice-warning">
            {owed.length} {owed.length === 1 ? 'question is' : 'questions are'} not answered: {owed.map((x) => x.id).join(', ')}. The screening will refuse those that apply.
          </p>
        ) : (
          <p className="muted">Every question is answered.</p>
        )}
        {followUps.length > 0 && (
          <p className="muted">
            Follow-up questions left open: {followUps.map((x) => x.id).join(', ')}. The screening asks for them only if an earlier answer calls for them.
          </p>
        )}
        {sections.map((s) => (
          <details key={s.key} className="intake-review-section">
            <summary>{s.title}</summary>
            <dl className="intake-answers">
              {s.questions.map((x) => (
                <div key={x.id}>
                  <dt>
                    {x.id} {x.text}
                  </dt>
                  <dd>{answerWords(x, answers[x.id])}</dd>
                </div>
              ))}
            </dl>
          </details>
        ))}
        <button type="button" className="button button-quiet" onClick={() => edit(1)}>
          Change the answers
        </button>
      </section>
    </>
  );
}

/** The screening's tier, why, the obligations it found, and what the tier demands next. */
function Outcome({ result: { useCase, screening, next } }: { result: IntakeResult }) {
  const r = screening.result;
  return (
    <>
      <p className="intake-verdict" role="status">
        <strong>{useCase.title}</strong> is in <StageBadge stage={useCase.stage} /> and screened <TierBadge tier={next.tier} />, governed by the <code>{next.policyPackVersion}</code> pack.
      </p>
      {next.blocked && (
        <p className="notice notice-error">
          <strong>Blocked:</strong> an EU AI Act prohibited practice. It may not move past triage ({next.forbiddenStages.join(', ')} are forbidden).
        </p>
      )}
      <section className="panel" aria-labelledby="result-why">
        <h3 id="result-why">Why this tier</h3>
        <ul>
          <li>
            EU AI Act: {euOutcomeWords(r.euOutcome)}, at least <TierBadge tier={r.euFloor} />
            {r.annexIIIAreas.length > 0 && `; Annex III area ${r.annexIIIAreas.join(', ')}`}
            {r.roles.length > 0 && `; as ${r.roles.join(', ').replace(/_/g, ' ')}`}
            {r.friaDue && '; fundamental-rights impact assessment due'}
          </li>
          <li>
            Impact: scored {r.mitigatedScore} (raw {r.rawScore} of {r.maxRaw}, mitigation {r.mitigationScore} of {r.maxMitigation}
            {r.mitigationApplied ? ', which lowered it' : ''}), impact level {r.impactLevel}, <TierBadge tier={r.impactTier} />
          </li>
        </ul>
        <h4>Obligations found ({r.obligations.length})</h4>
        {r.obligations.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="obligations">
            {r.obligations.map((o) => (
              <li key={o.ref}>
                <strong>{o.ref}</strong> {o.title}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="result-next">
        <h3 id="result-next">What happens next</h3>
        <p>
          It waits in the intake queue for triage. {next.blocked ? 'It cannot go further.' : `From there, its ${capitalise(next.tier)} risk tier demands:`}
        </p>
        {next.steps.length > 0 && (
          <ol className="intake-next-steps">
            {next.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        )}
        {!next.blocked && (
          <p className="muted">
            Exceptions to a control last at most {next.exceptions.maxDays} days and are approved by {next.exceptions.approverRoles.join(' or ').replace(/_/g, ' ')}.
          </p>
        )}
      </section>
      <div className="form-actions">
        <Link to="/use-cases/$useCaseId" params={{ useCaseId: useCase.id }} className="button button-primary">
          Open {useCase.title}
        </Link>
        <Link to="/intake" reloadDocument className="button">
          Start another intake
        </Link>
      </div>
    </>
  );
}
