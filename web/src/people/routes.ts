import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission, signedInRoute } from '../shell/signedIn';
import { SKILL_ROLES, type PeopleFilter, type SkillRole } from './types';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The register's filters from the address, dropping anything it does not know. */
export function readPeopleSearch(search: Record<string, unknown>): PeopleFilter {
  const parsed: PeopleFilter = {
    q: text(search.q),
    skillRole: (SKILL_ROLES as readonly unknown[]).includes(search.skillRole) ? (search.skillRole as SkillRole) : undefined,
    teamId: text(search.teamId),
    valueStreamId: text(search.valueStreamId),
    workGroup: text(search.workGroup),
  };
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as PeopleFilter;
}

/** The adoption window of the Change tab, in days. */
export const ADOPTION_WINDOWS = [7, 30, 90] as const;
export interface ChangeSearch {
  days?: (typeof ADOPTION_WINDOWS)[number];
}
export const readChangeSearch = (search: Record<string, unknown>): ChangeSearch => {
  const days = ADOPTION_WINDOWS.find((d) => d !== 30 && String(d) === String(search.days));
  return days ? { days } : {};
};

const peopleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/people',
  validateSearch: readPeopleSearch,
  beforeLoad: requirePermission('people:read'),
  component: lazyRouteComponent(() => import('./PeoplePage'), 'PeoplePage'),
});

const personRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/people/$personId',
  beforeLoad: requirePermission('people:read'),
  component: lazyRouteComponent(() => import('./PersonPage'), 'PersonPage'),
});

const changeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/use-cases/$useCaseId/change',
  validateSearch: readChangeSearch,
  beforeLoad: requirePermission('people:read'),
  component: lazyRouteComponent(() => import('./ChangePage'), 'ChangePage'),
});

export const peopleRoutes = [peopleRoute, personRoute, changeRoute];
