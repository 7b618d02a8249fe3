import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { useCan } from '../session/session';
import { ErrorState, Loading } from '../shell/states';
import { useCaseIncidents, useOpenIncident } from './api';
import { IncidentHeadline, IncidentSince } from './IncidentHeadline';
import { SEVERITIES, type Severity } from './types';
import { SEVERITY_TERMS } from './vocabulary';

/** The use case's incidents, and the form that opens one by hand (monitors open their own on ALERT). */
export function UseCaseIncidents({ useCaseId }: { useCaseId: string }) {
  const incidents = useQuery(useCaseIncidents(useCaseId));
  const canManage = useCan('incident:manage');
  const items = incidents.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="use-case-incidents-title">
      <h2 id="use-case-incidents-title">Incidents</h2>
      {incidents.isPending && <Loading label="Loading the incidents" />}
      {incidents.isError && <ErrorState error={incidents.error} retry={() => incidents.refetch()} />}
      {incidents.isSuccess && !items.length && <p className="muted">No incident has been opened for this use case.</p>}
      {items.length > 0 && (
        <ul className="use-case-incidents">
          {items.map((i) => (
            <li key={i.id}>
              <IncidentHeadline incident={i} />{' '}
              <span className="muted">
                <IncidentSince incident={i} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {canManage && <OpenIncidentForm useCaseId={useCaseId} />}
    </section>
  );
}

function OpenIncidentForm({ useCaseId }: { useCaseId: string }) {
  const schema = useRequestSchema('POST', '/api/v1/incidents');
  const open = useOpenIncident();
  const navigate = useNavigate();
  const form = useSubmission(['title', 'severity'], schema.data, 'incident-');
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('high');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let opened: string | undefined;
    const ok = await form.submit({ useCaseId, title: title.trim(), severity }, async (b) => {
      opened = (await open.mutateAsync(b)).id;
    });
    if (ok && opened) await navigate({ to: '/incidents/$incidentId', params: { incidentId: opened } });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Open an incident">
      <h3>Open an incident</h3>
      <ErrorSummary title="Fix this before the incident can be opened" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The incident was not opened" />}
      <div className="form-row">
        <Field name="incident-title" label="What is wrong" hint="a short title, 3 to 300 characters" errors={form.errors.title}>
          {(p) => (
            <input
              {...p}
              value={title}
              maxLength={300}
              onChange={(e) => {
                setTitle(e.target.value);
                form.clear('title');
              }}
            />
          )}
        </Field>
        <Field name="incident-severity" label="Severity" errors={form.errors.severity}>
          {(p) => (
            <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_TERMS[s].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button-primary" disabled={open.isPending}>
          {open.isPending ? 'Opening…' : 'Open the incident'}
        </button>
      </div>
    </form>
  );
}
