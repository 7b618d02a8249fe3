import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToneBadge } from '../people/Figures';
import { members } from '../portfolio/api';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { fundingAsks } from './api';
import { FUNDING_STATUS, money, openTotals } from './forum';
import { ForumUseCase } from './ForumUseCase';
import { FUNDING_STATUSES, type FundingStatus } from './types';

/** Funding asks and where they stand, with what is still open per currency; of one use case, or of the whole portfolio. */
export function FundingAsksPanel({ useCaseId, children }: { useCaseId?: string; children?: ReactNode }) {
  const [status, setStatus] = useState<FundingStatus | ''>('');
  const asks = useQuery(fundingAsks({ useCaseId, status: status || undefined }));
  const all = useQuery(fundingAsks({ useCaseId }));
  const people = useQuery(members);
  const nameOf = (id: string) => people.data?.find((m) => m.id === id)?.name ?? id;
  const totals = openTotals(all.data ?? []);
  const filterId = useCaseId ? 'asks-status-one' : 'asks-status';

  return (
    <section className="panel" aria-labelledby="funding-asks-title">
      <div className="panel-head">
        <h2 id="funding-asks-title">Funding asks</h2>
        <div className="window-picker">
          <label htmlFor={filterId}>Status</label>
          <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as FundingStatus | '')}>
            <option value="">Every status</option>
            {FUNDING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {FUNDING_STATUS[s].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {all.isSuccess && (
        <p className="muted" role="status">
          {totals.length ? `Open: ${totals.map((t) => `${money(t.amount, t.currency)} in ${t.asks} ${t.asks === 1 ? 'ask' : 'asks'}`).join('; ')}.` : 'Nothing is waiting for the forum.'}
        </p>
      )}
      {asks.isPending && <Loading label="Loading the funding asks" />}
      {asks.isError && <ErrorState error={asks.error} retry={() => asks.refetch()} />}
      {asks.isSuccess && !asks.data.length && <Empty title={status ? `No ${FUNDING_STATUS[status].label.toLowerCase()} funding ask` : 'No funding ask yet'} />}
      {asks.isSuccess && asks.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Funding asks, oldest first">
          <table className="table">
            <caption className="visually-hidden">Funding asks, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Asked</th>
                {!useCaseId && <th scope="col">Use case</th>}
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Purpose</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {asks.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <time dateTime={a.requestedAt}>{formatDate(a.requestedAt)}</time>
                    <span className="cell-note">by {nameOf(a.requestedBy)}</span>
                  </th>
                  {!useCaseId && (
                    <td>
                      <ForumUseCase id={a.useCaseId} />
                    </td>
                  )}
                  <td className="num">{money(a.amount, a.currency)}</td>
                  <td>{a.purpose}</td>
                  <td>
                    <ToneBadge tone={FUNDING_STATUS[a.status].tone}>{FUNDING_STATUS[a.status].label}</ToneBadge>
                    {a.decidedAt && (
                      <span className="cell-note">
                        <time dateTime={a.decidedAt}>{formatDate(a.decidedAt)}</time>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </section>
  );
}
