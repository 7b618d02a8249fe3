import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { members } from '../portfolio/api';
import { UseCaseName } from '../reviews/UseCaseName';
import { useCan } from '../session/session';
import { formatDateTime } from '../shell/format';
import { ErrorState, Loading } from '../shell/states';
import { incident as incidentQuery, useAddNote, useMoveIncident, useRecordReview } from './api';
import { IncidentStatusBadge, SeverityBadge } from './badges';
import { formatDuration } from './figures';
import { Containment } from './Containment';
import { entryLabel, entryText, linesOf } from './incidentText';
import type { Incident, PostIncidentReview } from './types';
import { INCIDENT_STATUS_TERMS } from './vocabulary';
import './measurement.css';

const route = getRouteApi('/signed-in/incidents/$incidentId');

function useActorName() {
  const people = useQuery(members);
  return (id: string | null) => (id ? (people.data?.find((p) => p.id === id)?.name ?? (id.startsWith('usr_') ? 'Someone' : id)) : 'Nobody yet');
}

function When({ at }: { at: string | null }) {
  return at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">Not yet</span>;
}

function Facts({ incident: i }: { incident: Incident }) {
  const name = useActorName();
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">Where it stands</h2>
      <dl className="facts">
        <dt>Use case</dt>
        <dd>
          <Link to="/use-cases/$useCaseId/metrics" params={{ useCaseId: i.useCaseId }}>
            <UseCaseName id={i.useCaseId} />
          </Link>
        </dd>
        <dt>Owner</dt>
        <dd>{name(i.ownerId)}</dd>
        <dt>Opened</dt>
        <dd>
          <When at={i.openedAt} />
        </dd>
        <dt>Mitigated</dt>
        <dd>
          <When at={i.mitigatedAt} />
          {i.timeToMitigateMs !== null && <span className="muted"> ({formatDuration(i.timeToMitigateMs)} after opening)</span>}
        </dd>
        <dt>Resolved</dt>
        <dd>
          <When at={i.resolvedAt} />
          {i.timeToResolveMs !== null && <span className="muted"> ({formatDuration(i.timeToResolveMs)} after opening)</span>}
        </dd>
        <dt>Reviewed</dt>
        <dd>
          <When at={i.reviewedAt} />
        </dd>
        <dt>Linked metrics</dt>
        <dd>
          {i.metricKeys.length ? (
            <ul className="linked-metrics">
              {i.metricKeys.map((k) => (
                <li key={k}>
                  <Link to="/use-cases/$useCaseId/metrics" params={{ useCaseId: i.useCaseId }} search={{ metric: k }}>
                    <code>{k}</code>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </dd>
        <dt>Linked releases</dt>
        <dd>{i.releaseIds.length ? i.releaseIds.map((r) => <code key={r}>{r} </code>) : 'None'}</dd>
      </dl>
    </section>
  );
}

/** The moves the incident may make next, as buttons, with a note for the timeline. */
function StatusMoves({ incident: i }: { incident: Incident }) {
  const move = useMoveIncident(i.id);
  const [note, setNote] = useState('');
  const [said, setSaid] = useState('');
  if (!i.nextStatuses.length) return null;
  return (
    <section className="panel" aria-labelledby="moves-title">
      <h2 id="moves-title">Move the incident forward</h2>
      <Field name="move-note" label="Note for the timeline (optional)">
        {(p) => <textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {move.isError && <Refusal error={move.error} title="The incident did not move" stale="Someone changed this incident since you opened it; it has been read again, so check it and try once more." />}
      <div className="button-row">
        {i.nextStatuses.map((to) => (
          <button
            key={to}
            type="button"
            className="button"
            disabled={move.isPending}
            onClick={() =>
              move.mutate(
                { to, note: note.trim() || undefined, version: i.version },
                {
                  onSuccess: () => {
                    setNote('');
                    setSaid(`Moved to ${INCIDENT_STATUS_TERMS[to].label.toLowerCase()}.`);
                  },
                },
              )
            }
          >
            {INCIDENT_STATUS_TERMS[to].verb}
          </button>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </section>
  );
}

function Timeline({ incident: i }: { incident: Incident }) {
  const name = useActorName();
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="incident-timeline">
        {i.timeline.map((e, n) => (
          <li key={n} className={`timeline-${e.kind}`}>
            <p className="timeline-head">
              <strong>{entryLabel(e)}</strong> <span className="muted">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {name(e.actorId)}
              </span>
            </p>
            {entryText(e, i.title) && <p className="timeline-text">{entryText(e, i.title)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function NoteForm({ incident: i }: { incident: Incident }) {
  const schema = useRequestSchema('POST', '/api/v1/incidents/{id}/notes');
  const add = useAddNote(i.id);
  const form = useSubmission(['text'], schema.data, 'note-');
  const [text, setText] = useState('');
  const [said, setSaid] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit({ text: text.trim() }, (b) => add.mutateAsync(b));
    if (ok) {
      setText('');
      setSaid('Note added to the timeline.');
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="note-title">
      <h2 id="note-title">Add a note</h2>
      <ErrorSummary title="Fix this before the note can be added" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The note was not added" />}
      <Field name="note-text" label="Note" errors={form.errors.text}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={4000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              form.clear('text');
            }}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add note'}
      </button>
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </form>
  );
}

function ReviewView({ review }: { review: PostIncidentReview }) {
  return (
    <>
      <h3>What happened</h3>
      <p>{review.summary}</p>
      <h3>Root cause</h3>
      <p>{review.rootCause}</p>
      <h3>Lessons</h3>
      {review.lessons.length ? (
        <ul>
          {review.lessons.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None recorded.</p>
      )}
      <h3>Follow-up actions</h3>
      {review.followUps.length ? (
        <ul>
          {review.followUps.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">None recorded.</p>
      )}
    </>
  );
}

const REVIEW_FIELDS = ['summary', 'rootCause', 'lessons', 'followUps'] as const;

function ReviewForm({ incident: i }: { incident: Incident }) {
  const schema = useRequestSchema('POST', '/api/v1/incidents/{id}/review');
  const record = useRecordReview(i.id);
  const form = useSubmission(REVIEW_FIELDS, schema.data, 'review-');
  const [draft, setDraft] = useState({ summary: '', rootCause: '', lessons: '', followUps: '' });
  const set = (field: keyof typeof draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }));
    form.clear(field);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { summary: draft.summary.trim(), rootCause: draft.rootCause.trim(), lessons: linesOf(draft.lessons), followUps: linesOf(draft.followUps) };
    await form.submit(body, (b) => record.mutateAsync(b));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Write the post-incident review">
      <ErrorSummary title="Fix these before the review can be recorded" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The review was not recorded" />}
      <Field name="review-summary" label="What happened" hint="the impact, in a few sentences" errors={form.errors.summary}>
        {(p) => <textarea {...p} rows={3} value={draft.summary} onChange={set('summary')} />}
      </Field>
      <Field name="review-rootCause" label="Root cause" errors={form.errors.rootCause}>
        {(p) => <textarea {...p} rows={3} value={draft.rootCause} onChange={set('rootCause')} />}
      </Field>
      <Field name="review-lessons" label="Lessons" hint="one per line" errors={form.errors.lessons}>
        {(p) => <textarea {...p} rows={3} value={draft.lessons} onChange={set('lessons')} />}
      </Field>
      <Field name="review-followUps" label="Follow-up actions" hint="one per line, each with its owner and date" errors={form.errors.followUps}>
        {(p) => <textarea {...p} rows={3} value={draft.followUps} onChange={set('followUps')} />}
      </Field>
      <button type="submit" className="button button-primary" disabled={record.isPending}>
        {record.isPending ? 'Recording…' : 'Record the review'}
      </button>
    </form>
  );
}

function Review({ incident: i, canManage }: { incident: Incident; canManage: boolean }) {
  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title">Post-incident review</h2>
      {i.review ? (
        <ReviewView review={i.review} />
      ) : i.status === 'resolved' ? (
        canManage ? (
          <ReviewForm incident={i} />
        ) : (
          <p className="muted">Resolved; the review is still to be written by someone with the incident role.</p>
        )
      ) : (
        <p className="muted">The review is written once the incident is resolved.</p>
      )}
    </section>
  );
}

/** One incident: where it stands, what contains it, how it unfolded, and what was learnt. */
export function IncidentPage() {
  const { incidentId } = route.useParams();
  const found = useQuery(incidentQuery(incidentId));
  const canManage = useCan('incident:manage');
  if (found.isPending) return <Loading label="Loading the incident" />;
  if (found.isError) return <ErrorState error={found.error} retry={() => found.refetch()} />;
  const i = found.data;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/incidents">Incidents</Link> <SeverityBadge severity={i.severity} /> <IncidentStatusBadge status={i.status} />
          </p>
          <h1>{i.title}</h1>
        </div>
      </header>
      <div className="incident-layout">
        <div>
          <Timeline incident={i} />
          <Review incident={i} canManage={canManage} />
        </div>
        <div>
          <Facts incident={i} />
          <Containment incident={i} canManage={canManage} />
          {canManage && <StatusMoves incident={i} />}
          {canManage && <NoteForm incident={i} />}
        </div>
      </div>
    </>
  );
}
