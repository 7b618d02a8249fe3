import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { UseCaseName } from '../reviews/UseCaseName';
import { Empty, ErrorState, Loading } from '../shell/states';
import { openIncidents } from './api';
import { sortIncidents } from './figures';
import { IncidentHeadline, IncidentSince } from './IncidentHeadline';

const SHOWN = 5;

/** Incidents still being worked, the most severe first, with what contains their use case. */
export function OpenIncidents() {
  const open = useQuery(openIncidents);
  if (open.isPending) return <Loading label="Loading the open incidents" />;
  if (open.isError) return <ErrorState error={open.error} retry={() => open.refetch()} />;
  const items = sortIncidents(open.data);
  return (
    <>
      {!items.length ? (
        <Empty title="No incident is open" />
      ) : (
        <>
          <p className="home-count">
            <strong>{items.length}</strong> {items.length === 1 ? 'incident is' : 'incidents are'} open.
          </p>
          <ul className="attention-list">
            {items.slice(0, SHOWN).map((i) => (
              <li key={i.id}>
                <IncidentHeadline incident={i} />
                <p className="attention-reasons">
                  <UseCaseName id={i.useCaseId} /> · <IncidentSince incident={i} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link to="/incidents" className="button">
        All incidents
      </Link>
    </>
  );
}
