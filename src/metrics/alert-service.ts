import { deliverWebhook, webhookSecret } from '../gateway/reviews/webhooks.js';
import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { PreconditionFailed } from '../kernel/errors.js';
import { checkVersion } from '../kernel/http/etag.js';

export interface AlertSettings {
  webhookUrls: string[];
  version: number;
}

/** What a monitor's ALERT sends to the tenant's webhooks, signed like every Charter webhook. */
export interface AlertPayload {
  type: 'monitor.alert';
  useCaseId: string;
  metricKey: string;
  state: string;
  value: number | null;
  samples: number;
  reason: string;
  incidentId: string | null;
  actions: string[];
  at: string;
}

/** The tenant's alert webhooks and their delivery. */
export class AlertService {
  constructor(private readonly k: Kernel) {}

  async settings(actor: Actor): Promise<AlertSettings> {
    const row = await this.k.db.selectFrom('alert_settings').selectAll().where('tenant_id', '=', actor.tenantId).executeTakeFirst();
    return { webhookUrls: fromJson(row?.webhook_urls, []), version: row?.version ?? 0 };
  }

  async update(actor: Actor, webhookUrls: string[], ifMatch?: number): Promise<AlertSettings> {
    return this.k.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('alert_settings').selectAll().where('tenant_id', '=', actor.tenantId).executeTakeFirst();
      const version = before?.version ?? 0;
      checkVersion(ifMatch, version, 'the alerting settings');
      const row = { tenant_id: actor.tenantId, webhook_urls: toJson([...new Set(webhookUrls)]), updated_at: this.k.clock.now().toISOString(), version: version + 1 };
      const changed = before
        ? (await tx.updateTable('alert_settings').set(row).where('tenant_id', '=', actor.tenantId).where('version', '=', version).executeTakeFirst()).numUpdatedRows
        : (await tx.insertInto('alert_settings').values(row).onConflict((oc) => oc.column('tenant_id').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows;
      if (Number(changed) !== 1) throw new PreconditionFailed('the alerting settings were changed concurrently; reload and retry');
      await this.k.ledger.append(tx, actor, {
        action: 'alerting.update', subjectType: 'alert_settings', subjectId: actor.tenantId, before: { webhookUrls: fromJson(before?.webhook_urls, []) }, after: { webhookUrls: fromJson(row.webhook_urls, []) },
      });
      return { webhookUrls: fromJson(row.webhook_urls, []), version: row.version };
    });
  }

  /** Sends the alert to every webhook of the tenant; failures are logged, never thrown, so one receiver cannot stop the monitors. */
  async notify(tenantId: string, payload: AlertPayload): Promise<void> {
    const row = await this.k.db.selectFrom('alert_settings').select('webhook_urls').where('tenant_id', '=', tenantId).executeTakeFirst();
    const secret = webhookSecret(this.k.keyring, tenantId);
    await Promise.all(fromJson<string[]>(row?.webhook_urls, []).map(async (url) => {
      const result = await deliverWebhook(url, secret, payload, this.k.clock.now());
      if (!result.ok) this.k.log.warn({ tenantId, url, status: result.status, error: result.error }, 'alert webhook delivery failed');
    }));
  }
}
