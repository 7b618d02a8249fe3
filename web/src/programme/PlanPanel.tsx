import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDay } from '../people/change';
import { ShareBar, ToneBadge } from '../people/Figures';
import { useCan, useMe } from '../session/session';
import { Empty, ErrorState, Loading } from '../shell/states';
import { programmePlan } from './api';
import { MilestoneReport } from './MilestoneReport';
import { milestoneBadge, phaseOfDay, reportable } from './plan';
import { StartPlanForm } from './StartPlanForm';
import type { Phase } from './types';

/** The 90-day plan: where the programme is today, and each phase's milestones with owner, date, status and evidence. */
export function PlanPanel() {
  const plan = useQuery(programmePlan);
  const canManage = useCan('programme:manage');
  const [said, setSaid] = useState('');

  return (
    <section className="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">90-day plan</h2>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {plan.isPending && <Loading label="Loading the 90-day plan" />}
      {plan.isError && <ErrorState error={plan.error} retry={() => plan.refetch()} />}
      {plan.isSuccess && !plan.data && (
        <Empty title="No 90-day plan yet">
          <p>The plan follows the blueprint: define and prioritise, harden the platform and metrics, then launch the skilling and adoption loop.</p>
          {canManage && <StartPlanForm />}
        </Empty>
      )}
      {plan.data && (
        <>
          <p className="plan-headline">
            <strong>{plan.data.title}</strong>: {plan.data.day < 1 ? `starts ${formatDay(plan.data.startsOn)}` : plan.data.day > 90 ? `ended ${formatDay(plan.data.endsOn)}` : `day ${plan.data.day} of 90`}, {plan.data.met} of {plan.data.total} milestones met.
          </p>
          {plan.data.phases.map((phase) => (
            <PhaseTable key={phase.phase} phase={phase} current={phaseOfDay(plan.data!.day) === phase.phase} canReport={canManage} onReported={setSaid} />
          ))}
        </>
      )}
    </section>
  );
}

function PhaseTable({ phase, current, canReport, onReported }: { phase: Phase; current: boolean; canReport: boolean; onReported: (said: string) => void }) {
  const me = useMe();
  const headingId = `phase-${phase.phase}`;
  return (
    <section className={`phase${current ? ' phase-current' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        Phase {phase.phase}: {phase.title}
        {current && <span className="badge tone-ok phase-now">Now</span>}
      </h3>
      <p className="muted">
        <time dateTime={phase.from}>{formatDay(phase.from)}</time> to <time dateTime={phase.to}>{formatDay(phase.to)}</time> · {phase.met} of {phase.total} met
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Milestones of phase ${phase.phase}`}>
        <table className="table milestone-table">
          <caption className="visually-hidden">Milestones of phase {phase.phase}</caption>
          <colgroup>
            <col className="col-milestone" />
            <col className="col-owner" />
            <col className="col-due" />
            <col className="col-status" />
            <col className="col-progress" />
            <col />
            {canReport && <col className="col-report" />}
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Milestone</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Evidence</th>
              {canReport && <th scope="col">Owner’s report</th>}
            </tr>
          </thead>
          <tbody>
            {phase.milestones.map((m) => {
              const badge = milestoneBadge(m);
              return (
                <tr key={m.id}>
                  <th scope="row">
                    {m.title}
                    {m.note && <span className="cell-note">Note: {m.note}</span>}
                  </th>
                  <td>
                    {m.owner.name}
                    {m.owner.id === me.user.id && <span className="cell-note">you</span>}
                  </td>
                  <td className="nowrap">
                    <time dateTime={m.dueOn}>{formatDay(m.dueOn)}</time>
                  </td>
                  <td>
                    <ToneBadge tone={badge.tone}>{badge.label}</ToneBadge>
                  </td>
                  <td>{m.progress === null ? <span className="muted">owner reports</span> : <ShareBar share={m.progress} tone={m.status === 'met' ? 'ok' : m.overdue ? 'bad' : 'warn'} />}</td>
                  <td className="evidence">{m.evidence}</td>
                  {canReport && <td>{reportable(m) ? <MilestoneReport milestone={m} onReported={onReported} /> : <span className="muted">decided by data</span>}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
