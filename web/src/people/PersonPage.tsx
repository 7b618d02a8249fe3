import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useCan, useMe } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { person as personQuery, skillItems, skillPaths } from './api';
import { EditPersonForm } from './EditPersonForm';
import { ToneBadge } from './Figures';
import { LabAttempts } from './LabAttempts';
import { PathCard } from './PathCard';
import { RecordCompletionForm } from './RecordCompletionForm';
import { skillRoleLabel } from './skilling';
import './people.css';

const route = getRouteApi('/signed-in/people/$personId');

/** One person of the register: do they hold what their role requires, what lapses when, and their applied labs. */
export function PersonPage() {
  const { personId } = route.useParams();
  const me = useMe();
  const canManage = useCan('people:manage');
  const detail = useQuery(personQuery(personId));
  const items = useQuery(skillItems);
  const paths = useQuery(skillPaths);
  const [said, setSaid] = useState('');
  const [editing, setEditing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const now = new Date();

  if (detail.isPending) return <Loading label="Loading the person" />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const p = detail.data;
  const isSelf = p.userId === me.user.id;
  const required = p.paths.filter((x) => x.required);
  const others = p.paths.filter((x) => !x.required);
  const card = (x: (typeof p.paths)[number]) => (
    <PathCard key={x.pathId} progress={x} path={paths.data?.find((s) => s.id === x.pathId)} items={items.data ?? []} completions={p.completions} labs={p.labAttempts} now={now} />
  );
  const completions = [...p.completions].sort((a, b) => b.completedAt.localeCompare(a.completedAt));
  const titleOf = (slug: string) => items.data?.find((i) => i.slug === slug)?.title ?? slug;

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/people">People</Link>
          </p>
          <h1>{p.name}</h1>
          <p>
            {p.covered ? <ToneBadge tone="ok">Holds every required path</ToneBadge> : <ToneBadge tone="bad">Does not hold every required path</ToneBadge>}
          </p>
        </div>
      </header>
      <div aria-live="polite">
        {said && (
          <p className="notice notice-success" role="status">
            {said}
          </p>
        )}
      </div>
      {editing && (
        <EditPersonForm
          person={p}
          onSaved={(message) => {
            setEditing(false);
            setSaid(message);
            requestAnimationFrame(() => opener.current?.focus());
          }}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        />
      )}
      {!editing && (
        <section className="panel" aria-labelledby="person-facts">
          <div className="panel-head">
            <h2 id="person-facts" className={canManage ? undefined : 'visually-hidden'}>
              Who {p.name} is
            </h2>
            {canManage && (
              <button
                type="button"
                className="button"
                ref={opener}
                onClick={() => {
                  setSaid('');
                  setEditing(true);
                }}
              >
                Edit role and placement
              </button>
            )}
          </div>
          <dl className="facts">
            <dt>Skill role</dt>
            <dd>{skillRoleLabel(p.skillRole)}</dd>
            <dt>Team</dt>
            <dd>{p.team?.name ?? '—'}</dd>
            <dt>Value stream</dt>
            <dd>{p.valueStream?.name ?? '—'}</dd>
            <dt>Work group</dt>
            <dd>{p.workGroup ?? '—'}</dd>
            <dt>Charter member</dt>
            <dd>{p.userId ? (p.email ?? 'yes') : 'no (an end user of a use case)'}</dd>
          </dl>
        </section>
      )}

      <section className="panel" aria-labelledby="paths-title">
        <h2 id="paths-title">Required paths</h2>
        {items.isError && <ErrorState error={items.error} retry={() => items.refetch()} />}
        {paths.isError && <ErrorState error={paths.error} retry={() => paths.refetch()} />}
        {required.length ? <div className="path-grid">{required.map(card)}</div> : <Empty title={`${skillRoleLabel(p.skillRole)}s have no required path`} />}
        {others.length > 0 && (
          <details className="other-paths">
            <summary>Other paths ({others.length}), which policy packs may require of approvers and key holders</summary>
            <div className="path-grid">{others.map(card)}</div>
          </details>
        )}
      </section>

      {(canManage || isSelf) && items.data && <RecordCompletionForm person={p} items={items.data} onRecorded={(title) => setSaid(`Recorded ${title} for ${p.name}.`)} />}

      <section className="panel" aria-labelledby="labs-title">
        <h2 id="labs-title">Applied labs</h2>
        {p.labAttempts.length ? (
          <LabAttempts attempts={p.labAttempts} items={items.data ?? []} learnerUserId={p.userId} me={me.user.id} canReview={canManage} onDecided={setSaid} />
        ) : (
          <Empty title="No lab attempts yet">
            <p>A lab practises a task on a real use case and counts once a reviewer signs it off.</p>
          </Empty>
        )}
      </section>

      <section className="panel" aria-labelledby="completions-title">
        <h2 id="completions-title">Completions</h2>
        {completions.length ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Completions of ${p.name}`}>
            <table className="table">
              <caption className="visually-hidden">Completions of {p.name}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {completions.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{titleOf(c.itemSlug)}</th>
                    <td>
                      <time dateTime={c.completedAt}>{formatDate(c.completedAt)}</time>
                    </td>
                    <td>{c.expiresAt ? <time dateTime={c.expiresAt}>{formatDate(c.expiresAt)}</time> : 'Never'}</td>
                    <td>{c.evidence || <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty title="Nothing completed yet" />
        )}
      </section>
    </>
  );
}
