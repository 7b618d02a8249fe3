import type { UseCase } from './types';
import { capitalise } from './vocabulary';

function List({ items, none }: { items: string[]; none: string }) {
  if (!items.length) return <p className="muted">{none}</p>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** What data the use case handles, and who it affects. */
export function DataClassesPanel({ useCase: uc }: { useCase: UseCase }) {
  return (
    <section className="panel" aria-labelledby="data-title">
      <h2 id="data-title">Data and people</h2>
      <dl className="facts">
        <dt>Sensitivity</dt>
        <dd>
          <span className={`badge sensitivity-${uc.dataClasses.sensitivity}`}>{capitalise(uc.dataClasses.sensitivity)}</span>
        </dd>
        <dt>Categories</dt>
        <dd>{uc.dataClasses.categories.length ? uc.dataClasses.categories.map(capitalise).join(', ') : 'None declared'}</dd>
        <dt>Affected</dt>
        <dd>
          {uc.affectedUsers.length
            ? uc.affectedUsers.map((g) => `${g.group} (${g.headcount.toLocaleString()})`).join(', ')
            : 'No groups recorded'}
        </dd>
      </dl>
    </section>
  );
}

/** Whether the use case is ready to run: its data sources, where people oversee it, and how to roll it back. */
export function ReadinessPanel({ useCase: uc }: { useCase: UseCase }) {
  const r = uc.readiness;
  return (
    <section className="panel" aria-labelledby="readiness-title">
      <h2 id="readiness-title">Readiness</h2>
      <h3>Data sources</h3>
      <List items={r.dataSources} none="None recorded" />
      <h3>Human oversight</h3>
      <List items={r.humanOversight} none="None recorded" />
      <h3>Rollback plan</h3>
      <p className={r.rollbackPlan ? undefined : 'muted'}>{r.rollbackPlan || 'None recorded'}</p>
    </section>
  );
}
