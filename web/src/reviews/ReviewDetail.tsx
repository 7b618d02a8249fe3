import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useRequestSchema } from '../forms/contract';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { members } from '../portfolio/api';
import { capitalise } from '../portfolio/vocabulary';
import { useCan } from '../session/session';
import { formatDateTime } from '../shell/format';
import { useDecide } from './api';
import { readableMessages } from './messages';
import { REVIEW_KEYS, useReviewShortcuts } from './shortcuts';
import type { ReviewAction, ReviewItem } from './types';
import { UseCaseName } from './UseCaseName';

const PAST: Record<ReviewAction, string> = { approve: 'Approved', edit: 'Edited', reject: 'Rejected' };

/** One review: the request as the model saw it, its answer, why it was held, the data found, and the decision. */
export function ReviewDetail({ item, position, takeFocus, onDecided }: { item: ReviewItem; position: string; takeFocus: boolean; onDecided: (item: ReviewItem, said: string) => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  const messages = readableMessages(item.request);
  const canReadTraffic = useCan('metric:read');

  return (
    <article className="panel review-detail" aria-labelledby="review-title">
      <header className="review-head">
        <h2 id="review-title" tabIndex={-1} ref={heading}>
          <UseCaseName id={item.useCaseId} />
        </h2>
        <p className="muted">
          {position} · {item.mode === 'hold' ? 'Held: the application waits for this decision' : 'Sampled: the answer was delivered; this is a quality check'} · since{' '}
          <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </p>
      </header>
      <dl className="facts">
        <dt>Why</dt>
        <dd>{item.reasons.length ? item.reasons.join('; ') : 'No reason recorded'}</dd>
        <dt>Data found</dt>
        <dd>
          {item.dataClasses.length ? (
            <span className="badge-row">
              {item.dataClasses.map((c) => (
                <span key={c} className={`badge data-${c}`}>
                  {capitalise(c)}
                </span>
              ))}
            </span>
          ) : (
            'None'
          )}
        </dd>
        <dt>Call</dt>
        <dd>
          {canReadTraffic ? (
            <Link to="/use-cases/$useCaseId/traffic" params={{ useCaseId: item.useCaseId }} search={{ call: item.eventId }}>
              {item.eventId}
            </Link>
          ) : (
            <code>{item.eventId}</code>
          )}
        </dd>
      </dl>
      <h3>The request, as the model saw it</h3>
      {messages ? (
        <ol className="messages">
          {messages.map((m, i) => (
            <li key={i} className={`message message-${m.role}`}>
              <span className="message-role">{capitalise(m.role)}</span>
              <p className="message-text">{m.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{item.request === null ? 'The request is no longer kept: the logging policy purged it.' : 'The request is not a list of messages.'}</p>
      )}
      <h3>The answer</h3>
      {item.answer !== null ? <p className="message-text answer">{item.answer}</p> : <p className="muted">The answer is no longer kept: the logging policy purged it.</p>}
      {item.status === 'pending' ? <DecisionForm key={item.id} item={item} onDecided={onDecided} /> : <Decided item={item} />}
    </article>
  );
}

function Decided({ item }: { item: ReviewItem }) {
  const people = useQuery(members);
  const who = people.data?.find((m) => m.id === item.decidedBy)?.name ?? item.decidedBy;
  return (
    <section className="decided" aria-labelledby="decided-title">
      <h3 id="decided-title">
        {capitalise(item.status)}
        {who && ` by ${who}`}
        {item.decidedAt && (
          <>
            , <time dateTime={item.decidedAt}>{formatDateTime(item.decidedAt)}</time>
          </>
        )}
      </h3>
      {item.decisionNote && <p>Note: {item.decisionNote}</p>}
      {item.status === 'edited' && item.finalAnswer !== null && (
        <>
          <h4>The answer released</h4>
          <p className="message-text answer">{item.finalAnswer}</p>
        </>
      )}
    </section>
  );
}

/** Approve, edit or reject: by button or by key (a, e, r); Ctrl+Enter saves an edit and Escape leaves it. */
function DecisionForm({ item, onDecided }: { item: ReviewItem; onDecided: (item: ReviewItem, said: string) => void }) {
  const schema = useRequestSchema('POST', '/api/v1/reviews/{id}/decision');
  const decide = useDecide();
  const form = useSubmission(['answer', 'note'], schema.data);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const [answer, setAnswer] = useState(item.answer ?? '');
  const editor = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const leftEditor = useRef(false);

  useEffect(() => {
    if (editing) editor.current?.focus();
    else if (leftEditor.current) editButton.current?.focus();
  }, [editing]);

  const send = async (action: ReviewAction) => {
    if (decide.isPending) return;
    const body = { action, answer: action === 'edit' ? answer : undefined, note: note.trim() || undefined };
    await form.submit(body, async (b) => {
      const decided = await decide.mutateAsync({ id: item.id, ...(b as typeof body) });
      onDecided(decided, PAST[action]);
    });
  };
  const startEditing = () => {
    form.reset();
    setEditing(true);
  };
  const stopEditing = () => {
    leftEditor.current = true;
    form.reset();
    setEditing(false);
  };

  useReviewShortcuts(editing ? {} : { approve: () => void send('approve'), edit: startEditing, reject: () => void send('reject') });

  const submitEdit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    void send('edit');
  };

  return (
    <section className="decision" aria-labelledby="decision-title">
      <h3 id="decision-title">Your decision</h3>
      {form.refusal && <Refusal error={form.refusal} title="The decision was not recorded" />}
      <Field name="note" label="Note" hint="optional, kept in the ledger with the decision; Escape leaves the field so the keys work again" errors={form.errors.note}>
        {(p) => (
          <input
            {...p}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
          />
        )}
      </Field>
      {editing ? (
        <form onSubmit={submitEdit} noValidate aria-label="Edit the answer">
          <Field name="answer" label="Corrected answer" hint="Ctrl+Enter saves, Escape cancels" errors={form.errors.answer}>
            {(p) => (
              <textarea
                {...p}
                ref={editor}
                rows={8}
                value={answer}
                onChange={(e) => {
                  setAnswer(e.target.value);
                  form.clear('answer');
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submitEdit(e);
                  if (e.key === 'Escape') stopEditing();
                }}
              />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={decide.isPending} aria-keyshortcuts="Control+Enter">
              {decide.isPending ? 'Saving…' : 'Release the edited answer'}
            </button>
            <button type="button" className="button button-quiet" onClick={stopEditing} aria-keyshortcuts="Escape">
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row decision-buttons">
          <button type="button" className="button button-primary" disabled={decide.isPending} onClick={() => void send('approve')} aria-keyshortcuts={REVIEW_KEYS.approve}>
            Approve <kbd aria-hidden="true">{REVIEW_KEYS.approve}</kbd>
          </button>
          <button type="button" ref={editButton} className="button" disabled={decide.isPending} onClick={startEditing} aria-keyshortcuts={REVIEW_KEYS.edit}>
            Edit <kbd aria-hidden="true">{REVIEW_KEYS.edit}</kbd>
          </button>
          <button type="button" className="button button-danger" disabled={decide.isPending} onClick={() => void send('reject')} aria-keyshortcuts={REVIEW_KEYS.reject}>
            Reject <kbd aria-hidden="true">{REVIEW_KEYS.reject}</kbd>
          </button>
        </div>
      )}
    </section>
  );
}
