import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMs, formatUsd } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { runCasesPage } from './api';
import { CATEGORY_TITLES } from './format';
import type { RedTeamSummary } from './types';

const PAGE = 50;

/** A run's stored case results, a page at a time; for a red-team run, each attack's category and whether it succeeded. */
export function RunCases({ runId, redTeam }: { runId: string; redTeam?: RedTeamSummary }) {
  // The cursors of the pages already passed, so "Previous" returns to them.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({ ...runCasesPage(runId, cursor, PAGE), placeholderData: keepPreviousData });
  const attacks = new Map(redTeam?.results.map((r) => [r.attackId, r]));
  const first = (cursors.length - 1) * PAGE + 1;

  if (page.isPending) return <Loading label="Loading the cases" />;
  if (page.isError) return <ErrorState error={page.error} retry={() => page.refetch()} />;
  if (!page.data.items.length && cursors.length === 1) return <Empty title="No case results stored yet" />;
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Case results">
        <table className="table cases-table">
          <caption className="visually-hidden">
            Case results {first} to {first + page.data.items.length - 1}
          </caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              {redTeam && <th scope="col">Category</th>}
              {redTeam && <th scope="col">Attack</th>}
              <th scope="col">Answer</th>
              <th scope="col" className="num">
                Latency
              </th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col" className="num">
                Attempts
              </th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((c) => {
              const attack = attacks.get(c.caseId);
              return (
                <tr key={c.caseId}>
                  <th scope="row">
                    <code>{c.caseId}</code>
                  </th>
                  {redTeam && <td>{attack ? (CATEGORY_TITLES[attack.category] ?? attack.category) : '—'}</td>}
                  {redTeam && (
                    <td>{attack ? <span className={`badge ${attack.success ? 'tone-bad' : attack.error ? 'tone-muted' : 'tone-ok'}`}>{attack.success ? 'Succeeded' : attack.error ? 'Not answered' : 'Resisted'}</span> : '—'}</td>
                  )}
                  <td className="case-answer">{c.error !== null ? <span className="tone-text-bad">Failed: {c.error}</span> : (c.output ?? '')}</td>
                  <td className="num">{formatMs(c.latencyMs)}</td>
                  <td className="num">{c.costUsd === null ? '—' : formatUsd(c.costUsd)}</td>
                  <td className="num">{c.attempts}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="button-row pager" aria-label="Case pages">
        <button type="button" className="button" disabled={cursors.length === 1 || page.isFetching} onClick={() => setCursors((cs) => cs.slice(0, -1))}>
          Previous {PAGE}
        </button>
        <span className="muted" role="status">
          Cases {first.toLocaleString()}–{(first + page.data.items.length - 1).toLocaleString()}
        </span>
        <button type="button" className="button" disabled={!page.data.nextCursor || page.isFetching} onClick={() => setCursors((cs) => [...cs, page.data.nextCursor ?? undefined])}>
          Next {PAGE}
        </button>
      </nav>
    </>
  );
}
