import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { members } from '../portfolio/api';
import { formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { AcknowledgeReview } from './AcknowledgeReview';
import { metricRegistry, metricReviewsDue } from './api';
import { formatDuration } from './figures';
import { CADENCES } from './vocabulary';

const SHOWN = 5;

/** The metrics due for their owner's review on their cadence, most overdue first, each acknowledged where it stands. */
export function MetricsDue() {
  const due = useQuery(metricReviewsDue);
  const people = useQuery(members);
  const registry = useQuery(metricRegistry);
  const metricName = (key: string) => registry.data?.find((m) => m.key === key)?.name;
  const [said, setSaid] = useState('');
  const ownerName = (owner: string) => people.data?.find((p) => p.id === owner)?.name ?? owner;
  const status = (
    <p className="visually-hidden" role="status">
      {said}
    </p>
  );
  if (due.isPending) return <Loading label="Loading the metrics due for review" />;
  if (due.isError) return <ErrorState error={due.error} retry={() => due.refetch()} />;
  const items = due.data;
  if (!items.length)
    return (
      <>
        <Empty title="No metric is due for review" />
        {status}
      </>
    );
  return (
    <>
      <p className="home-count">
        <strong>{items.length}</strong> {items.length === 1 ? 'metric is' : 'metrics are'} due for review.
      </p>
      <ul className="attention-list">
        {items.slice(0, SHOWN).map((d) => (
          <li key={d.metricKey}>
            {metricName(d.metricKey) && <strong>{metricName(d.metricKey)} </strong>}
            <code>{d.metricKey}</code>
            <p className="attention-reasons">
              {CADENCES[d.reviewCadence] ?? d.reviewCadence} review by {ownerName(d.owner)}, due <time dateTime={d.dueAt}>{formatDateTime(d.dueAt)}</time>
              {d.overdueMs > 0 && ` (${formatDuration(d.overdueMs)} overdue)`}
            </p>
            <AcknowledgeReview due={d} onDone={(key) => setSaid(`Review of ${key} acknowledged.`)} />
          </li>
        ))}
      </ul>
      {items.length > SHOWN && <p className="muted">and {items.length - SHOWN} more.</p>}
      {status}
      <Link to="/measurement" className="button">
        Open the scorecards
      </Link>
    </>
  );
}
