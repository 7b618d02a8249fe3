import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCan } from '../session/session';
import { PortfolioFilters } from './PortfolioFilters';
import { RankedList } from './RankedList';
import { toFilter } from './routes';
import { StageBoard } from './StageBoard';
import './portfolio.css';

const route = getRouteApi('/signed-in/portfolio');
const VIEWS = [
  { view: undefined, label: 'Ranked list' },
  { view: 'board', label: 'Board by stage' },
] as const;

/** The use-case registry at a glance: ranked by priority score, or laid out by stage. */
export function PortfolioPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/portfolio' });
  const canImport = useCan('usecase:import');
  const canCreate = useCan('usecase:create');
  const filter = toFilter(search);

  return (
    <>
      <div className="page-header">
        <h1>Portfolio</h1>
        <div className="page-actions">
          {canImport && (
            <Link to="/portfolio/import" className="button">
              Import inventory
            </Link>
          )}
          {canCreate && (
            <Link to="/use-cases/new" className="button button-primary">
              New use case
            </Link>
          )}
        </div>
      </div>
      <div className="view-switch" role="group" aria-label="Portfolio view">
        {VIEWS.map(({ view, label }) => (
          <button key={label} type="button" className="view-option" aria-pressed={search.view === view} onClick={() => navigate({ search: { ...search, view } })}>
            {label}
          </button>
        ))}
      </div>
      <PortfolioFilters search={search} />
      {search.view === 'board' ? <StageBoard filter={filter} /> : <RankedList filter={filter} />}
    </>
  );
}
