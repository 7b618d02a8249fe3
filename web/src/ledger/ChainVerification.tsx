import { useChainVerification } from './api';

/** Recomputes the tenant's hash chain and says whether it is intact, or where it first breaks. */
export function ChainVerification() {
  const verify = useChainVerification();
  const state = verify.data;
  return (
    <section className="panel chain" aria-labelledby="chain-title">
      <h2 id="chain-title">Chain integrity</h2>
      <p className="muted">Every entry carries the hash of the one before it; verifying recomputes them all.</p>
      <button type="button" className="button button-primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify the chain'}
      </button>
      <div aria-live="polite">
        {verify.isError && (
          <p className="notice notice-error" role="alert">
            {verify.error.message}
          </p>
        )}
        {state?.ok && (
          <div className="notice notice-success chain-state">
            <p className="notice-title">Chain intact</p>
            <p>
              {state.entries.toLocaleString()} entries verified, up to #{state.headSeq}.
            </p>
            <p className="hash" title={state.headHash}>
              Head hash <code>{state.headHash.slice(0, 16)}…</code>
            </p>
          </div>
        )}
        {state && !state.ok && (
          <div className="notice notice-error chain-state">
            <p className="notice-title">Chain broken</p>
            <p>
              {state.firstBreak
                ? `First break at entry #${state.firstBreak.seq} (${state.firstBreak.kind}): ${state.firstBreak.detail}`
                : 'The chain does not verify.'}
            </p>
            <p>{state.entries.toLocaleString()} entries checked.</p>
          </div>
        )}
      </div>
    </section>
  );
}
