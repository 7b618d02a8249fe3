import { useQuery } from '@tanstack/react-query';
import { Empty, ErrorState, Loading } from '../shell/states';
import { useCaseExceptions } from './api';
import { ExceptionCells } from './ExceptionCells';

/** The waivers asked for this use case's controls, by expiry, and where each stands. */
export function UseCaseExceptions({ useCaseId }: { useCaseId: string }) {
  const list = useQuery(useCaseExceptions(useCaseId));
  const now = new Date();
  return (
    <section className="panel" aria-labelledby="uc-exceptions-title">
      <h2 id="uc-exceptions-title">Exceptions</h2>
      {list.isPending && <Loading label="Loading the exceptions" />}
      {list.isError && <ErrorState error={list.error} retry={() => list.refetch()} />}
      {list.isSuccess && !list.data.length && (
        <Empty title="No exceptions">
          <p>A control that cannot be met yet may be waived for a number of days, if the pack allows it; ask from its row below.</p>
        </Empty>
      )}
      {list.isSuccess && list.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Exceptions of this use case">
          <table className="table">
            <caption className="visually-hidden">Exceptions of this use case, by expiry</caption>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Rationale</th>
                <th scope="col">Standing</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <code>{e.control}</code>
                    <span className="cell-note">{e.days} days</span>
                  </th>
                  <ExceptionCells exception={e} now={now} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
