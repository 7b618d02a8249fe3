import type { Kernel } from '../kernel/context.js';

/**
 * Purges stored prompts and answers once their tier's retention period has passed. The record, its hashes and the
 * ledger anchor stay, so the chain still verifies and the call can still be proven to have happened.
 */
export function scheduleRetention(k: Kernel): void {
  k.scheduler.every('gateway.retention', 3_600_000, async (now) => {
    const at = now.toISOString();
    await k.db.updateTable('gateway_events').set({ prompt_text: null, answer_text: null, purge_after: null }).where('purge_after', '<=', at).execute();
    await k.db.updateTable('review_items').set({ request_sealed: null, answer_sealed: null, final_sealed: null }).where('status', '!=', 'pending').where('purge_after', '<=', at).execute();
  });
}
