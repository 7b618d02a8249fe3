import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { UseCaseName } from '../reviews/UseCaseName';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { openIncidents } from './api';
import { IncidentStatusBadge, SeverityBadge } from './badges';
import { sortIncidents } from './figures';
import { CONTAINMENT_TERMS } from './vocabulary';

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
                <Link to="/incidents/$incidentId" params={{ incidentId: i.id }}>
                  {i.title}
                </Link>{' '}
                <SeverityBadge severity={i.severity} /> <IncidentStatusBadge status={i.status} />
                <p className="attention-reasons">
                  <UseCaseName id={i.useCaseId} /> · opened <time dateTime={i.openedAt}>{formatDateTime(i.openedAt)}</time>
                  {i.control.state !== 'normal' && ` · ${CONTAINMENT_TERMS[i.control.state].label.toLowerCase()}`}
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
