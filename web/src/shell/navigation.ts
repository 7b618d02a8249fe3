import type { LinkProps } from '@tanstack/react-router';

/** One entry of the main navigation, shown to those whose roles grant its permission. */
export interface NavItem {
  to: NonNullable<LinkProps['to']>;
  label: string;
  permission?: string;
}

/** The main navigation. A capability adds its screens here when its API lands. */
export const NAVIGATION: NavItem[] = [
  { to: '/', label: 'Home' },
  { to: '/portfolio', label: 'Portfolio', permission: 'usecase:read' },
  { to: '/use-cases/new', label: 'New use case', permission: 'usecase:create' },
  { to: '/intake', label: 'Intake', permission: 'usecase:create' },
  { to: '/reviews', label: 'Reviews', permission: 'review:decide' },
  { to: '/governance', label: 'Governance', permission: 'approval:decide' },
  { to: '/measurement', label: 'Measurement', permission: 'metric:read' },
  { to: '/people', label: 'People', permission: 'people:read' },
  { to: '/programme', label: 'Programme', permission: 'usecase:read' },
  { to: '/platform', label: 'Platform', permission: 'release:manage' },
  { to: '/ledger', label: 'Ledger', permission: 'ledger:read' },
];

export const visibleNavigation = (permissions: string[]): NavItem[] =>
  NAVIGATION.filter((item) => !item.permission || permissions.includes(item.permission));
