import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { members, valueStreams } from './api';
import type { PortfolioSearch } from './routes';
import { capitalise, STAGES, TIERS } from './vocabulary';

/** Filters by value stream, owner, stage, risk tier, title text and orphan flag; they live in the address so views can be shared. */
export function PortfolioFilters({ search }: { search: PortfolioSearch }) {
  const navigate = useNavigate({ from: '/portfolio' });
  const streams = useQuery(valueStreams);
  const people = useQuery(members);
  const [q, setQ] = useState(search.q ?? '');
  const set = (patch: Partial<PortfolioSearch>) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  useEffect(() => setQ(search.q ?? ''), [search.q]);
  useEffect(() => {
    const typed = q.trim() || undefined;
    if (typed === search.q) return;
    const timer = setTimeout(() => set({ q: typed }), 250);
    return () => clearTimeout(timer);
  }, [q, search.q]); // eslint-disable-line react-hooks/exhaustive-deps -- `set` is rebuilt each render

  const filtered = Boolean(search.stage || search.tier || search.valueStreamId || search.ownerId || search.q || search.orphaned);
  return (
    <form className="filters" role="search" aria-label="Filter the portfolio" onSubmit={(e) => e.preventDefault()}>
      <label className="field field-inline">
        <span className="field-label">Title</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search titles" />
      </label>
      <label className="field field-inline">
        <span className="field-label">Value stream</span>
        <select value={search.valueStreamId ?? ''} onChange={(e) => set({ valueStreamId: e.target.value || undefined })} disabled={!streams.data}>
          <option value="">All</option>
          {streams.data?.map((vs) => (
            <option key={vs.id} value={vs.id}>
              {vs.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span className="field-label">Owner</span>
        <select value={search.ownerId ?? ''} onChange={(e) => set({ ownerId: e.target.value || undefined })} disabled={!people.data}>
          <option value="">Anyone</option>
          {people.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span className="field-label">Stage</span>
        <select value={search.stage ?? ''} onChange={(e) => set({ stage: (e.target.value || undefined) as PortfolioSearch['stage'] })}>
          <option value="">All</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {capitalise(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span className="field-label">Risk tier</span>
        <select value={search.tier ?? ''} onChange={(e) => set({ tier: (e.target.value || undefined) as PortfolioSearch['tier'] })}>
          <option value="">All</option>
          {TIERS.map((t) => (
            <option key={t} value={t}>
              {capitalise(t)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={Boolean(search.orphaned)} onChange={(e) => set({ orphaned: e.target.checked || undefined })} />
        Orphaned only
      </label>
      {filtered && (
        <button type="button" className="button button-quiet" onClick={() => navigate({ search: { view: search.view }, replace: true })}>
          Clear filters
        </button>
      )}
      {(streams.isError || people.isError) && (
        <p role="alert" className="field-error">
          Some filter choices could not be loaded: {(streams.error ?? people.error)?.message}
        </p>
      )}
    </form>
  );
}
