import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Refusal } from '../forms/Refusal';
import { TierBadge } from '../portfolio/badges';
import { capitalise, type Tier } from '../portfolio/vocabulary';
import { useCan } from '../session/session';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { currentPacks, packDiff, packVersion, packVersions, useForkPack } from './api';
import { PackEditor } from './PackEditor';
import { changeValue, packsByTier, versionName } from './packs';
import type { PackVersion, PackVersionSummary } from './types';
import './governance.css';

const route = getRouteApi('/signed-in/governance/policy-packs');
const STATUS_TONES = { draft: 'warn', published: 'ok', discarded: 'muted' } as const;

/** The packs that govern each tier: the version new screenings bind to, the tenant's own versions, and what each changes. */
export function PolicyPacksPage() {
  const search = route.useSearch();
  const current = useQuery(currentPacks);
  const versions = useQuery(packVersions);
  const canManage = useCan('policy:manage');
  const navigate = useNavigate();
  const fork = useForkPack();
  const [forking, setForking] = useState<Tier>();

  const startDraft = (tier: Tier, sourceId?: string) => {
    setForking(tier);
    fork.mutate(sourceId ? { sourceId } : { tier }, { onSuccess: (draft) => void navigate({ to: '/governance/policy-packs', search: { version: draft.id } }) });
  };

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/governance">Governance</Link>
          </p>
          <h1>Policy packs</h1>
        </div>
      </header>
      <p className="muted">
        A use case's tier decides, through its pack, what it must show before each stage. Publishing a version does not move existing use cases: they keep theirs until re-screened or
        re-bound.
      </p>
      <section className="panel" aria-labelledby="tiers-title">
        <h2 id="tiers-title">By tier</h2>
        {fork.isError && <Refusal error={fork.error} title={`No draft was started for the ${forking} tier`} />}
        {(current.isPending || versions.isPending) && <Loading label="Loading the policy packs" />}
        {current.isError && <ErrorState error={current.error} retry={() => current.refetch()} />}
        {versions.isError && <ErrorState error={versions.error} retry={() => versions.refetch()} />}
        {current.isSuccess && versions.isSuccess && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Policy packs by tier">
            <table className="table packs-table">
              <caption className="visually-hidden">Policy packs by tier, with the tenant's versions</caption>
              <thead>
                <tr>
                  <th scope="col">Tier</th>
                  <th scope="col">New screenings bind to</th>
                  <th scope="col">Your versions</th>
                  {canManage && <th scope="col">Change it</th>}
                </tr>
              </thead>
              <tbody>
                {packsByTier(current.data, versions.data).map((g) => {
                  const source = versions.data.find((v) => v.ref === g.current);
                  return (
                    <tr key={g.tier}>
                      <th scope="row">
                        <TierBadge tier={g.tier} />
                      </th>
                      <td>
                        <code>{g.current}</code>
                        {g.current.endsWith('@default') && <span className="cell-note">the pack Charter ships</span>}
                      </td>
                      <td>
                        {g.versions.length === 0 ? (
                          <span className="muted">None: Charter's default governs</span>
                        ) : (
                          <ul className="plain-list pack-versions">
                            {g.versions.map((v) => (
                              <li key={v.id}>
                                <Link to="/governance/policy-packs" search={{ version: v.id }} aria-current={search.version === v.id ? 'true' : undefined}>
                                  {versionName(v)}
                                </Link>{' '}
                                <span className={`badge tone-${STATUS_TONES[v.status]}`}>{capitalise(v.status)}</span>
                                <span className="cell-note">
                                  {v.author.name}, <time dateTime={v.updatedAt}>{formatDateTime(v.updatedAt)}</time>
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {canManage && (
                        <td>
                          <button type="button" className="button" disabled={fork.isPending} onClick={() => startDraft(g.tier, source?.id)}>
                            Start a draft<span className="visually-hidden"> of the {g.tier} pack</span> from <code>{g.current}</code>
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {search.version ? (
        <VersionPanel id={search.version} against={search.against} versions={versions.data ?? []} canManage={canManage} />
      ) : (
        <p className="panel muted">Choose a version to see what it changes{canManage ? ', or start a draft of a tier' : ''}.</p>
      )}
    </>
  );
}

function VersionPanel({ id, against, versions, canManage }: { id: string; against?: string; versions: PackVersionSummary[]; canManage: boolean }) {
  const version = useQuery(packVersion(id));
  return (
    <section className="panel" aria-labelledby="version-title">
      {version.isPending && <Loading label="Loading the version" />}
      {version.isError && <ErrorState error={version.error} retry={() => version.refetch()} />}
      {version.isSuccess && (
        <>
          <h2 id="version-title">
            {versionName(version.data)} <span className={`badge tone-${STATUS_TONES[version.data.status]}`}>{capitalise(version.data.status)}</span>
          </h2>
          <dl className="facts">
            <dt>Tier</dt>
            <dd>
              <TierBadge tier={version.data.tier} />
            </dd>
            <dt>Forked from</dt>
            <dd>
              <code>{version.data.basedOn}</code>
            </dd>
            <dt>Author</dt>
            <dd>
              {version.data.author.name}, <time dateTime={version.data.createdAt}>{formatDateTime(version.data.createdAt)}</time>
            </dd>
            {version.data.publishedAt && (
              <>
                <dt>Published</dt>
                <dd>
                  <time dateTime={version.data.publishedAt}>{formatDateTime(version.data.publishedAt)}</time>
                </dd>
              </>
            )}
            <dt>Content hash</dt>
            <dd className="hash">
              <code>{version.data.contentHash}</code>
            </dd>
          </dl>
          <DiffView version={version.data} against={against} versions={versions} />
          {canManage && version.data.status === 'draft' && <PackEditor key={version.data.id} draft={version.data} />}
        </>
      )}
    </section>
  );
}

function DiffView({ version, against, versions }: { version: PackVersion; against?: string; versions: PackVersionSummary[] }) {
  const navigate = useNavigate();
  const diff = useQuery(packDiff(version.id, against));
  const tiers = ['prohibited', 'critical', 'high', 'limited', 'minimal'];
  const choices = [...tiers.map((t) => `${t}@default`), ...versions.filter((v) => v.id !== version.id && v.status !== 'discarded').map((v) => v.ref ?? v.id)];
  const chosen = against ?? version.basedOn;
  return (
    <section aria-labelledby="diff-title">
      <h3 id="diff-title">What it changes</h3>
      <label className="field diff-against">
        <span className="field-label">Compared against</span>
        <select value={chosen} onChange={(e) => void navigate({ to: '/governance/policy-packs', search: { version: version.id, against: e.target.value }, replace: true })}>
          {!choices.includes(chosen) && <option value={chosen}>{chosen}</option>}
          {choices.map((c) => (
            <option key={c} value={c}>
              {versions.find((v) => v.id === c) ? versionName(versions.find((v) => v.id === c)!) : c}
              {c === version.basedOn ? ' (forked from)' : ''}
            </option>
          ))}
        </select>
      </label>
      {diff.isPending && <Loading label="Comparing the versions" />}
      {diff.isError && <ErrorState error={diff.error} retry={() => diff.refetch()} />}
      {diff.isSuccess && !diff.data.changes.length && <Empty title={`No changes from ${diff.data.from}`} />}
      {diff.isSuccess && diff.data.changes.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Changes from ${diff.data.from} to ${diff.data.to}`}>
          <table className="table diff-table">
            <caption>
              {diff.data.changes.length} {diff.data.changes.length === 1 ? 'change' : 'changes'} from <code>{diff.data.from}</code> to <code>{diff.data.to}</code>
            </caption>
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Change</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {diff.data.changes.map((c, i) => (
                <tr key={`${c.path}-${i}`}>
                  <th scope="row">
                    <code>{c.path}</code>
                  </th>
                  <td>{capitalise(c.kind)}</td>
                  <td>
                    <code className="diff-value">{changeValue(c.before)}</code>
                  </td>
                  <td>
                    <code className="diff-value">{changeValue(c.after)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
