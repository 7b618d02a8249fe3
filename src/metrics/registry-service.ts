import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn } from '../kernel/db/connect.js';
import { Conflict, type FieldProblem, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { checkVersion } from '../kernel/http/etag.js';
import { decodeCursor, encodeCursor } from '../kernel/http/pagination.js';
import { newId } from '../kernel/ids.js';
import type { Tier, UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { PolicyPack } from '../policy/schema.js';
import { GATEWAY_METRIC_KEYS } from './catalogue.js';
import { type MetricDefinition, metricDefinitionProblems } from './schema.js';
import * as store from './store.js';
import { builtinMetrics, type Measurement, type MetricView, outcomeMetric, type TrackedMetric, trackedMetrics } from './tracked.js';

/** The policy pack governing a use case, as the composition root looks it up. */
export type PackLookup = (tenantId: string, tier: Tier, packVersion: string | null) => Promise<PolicyPack>;

export type MetricPatch = Partial<Omit<MetricDefinition, 'key'>>;

export interface RegistryQuery {
  layer?: MetricDefinition['layer'];
  source?: MetricDefinition['source'];
  useCaseId?: string;
  limit: number;
  cursor?: string;
}

/** What the ledger keeps of a metric definition: the governed fields, not the description. */
const ledgerView = (m: MetricDefinition) => ({
  key: m.key, layer: m.layer, unit: m.unit, direction: m.direction, baseline: m.baseline, target: m.target, thresholds: m.thresholds, owner: m.owner,
  reviewCadence: m.reviewCadence, source: m.source, useCaseIds: m.useCaseIds,
});

/**
 * The metric registry of a tenant: the gateway catalogue (built in), the outcome metric of every use case (derived
 * from its outcome statement on read, so it follows edits), and the metrics owners define or tighten.
 */
export class MetricRegistry {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly packs: PackLookup) {}

  /** When the tenant began: the creation time of its built-in metrics, from which their first review falls due. */
  async tenantSince(conn: Conn, tenantId: string): Promise<string> {
    const row = await conn.selectFrom('tenants').select('created_at').where('id', '=', tenantId).executeTakeFirst();
    return row?.created_at ?? this.k.clock.now().toISOString();
  }

  /** The whole registry, by key. */
  async views(actor: Actor, useCases?: UseCase[]): Promise<MetricView[]> {
    const stored = await store.storedMetrics(this.k.db, actor.tenantId);
    const keys = new Set(stored.map((m) => m.key));
    const builtins = builtinMetrics(await this.tenantSince(this.k.db, actor.tenantId)).filter((m) => !keys.has(m.key));
    const outcomes = (useCases ?? (await this.portfolio.all(actor))).flatMap((uc) => outcomeMetric(uc) ?? []);
    return [...builtins, ...stored.map((m): MetricView => ({ ...m, origin: 'registry' })), ...outcomes].sort((a, b) => a.key.localeCompare(b.key));
  }

  async list(actor: Actor, q: RegistryQuery) {
    const after = decodeCursor(q.cursor, 1, ['string'])?.[0] as string | undefined;
    const items = (await this.views(actor)).filter(
      (m) => (!q.layer || m.layer === q.layer) && (!q.source || m.source === q.source) && (!q.useCaseId || m.useCaseIds.length === 0 || m.useCaseIds.includes(q.useCaseId)) && (!after || m.key > after),
    );
    const page = items.slice(0, q.limit);
    return { items: page, nextCursor: items.length > q.limit ? encodeCursor([page[page.length - 1].key]) : null };
  }

  async get(actor: Actor, key: string): Promise<MetricView> {
    const found = (await this.views(actor)).find((m) => m.key === key);
    if (!found) throw new NotFound('metric', key);
    return found;
  }

  async create(actor: Actor, input: MetricDefinition): Promise<MetricView> {
    await this.checkDefinition(this.k.db, actor, input);
    const now = this.k.clock.now().toISOString();
    const metric: store.StoredMetric = { ...input, id: newId('met'), createdAt: now, updatedAt: now, version: 1 };
    await this.k.db.transaction().execute(async (tx) => {
      if ((await store.storedMetrics(tx, actor.tenantId, input.key)).length) throw new Conflict(`a metric ${input.key} is already defined; change it instead`);
      await store.insertMetric(tx, actor.tenantId, metric);
      await this.k.ledger.append(tx, actor, { action: 'metric.create', subjectType: 'metric', subjectId: input.key, after: ledgerView(metric) });
    });
    return { ...metric, origin: 'registry' };
  }

  async update(actor: Actor, key: string, patch: MetricPatch, ifMatch?: number): Promise<MetricView> {
    return this.k.db.transaction().execute(async (tx) => {
      const before = await this.stored(tx, actor, key);
      checkVersion(ifMatch, before.version, `metric ${key}`);
      const after: store.StoredMetric = { ...before, ...patch, key, updatedAt: this.k.clock.now().toISOString() };
      const problems = metricDefinitionProblems(after).map((p) => ({ path: `body.${p.path}`, message: p.message }));
      if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
      await this.checkDefinition(tx, actor, after);
      if (!(await store.updateMetric(tx, actor.tenantId, after, before.version))) throw new PreconditionFailed(`metric ${key} was changed concurrently; reload and retry`);
      await this.k.ledger.append(tx, actor, { action: 'metric.update', subjectType: 'metric', subjectId: key, before: ledgerView(before), after: ledgerView(after) });
      return { ...after, version: before.version + 1, origin: 'registry' as const };
    });
  }

  /** Removes an owner's metric; removing a gateway metric's override restores the catalogue's defaults. */
  async remove(actor: Actor, key: string): Promise<void> {
    await this.k.db.transaction().execute(async (tx) => {
      const before = await this.stored(tx, actor, key);
      await store.deleteMetric(tx, actor.tenantId, before.id);
      await this.k.ledger.append(tx, actor, { action: 'metric.delete', subjectType: 'metric', subjectId: key, before: ledgerView(before) });
    });
  }

  /** The measurement section of the pack governing the use case; null before the use case has a risk tier. */
  async measurement(uc: UseCase, tenantId: string): Promise<Measurement | null> {
    return uc.riskTier ? (await this.packs(tenantId, uc.riskTier, uc.policyPackVersion)).measurement : null;
  }

  /** What each use case tracks and which of its metrics are monitored, for the use cases given. */
  async tracked(actor: Actor, useCases: readonly UseCase[]): Promise<Map<string, TrackedMetric[]>> {
    const stored = await store.storedMetrics(this.k.db, actor.tenantId);
    const builtins = builtinMetrics(await this.tenantSince(this.k.db, actor.tenantId));
    const packs = new Map<string, Promise<Measurement | null>>();
    const result = new Map<string, TrackedMetric[]>();
    for (const uc of useCases) {
      const pack = `${uc.riskTier}|${uc.policyPackVersion}`;
      if (!packs.has(pack)) packs.set(pack, this.measurement(uc, actor.tenantId));
      result.set(uc.id, trackedMetrics(uc, await packs.get(pack)!, stored, builtins));
    }
    return result;
  }

  private async stored(conn: Conn, actor: Actor, key: string): Promise<store.StoredMetric> {
    const [found] = await store.storedMetrics(conn, actor.tenantId, key);
    if (found) return found;
    if (key.startsWith('outcome.')) throw new Conflict(`${key} is derived from the use case's outcome statement; change the statement instead`);
    if (key.startsWith('gateway.') && (GATEWAY_METRIC_KEYS as readonly string[]).includes(key.slice('gateway.'.length))) throw new Conflict(`${key} has no override; define one with POST /api/v1/metrics`);
    throw new NotFound('metric', key);
  }

  /** Keys and sources must agree (gateway metrics are the catalogue's), and linked use cases must be the tenant's. */
  private async checkDefinition(conn: Conn, actor: Actor, m: MetricDefinition): Promise<void> {
    const problems: FieldProblem[] = [];
    const gatewayKey = m.key.startsWith('gateway.') ? m.key.slice('gateway.'.length) : undefined;
    if (m.key.startsWith('outcome.')) problems.push({ path: 'body.key', message: 'outcome.* metrics are derived from outcome statements' });
    if (gatewayKey !== undefined && !(GATEWAY_METRIC_KEYS as readonly string[]).includes(gatewayKey)) {
      problems.push({ path: 'body.key', message: `the gateway derives only ${GATEWAY_METRIC_KEYS.map((g) => `gateway.${g}`).join(', ')}` });
    }
    if ((gatewayKey !== undefined) !== (m.source === 'gateway')) problems.push({ path: 'body.source', message: 'gateway.* keys, and only they, have the source gateway' });
    for (const [i, id] of m.useCaseIds.entries()) {
      await this.portfolio.get(actor, id, conn).catch(() => problems.push({ path: `body.useCaseIds.${i}`, message: `no use case ${id} in this tenant` }));
    }
    if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
  }
}
