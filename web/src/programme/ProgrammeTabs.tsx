import { Link } from '@tanstack/react-router';

const active = { 'aria-current': 'page', className: 'active' } as const;

/** The programme's screens: the plan with maturity and the forum's packs, the library of reusable assets, funding asks and lessons. */
export function ProgrammeTabs() {
  return (
    <nav aria-label="Programme" className="tabs">
      <Link to="/programme" className="tab" activeOptions={{ exact: true }} activeProps={active}>
        Plan, maturity and reviews
      </Link>
      <Link to="/programme/assets" className="tab" activeProps={active}>
        Asset library
      </Link>
      <Link to="/programme/forum" className="tab" activeProps={active}>
        Funding and lessons
      </Link>
    </nav>
  );
}
