import { createRoute } from '@tanstack/react-router';
import { useMe } from '../session/session';
import { signedInRoute } from '../shell/signedIn';
import { HOME_SECTIONS } from './sections';
import './home.css';

export const homeRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/', component: HomePage });

/** "What needs me": the sections the person's roles make theirs. */
export function HomePage() {
  const me = useMe();
  const sections = HOME_SECTIONS.filter((s) => me.permissions.includes(s.permission));
  return (
    <>
      <div className="page-header">
        <h1>What needs you, {me.user.name.split(' ')[0]}</h1>
      </div>
      {sections.length === 0 && <p className="muted">Nothing here needs your roles. The portfolio shows what is under way.</p>}
      <div className="home-sections">
        {sections.map(({ id, title, component: Section, arrivesWith }) => (
          <section key={id} className="panel" aria-labelledby={`home-${id}`}>
            <h2 id={`home-${id}`}>{title}</h2>
            {Section ? <Section /> : <p className="muted coming">Not available yet: this list arrives with {arrivesWith}.</p>}
          </section>
        ))}
      </div>
    </>
  );
}
