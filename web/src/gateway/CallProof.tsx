import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorState, Loading } from '../shell/states';
import { callProof } from './api';

function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <li className={ok ? 'proof-ok' : 'proof-bad'}>
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {ok ? yes : no}
    </li>
  );
}

/** Proves the call's record present and unmodified: its hash, its Merkle path to the batch root, and the ledger entry anchoring that root. */
export function CallProof({ eventId }: { eventId: string }) {
  const proof = useQuery(callProof(eventId));
  return (
    <section aria-labelledby="proof-title" className="proof">
      <h3 id="proof-title">Proof of record</h3>
      {proof.isPending && <Loading label="Checking the proof" />}
      {proof.isError && <ErrorState error={proof.error} retry={() => proof.refetch()} />}
      {proof.isSuccess && (
        <>
          <ul className="proof-checks">
            <Check ok={proof.data.recordIntact} yes="Record intact: it still hashes to what was anchored" no="Record modified: it no longer hashes to what was anchored" />
            <Check
              ok={proof.data.inBatch}
              yes={`In batch ${proof.data.batchId}: its Merkle path (${proof.data.path.length} step${proof.data.path.length === 1 ? '' : 's'}) leads to the batch root`}
              no={proof.data.batchId ? `Not provable in batch ${proof.data.batchId}: the Merkle path does not lead to the batch root` : 'Not in a batch yet: records are batched within seconds'}
            />
            <Check ok={proof.data.anchored} yes="Anchored: the batch's ledger entry names this root" no={proof.data.ledgerSeq ? "Not anchored: the batch's ledger entry names another root" : 'Not anchored in the ledger yet'} />
          </ul>
          <dl className="facts proof-facts">
            <dt>Record hash</dt>
            <dd className="hash">
              <code>{proof.data.recordHash}</code>
            </dd>
            {proof.data.merkleRoot && (
              <>
                <dt>Merkle root</dt>
                <dd className="hash">
                  <code>{proof.data.merkleRoot}</code>
                </dd>
              </>
            )}
            {proof.data.ledgerSeq !== null && (
              <>
                <dt>Ledger entry</dt>
                <dd>
                  <Link to="/ledger" search={{ seq: proof.data.ledgerSeq }}>
                    #{proof.data.ledgerSeq}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          <button type="button" className="button button-quiet" onClick={() => proof.refetch()} disabled={proof.isFetching}>
            {proof.isFetching ? 'Checking…' : 'Check again'}
          </button>
        </>
      )}
    </section>
  );
}
