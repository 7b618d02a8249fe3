import type { GatewayCall } from './types';

/** Who the application said it acted for, and whether a signed token proved it. */
export function EndUser({ endUser }: { endUser: GatewayCall['endUser'] }) {
  if (!endUser.id) return <span className="muted">Not named</span>;
  return (
    <span>
      {endUser.id}
      {endUser.role && <span className="muted"> ({endUser.role})</span>}{' '}
      <span className={`badge tone-${endUser.verified ? 'ok' : 'warn'}`}>{endUser.verified ? 'Verified' : 'Unverified'}</span>
    </span>
  );
}
