import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { roleLabel } from '../session/roles';
import { useMe, useSignOut } from '../session/session';
import { TenantSwitcher } from '../session/TenantSwitcher';
import { visibleNavigation } from './navigation';
import './shell.css';

/** The frame around every signed-in screen: who you are, where you are, and where you may go. */
export function AppShell() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const leave = () => signOut.mutate(undefined, { onSettled: () => navigate({ to: '/sign-in' }) });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <Link to="/" className="brand" aria-label="Charter home">
          <span className="brand-mark" aria-hidden="true">◆</span> Charter
        </Link>
        <nav aria-label="Main" className="shell-nav">
          {visibleNavigation(me.permissions).map((item) => (
            <Link key={item.to} to={item.to} className="nav-link" activeOptions={{ exact: item.to === '/' }} activeProps={{ 'aria-current': 'page', className: 'active' }}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="shell-account">
          <TenantSwitcher />
          <div className="account-who">
            <span className="account-name">{me.user.name}</span>
            <span className="account-roles">{me.roles.map(roleLabel).join(', ')}</span>
          </div>
          <button type="button" className="button button-quiet" onClick={leave} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
