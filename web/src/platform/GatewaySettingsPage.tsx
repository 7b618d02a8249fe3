import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useRequestSchema } from '../forms/contract';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useSubmission } from '../forms/useSubmission';
import { CopyButton } from '../shell/CopyButton';
import { formatDateTime } from '../shell/format';
import { ErrorState, Loading } from '../shell/states';
import { gatewaySettings, useSaveGatewaySettings } from './api';
import { readJwks } from './jwks';
import { PlatformHeader } from './PlatformHeader';
import type { GatewaySettings } from './types';
import './platform.css';

const FIELDS = ['endUserJwks', 'endUserIssuer', 'endUserAudience'] as const;

/** Who signs the end-user tokens the gateway verifies, and the secret Charter signs its webhooks with. */
export function GatewaySettingsPage() {
  const settings = useQuery(gatewaySettings);
  return (
    <>
      <PlatformHeader title="Gateway settings" />
      {settings.isPending && <Loading label="Loading the gateway settings" />}
      {settings.isError && <ErrorState error={settings.error} retry={() => settings.refetch()} />}
      {settings.isSuccess && (
        <div className="settings-form">
          <SettingsForm settings={settings.data} />
          <WebhookSecret secret={settings.data.webhookSigningSecret} />
        </div>
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: GatewaySettings }) {
  const schema = useRequestSchema('PUT', '/api/v1/gateway/settings');
  const save = useSaveGatewaySettings();
  const form = useSubmission(FIELDS, schema.data);
  const [jwks, setJwks] = useState(settings.endUserJwks ? JSON.stringify(settings.endUserJwks, null, 2) : '');
  const [issuer, setIssuer] = useState(settings.endUserIssuer ?? '');
  const [audience, setAudience] = useState(settings.endUserAudience ?? '');
  const [saved, setSaved] = useState(false);
  const reading = readJwks(jwks);
  const edited = (field: string) => {
    setSaved(false);
    form.clear(field);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = { endUserJwks: reading.value, endUserIssuer: issuer.trim() || null, endUserAudience: audience.trim() || null };
    const ok = await form.submit(body, (b) => save.mutateAsync(b), reading.problems.map((message) => ({ path: 'body.endUserJwks', message })));
    setSaved(ok);
  };

  // The key set is checked as it is typed; what the API adds on sending joins it.
  const jwksErrors = [...new Set([...reading.problems, ...(form.errors.endUserJwks ?? [])])];
  const kids = reading.value?.keys.map((k) => k.kid ?? `${k.kty} key without kid`) ?? [];

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="end-users-title">
      <h2 id="end-users-title">End-user tokens</h2>
      <p className="muted">
        Applications may send the person they act for as a signed token in <code>x-charter-end-user-token</code>. The gateway verifies it with these public keys, so policies can tell a
        verified end user from a claimed one. Leave the key set empty to verify none.
      </p>
      <ErrorSummary title="Fix these before the settings can be saved" problems={form.problems} fieldIds={form.fieldIdOf} submission={form.submission} />
      {form.refusal && <Refusal error={form.refusal} title="The settings were not saved" />}
      <Field name="endUserJwks" label="Public keys (JWKS)" hint='a JSON object {"keys": [...]} as your identity provider publishes it at its jwks_uri' errors={jwksErrors}>
        {(p) => (
          <textarea
            {...p}
            className="jwks-input"
            rows={10}
            spellCheck={false}
            value={jwks}
            onChange={(e) => {
              setJwks(e.target.value);
              edited('endUserJwks');
            }}
          />
        )}
      </Field>
      <p className="muted" aria-live="polite">
        {jwks.trim() === '' ? 'No key set: end users are never verified.' : reading.value ? `${kids.length} public key${kids.length === 1 ? '' : 's'}: ${kids.join(', ')}` : ''}
      </p>
      <div className="form-grid">
        <Field name="endUserIssuer" label="Issuer" hint='the "iss" every token must carry; optional' errors={form.errors.endUserIssuer}>
          {(p) => <input {...p} value={issuer} maxLength={300} onChange={(e) => {
                setIssuer(e.target.value);
                edited('endUserIssuer');
              }} />}
        </Field>
        <Field name="endUserAudience" label="Audience" hint='the "aud" every token must carry; optional' errors={form.errors.endUserAudience}>
          {(p) => <input {...p} value={audience} maxLength={300} onChange={(e) => {
                setAudience(e.target.value);
                edited('endUserAudience');
              }} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <span className="muted">{settings.updatedAt ? `Last changed ${formatDateTime(settings.updatedAt)}` : 'Never set'}</span>
      </div>
      <div aria-live="polite">
        {saved && (
          <p className="notice notice-success" role="status">
            Saved. Every gateway instance uses the new settings within seconds.
          </p>
        )}
      </div>
    </form>
  );
}

/** The HMAC key webhooks are signed with, hidden until asked for. */
function WebhookSecret({ secret }: { secret: string }) {
  const [shown, setShown] = useState(false);
  return (
    <section className="panel" aria-labelledby="webhook-title">
      <h2 id="webhook-title">Webhook signing secret</h2>
      <p className="muted">
        Review webhooks carry <code>x-charter-signature</code>, an HMAC-SHA-256 of the body with this secret. Check it before trusting a webhook.
      </p>
      <div className="secret-row">
        <label className="visually-hidden" htmlFor="webhook-secret">
          Webhook signing secret
        </label>
        <input id="webhook-secret" readOnly type={shown ? 'text' : 'password'} value={secret} autoComplete="off" />
        <button type="button" className="button" onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide the secret' : 'Reveal the secret'}
        </button>
        <CopyButton value={secret} label="Copy the webhook signing secret" />
      </div>
    </section>
  );
}
