import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { type Harness, startHarness, useCaseBody } from '../support/harness.js';
import { trainTenant } from '../support/skills.js';

describeEachDb('catalogue, prompts, releases and keys over HTTP', (db) => {
  let h: Harness;
  let useCaseId: string;
  let endpointId: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    h.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    h = await startHarness(db);
    const a = h.acme;
    useCaseId = (await call('POST', '/api/v1/use-cases', a.headers.business_owner, useCaseBody(a.valueStreamId))).json().id;
    await h.charter.kernel.db.transaction().execute((tx) => h.charter.services.portfolio.setGovernance(tx, a.actors.risk_reviewer, useCaseId, 'high', 'high@1'));
    await trainTenant(h, a, useCaseId);
    const ep = await call('POST', '/api/v1/model-endpoints', a.headers.platform_admin, {
      name: 'sim-eu', provider: 'simulated', model: 'charter-sim', region: 'eu-west', approvedTiers: ['high', 'limited', 'minimal'],
      allowedDataClasses: { maxSensitivity: 'confidential', categories: ['personal'] }, pricePer1kInput: 0.5, pricePer1kOutput: 1.5, credential: 'sk-upstream-secret-123',
    });
    expect(ep.statusCode).toBe(201);
    endpointId = ep.json().id;
  });
  afterAll(async () => h?.close());

  it('seals upstream credentials: never returned, never in the ledger, encrypted in the database', async () => {
    const ep = await call('GET', `/api/v1/model-endpoints/${endpointId}`, h.acme.headers.viewer);
    expect(ep.body).not.toContain('sk-upstream-secret-123');
    expect(ep.json()).toMatchObject({ hasCredential: true });
    const row = await h.charter.kernel.db.selectFrom('model_endpoints').select(['credential']).where('id', '=', endpointId).executeTakeFirstOrThrow();
    expect(row.credential).not.toContain('sk-upstream');
    const ledger = await h.charter.kernel.db.selectFrom('ledger_entries').select(['after']).where('subject_id', '=', endpointId).execute();
    expect(JSON.stringify(ledger)).not.toContain('sk-upstream');
    const opened = h.charter.services.catalogue.credentialOf(await h.charter.services.catalogue.row(h.charter.kernel.db, h.acme.id, endpointId));
    expect(opened).toBe('sk-upstream-secret-123');
  });

  it('refuses an endpoint not approved for the tier or the data classes', async () => {
    const narrow = await call('POST', '/api/v1/model-endpoints', h.acme.headers.platform_admin, {
      name: 'public-only', provider: 'openai', baseUrl: 'https://api.example.com/v1', model: 'gpt-x', region: 'us-east', approvedTiers: ['minimal'],
      allowedDataClasses: { maxSensitivity: 'internal', categories: [] }, pricePer1kInput: 1, pricePer1kOutput: 2,
    });
    const res = await call('POST', `/api/v1/use-cases/${useCaseId}/releases`, h.acme.headers.builder, { name: 'bad', endpointId: narrow.json().id });
    expect(res.statusCode).toBe(400);
    const messages = res.json().errors.map((e: { message: string }) => e.message).join(' ');
    expect(messages).toContain('not approved for tier high');
    expect(messages).toContain('may not receive confidential data');
  });

  it('versions prompts, activates, splits a canary and rolls back in one action', async () => {
    const pt = await call('POST', '/api/v1/prompt-templates', h.acme.headers.builder, {
      name: 'claims-triage', useCaseId, firstVersion: { system: 'You triage {{line}} claims.', variables: ['line'], changeNote: 'first version' },
    });
    expect(pt.statusCode).toBe(201);
    const undeclared = await call('POST', `/api/v1/prompt-templates/${pt.json().id}/versions`, h.acme.headers.builder, { system: 'Triage {{line}} for {{region}}', variables: ['line'], changeNote: 'oops' });
    expect(undeclared.statusCode).toBe(400);
    const v1 = pt.json().versions[0].id;
    const r1 = (await call('POST', `/api/v1/use-cases/${useCaseId}/releases`, h.acme.headers.builder, { name: 'r1', endpointId, promptVersionId: v1 })).json();
    const r2 = (await call('POST', `/api/v1/use-cases/${useCaseId}/releases`, h.acme.headers.builder, { name: 'r2', endpointId, promptVersionId: v1, params: { temperature: 0.2 } })).json();
    expect((await call('POST', `/api/v1/releases/${r1.id}/activate`, h.acme.headers.builder, { environment: 'pilot' })).statusCode).toBe(200);
    const canary = await call('POST', `/api/v1/use-cases/${useCaseId}/canary`, h.acme.headers.builder, { environment: 'pilot', releaseId: r2.id, weight: 10 });
    expect(canary.json()).toMatchObject({ activeReleaseId: r1.id, canaryReleaseId: r2.id, canaryWeight: 10 });
    const promoted = await call('POST', `/api/v1/releases/${r2.id}/activate`, h.acme.headers.builder, { environment: 'pilot' });
    expect(promoted.json()).toMatchObject({ activeReleaseId: r2.id, previousReleaseId: r1.id, canaryReleaseId: null, canaryWeight: 0 });
    const back = await call('POST', `/api/v1/use-cases/${useCaseId}/rollback`, h.acme.headers.builder, { environment: 'pilot', reason: 'accuracy regression' });
    expect(back.json()).toMatchObject({ activeReleaseId: r1.id, previousReleaseId: null });
    const again = await call('POST', `/api/v1/use-cases/${useCaseId}/rollback`, h.acme.headers.builder, { environment: 'pilot', reason: 'again' });
    expect(again.statusCode).toBe(409);
    const trail = await call('GET', `/api/v1/ledger?subjectId=${useCaseId}&action=release.*`, h.acme.headers.risk_reviewer);
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual(['release.rollback', 'release.activate', 'release.canary', 'release.activate']);
  });

  it('issues gateway keys shown once and stored hashed; rotation keeps the old key for a grace period', async () => {
    const res = await call('POST', `/api/v1/use-cases/${useCaseId}/keys`, h.acme.headers.builder, { environment: 'pilot', name: 'claims app' });
    expect(res.statusCode).toBe(201);
    const { key, id } = res.json();
    expect(key).toMatch(/^chr_gw_pilot_/);
    const rows = await h.charter.kernel.db.selectFrom('gateway_keys').selectAll().where('id', '=', id).execute();
    expect(JSON.stringify(rows)).not.toContain(key);
    const listed = await call('GET', `/api/v1/use-cases/${useCaseId}/keys`, h.acme.headers.viewer);
    expect(listed.body).not.toContain(key);
    const rotated = await call('POST', `/api/v1/gateway-keys/${id}/rotate`, h.acme.headers.builder, { graceHours: 2 });
    expect(rotated.statusCode).toBe(201);
    const old = (await call('GET', `/api/v1/use-cases/${useCaseId}/keys`, h.acme.headers.viewer)).json().items.find((k: { id: string }) => k.id === id);
    expect(old.rotatedTo).toBe(rotated.json().id);
    expect(old.expiresAt).toBe(new Date(h.clock.now().getTime() + 2 * 3_600_000).toISOString());
    expect((await call('DELETE', `/api/v1/gateway-keys/${id}`, h.acme.headers.builder)).json().revokedAt).not.toBeNull();
    expect((await call('POST', `/api/v1/use-cases/${useCaseId}/keys`, h.acme.headers.viewer, { environment: 'pilot', name: 'x' })).statusCode).toBe(403);
  });
});

describeEachDb('master key rotation', (db) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(db);
  });
  afterAll(async () => h?.close());

  it('reseals every credential with the new key, which still opens to the same secret', async () => {
    const { Keyring } = await import('../../src/kernel/crypto.js');
    const { TEST_MASTER_KEY } = await import('../support/harness.js');
    const { randomBytes } = await import('node:crypto');
    const ep = await h.charter.services.catalogue.create(h.acme.actors.platform_admin, {
      name: 'rotating', provider: 'openai', kind: 'chat', baseUrl: 'https://api.example.com/v1', model: 'm', modelVersion: '1', region: 'eu', approvedTiers: ['minimal'],
      allowedDataClasses: { maxSensitivity: 'internal', categories: [] }, pricePer1kInput: 1, pricePer1kOutput: 1, status: 'approved', credential: 'sk-rotate-me',
    });
    const before = await h.charter.services.catalogue.row(h.charter.kernel.db, h.acme.id, ep.id);
    const next = new Keyring(randomBytes(32), [Buffer.from(TEST_MASTER_KEY, 'base64')]);
    (h.charter.kernel as { keyring: InstanceType<typeof Keyring> }).keyring = next;
    expect(await h.charter.services.catalogue.resealCredentials()).toBe(1);
    const after = await h.charter.services.catalogue.row(h.charter.kernel.db, h.acme.id, ep.id);
    expect(after.credential_key_id).toBe(next.currentId);
    expect(after.credential_key_id).not.toBe(before.credential_key_id);
    expect(h.charter.services.catalogue.credentialOf(after)).toBe('sk-rotate-me');
    expect(await h.charter.services.catalogue.resealCredentials()).toBe(0);
  });
});
