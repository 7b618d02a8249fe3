import { parentPort } from 'node:worker_threads';
import { type SegmentTask, verifySqliteSegment } from './segments.js';

// A worker thread of Ledger.verify (see segments.ts): verifies the segments it is sent, one at a time.
parentPort!.on('message', ({ id, task }: { id: number; task: SegmentTask }) => {
  try {
    parentPort!.postMessage({ id, segment: verifySqliteSegment(task) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
