import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useRef, useState, type ReactNode } from 'react';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { useCan } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { adoption as adoptionQuery, changePlan } from './api';
import { ChangePlanForm } from './ChangePlanForm';
import { adoptionVerdict, communicationTimeline, formatDay, localDay, satisfactionText } from './change';
import { FeedbackPanel } from './FeedbackPanel';
import { ShareBar, ToneBadge } from './Figures';
import { ADOPTION_WINDOWS } from './routes';
import { percent, skillRoleLabel } from './skilling';
import type { ChangePlan, UseCaseAdoption } from './types';
import './people.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/change');

/** Is the change landing? Adoption by audience with the likely cause when it is low, then the plan people were told. */
export function ChangePage() {
  const { useCaseId } = route.useParams();
  const days = route.useSearch().days ?? 30;
  const plan = useQuery(changePlan(useCaseId));
  const adoption = useQuery(adoptionQuery(useCaseId, days));
  const canManage = useCan('people:manage');
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const closeEditor = (message = '') => {
    setEditing(false);
    setSaid(message);
    // Back to the button that opened the editor, once it is on screen again.
    requestAnimationFrame(() => opener.current?.focus());
  };
  const editButton = (label: string) =>
    canManage && (
      <button
        type="button"
        className="button"
        ref={opener}
        onClick={() => {
          setSaid('');
          setEditing(true);
        }}
      >
        {label}
      </button>
    );

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Change" />
      <p className="muted">
        The forum’s decisions, funding asks and lessons learned for this use case are in its{' '}
        <Link to="/use-cases/$useCaseId/forum" params={{ useCaseId }}>
          forum record
        </Link>
        .
      </p>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {plan.isPending && <Loading label="Loading the change plan" />}
      {plan.isError && <ErrorState error={plan.error} retry={() => plan.refetch()} />}
      {editing && plan.isSuccess && <ChangePlanForm useCaseId={useCaseId} plan={plan.data} onSaved={closeEditor} onCancel={() => closeEditor()} />}
      {!editing && plan.isSuccess && plan.data && <PlanSummary plan={plan.data} action={editButton('Edit the plan')} />}
      {!editing && plan.isSuccess && !plan.data && (
        <section className="panel" aria-labelledby="no-plan-title">
          <h2 id="no-plan-title">Change plan</h2>
          <Empty title="No change plan yet">
            <p>
              {canManage
                ? 'Record what changes in the work, for whom, the support they get, how success is measured and when people are told.'
                : 'A change lead records what changes in the work, for whom, the support they get, how success is measured and when people are told.'}
            </p>
            {editButton('Record the change plan')}
          </Empty>
        </section>
      )}
      <AdoptionPanel useCaseId={useCaseId} days={days} adoption={adoption} />
      {!editing && plan.isSuccess && plan.data && <PlanDetail plan={plan.data} />}
      {plan.isSuccess && plan.data && <FeedbackPanel useCaseId={useCaseId} plan={plan.data} onGiven={setSaid} />}
    </>
  );
}

function PlanSummary({ plan, action }: { plan: ChangePlan; action: ReactNode }) {
  return (
    <section className="panel" aria-labelledby="plan-title">
      <div className="panel-head">
        <h2 id="plan-title">What changes</h2>
        {action}
      </div>
      <p className="workflow-change">{plan.workflowChange}</p>
      <dl className="facts">
        <dt>Accountable</dt>
        <dd>{plan.owner.name}</dd>
        <dt>Next communication</dt>
        <dd>
          {plan.nextCommunication ? (
            <>
              <time dateTime={plan.nextCommunication.on}>{formatDay(plan.nextCommunication.on)}</time>, {plan.nextCommunication.channel}, to {plan.nextCommunication.audience}
            </>
          ) : (
            'none planned'
          )}
        </dd>
        <dt>Plan last changed</dt>
        <dd>
          <time dateTime={plan.updatedAt}>{formatDate(plan.updatedAt)}</time>
        </dd>
      </dl>
    </section>
  );
}

function AdoptionPanel({ useCaseId, days, adoption }: { useCaseId: string; days: number; adoption: UseQueryResult<UseCaseAdoption> }) {
  const navigate = useNavigate();
  const data = adoption.data;
  return (
    <section className="panel" aria-labelledby="adoption-title">
      <div className="panel-head">
        <h2 id="adoption-title">Adoption by audience</h2>
        <div className="window-picker">
          <label htmlFor="adoption-days">
            Window
          </label>
          <select
            id="adoption-days"
            value={days}
            onChange={(e) => void navigate({ to: '/use-cases/$useCaseId/change', params: { useCaseId }, search: Number(e.target.value) === 30 ? {} : { days: Number(e.target.value) as 7 | 90 }, replace: true })}
          >
            {ADOPTION_WINDOWS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </div>
      </div>
      {adoption.isPending && <Loading label="Loading adoption" />}
      {adoption.isError && <ErrorState error={adoption.error} retry={() => adoption.refetch()} />}
      {data && (
        <>
          <p className="muted">
            From <time dateTime={data.from}>{formatDate(data.from)}</time> to <time dateTime={data.to}>{formatDate(data.to)}</time>.{' '}
            {data.changePlan ? 'Audiences as the change plan names them; calls are attributed by the role claim of verified end-user tokens.' : 'Without a change plan, audiences are the use case’s affected-user groups, which the gateway cannot attribute calls to.'}
          </p>
          {!data.audiences.length ? (
            <Empty title="No audiences to measure" />
          ) : (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Adoption figures by audience">
                <table className="table adoption-table">
                  <caption className="visually-hidden">Adoption by audience over the last {days} days</caption>
                  <thead>
                    <tr>
                      <th scope="col">Audience</th>
                      <th scope="col">Active users</th>
                      <th scope="col">Adoption</th>
                      <th scope="col">Task completion</th>
                      <th scope="col">Override rate</th>
                      <th scope="col">Satisfaction</th>
                      <th scope="col">Trained</th>
                      <th scope="col">Verdict</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.audiences.map((a) => {
                      const verdict = adoptionVerdict(a);
                      return (
                        <tr key={a.group}>
                          <th scope="row">
                            {a.group}
                            <span className="cell-note">
                              {skillRoleLabel(a.skillRole)}
                              {a.gatewayRole ? (
                                <>
                                  , gateway role <code>{a.gatewayRole}</code>
                                </>
                              ) : (
                                ', no gateway role'
                              )}
                            </span>
                          </th>
                          <td className="num">{a.activeUsers === null ? '—' : `${a.activeUsers} of ${a.headcount}`}</td>
                          <td>{a.adoptionRate === null ? '—' : <ShareBar share={a.adoptionRate} tone={a.adoptionRate >= 0.5 ? 'ok' : 'bad'} />}</td>
                          <td className="num">{percent(a.taskCompletion)}</td>
                          <td className="num">{percent(a.overrideRate)}</td>
                          <td>{satisfactionText(a)}</td>
                          <td>
                            <ShareBar share={a.trainingCoverage} tone={a.trainingCoverage >= 0.7 ? 'ok' : 'bad'} />
                            <span className="cell-note">
                              {a.trainedPeople} of {a.headcount} covered
                            </span>
                          </td>
                          <td>
                            <ToneBadge tone={verdict.tone}>{verdict.label}</ToneBadge>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <h3>What the figures say</h3>
              <ul className="diagnoses">
                {data.audiences.map((a) => (
                  <li key={a.group}>
                    <strong>{a.group}:</strong> {a.diagnosis.advice}
                    {a.diagnosis.findings.length > 0 && (
                      <ul>
                        {a.diagnosis.findings.map((f) => (
                          <li key={f.cause + f.evidence}>{f.evidence}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function PlanDetail({ plan }: { plan: ChangePlan }) {
  const timeline = communicationTimeline(plan.communications, localDay());
  return (
    <section className="panel" aria-labelledby="plan-detail-title">
      <h2 id="plan-detail-title">The change plan</h2>
      <div className="plan-grid">
        <div>
          <h3>Audiences</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Audiences of the change">
            <table className="table audience-table">
              <caption className="visually-hidden">Audiences of the change</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Skill role</th>
                  <th scope="col">Gateway role</th>
                  <th scope="col" className="num">
                    Headcount
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.audiences.map((a) => (
                  <tr key={a.group}>
                    <th scope="row">{a.group}</th>
                    <td>{skillRoleLabel(a.skillRole)}</td>
                    <td>{a.gatewayRole ? <code>{a.gatewayRole}</code> : <span className="muted">none</span>}</td>
                    <td className="num">{a.headcount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Support</h3>
          <ul>
            {plan.support.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Success metrics</h3>
          <dl className="facts">
            {plan.successMetrics.map((m) => (
              <div key={m.metric} className="facts-row">
                <dt>{m.metric}</dt>
                <dd>{m.target}</dd>
              </div>
            ))}
          </dl>
          <h3>Feedback handling</h3>
          <p>{plan.feedbackHandling}</p>
        </div>
      </div>
      <h3>Communications</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Communication dates">
        <table className="table">
          <caption className="visually-hidden">Communication dates, earliest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">To</th>
              <th scope="col">Channel</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((c) => (
              <tr key={`${c.on}-${c.audience}-${c.channel}`} className={c.when === 'next' ? 'row-next' : undefined}>
                <th scope="row">
                  <time dateTime={c.on}>{formatDay(c.on)}</time>
                  <span className="cell-note">{c.when === 'past' ? 'sent' : c.when === 'next' ? 'next' : 'planned'}</span>
                </th>
                <td>{c.audience}</td>
                <td>{c.channel}</td>
                <td>{c.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
