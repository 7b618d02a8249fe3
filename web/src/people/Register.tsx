import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { valueStreams } from '../portfolio/api';
import { Empty, ErrorState, Loading } from '../shell/states';
import { peoplePages, skillingCoverage } from './api';
import { ToneBadge } from './Figures';
import { skillRoleLabel } from './skilling';
import { SKILL_ROLES, type PeopleFilter, type SkillRole } from './types';

/** The filters a coverage row applied that the form does not show, named so they can be cleared. */
function useNarrowing(filter: PeopleFilter): string[] {
  const coverage = useQuery(skillingCoverage);
  const streams = useQuery(valueStreams);
  const said: string[] = [];
  if (filter.teamId) said.push(`team ${coverage.data?.byTeam.find((t) => t.key === filter.teamId)?.name ?? filter.teamId}`);
  if (filter.valueStreamId) said.push(`value stream ${streams.data?.find((v) => v.id === filter.valueStreamId)?.name ?? filter.valueStreamId}`);
  if (filter.workGroup) said.push(`work group ${filter.workGroup}`);
  return said;
}

/** The skilling register: everyone who trains, by name, with their skill role and whether they hold what it requires. */
export function Register({ filter }: { filter: PeopleFilter }) {
  const navigate = useNavigate();
  const pages = useInfiniteQuery(peoplePages(filter));
  const people = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const narrowing = useNarrowing(filter);
  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => setQ(filter.q ?? ''), [filter.q]);
  const set = (next: PeopleFilter) => navigate({ to: '/people', search: Object.fromEntries(Object.entries({ ...filter, ...next }).filter(([, v]) => v)) });
  const search = (e: FormEvent) => {
    e.preventDefault();
    void set({ q: q.trim() || undefined });
  };

  return (
    <section className="panel" aria-labelledby="register-title">
      <h2 id="register-title">Register</h2>
      <form className="register-filters" role="search" aria-label="Filter the register" onSubmit={search}>
        <div className="field">
          <label className="field-label" htmlFor="register-q">
            Name
          </label>
          <input id="register-q" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="register-role">
            Skill role
          </label>
          <select id="register-role" value={filter.skillRole ?? ''} onChange={(e) => set({ skillRole: (e.target.value || undefined) as SkillRole | undefined })}>
            <option value="">Every role</option>
            {SKILL_ROLES.map((r) => (
              <option key={r} value={r}>
                {skillRoleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {narrowing.length > 0 && (
        <p className="narrowing">
          Only people of {narrowing.join(', ')}.{' '}
          <Link to="/people" search={{ q: filter.q, skillRole: filter.skillRole }}>
            Show everyone
          </Link>
        </p>
      )}
      {pages.isPending && <Loading label="Loading the register" />}
      {pages.isError && <ErrorState error={pages.error} retry={() => pages.refetch()} />}
      {pages.isSuccess && !people.length && (
        <Empty title={Object.keys(filter).length ? 'Nobody matches these filters' : 'The register is empty'}>
          {!Object.keys(filter).length && <p>A change lead adds people to the register with the skill role they train as.</p>}
        </Empty>
      )}
      {people.length > 0 && (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="People of the register">
            <table className="table register-table">
              <caption className="visually-hidden">People of the skilling register, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Skill role</th>
                  <th scope="col">Team</th>
                  <th scope="col">Work group</th>
                  <th scope="col">Required paths</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to="/people/$personId" params={{ personId: p.id }}>
                        {p.name}
                      </Link>
                      <span className="cell-note">{p.userId ? 'Charter member' : 'End user, not a member'}</span>
                    </th>
                    <td>{skillRoleLabel(p.skillRole)}</td>
                    <td>{p.team?.name ?? <span className="muted">—</span>}</td>
                    <td>{p.workGroup ?? <span className="muted">—</span>}</td>
                    <td>{p.covered ? <ToneBadge tone="ok">Held</ToneBadge> : <ToneBadge tone="bad">Not held</ToneBadge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted register-count" role="status">
            Showing {people.length} {people.length === 1 ? 'person' : 'people'}
            {pages.hasNextPage ? '; more to show' : ''}.
          </p>
          {pages.hasNextPage && (
            <button type="button" className="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Show more people'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
