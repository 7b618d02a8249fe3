import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { modelEndpoints } from '../platform/api';
import type { UseCaseDetail } from '../portfolio/types';
import { useCan } from '../session/session';
import { formatDate } from '../shell/format';
import { Empty, ErrorState, Loading } from '../shell/states';
import { promptTemplates, releases } from './api';
import { describeRelease } from './describe';
import { NewReleaseForm } from './NewReleaseForm';
import { SlotCard } from './SlotCard';
import type { Release } from './types';
import './releases.css';

/** Which release each environment runs, the releases there are, and (for builders) the moves between them. */
export function ReleasesPanel({ useCase: uc }: { useCase: UseCaseDetail }) {
  const data = useQuery(releases(uc.id));
  const endpoints = useQuery(modelEndpoints);
  const templates = useQuery(promptTemplates);
  const canManage = useCan('release:manage');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string>();
  const newButton = useRef<HTMLButtonElement>(null);

  const describe = (r: Release) => describeRelease(r, endpoints.data ?? [], templates.data ?? []);
  const blocked = !uc.riskTier
    ? 'Screen the use case for risk before creating releases: its tier decides which models it may use.'
    : uc.riskTier === 'prohibited'
      ? 'A prohibited use case cannot have releases.'
      : undefined;
  const closeForm = () => {
    setCreating(false);
    requestAnimationFrame(() => newButton.current?.focus());
  };

  return (
    <section className="panel" aria-labelledby="releases-title">
      <div className="panel-head">
        <h2 id="releases-title">Releases</h2>
        {canManage && !creating && !blocked && (
          <button type="button" ref={newButton} className="button" onClick={() => {
              setCreated(undefined);
              setCreating(true);
            }}>
            New release
          </button>
        )}
      </div>
      {canManage && blocked && <p className="notice notice-warning">{blocked}</p>}
      {creating && (
        <NewReleaseForm
          useCase={uc}
          endpoints={endpoints.data ?? []}
          templates={templates.data ?? []}
          onCreated={(r) => {
            setCreated(`Created ${r.name}. Activate it in pilot below, or send it a share of traffic as a canary.`);
            closeForm();
          }}
          onCancel={closeForm}
        />
      )}
      <div aria-live="polite">
        {created && (
          <p className="notice notice-success" role="status">
            {created}
          </p>
        )}
      </div>
      {data.isPending && <Loading label="Loading the releases" />}
      {data.isError && <ErrorState error={data.error} retry={() => data.refetch()} />}
      {data.isSuccess && (
        <>
          <div className="slots">
            {data.data.slots.map((slot) => (
              <SlotCard
                key={slot.environment}
                slot={slot}
                useCaseId={uc.id}
                releases={data.data.items}
                promotable={slot.environment === 'production' ? data.data.items.find((r) => r.id === data.data.slots.find((s) => s.environment === 'pilot')?.activeReleaseId) : undefined}
                describe={describe}
                canManage={canManage}
              />
            ))}
          </div>
          <h3>All releases</h3>
          {!data.data.items.length ? (
            <Empty title="No releases yet">{!blocked && <p>A release binds an approved model, a prompt version and parameters; builders create them.</p>}</Empty>
          ) : (
            <ul className="release-list">
              {data.data.items.map((r) => {
                const d = describe(r);
                return (
                  <li key={r.id}>
                    <strong>{r.name}</strong> <span className="muted">created {formatDate(r.createdAt)}</span>
                    <span className="cell-note">
                      {d.model} · {d.prompt} · {d.params}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
