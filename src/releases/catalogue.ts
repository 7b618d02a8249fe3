import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { ModelEndpointRow } from './migrations.js';
import { type Endpoint, type EndpointCreate, EndpointUpdate } from './schema.js';
import type { z } from 'zod';

export function toEndpoint(row: ModelEndpointRow): Endpoint {
  const options = fromJson<Record<string, unknown>>(row.options, {});
  return {
    id: row.id, name: row.name, provider: row.provider as Endpoint['provider'], kind: row.kind as Endpoint['kind'], baseUrl: row.base_url,
    model: row.model, modelVersion: row.model_version, region: row.region, approvedTiers: fromJson(row.approved_tiers, []),
    allowedDataClasses: { maxSensitivity: row.max_sensitivity as Endpoint['allowedDataClasses']['maxSensitivity'], categories: fromJson(row.allowed_categories, []) },
    pricePer1kInput: row.price_in_per_1k, pricePer1kOutput: row.price_out_per_1k, status: row.status as Endpoint['status'],
    hasCredential: !!row.credential, credentialKeyId: row.credential_key_id,
    simulated: row.provider === 'simulated' ? (options.simulated as Endpoint['simulated']) ?? { mode: 'safe', latencyMs: 0, errorRate: 0, accuracy: 0.9 } : null,
    createdAt: row.created_at, updatedAt: row.updated_at, version: row.version,
  };
}

/** Approved model endpoints. Upstream credentials are sealed with the master key and never leave this service. */
export class CatalogueService {
  constructor(private readonly k: Kernel) {}

  async list(actor: Actor): Promise<Endpoint[]> {
    const rows = await this.k.db.selectFrom('model_endpoints').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('name').execute();
    return rows.map(toEndpoint);
  }

  async row(conn: Conn, tenantId: string, id: string): Promise<ModelEndpointRow> {
    const row = await conn.selectFrom('model_endpoints').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('model endpoint', id);
    return row;
  }

  async get(actor: Actor, id: string): Promise<Endpoint> {
    return toEndpoint(await this.row(this.k.db, actor.tenantId, id));
  }

  /** The decrypted upstream credential, for the gateway's adapters only. */
  credentialOf(row: ModelEndpointRow): string | undefined {
    return row.credential && row.credential_key_id ? this.k.keyring.open({ keyId: row.credential_key_id, data: row.credential }) : undefined;
  }

  async create(actor: Actor, input: EndpointCreate): Promise<Endpoint> {
    if (input.provider !== 'simulated' && !input.baseUrl) throw new Invalid('a real provider needs its base URL', [{ path: 'body.baseUrl', message: 'required unless provider is simulated' }]);
    if (input.provider !== 'simulated' && input.simulated) throw new Invalid('simulated options apply only to the simulated provider', [{ path: 'body.simulated', message: 'only for provider simulated' }]);
    const now = this.k.clock.now().toISOString();
    const sealed = input.credential ? this.k.keyring.seal(input.credential) : undefined;
    const row: ModelEndpointRow = {
      id: newId('ep'), tenant_id: actor.tenantId, name: input.name, provider: input.provider, kind: input.kind, base_url: input.baseUrl ?? null,
      model: input.model, model_version: input.modelVersion, region: input.region, approved_tiers: toJson(input.approvedTiers),
      max_sensitivity: input.allowedDataClasses.maxSensitivity, allowed_categories: toJson(input.allowedDataClasses.categories),
      price_in_per_1k: input.pricePer1kInput, price_out_per_1k: input.pricePer1kOutput, status: input.status,
      credential: sealed?.data ?? null, credential_key_id: sealed?.keyId ?? null,
      options: toJson(input.provider === 'simulated' ? { simulated: input.simulated ?? { mode: 'safe', latencyMs: 0, errorRate: 0, accuracy: 0.9 } } : {}),
      created_at: now, updated_at: now, version: 1,
    };
    await this.k.db.transaction().execute(async (tx) => {
      const clash = await tx.selectFrom('model_endpoints').select('id').where('tenant_id', '=', actor.tenantId).where('name', '=', input.name).executeTakeFirst();
      if (clash) throw new Conflict(`an endpoint named ${input.name} exists`);
      await tx.insertInto('model_endpoints').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'endpoint.create', subjectType: 'model_endpoint', subjectId: row.id, after: ledgerView(toEndpoint(row)) });
    });
    return toEndpoint(row);
  }

  async update(actor: Actor, id: string, patch: z.infer<typeof EndpointUpdate>, ifMatch?: number): Promise<Endpoint> {
    const updated = await this.k.db.transaction().execute(async (tx) => {
      const before = await this.row(tx, actor.tenantId, id);
      checkVersion(ifMatch, before.version, `endpoint ${id}`);
      const set: Partial<ModelEndpointRow> = { updated_at: this.k.clock.now().toISOString(), version: before.version + 1 };
      if (patch.kind) set.kind = patch.kind;
      if (patch.baseUrl) set.base_url = patch.baseUrl;
      if (patch.model) set.model = patch.model;
      if (patch.modelVersion) set.model_version = patch.modelVersion;
      if (patch.region) set.region = patch.region;
      if (patch.approvedTiers) set.approved_tiers = toJson(patch.approvedTiers);
      if (patch.allowedDataClasses) {
        set.max_sensitivity = patch.allowedDataClasses.maxSensitivity;
        set.allowed_categories = toJson(patch.allowedDataClasses.categories);
      }
      if (patch.pricePer1kInput !== undefined) set.price_in_per_1k = patch.pricePer1kInput;
      if (patch.pricePer1kOutput !== undefined) set.price_out_per_1k = patch.pricePer1kOutput;
      if (patch.status) set.status = patch.status;
      if (patch.credential) {
        const sealed = this.k.keyring.seal(patch.credential);
        set.credential = sealed.data;
        set.credential_key_id = sealed.keyId;
      }
      if (patch.simulated) set.options = toJson({ simulated: patch.simulated });
      await tx.updateTable('model_endpoints').set(set).where('id', '=', id).where('tenant_id', '=', actor.tenantId).execute();
      const after = toEndpoint({ ...before, ...set });
      await this.k.ledger.append(tx, actor, { action: 'endpoint.update', subjectType: 'model_endpoint', subjectId: id, before: ledgerView(toEndpoint(before)), after: ledgerView(after) });
      return after;
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'endpoint', id });
    return updated;
  }

  /** Re-encrypts every credential sealed with an older master key; returns how many were resealed. */
  async resealCredentials(): Promise<number> {
    const rows = await this.k.db.selectFrom('model_endpoints').select(['id', 'credential', 'credential_key_id']).where('credential', 'is not', null).execute();
    let n = 0;
    for (const row of rows) {
      if (row.credential_key_id === this.k.keyring.currentId) continue;
      const sealed = this.k.keyring.seal(this.k.keyring.open({ keyId: row.credential_key_id!, data: row.credential! }));
      await this.k.db.updateTable('model_endpoints').set({ credential: sealed.data, credential_key_id: sealed.keyId }).where('id', '=', row.id).execute();
      n++;
    }
    return n;
  }
}

/** The ledger records which key sealed a credential, never the credential. */
function ledgerView(e: Endpoint) {
  const { createdAt: _c, updatedAt: _u, ...rest } = e;
  return rest;
}
