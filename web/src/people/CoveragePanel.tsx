import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorState, Loading } from '../shell/states';
import { skillingCoverage } from './api';
import { Figure, ShareBar } from './Figures';
import { coverageTone, percent, skillRoleLabel } from './skilling';
import type { CoverageRow, PeopleFilter, SkillingCoverage, SkillRole } from './types';

const GROUPINGS = [
  { key: 'byRole', label: 'Skill role', filter: (k: string): PeopleFilter => ({ skillRole: k as SkillRole }) },
  { key: 'byTeam', label: 'Team', filter: (k: string): PeopleFilter => ({ teamId: k }) },
  { key: 'byValueStream', label: 'Value stream', filter: (k: string): PeopleFilter => ({ valueStreamId: k }) },
  { key: 'byWorkGroup', label: 'Work group', filter: (k: string): PeopleFilter => ({ workGroup: k }) },
] as const satisfies readonly { key: keyof SkillingCoverage; label: string; filter: (k: string) => PeopleFilter }[];
type Grouping = (typeof GROUPINGS)[number]['key'];

const rowName = (grouping: Grouping, row: CoverageRow) => (grouping === 'byRole' ? skillRoleLabel(row.key ?? row.name) : row.name);

/** Who holds the paths their role requires: overall, then by role, team, value stream or work group. */
export function CoveragePanel() {
  const coverage = useQuery(skillingCoverage);
  const [grouping, setGrouping] = useState<Grouping>('byRole');
  const chosen = GROUPINGS.find((g) => g.key === grouping)!;

  return (
    <section className="panel" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Skilling coverage</h2>
      <p className="muted">A person is covered when they hold every path their skill role requires. Refreshers fall due 30 days before a module expires.</p>
      {coverage.isPending && <Loading label="Loading skilling coverage" />}
      {coverage.isError && <ErrorState error={coverage.error} retry={() => coverage.refetch()} />}
      {coverage.isSuccess && (
        <>
          <dl className="figures" aria-label="Coverage of the whole register">
            <Figure label="Covered" value={percent(coverage.data.overall.coverage)} tone={coverageTone(coverage.data.overall.coverage)} />
            <Figure label="People covered" value={`${coverage.data.overall.covered} of ${coverage.data.overall.people}`} />
            <Figure label="Refreshers due" value={String(coverage.data.overall.refresherDue)} tone={coverage.data.overall.refresherDue ? 'warn' : undefined} />
            <Figure label="Expired required path" value={String(coverage.data.overall.expired)} tone={coverage.data.overall.expired ? 'bad' : undefined} />
          </dl>
          <div className="group-switch" role="group" aria-label="Coverage by">
            <span className="muted">By</span>
            {GROUPINGS.map((g) => (
              <button key={g.key} type="button" className={`button${g.key === grouping ? ' button-primary' : ''}`} aria-pressed={g.key === grouping} onClick={() => setGrouping(g.key)}>
                {g.label.toLowerCase()}
              </button>
            ))}
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Coverage by ${chosen.label.toLowerCase()}`}>
            <table className="table coverage-table">
              <caption className="visually-hidden">Skilling coverage by {chosen.label.toLowerCase()}, largest group first</caption>
              <thead>
                <tr>
                  <th scope="col">{chosen.label}</th>
                  <th scope="col" className="num">
                    People
                  </th>
                  <th scope="col" className="num">
                    Covered
                  </th>
                  <th scope="col">Coverage</th>
                  <th scope="col" className="num">
                    Refreshers due
                  </th>
                  <th scope="col" className="num">
                    Expired
                  </th>
                </tr>
              </thead>
              <tbody>
                {coverage.data[grouping].map((row) => (
                  <tr key={row.key ?? '(none)'}>
                    <th scope="row">
                      {row.key && row.people > 0 ? (
                        <Link to="/people" search={chosen.filter(row.key)}>
                          {rowName(grouping, row)}
                        </Link>
                      ) : (
                        <span className={row.key ? undefined : 'muted'}>{rowName(grouping, row)}</span>
                      )}
                    </th>
                    <td className="num">{row.people}</td>
                    <td className="num">{row.covered}</td>
                    <td>
                      <ShareBar share={row.coverage} />
                    </td>
                    <td className="num">{row.refresherDue}</td>
                    <td className="num">{row.expired}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
