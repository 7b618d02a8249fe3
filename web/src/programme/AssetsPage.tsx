import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { Figure, ToneBadge } from '../people/Figures';
import { percent } from '../people/skilling';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { assetPages, reuseSummary } from './api';
import { ASSET_STATUS, assetKindLabel } from './plan';
import { ProgrammeTabs } from './ProgrammeTabs';
import { ASSET_KINDS, ASSET_STATUSES, type AssetFilter, type AssetKind, type AssetStatus } from './types';
import '../people/people.css';
import './programme.css';

const route = getRouteApi('/signed-in/programme/assets');

/** Are teams building on what exists? Reuse across the live portfolio, then the library itself. */
export function AssetsPage() {
  const filter = route.useSearch();
  const navigate = useNavigate();
  const summary = useQuery(reuseSummary);
  const pages = useInfiniteQuery(assetPages(filter));
  const assets = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (next: AssetFilter) => navigate({ to: '/programme/assets', search: Object.fromEntries(Object.entries({ ...filter, ...next }).filter(([, v]) => v)) });

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Asset library</h1>
          <p className="muted">Prompt templates, evaluation sets, policy packs, integration patterns, training kits and approval workflows that use cases reuse instead of rebuilding.</p>
        </div>
      </div>
      <ProgrammeTabs />
      <section className="panel" aria-labelledby="reuse-title">
        <h2 id="reuse-title">Reuse</h2>
        {summary.isPending && <Loading label="Loading reuse" />}
        {summary.isError && <ErrorState error={summary.error} retry={() => summary.refetch()} />}
        {summary.data && (
          <dl className="figures" aria-label="Reuse across the portfolio">
            <Figure label="Live use cases reusing an asset" value={percent(summary.data.reuseRate)} tone={summary.data.reuseRate === null ? undefined : summary.data.reuseRate >= 0.3 ? 'ok' : 'warn'} />
            <Figure label="Of live use cases" value={`${summary.data.liveUseCasesReusing} of ${summary.data.liveUseCases}`} />
            <Figure label="Assets (accepted)" value={`${summary.data.assets} (${summary.data.accepted})`} />
            <Figure label="Reuses recorded" value={String(summary.data.reuses)} />
          </dl>
        )}
      </section>
      <section className="panel" aria-labelledby="library-title">
        <h2 id="library-title">Library</h2>
        <div className="register-filters" role="group" aria-label="Filter the library">
          <div className="field">
            <label className="field-label" htmlFor="asset-kind">
              Kind
            </label>
            <select id="asset-kind" value={filter.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as AssetKind | undefined })}>
              <option value="">Every kind</option>
              {ASSET_KINDS.map((k) => (
                <option key={k} value={k}>
                  {assetKindLabel(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="asset-status">
              Status
            </label>
            <select id="asset-status" value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as AssetStatus | undefined })}>
              <option value="">Every status</option>
              {ASSET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ASSET_STATUS[s].label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {pages.isPending && <Loading label="Loading the library" />}
        {pages.isError && <ErrorState error={pages.error} retry={() => pages.refetch()} />}
        {pages.isSuccess && !assets.length && (
          <Empty title={Object.keys(filter).length ? 'No asset matches these filters' : 'The library is empty'}>
            {!Object.keys(filter).length && <p>Anyone who creates use cases can propose an asset with its first version (POST /api/v1/assets); a programme manager accepts it.</p>}
          </Empty>
        )}
        {assets.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Assets of the library">
            <table className="table">
              <caption className="visually-hidden">Assets of the library, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Asset</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Status</th>
                  <th scope="col">Version</th>
                  <th scope="col">Reused by</th>
                </tr>
              </thead>
              <tbody>
                {assets.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to="/programme/assets/$assetId" params={{ assetId: a.id }}>
                        {a.name}
                      </Link>
                      <span className="cell-note">{a.description}</span>
                    </th>
                    <td>{assetKindLabel(a.kind)}</td>
                    <td>{a.owner.name}</td>
                    <td>
                      <ToneBadge tone={ASSET_STATUS[a.status].tone}>{ASSET_STATUS[a.status].label}</ToneBadge>
                      {a.acceptedAt && a.status === 'accepted' && (
                        <span className="cell-note">
                          since <time dateTime={a.acceptedAt}>{formatDate(a.acceptedAt)}</time>
                        </span>
                      )}
                    </td>
                    <td>v{a.latestVersion}</td>
                    <td>
                      {a.reuseCount} {a.reuseCount === 1 ? 'use case' : 'use cases'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages.hasNextPage && (
          <button type="button" className="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Show more assets'}
          </button>
        )}
      </section>
    </>
  );
}
