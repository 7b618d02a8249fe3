import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { capitalise, type Stage } from '../portfolio/vocabulary';
import { useCan } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { controls as controlsQuery, useUpdateControl } from './api';
import { BulkEvidenceForm } from './BulkEvidenceForm';
import { groupSelection, openControls, selectedOpen, toggleControl, toggleGroup } from './bulkEvidence';
import { ExceptionRequestForm } from './ExceptionRequestForm';
import { controlsByStage, isAhead, percent } from './progress';
import type { ControlItem } from './types';
import { CONTROL_STATUS_LABELS, FRAMEWORK_LABELS } from './vocabulary';

/**
 * What the governing pack and the screening require of the use case, stage by stage, with evidence; builders mark them
 * implemented one at a time, or select several open controls and give them one piece of evidence together.
 */
export function ControlsChecklist({ useCaseId, stage, screened }: { useCaseId: string; stage: Stage; screened: boolean }) {
  const view = useQuery({ ...controlsQuery(useCaseId), enabled: screened });
  const canUpdate = useCan('control:update');
  const canAskException = useCan('exception:request');
  const canAct = canUpdate || canAskException;
  const [editing, setEditing] = useState<{ control: string; mode: 'implement' | 'exception' }>();
  const [said, setSaid] = useState('');
  const [openOnly, setOpenOnly] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** Groups holding controls just marked: they stay open, so the person sees them met with their evidence. */
  const [keptOpen, setKeptOpen] = useState<ReadonlySet<Stage>>(new Set());
  const keepOpen = (stages: Stage[]) => setKeptOpen((s) => new Set([...s, ...stages]));
  const heading = useRef<HTMLHeadingElement>(null);
  const groups = view.data ? controlsByStage(view.data.items) : [];
  const firstOpen = groups.find((g) => g.met < g.items.length)?.stage;
  const chosen = view.data ? selectedOpen(view.data.items, selected) : [];
  const done = (message: string) => {
    setEditing(undefined);
    setSaid(message);
  };
  const bulkDone = (message: string) => {
    keepOpen(chosen.map((c) => c.requiredBefore));
    setSelected(new Set());
    setSaid(message);
    heading.current?.focus();
  };
  const columns = 3 + (canUpdate ? 1 : 0) + (canAct ? 1 : 0);

  return (
    <section className="panel" aria-labelledby="controls-title">
      <h2 id="controls-title" tabIndex={-1} ref={heading}>
        Controls
      </h2>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {!screened && <Empty title="No controls yet">Screen the use case first: its tier decides, through its policy pack, which controls it must meet.</Empty>}
      {screened && view.isPending && <Loading label="Loading the controls" />}
      {view.isError && <ErrorState error={view.error} retry={() => view.refetch()} />}
      {view.isSuccess && !view.data.items.length && <Empty title="No controls required">The governing pack and the screening require none.</Empty>}
      {view.isSuccess && view.data.items.length > 0 && (
        <>
          <p className="controls-summary">
            <strong>{view.data.summary.met}</strong> of {view.data.summary.required} met ({percent(view.data.summary.met, view.data.summary.required)} %) under the{' '}
            <code>{view.data.policyPackVersion}</code> pack; {view.data.summary.open} open. A control is met when implemented with evidence, not applicable with a justification, or
            waived by an exception in force.
          </p>
          <label className="check">
            <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> Show only the controls not met
          </label>
          {groups.map((g) => {
            const groupOpen = openControls(g.items);
            return (
              <details key={g.stage} className="controls-stage" open={g.stage === firstOpen || keptOpen.has(g.stage)}>
                <summary>
                  <span className="controls-stage-title">Before {g.stage}</span>{' '}
                  <span className={`badge tone-${g.met === g.items.length ? 'ok' : isAhead(stage, g.stage) ? 'warn' : 'bad'}`}>
                    {g.met} of {g.items.length} met
                  </span>
                  {g.met < g.items.length && !isAhead(stage, g.stage) && <span className="cell-note">owed already: the use case is past this stage</span>}
                </summary>
                {canUpdate && groupOpen.length > 0 && (
                  <GroupSelect
                    label={`Select the ${groupOpen.length} open ${groupOpen.length === 1 ? 'control' : 'controls'} before ${g.stage}`}
                    state={groupSelection(selected, groupOpen)}
                    onChange={(on) => setSelected((s) => toggleGroup(s, groupOpen, on))}
                  />
                )}
                <div className="table-scroll" tabIndex={0} role="region" aria-label={`Controls due before ${g.stage}`}>
                  <table className="table controls-table">
                    <caption className="visually-hidden">Controls due before {g.stage}</caption>
                    <thead>
                      <tr>
                        {canUpdate && (
                          <th scope="col" className="select-cell">
                            <span className="visually-hidden">Select</span>
                          </th>
                        )}
                        <th scope="col">Control</th>
                        <th scope="col">Status</th>
                        <th scope="col">Evidence</th>
                        {canAct && <th scope="col">Action</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {g.items.filter((c) => !openOnly || !c.met || editing?.control === c.control).map((c) => (
                        <Fragment key={c.control}>
                          <ControlRow
                            control={c}
                            canUpdate={canUpdate}
                            canAskException={canAskException}
                            selected={selected.has(c.control)}
                            onSelect={(on) => setSelected((s) => toggleControl(s, c.control, on))}
                            editing={editing?.control === c.control}
                            onEdit={(mode) => setEditing({ control: c.control, mode })}
                          />
                          {editing?.control === c.control && (
                            <tr className="control-form-row">
                              <td colSpan={columns}>
                                {editing.mode === 'implement' ? (
                                  <ImplementForm
                                    useCaseId={useCaseId}
                                    control={c}
                                    onDone={(message) => {
                                      if (message) keepOpen([c.requiredBefore]);
                                      done(message);
                                    }}
                                  />
                                ) : (
                                  <ExceptionRequestForm useCaseId={useCaseId} control={c} onDone={done} />
                                )}
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            );
          })}
          {canUpdate && chosen.length > 0 && <BulkEvidenceForm useCaseId={useCaseId} controls={chosen} onDone={bulkDone} onClear={() => setSelected(new Set())} />}
        </>
      )}
    </section>
  );
}

/** A stage group's select-all box: checked when every open control of the group is selected, mixed when some are. */
function GroupSelect({ label, state, onChange }: { label: string; state: 'none' | 'some' | 'all'; onChange: (on: boolean) => void }) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <label className="check group-select">
      <input ref={box} type="checkbox" checked={state === 'all'} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

function ControlRow({ control: c, canUpdate, canAskException, selected, onSelect, editing, onEdit }: {
  control: ControlItem;
  canUpdate: boolean;
  canAskException: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  editing: boolean;
  onEdit: (mode: 'implement' | 'exception') => void;
}) {
  return (
    <tr className={selected ? 'control-selected' : undefined}>
      {canUpdate && (
        <td className="select-cell">
          {!c.met && <input type="checkbox" aria-label={`Select ${c.control}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />}
        </td>
      )}
      <th scope="row">
        <code>{c.control}</code> <span className="cell-note">{FRAMEWORK_LABELS[c.framework]}{c.source === 'screening' && ', an obligation the screening found'}</span>
        {c.title && <span className="control-title">{c.title}</span>}
      </th>
      <td>
        <span className={`badge tone-${c.met ? 'ok' : c.status === 'in_progress' ? 'warn' : 'muted'}`}>{c.met ? 'Met' : 'Not met'}</span>
        <span className="cell-note">{CONTROL_STATUS_LABELS[c.status]}</span>
        {c.waiver && (
          <span className="cell-note">
            Waived by an exception until <time dateTime={c.waiver.expiresAt}>{formatDate(c.waiver.expiresAt)}</time>
          </span>
        )}
        {c.justification && <span className="cell-note">{c.justification}</span>}
      </td>
      <td>
        {c.evidence.length === 0 && c.linked.length === 0 && <span className="muted">None</span>}
        {c.evidence.length > 0 && (
          <ul className="evidence-list">
            {c.evidence.map((e) => (
              <li key={e.id}>
                {e.url ? (
                  <a href={e.url} target="_blank" rel="noreferrer">
                    {e.title}
                  </a>
                ) : (
                  <span>
                    {e.title} <span className="cell-note">file {e.file?.name}, SHA-256 <code>{e.file?.sha256.slice(0, 12)}…</code></span>
                  </span>
                )}
                <span className="cell-note">
                  {e.addedBy.name}, <time dateTime={e.addedAt}>{formatDate(e.addedAt)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
        {c.linked.length > 0 && (
          <span className="cell-note">
            Ledger: {c.linked.map((l) => `#${l.seq} ${l.action}`).join(', ')}
          </span>
        )}
      </td>
      {(canUpdate || canAskException) && (
        <td>
          {!editing && (
            <div className="control-actions">
              {canUpdate && c.status !== 'implemented' && (
                <button type="button" className="button" onClick={() => onEdit('implement')}>
                  Mark implemented<span className="visually-hidden"> {c.control}</span>
                </button>
              )}
              {canAskException && !c.met && !c.waiver && (
                <button type="button" className="button button-quiet" onClick={() => onEdit('exception')}>
                  Ask for an exception<span className="visually-hidden"> to {c.control}</span>
                </button>
              )}
            </div>
          )}
        </td>
      )}
    </tr>
  );
}

const EVIDENCE_URL = 'items.0.evidence.0.url';
const EVIDENCE_TITLE = 'items.0.evidence.0.title';

/** Marks one control implemented with the URL of its evidence; the API's field problems show next to the fields. */
function ImplementForm({ useCaseId, control, onDone }: { useCaseId: string; control: ControlItem; onDone: (message: string) => void }) {
  const update = useUpdateControl(useCaseId);
  const form = useSubmission([EVIDENCE_URL, EVIDENCE_TITLE, 'items'], undefined, `${control.control}-`);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState(`${control.control}: `);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const key = control.control.replace(/\W+/g, '-');

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(null, () =>
      update.mutateAsync({ control: control.control, status: 'implemented', evidence: [{ kind: 'url', url: url.trim(), title: title.trim() }] }),
    );
    if (ok) onDone(`${control.control} is implemented, with its evidence.`);
  };

  return (
    <form className="implement-form" onSubmit={send} noValidate aria-label={`Mark ${control.control} implemented`}>
      {form.refusal && <Refusal error={form.refusal} title={`${control.control} was not updated`} />}
      {form.errors.items && <p className="form-error">{form.errors.items.join('; ')}</p>}
      <div className="form-row">
        <Field name={`evidence-url-${key}`} label="Evidence URL" hint="Where the evidence lives: a document, a ticket, a test report" errors={form.errors[EVIDENCE_URL]}>
          {(p) => (
            <input
              {...p}
              ref={first}
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => {
                setUrl(e.target.value);
                form.clear(EVIDENCE_URL);
              }}
            />
          )}
        </Field>
        <Field name={`evidence-title-${key}`} label="Evidence title" errors={form.errors[EVIDENCE_TITLE]}>
          {(p) => (
            <input
              {...p}
              maxLength={200}
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                form.clear(EVIDENCE_TITLE);
              }}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : `Mark ${control.control} implemented`}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      <p className="cell-note">{capitalise(control.title ?? control.control)}</p>
    </form>
  );
}
