import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { UseCaseName } from '../reviews/UseCaseName';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { allIncidents, incidentTimings } from './api';
import { IncidentStatusBadge, SeverityBadge } from './badges';
import { formatDuration, isOpen, sortIncidents } from './figures';
import { CONTAINMENT_TERMS } from './vocabulary';
import './measurement.css';

/** Every incident, the ones still being worked first and the most severe of those first. */
export function IncidentsPage() {
  const incidents = useQuery(allIncidents);
  const timings = useQuery(incidentTimings);
  const t = timings.data;
  const items = sortIncidents(incidents.data ?? []);
  const open = items.filter(isOpen).length;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/measurement">Measurement</Link>
          </p>
          <h1>Incidents</h1>
        </div>
      </header>
      {incidents.isPending && <Loading label="Loading the incidents" />}
      {incidents.isError && <ErrorState error={incidents.error} retry={() => incidents.refetch()} />}
      {incidents.isSuccess && !items.length && (
        <Empty title="No incidents">
          <p>Monitors open an incident when a metric reaches its alert threshold; people who work incidents open one by hand from a use case's Metrics tab.</p>
        </Empty>
      )}
      {items.length > 0 && (
        <>
          <p className="metrics-summary">
            {open ? (
              <>
                <strong>{open}</strong> {open === 1 ? 'incident is' : 'incidents are'} open, of {items.length} in all.
              </>
            ) : (
              `No incident is open; ${items.length === 1 ? 'one incident' : `${items.length} incidents`} in all, listed below.`
            )}
            {t && t.timeToMitigate.count > 0 && (
              <>
                {' '}
                Over the last 90 days, the median time to mitigate was <strong>{formatDuration(t.timeToMitigate.medianMs)}</strong> (longest {formatDuration(t.timeToMitigate.maxMs)}, {t.timeToMitigate.count}{' '}
                mitigated)
                {t.timeToResolve.count > 0 && (
                  <>
                    {' '}
                    and to resolve <strong>{formatDuration(t.timeToResolve.medianMs)}</strong>
                  </>
                )}
                .
              </>
            )}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Incidents">
            <table className="table">
              <caption className="visually-hidden">Incidents, open ones first, then by severity</caption>
              <thead>
                <tr>
                  <th scope="col">Incident</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col">Use case</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Time to mitigate</th>
                  <th scope="col">Containment</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <Link to="/incidents/$incidentId" params={{ incidentId: i.id }}>
                        {i.title}
                      </Link>
                    </th>
                    <td>
                      <SeverityBadge severity={i.severity} />
                    </td>
                    <td>
                      <IncidentStatusBadge status={i.status} />
                    </td>
                    <td>
                      <Link to="/use-cases/$useCaseId/metrics" params={{ useCaseId: i.useCaseId }}>
                        <UseCaseName id={i.useCaseId} />
                      </Link>
                    </td>
                    <td>
                      <time dateTime={i.openedAt}>{formatDateTime(i.openedAt)}</time>
                    </td>
                    <td>{i.mitigatedAt ? formatDuration(i.timeToMitigateMs) : <span className="muted">Not mitigated yet</span>}</td>
                    <td>
                      <span className={`badge tone-${CONTAINMENT_TERMS[i.control.state].tone}`}>{CONTAINMENT_TERMS[i.control.state].label}</span>
                      {i.control.rolledBack && <span className="cell-note">Release rolled back</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
