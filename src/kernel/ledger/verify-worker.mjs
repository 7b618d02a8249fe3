// Starts a verification worker thread (see segments.ts) from the TypeScript sources: tsx's loader is registered here,
// since Node 20 does not pass the parent's --import loader on to worker threads.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
