import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading } from '../shell/states';
import { ledgerEntry } from './api';
import { compare, describeEntry } from './describe';
import { formatDateTime } from '../shell/format';

/** One entry: who did what to which subject, the state before and after, and its place in the chain. */
export function LedgerEntryDetail({ seq }: { seq: number }) {
  const entry = useQuery(ledgerEntry(seq));
  if (entry.isPending) return <Loading label={`Loading entry #${seq}`} />;
  if (entry.isError) return <ErrorState error={entry.error} retry={() => entry.refetch()} />;
  const e = entry.data;
  const rows = compare(e.before, e.after);

  return (
    <section className="panel entry-detail" aria-labelledby="entry-title">
      <h2 id="entry-title">Entry #{e.seq}</h2>
      <p>
        <strong>{e.actor.name}</strong> {describeEntry(e)}
      </p>
      <dl className="facts">
        <dt>When</dt>
        <dd>{formatDateTime(e.at)}</dd>
        <dt>Action</dt>
        <dd>
          <code>{e.action}</code>
        </dd>
        <dt>Subject</dt>
        <dd>
          {e.subject.type === 'use_case' ? (
            <Link to="/use-cases/$useCaseId" params={{ useCaseId: e.subject.id }}>
              {e.subject.id}
            </Link>
          ) : (
            <code>{e.subject.id}</code>
          )}{' '}
          <span className="muted">({e.subject.type})</span>
        </dd>
        <dt>Actor</dt>
        <dd>
          {e.actor.name} <span className="muted">({e.actor.kind})</span>
        </dd>
        <dt>Hash</dt>
        <dd className="hash">
          <code>{e.hash}</code>
        </dd>
        <dt>Previous</dt>
        <dd className="hash">
          <code>{e.prevHash}</code>
        </dd>
      </dl>
      <h3>Before and after</h3>
      {rows.length === 0 ? (
        <p className="muted">This entry records no state.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Before and after">
          <table className="table diff">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.path} className={r.changed ? 'changed' : undefined}>
                  <th scope="row">
                    <code>{r.path}</code>
                    {r.changed && <span className="visually-hidden"> (changed)</span>}
                  </th>
                  <td>{r.before ?? <span className="muted">—</span>}</td>
                  <td>{r.after ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
