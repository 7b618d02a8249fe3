import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useCan } from '../session/session';
import { formatDate, formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { packDocument, reviewDecisions, reviewPack } from './api';
import { DecisionForm } from './DecisionForm';
import { DECISION_LABEL } from './forum';
import { ForumUseCase } from './ForumUseCase';
import { figureLabel, figureValue } from './plan';
import type { DecisionKind, PackSection } from './types';
import '../people/people.css';
import './programme.css';

const route = getRouteApi('/signed-in/programme/reviews/$reviewId');

/** One review pack as the forum saw it: every section with its figures, the documents to circulate, and what the forum decided. */
export function ReviewPackPage() {
  const { reviewId } = route.useParams();
  const review = useQuery(reviewPack(reviewId));
  const decisions = useQuery(reviewDecisions(reviewId));
  const canDecide = useCan('programme:manage');
  const [said, setSaid] = useState('');

  if (review.isPending) return <Loading label="Loading the review pack" />;
  if (review.isError) return <ErrorState error={review.error} retry={() => review.refetch()} />;
  const r = review.data;
  const period = `${formatDate(r.periodFrom)} to ${formatDate(r.periodTo)}`;

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-context">
            <Link to="/programme">Programme</Link>
          </p>
          <h1>Portfolio review, {period}</h1>
          <p className="muted">
            {r.pack.tenant}. Generated <time dateTime={r.generatedAt}>{formatDateTime(r.generatedAt)}</time> {r.trigger === 'cadence' ? 'on the cadence' : `on request by ${r.generatedBy}`}; stored as the record of what the forum saw.
          </p>
        </div>
      </header>
      <nav className="panel pack-documents" aria-label="The pack as a document">
        <span>The pack as a document:</span>
        <a className="button" href={packDocument(r.id, 'html')} target="_blank" rel="noopener">
          HTML<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <a className="button" href={packDocument(r.id, 'markdown')} download>
          Markdown
        </a>
        <a className="button" href={packDocument(r.id, 'pdf')} download>
          PDF
        </a>
      </nav>
      <div className="pack-layout">
        <nav className="pack-toc" aria-label="Sections of the pack">
          <ol>
            {r.pack.sections.map((s) => (
              <li key={s.key}>
                <a href={`#pack-${s.key}`}>{s.title}</a>
                {!s.wired && <span className="muted"> (not wired)</span>}
              </li>
            ))}
            <li>
              <a href="#pack-forum-decisions">Decisions recorded at this review</a>
            </li>
          </ol>
        </nav>
        <div>
          {r.pack.sections.map((s, i) => (
            <Section key={s.key} section={s} n={i + 1} />
          ))}
          <section className="panel" id="pack-forum-decisions" aria-labelledby="pack-forum-decisions-title">
            <h2 id="pack-forum-decisions-title">Decisions recorded at this review</h2>
            {decisions.isPending && <Loading label="Loading the decisions" />}
            {decisions.isError && <ErrorState error={decisions.error} retry={() => decisions.refetch()} />}
            {decisions.data && !decisions.data.length && <Empty title="No decision recorded at this review" />}
            {decisions.data && decisions.data.length > 0 && (
              <ul className="decision-list">
                {decisions.data.map((d) => (
                  <li key={d.id}>
                    <span className="badge">{DECISION_LABEL[d.kind as DecisionKind] ?? d.kind}</span> <ForumUseCase id={d.useCaseId} />: {d.summary}
                    <span className="cell-note">
                      recorded by {d.recordedBy.name}, <time dateTime={d.decidedAt}>{formatDateTime(d.decidedAt)}</time>
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <div aria-live="polite">
              {said && (
                <p className="notice notice-success" role="status">
                  {said}
                </p>
              )}
            </div>
            {canDecide && <DecisionForm reviewId={r.id} onRecorded={setSaid} />}
          </section>
        </div>
      </div>
    </>
  );
}

function Section({ section: s, n }: { section: PackSection; n: number }) {
  const headingId = `pack-${s.key}-title`;
  const figures = Object.entries(s.figures);
  return (
    <section className="panel pack-section" id={`pack-${s.key}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {n}. {s.title}
      </h2>
      {s.wired ? (
        <p>{s.summary}</p>
      ) : (
        <p className="notice notice-warning">
          <strong>Not wired.</strong> {s.summary}
        </p>
      )}
      {figures.length > 0 && (
        <dl className="figures pack-figures" aria-label={`Figures of ${s.title}`}>
          {figures.map(([key, value]) => (
            <div key={key} className="figure">
              <dt>{figureLabel(key)}</dt>
              <dd>{figureValue(key, value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {s.table &&
        (s.table.rows.length === 0 ? (
          <p className="muted">Nothing in the period.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`${s.title}: table`}>
            <table className="table">
              <caption className="visually-hidden">{s.title}</caption>
              <thead>
                <tr>
                  {s.table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {s.table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
