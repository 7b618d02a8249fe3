import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';
import type { LedgerFilter } from './api';

/** The ledger screen's address: filters (dates as YYYY-MM-DD) and the entry shown in detail. */
export interface LedgerSearch extends Omit<LedgerFilter, 'from' | 'to'> {
  from?: string;
  to?: string;
  seq?: number;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function readLedgerSearch(search: Record<string, unknown>): LedgerSearch {
  const seq = Number(search.seq);
  const parsed: LedgerSearch = {
    action: text(search.action),
    subjectType: text(search.subjectType),
    subjectId: text(search.subjectId),
    actorId: text(search.actorId),
    from: date(search.from),
    to: date(search.to),
    seq: Number.isInteger(seq) && seq > 0 ? seq : undefined,
  };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as LedgerSearch;
}

/** The API's filter for the screen's address: whole days, in UTC. */
export const toLedgerFilter = ({ seq: _seq, from, to, ...rest }: LedgerSearch): LedgerFilter => ({
  ...rest,
  from: from ? `${from}T00:00:00.000Z` : undefined,
  to: to ? `${to}T23:59:59.999Z` : undefined,
});

const ledgerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/ledger',
  validateSearch: readLedgerSearch,
  beforeLoad: requirePermission('ledger:read'),
  component: lazyRouteComponent(() => import('./LedgerPage'), 'LedgerPage'),
});

export const ledgerRoutes = [ledgerRoute];
