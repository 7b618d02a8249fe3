import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { CheckGroup } from '../forms/CheckGroup';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field, fieldId } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { capitalise, DATA_CATEGORIES, SENSITIVITIES } from '../portfolio/vocabulary';
import { useAddEndpoint } from './api';
import { emptyEndpointDraft, ENDPOINT_FIELDS, toEndpointBody, type EndpointDraft } from './endpointDraft';
import { APPROVABLE_TIERS, ENDPOINT_STATUSES, PROVIDERS, type ModelEndpoint } from './types';

const PROVIDER_LABELS: Record<string, string> = { openai: 'OpenAI-compatible', anthropic: 'Anthropic', simulated: 'Simulated (Charter’s test model)' };

/** Adds a model endpoint to the catalogue; whatever the API refuses is shown at the field it concerns. */
export function EndpointForm({ onAdded, onCancel }: { onAdded: (endpoint: ModelEndpoint) => void; onCancel: () => void }) {
  const schema = useRequestSchema('POST', '/api/v1/model-endpoints');
  const add = useAddEndpoint();
  const form = useSubmission(ENDPOINT_FIELDS, schema.data);
  const [draft, setDraft] = useState<EndpointDraft>(emptyEndpointDraft);
  const { errors } = form;

  const change = (patch: Partial<EndpointDraft>, ...fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    form.clear(...fields);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.submit(toEndpointBody(draft), async (body) => onAdded(await add.mutateAsync(body)));
  };

  const text = (name: keyof EndpointDraft, field: string, label: string, hint?: string, extra: Record<string, unknown> = {}) => (
    <Field name={field} label={label} hint={hint} errors={errors[field]}>
      {(p) => <input {...p} {...extra} value={draft[name] as string} onChange={(e) => change({ [name]: e.target.value } as Partial<EndpointDraft>, field)} />}
    </Field>
  );

  return (
    <form className="panel endpoint-form" onSubmit={submit} noValidate aria-labelledby="endpoint-form-title">
      <h2 id="endpoint-form-title">Add a model endpoint</h2>
      <ErrorSummary title="Fix these before the endpoint can be added" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The endpoint was not added" />}
      <fieldset className="form-section">
        <legend>The model</legend>
        <div className="form-grid">
          {text('name', 'name', 'Name', 'the model id applications send, e.g. "gpt-4o-mini-eu": letters, digits and . _ : @ / -')}
          <Field name="provider" label="Provider" errors={errors.provider}>
            {(p) => (
              <select {...p} value={draft.provider} onChange={(e) => change({ provider: e.target.value as EndpointDraft['provider'] }, 'provider', 'simulated', 'baseUrl')}>
                <option value="">Choose a provider</option>
                {PROVIDERS.map((v) => (
                  <option key={v} value={v}>
                    {PROVIDER_LABELS[v]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="kind" label="Kind" errors={errors.kind}>
            {(p) => (
              <select {...p} value={draft.kind} onChange={(e) => change({ kind: e.target.value as EndpointDraft['kind'] }, 'kind')}>
                <option value="chat">Chat</option>
                <option value="embeddings">Embeddings</option>
              </select>
            )}
          </Field>
          {text('model', 'model', 'Upstream model', 'the name the provider knows it by')}
          {text('modelVersion', 'modelVersion', 'Model version')}
          {text('region', 'region', 'Region', 'where the provider processes the data, e.g. "eu-west"')}
          {draft.provider !== 'simulated' && (
            <>
              {text('baseUrl', 'baseUrl', 'Base URL', 'e.g. https://api.openai.com/v1', { type: 'url', inputMode: 'url' })}
              {text('credential', 'credential', 'API key', 'optional; sealed at rest and never shown again', { type: 'password', autoComplete: 'off' })}
            </>
          )}
        </div>
      </fieldset>
      <fieldset className="form-section" id={fieldId('allowedDataClasses')}>
        <legend>Who may use it</legend>
        <CheckGroup
          name="approvedTiers"
          legend="Approved for risk tiers"
          options={APPROVABLE_TIERS.map((t) => ({ value: t, label: capitalise(t) }))}
          value={draft.approvedTiers}
          errors={errors.approvedTiers}
          onChange={(approvedTiers) => change({ approvedTiers }, 'approvedTiers')}
        />
        <div className="form-grid">
          <Field name="allowedDataClasses.maxSensitivity" label="Most sensitive data it may receive" errors={errors['allowedDataClasses.maxSensitivity'] ?? errors.allowedDataClasses}>
            {(p) => (
              <select {...p} value={draft.maxSensitivity} onChange={(e) => change({ maxSensitivity: e.target.value }, 'allowedDataClasses.maxSensitivity', 'allowedDataClasses')}>
                <option value="">Choose a sensitivity</option>
                {SENSITIVITIES.map((s) => (
                  <option key={s} value={s}>
                    {capitalise(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="status" label="Status" errors={errors.status}>
            {(p) => (
              <select {...p} value={draft.status} onChange={(e) => change({ status: e.target.value as EndpointDraft['status'] }, 'status')}>
                {ENDPOINT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {capitalise(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <CheckGroup
          name="allowedDataClasses.categories"
          legend="Data categories it may receive"
          options={DATA_CATEGORIES.map((c) => ({ value: c, label: capitalise(c) }))}
          value={draft.categories}
          errors={errors['allowedDataClasses.categories']}
          onChange={(categories) => change({ categories }, 'allowedDataClasses.categories')}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Price</legend>
        <div className="form-grid">
          {text('pricePer1kInput', 'pricePer1kInput', 'Input, USD per 1,000 tokens', undefined, { inputMode: 'decimal' })}
          {text('pricePer1kOutput', 'pricePer1kOutput', 'Output, USD per 1,000 tokens', undefined, { inputMode: 'decimal' })}
        </div>
      </fieldset>
      {draft.provider === 'simulated' && (
        <fieldset className="form-section" id={fieldId('simulated')}>
          <legend>Simulation</legend>
          {errors.simulated && <p className="field-error">{errors.simulated.join('; ')}</p>}
          <div className="form-grid">
            <Field name="simulated.mode" label="Behaviour" hint="a vulnerable model falls for prompt injection, for red-team practice" errors={errors['simulated.mode']}>
              {(p) => (
                <select {...p} value={draft.simulatedMode} onChange={(e) => change({ simulatedMode: e.target.value as EndpointDraft['simulatedMode'] }, 'simulated.mode')}>
                  <option value="safe">Safe</option>
                  <option value="vulnerable">Vulnerable</option>
                </select>
              )}
            </Field>
            {text('simulatedLatencyMs', 'simulated.latencyMs', 'Latency (ms)', undefined, { inputMode: 'numeric' })}
            {text('simulatedErrorRate', 'simulated.errorRate', 'Error rate', 'from 0 to 1', { inputMode: 'decimal' })}
            {text('simulatedAccuracy', 'simulated.accuracy', 'Accuracy', 'from 0 to 1', { inputMode: 'decimal' })}
          </div>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add endpoint'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
