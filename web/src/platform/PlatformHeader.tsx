import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useCan } from '../session/session';

const active = { 'aria-current': 'page', className: 'active' } as const;

/** The top of the platform screens: the screen's title, its actions, and the tabs between what everyone building on models reads and what only platform admins set. */
export function PlatformHeader({ title, children }: { title: string; children?: ReactNode }) {
  const canManage = useCan('catalogue:manage');
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">Platform</p>
          <h1>{title}</h1>
        </div>
        {children}
      </header>
      <nav aria-label="Platform" className="tabs">
        <Link to="/platform/models" className="tab" activeProps={active}>
          Model catalogue
        </Link>
        {canManage && (
          <Link to="/platform/gateway" className="tab" activeProps={active}>
            Gateway settings
          </Link>
        )}
      </nav>
    </>
  );
}
