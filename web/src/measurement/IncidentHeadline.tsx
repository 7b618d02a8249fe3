import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../shell/format';
import { IncidentStatusBadge, SeverityBadge } from './badges';
import type { Incident } from './types';
import { CONTAINMENT_TERMS } from './vocabulary';

/** An incident in a list: its title linking to it, its severity and status. */
export function IncidentHeadline({ incident: i }: { incident: Pick<Incident, 'id' | 'title' | 'severity' | 'status'> }) {
  return (
    <>
      <Link to="/incidents/$incidentId" params={{ incidentId: i.id }}>
        {i.title}
      </Link>{' '}
      <SeverityBadge severity={i.severity} /> <IncidentStatusBadge status={i.status} />
    </>
  );
}

/** When it was opened and, while it holds its use case, how. */
export function IncidentSince({ incident: i }: { incident: Pick<Incident, 'openedAt' | 'control'> }) {
  return (
    <>
      opened <time dateTime={i.openedAt}>{formatDateTime(i.openedAt)}</time>
      {i.control.state !== 'normal' && ` · ${CONTAINMENT_TERMS[i.control.state].label.toLowerCase()}`}
    </>
  );
}
