import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { members, useCase } from '../portfolio/api';
import { UseCaseSubpageHeader } from '../portfolio/UseCaseTabs';
import { capitalise } from '../portfolio/vocabulary';
import { useCan, useMe } from '../session/session';
import { formatDate, formatDateTime } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { gatewayKeys } from './api';
import { IssuedSecret } from './IssuedSecret';
import { IssueKeyForm } from './IssueKeyForm';
import { KeyActions } from './KeyActions';
import { keyState } from './keyState';
import type { IssuedKey } from './types';
import './gateway.css';

const route = getRouteApi('/signed-in/use-cases/$useCaseId/keys');

/** The keys applications use to call the gateway for this use case: issued once, stored hashed, rotated and revoked here. */
export function KeysPage() {
  const { useCaseId } = route.useParams();
  const me = useMe();
  const uc = useQuery(useCase(useCaseId));
  const keys = useQuery(gatewayKeys(useCaseId));
  const people = useQuery(members);
  const canManage = useCan('gateway:key:manage');
  const [issued, setIssued] = useState<{ key: IssuedKey; rotatedFrom?: string }>();
  const [revoked, setRevoked] = useState<string>();
  const nameOf = (id: string) => people.data?.find((m) => m.id === id)?.name ?? (id === me.user.id ? me.user.name : id);
  const now = new Date();

  return (
    <>
      <UseCaseSubpageHeader useCaseId={useCaseId} title="Gateway keys" />
      <p className="muted">
        An application calls Charter's OpenAI-compatible gateway at <code>{`${window.location.origin}/v1`}</code> with one of these keys. Each key belongs to one environment, is shown
        once, and expires.
      </p>
      {issued && <IssuedSecret issued={issued.key} rotatedFrom={issued.rotatedFrom} onDone={() => setIssued(undefined)} />}
      {canManage && uc.data && <IssueKeyForm useCase={uc.data} onIssued={(key) => setIssued({ key })} />}
      <section className="panel" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        <div aria-live="polite">
          {revoked && (
            <p className="notice notice-success" role="status">
              Revoked {revoked}: the gateway refuses it from now on.
            </p>
          )}
        </div>
        {keys.isPending && <Loading label="Loading the keys" />}
        {keys.isError && <ErrorState error={keys.error} retry={() => keys.refetch()} />}
        {keys.isSuccess && !keys.data.length && <Empty title="No keys yet">{canManage ? <p>Issue one above for the application that will call the gateway.</p> : <p>A builder issues keys for the applications that call this use case.</p>}</Empty>}
        {keys.isSuccess && keys.data.length > 0 && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Gateway keys of this use case">
            <table className="table keys-table">
              <caption className="visually-hidden">Gateway keys, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Environment</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Expires</th>
                  <th scope="col">State</th>
                  {canManage && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {keys.data.map((k) => {
                  const state = keyState(k, now, formatDateTime);
                  return (
                    <tr key={k.id}>
                      <th scope="row">{k.name}</th>
                      <td>{capitalise(k.environment)}</td>
                      <td>
                        <code>{k.prefix}…</code>
                      </td>
                      <td>{nameOf(k.ownerId)}</td>
                      <td>
                        <time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time>
                      </td>
                      <td>{k.expiresAt ? <time dateTime={k.expiresAt}>{formatDate(k.expiresAt)}</time> : 'Never'}</td>
                      <td>
                        <span className={`badge tone-${state.tone}`}>{state.label}</span>
                      </td>
                      {canManage && <td>{state.live && <KeyActions gatewayKey={k} onRotated={(key) => setIssued({ key, rotatedFrom: k.name })} onRevoked={() => setRevoked(k.name)} />}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
