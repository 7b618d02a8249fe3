import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Refusal } from '../forms/Refusal';
import { capitalise } from '../portfolio/vocabulary';
import { useCan } from '../session/session';
import { formatUsd } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { modelEndpoints, useEndpointStatus } from './api';
import { EndpointForm } from './EndpointForm';
import { PlatformHeader } from './PlatformHeader';
import { ENDPOINT_STATUSES, type EndpointStatus, type ModelEndpoint } from './types';
import './platform.css';

/** The approved model endpoints: what each may be used for, what it costs, and whether it may be used now. */
export function CataloguePage() {
  const endpoints = useQuery(modelEndpoints);
  const canManage = useCan('catalogue:manage');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string>();

  return (
    <>
      <PlatformHeader title="Model catalogue">
        {canManage && !adding && (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add an endpoint
          </button>
        )}
      </PlatformHeader>
      <p className="muted">
        Releases may only use an approved endpoint whose tiers and data classes fit the use case. Deprecating an endpoint keeps its releases running; blocking it stops every call at once.
      </p>
      {adding && (
        <EndpointForm
          onAdded={(ep) => {
            setAdding(false);
            setAdded(ep.name);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <div aria-live="polite">
        {added && (
          <p className="notice notice-success" role="status">
            Added {added} to the catalogue.
          </p>
        )}
      </div>
      {endpoints.isPending && <Loading label="Loading the model catalogue" />}
      {endpoints.isError && <ErrorState error={endpoints.error} retry={() => endpoints.refetch()} />}
      {endpoints.isSuccess && !endpoints.data.length && (
        <Empty title="The catalogue is empty">{canManage ? <p>Add the first endpoint so use cases can have releases.</p> : <p>A platform admin adds the endpoints releases may use.</p>}</Empty>
      )}
      {endpoints.isSuccess && endpoints.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Model endpoints">
          <table className="table catalogue-table">
            <caption className="visually-hidden">Model endpoints by name</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Region</th>
                <th scope="col">Approved tiers</th>
                <th scope="col">Data it may receive</th>
                <th scope="col" className="num">USD per 1k in / out</th>
                <th scope="col">Credential</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((ep) => (
                <tr key={ep.id}>
                  <th scope="row">
                    <code className="endpoint-name">{ep.name}</code>
                    <span className="endpoint-model">
                      {ep.provider === 'simulated' ? 'Simulated' : capitalise(ep.provider)} · {ep.model} {ep.modelVersion} · {ep.kind}
                    </span>
                  </th>
                  <td>{ep.region}</td>
                  <td>
                    <span className="badge-list">
                      {ep.approvedTiers.map((t) => (
                        <span key={t} className={`badge tier-${t}`}>
                          {capitalise(t)}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td>
                    Up to <span className={`badge sensitivity-${ep.allowedDataClasses.maxSensitivity}`}>{capitalise(ep.allowedDataClasses.maxSensitivity)}</span>
                    <span className="endpoint-model">{ep.allowedDataClasses.categories.length ? ep.allowedDataClasses.categories.map(capitalise).join(', ') : 'no personal, health, payment or credential data'}</span>
                  </td>
                  <td className="num">
                    {formatUsd(ep.pricePer1kInput)} / {formatUsd(ep.pricePer1kOutput)}
                  </td>
                  <td>{ep.provider === 'simulated' ? <span className="muted">Not needed</span> : ep.hasCredential ? <span title={`sealed with key ${ep.credentialKeyId}`}>Sealed</span> : <span className="muted">None</span>}</td>
                  <td>{canManage ? <StatusControl endpoint={ep} /> : <StatusBadge status={ep.status} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function StatusBadge({ status }: { status: EndpointStatus }) {
  return <span className={`badge endpoint-${status}`}>{capitalise(status)}</span>;
}

/** A platform admin's status change, sent with the version they read so a concurrent change is not overwritten. */
function StatusControl({ endpoint }: { endpoint: ModelEndpoint }) {
  const [choice, setChoice] = useState<EndpointStatus | null>(null);
  const status = choice ?? endpoint.status;
  const change = useEndpointStatus();
  const id = `status-${endpoint.id}`;
  return (
    <div className="status-control">
      <StatusBadge status={endpoint.status} />
      <label className="visually-hidden" htmlFor={id}>
        New status of {endpoint.name}
      </label>
      <select id={id} value={status} onChange={(e) => setChoice(e.target.value as EndpointStatus)}>
        {ENDPOINT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {capitalise(s)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`button${status === 'blocked' ? ' button-danger' : ''}`}
        disabled={status === endpoint.status || change.isPending}
        aria-label={`Apply: set ${endpoint.name} ${status}`}
        onClick={() => change.mutate({ endpoint, status }, { onSettled: () => setChoice(null) })}
      >
        {change.isPending ? 'Saving…' : 'Apply'}
      </button>
      {change.isError && (
        <Refusal error={change.error} title={`${endpoint.name} was not changed`} stale={`Someone changed ${endpoint.name} since you loaded the catalogue; it has been reloaded. Check it and try again.`} />
      )}
    </div>
  );
}
