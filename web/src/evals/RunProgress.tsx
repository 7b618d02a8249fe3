import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { runProgress } from './api';

/** A live progress bar for a run, polling its progress until it completes or fails; then the run is read again. */
export function RunProgress({ runId, releaseId }: { runId: string; releaseId: string }) {
  const client = useQueryClient();
  const progress = useQuery(runProgress(runId));
  const status = progress.data?.status;
  useEffect(() => {
    if (status === 'completed' || status === 'failed') {
      void client.invalidateQueries({ queryKey: ['eval-runs', 'release', releaseId] });
      void client.invalidateQueries({ queryKey: ['eval-runs', 'one', runId] });
    }
  }, [status, client, releaseId, runId]);
  if (!progress.data) return <span className="muted">{progress.isError ? 'progress unavailable' : 'starting…'}</span>;
  const { done, total, failed } = progress.data;
  return (
    <span className="run-progress">
      <progress value={done} max={Math.max(total, 1)} aria-label={`Run ${runId}: ${done} of ${total} cases`} />
      <span className="cell-note" aria-live="polite">
        {done.toLocaleString()} of {total.toLocaleString()} cases{failed ? `, ${failed.toLocaleString()} failed` : ''}
      </span>
    </span>
  );
}
