import { useState, type FormEvent } from 'react';
import { CheckGroup } from '../forms/CheckGroup';
import { useRequestSchema } from '../forms/contract';
import { numberOr } from '../forms/draft';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import type { ModelEndpoint } from '../platform/types';
import type { UseCase } from '../portfolio/types';
import { useCreateRelease } from './api';
import { ineligibility } from './describe';
import type { PromptTemplate, Release } from './types';

const FIELDS = [
  'name', 'endpointId', 'fallbackEndpointIds', 'promptVersionId', 'params',
  'params.temperature', 'params.top_p', 'params.max_tokens', 'params.timeoutMs', 'params.retries', 'params.allowedTools',
] as const;

interface Draft {
  name: string;
  endpointId: string;
  fallbackEndpointIds: string[];
  promptVersionId: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  timeoutMs: string;
  retries: string;
  allowedTools: string;
}

const empty: Draft = { name: '', endpointId: '', fallbackEndpointIds: [], promptVersionId: '', temperature: '', topP: '', maxTokens: '', timeoutMs: '60000', retries: '1', allowedTools: '' };

function toReleaseBody(d: Draft): Record<string, unknown> {
  return {
    name: d.name.trim(),
    endpointId: d.endpointId || undefined,
    fallbackEndpointIds: d.fallbackEndpointIds,
    promptVersionId: d.promptVersionId || null,
    params: {
      temperature: numberOr(d.temperature),
      top_p: numberOr(d.topP),
      max_tokens: numberOr(d.maxTokens),
      timeoutMs: numberOr(d.timeoutMs),
      retries: numberOr(d.retries),
      allowedTools: d.allowedTools.split(',').map((t) => t.trim()).filter(Boolean),
    },
  };
}

/** A new release: an approved chat model (with fallbacks), a prompt version and parameters, checked as the API checks them. */
export function NewReleaseForm({ useCase: uc, endpoints, templates, onCreated, onCancel }: {
  useCase: UseCase;
  endpoints: ModelEndpoint[];
  templates: PromptTemplate[];
  onCreated: (r: Release) => void;
  onCancel: () => void;
}) {
  const schema = useRequestSchema('POST', '/api/v1/use-cases/{id}/releases');
  const create = useCreateRelease(uc.id);
  const form = useSubmission(FIELDS, schema.data);
  const [draft, setDraft] = useState<Draft>(empty);
  const { errors } = form;
  const chat = endpoints.filter((e) => e.kind === 'chat');
  const usable = chat.filter((e) => !ineligibility(e, uc.riskTier));

  const change = (patch: Partial<Draft>, ...fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    form.clear(...fields);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await form.submit(toReleaseBody(draft), async (body) => onCreated(await create.mutateAsync(body)));
  };
  const text = (key: keyof Draft, field: string, label: string, hint?: string) => (
    <Field name={field} label={label} hint={hint} errors={errors[field]}>
      {(p) => <input {...p} inputMode={key === 'name' || key === 'allowedTools' ? undefined : 'decimal'} value={draft[key] as string} onChange={(e) => change({ [key]: e.target.value } as Partial<Draft>, field)} />}
    </Field>
  );

  return (
    <form className="release-form" onSubmit={submit} noValidate aria-labelledby="new-release-title">
      <h3 id="new-release-title">New release</h3>
      <ErrorSummary title="Fix these before the release can be created" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The release was not created" />}
      <div className="form-grid">
        {text('name', 'name', 'Release name', 'e.g. "v3: gpt-4o-mini, prompt v2"')}
        <Field name="endpointId" label="Model endpoint" hint={`approved chat models for ${uc.riskTier ?? 'its'} risk; the API also checks its data classes`} errors={errors.endpointId}>
          {(p) => (
            <select {...p} value={draft.endpointId} onChange={(e) => change({ endpointId: e.target.value, fallbackEndpointIds: draft.fallbackEndpointIds.filter((f) => f !== e.target.value) }, 'endpointId')}>
              <option value="">{usable.length ? 'Choose an endpoint' : 'No endpoint in the catalogue fits'}</option>
              {chat.map((ep) => {
                const why = ineligibility(ep, uc.riskTier);
                return (
                  <option key={ep.id} value={ep.id} disabled={!!why}>
                    {ep.name} ({ep.region}){why ? `: ${why}` : ''}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        <Field name="promptVersionId" label="Prompt version" hint="optional: the system prompt the gateway puts first" errors={errors.promptVersionId}>
          {(p) => (
            <select {...p} value={draft.promptVersionId} onChange={(e) => change({ promptVersionId: e.target.value }, 'promptVersionId')}>
              <option value="">No prompt template</option>
              {templates.map((t) => (
                <optgroup key={t.id} label={t.name}>
                  {t.versions.map((v) => (
                    <option key={v.id} value={v.id}>
                      {t.name} v{v.version}: {v.changeNote}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {text('allowedTools', 'params.allowedTools', 'Allowed tools', 'function names, separated by commas; any other tool is refused')}
      </div>
      {usable.length > 1 && (
        <CheckGroup
          name="fallbackEndpointIds"
          legend="Fall back to"
          hint="up to 3, tried in this order when the model fails"
          options={usable.filter((ep) => ep.id !== draft.endpointId).map((ep) => ({ value: ep.id, label: ep.name }))}
          value={draft.fallbackEndpointIds}
          errors={errors.fallbackEndpointIds}
          onChange={(fallbackEndpointIds) => change({ fallbackEndpointIds }, 'fallbackEndpointIds')}
        />
      )}
      <fieldset className="form-section release-params">
        <legend>Parameters</legend>
        <div className="form-grid form-grid-3">
          {text('temperature', 'params.temperature', 'Temperature', '0 to 2; blank leaves the model’s default')}
          {text('topP', 'params.top_p', 'Top p', '0 to 1; optional')}
          {text('maxTokens', 'params.max_tokens', 'Max answer tokens', 'optional')}
          {text('timeoutMs', 'params.timeoutMs', 'Timeout (ms)', '100 to 600,000')}
          {text('retries', 'params.retries', 'Retries', '0 to 5')}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create release'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
