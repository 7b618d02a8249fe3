import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { modelEndpoints } from '../platform/api';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { capitalise } from '../portfolio/vocabulary';
import { releases } from '../releases/api';
import { formatMoment, formatMs, formatTime, formatUsd } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { gatewayCalls } from './api';
import { CallDetail } from './CallDetail';
import { Decisions } from './Decisions';
import { EndUser } from './EndUser';
import { newCalls } from './newCalls';
import { OUTCOMES, outcomeOf } from './vocabulary';
import './gateway.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/traffic');
const REFRESH_MS = 3000;

/** A use case's gateway calls as they happen: newest first, read again every few seconds, each with its policy decisions. */
export function TrafficPage() {
  const { useCaseId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [live, setLive] = useState(true);
  const calls = useInfiniteQuery({ ...gatewayCalls(useCaseId, search.outcome), refetchInterval: live ? REFRESH_MS : false });
  const endpoints = useQuery(modelEndpoints);
  const rels = useQuery(releases(useCaseId));
  const items = calls.data?.pages.flatMap((p) => p.items) ?? [];

  // Arrivals are announced politely, once per refresh that brings any; a new filter starts afresh.
  const filter = search.outcome ?? '';
  const newest = useRef<{ filter: string; id: string } | undefined>(undefined);
  const [arrived, setArrived] = useState('');
  const first = items[0]?.id;
  useEffect(() => {
    if (!first) return;
    const count = newCalls(items, newest.current?.filter === filter ? newest.current.id : undefined);
    if (count > 0) setArrived(`${count} new call${count === 1 ? '' : 's'} at ${formatTime(new Date().toISOString())}`);
    newest.current = { filter, id: first };
    // Only a new newest call matters here; `items` changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, filter]);

  const releaseName = (id: string | null) => (id ? (rels.data?.items.find((r) => r.id === id)?.name ?? id) : 'None');
  const endpointName = (id: string | null) => (id ? (endpoints.data?.find((e) => e.id === id)?.name ?? id) : 'None');
  const show = (patch: { outcome?: string; call?: string }) => navigate({ to: '/use-cases/$useCaseId/traffic', params: { useCaseId }, search: { ...search, ...patch }, replace: true });

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Live traffic" />
      <div className="traffic-controls">
        <label className="field">
          <span className="field-label">Outcome</span>
          <select value={search.outcome ?? ''} onChange={(e) => show({ outcome: e.target.value || undefined, call: undefined })}>
            <option value="">All outcomes</option>
            {Object.entries(OUTCOMES).map(([value, o]) => (
              <option key={value} value={value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => setLive((l) => !l)}>
          {live ? 'Pause live updates' : 'Resume live updates'}
        </button>
        <p className="muted traffic-freshness">
          {live ? `Live: read every ${REFRESH_MS / 1000} seconds` : 'Paused'}
          {calls.dataUpdatedAt > 0 && `, last at ${formatTime(new Date(calls.dataUpdatedAt).toISOString())}`}
          {calls.isRefetching && ' (reading…)'}
        </p>
        <p className="visually-hidden" role="status">
          {arrived}
        </p>
      </div>
      <div className={search.call ? 'traffic-layout with-detail' : 'traffic-layout'}>
        <div className="traffic-main">
          {calls.isPending && <Loading label="Loading the calls" />}
          {calls.isError && <ErrorState error={calls.error} retry={() => calls.refetch()} />}
          {calls.isSuccess && !items.length && (
            <Empty title={search.outcome ? `No ${outcomeOf(search.outcome).label.toLowerCase()} calls yet` : 'No calls yet'}>
              <p>
                Calls appear here within seconds of reaching the gateway. An application needs a{' '}
                <Link to="/use-cases/$useCaseId/keys" params={{ useCaseId }}>
                  gateway key
                </Link>{' '}
                and an active release.
              </p>
            </Empty>
          )}
          {items.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Gateway calls">
              <table className="table traffic-table">
                <caption className="visually-hidden">Gateway calls of this use case, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Release</th>
                    <th scope="col">Latency, tokens, cost</th>
                    <th scope="col">Data found</th>
                    <th scope="col">Policy decisions</th>
                    <th scope="col">End user</th>
                    <th scope="col">Record</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id} className={c.id === search.call ? 'selected' : undefined}>
                      <td>
                        <Link
                          to="/use-cases/$useCaseId/traffic"
                          params={{ useCaseId }}
                          search={{ ...search, call: c.id }}
                          replace
                          aria-label={`Call at ${formatMoment(c.at)}: open its details`}
                        >
                          <time dateTime={c.at}>{formatMoment(c.at)}</time>
                        </Link>
                      </td>
                      <td>
                        <span className={`badge tone-${outcomeOf(c.outcome).tone}`}>{outcomeOf(c.outcome).label}</span>
                        {c.errorCode && <code className="error-code">{c.errorCode}</code>}
                      </td>
                      <td>
                        {releaseName(c.releaseId)}
                        {c.environment && <span className="cell-note">{capitalise(c.environment)}</span>}
                      </td>
                      <td className="usage">
                        {formatMs(c.latencyMs)}
                        <span className="cell-note">
                          {c.tokensIn.toLocaleString()} in · {c.tokensOut.toLocaleString()} out
                        </span>
                        <span className="cell-note">{formatUsd(c.costUsd)}</span>
                      </td>
                      <td>{c.dataClasses?.categories.length ? c.dataClasses.categories.join(', ') : <span className="muted">{c.dataClasses ? 'None' : 'Not recorded'}</span>}</td>
                      <td>
                        <Decisions decisions={c.decisions} />
                      </td>
                      <td>
                        <EndUser endUser={c.endUser} />
                      </td>
                      <td>
                        <span className={`badge tone-${c.ledgered ? 'ok' : 'muted'}`}>{c.ledgered ? 'Ledgered' : 'Not yet ledgered'}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {calls.hasNextPage && (
            <button type="button" className="button load-older" onClick={() => calls.fetchNextPage()} disabled={calls.isFetchingNextPage}>
              {calls.isFetchingNextPage ? 'Loading…' : 'Load older calls'}
            </button>
          )}
        </div>
        {search.call && (
          <aside className="traffic-side" aria-label="Call details">
            <CallDetail
              key={search.call}
              eventId={search.call}
              call={items.find((c) => c.id === search.call)}
              releaseName={releaseName}
              endpointName={endpointName}
              close={() => show({ call: undefined })}
            />
          </aside>
        )}
      </div>
    </>
  );
}
