import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ToneBadge } from '../people/Figures';
import { UseCaseTitle } from '../people/UseCaseTitle';
import { useCan } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { asset as assetQuery } from './api';
import { AssetDecisionForm } from './AssetDecisionForm';
import { ASSET_STATUS, assetKindLabel } from './plan';
import '../people/people.css';
import './programme.css';

const route = getRouteApi('/signed-in/programme/assets/$assetId');

/** One asset: what it is, who keeps it, its versions, and the use cases that build on it. */
export function AssetPage() {
  const { assetId } = route.useParams();
  const detail = useQuery(assetQuery(assetId));
  const canManage = useCan('programme:manage');
  const [said, setSaid] = useState('');

  if (detail.isPending) return <Loading label="Loading the asset" />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const a = detail.data;
  const status = ASSET_STATUS[a.status];
  const isUrl = (s: string) => /^https?:\/\//.test(s);

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/programme/assets">Asset library</Link>
          </p>
          <h1>{a.name}</h1>
          <p>
            <ToneBadge tone={status.tone}>{status.label}</ToneBadge> <span className="badge">{assetKindLabel(a.kind)}</span>
          </p>
        </div>
      </header>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      <section className="panel" aria-labelledby="asset-facts-title">
        <h2 id="asset-facts-title">About</h2>
        <p>{a.description}</p>
        <dl className="facts">
          <dt>Owner</dt>
          <dd>{a.owner.name}</dd>
          <dt>Latest version</dt>
          <dd>v{a.latestVersion}</dd>
          <dt>Accepted</dt>
          <dd>{a.acceptedAt ? <time dateTime={a.acceptedAt}>{formatDate(a.acceptedAt)}</time> : 'not yet'}</dd>
          <dt>Reused by</dt>
          <dd>
            {a.reuseCount} {a.reuseCount === 1 ? 'use case' : 'use cases'}
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="asset-reuses-title">
        <h2 id="asset-reuses-title">Use cases reusing it</h2>
        {a.reuses.length ? (
          <ul className="decision-list">
            {a.reuses.map((r) => (
              <li key={r.id}>
                <UseCaseTitle id={r.useCaseId} /> uses v{r.versionNumber}
                {r.note && `: ${r.note}`}
                <span className="cell-note">
                  recorded <time dateTime={r.recordedAt}>{formatDate(r.recordedAt)}</time>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty title="No use case has recorded reusing it yet" />
        )}
      </section>
      <section className="panel" aria-labelledby="asset-versions-title">
        <h2 id="asset-versions-title">Versions</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Versions of the asset">
          <table className="table">
            <caption className="visually-hidden">Versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Where it lives</th>
                <th scope="col">Change</th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody>
              {[...a.versions].sort((x, y) => y.number - x.number).map((v) => (
                <tr key={v.number}>
                  <th scope="row">v{v.number}</th>
                  <td className="location">{isUrl(v.location) ? <a href={v.location} rel="noreferrer noopener">{v.location}</a> : <code>{v.location}</code>}</td>
                  <td>{v.changeNote}</td>
                  <td>
                    <time dateTime={v.createdAt}>{formatDate(v.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {canManage && a.status !== 'retired' && <AssetDecisionForm asset={a} onDecided={setSaid} />}
    </>
  );
}
