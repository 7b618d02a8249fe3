import { systemActor } from '../kernel/actor.js';
import { hashSecret } from '../kernel/auth/secrets.js';
import type { Kernel } from '../kernel/context.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { CatalogueService } from '../releases/catalogue.js';
import { toEndpoint } from '../releases/catalogue.js';
import type { PromptService } from '../releases/prompts.js';
import type { ReleaseService } from '../releases/service.js';
import type { EndpointRuntime, KeyContext, ReleaseTarget } from './context.js';
import { Scanner } from './detectors/scanner.js';
import { createProvider, type UpstreamPools } from './providers/index.js';
import { EVALUATION_KEY_PREFIX } from './record.js';
import type { RuntimePolicy } from './runtime.js';

/** The request rate an open incident imposes on a use case, if any (measurement's containment provides it). */
export type ThrottleSource = (tenantId: string, useCaseId: string) => Promise<{ requestsPerMinute: number } | undefined>;

/** Finds the compiled runtime policy that governs a use case (its pack version, or its tier's current pack). */
export type PolicySource = (tenantId: string, tier: NonNullable<KeyContext['useCase']['tier']>, packVersion: string | null) => Promise<RuntimePolicy>;

interface Deps {
  portfolio: PortfolioService;
  catalogue: CatalogueService;
  prompts: PromptService;
  releases: ReleaseService;
  policy: PolicySource;
  pools: UpstreamPools;
}

/**
 * Resolves a gateway key to its context. Contexts are cached by key hash; the change feed drops a tenant's entries
 * the moment a use case, key, release, endpoint or policy changes on any instance, and a TTL bounds staleness even
 * if a notification were lost.
 */
export class KeyResolver {
  private readonly cache = new Map<string, KeyContext | Promise<KeyContext | undefined>>();
  private readonly scanners = new Map<string, Scanner>();
  private readonly unsubscribe: () => void;
  private throttles: ThrottleSource = async () => undefined;

  constructor(private readonly k: Kernel, private readonly deps: Deps, private readonly ttlMs = 30_000) {
    this.unsubscribe = k.feed.subscribe((event) => this.invalidateTenant(event.tenantId));
  }

  invalidateTenant(tenantId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry instanceof Promise || entry.tenantId === tenantId) this.cache.delete(hash);
    }
  }

  async resolve(secret: string): Promise<KeyContext | undefined> {
    const hash = hashSecret(secret);
    const hit = this.cache.get(hash);
    if (hit && !(hit instanceof Promise) && Date.now() - hit.loadedAt < this.ttlMs) return hit;
    if (hit instanceof Promise) return hit;
    const loading = this.load(hash).then(
      (ctx) => {
        if (ctx) this.cache.set(hash, ctx);
        else this.cache.delete(hash);
        return ctx;
      },
      (err) => {
        this.cache.delete(hash);
        throw err;
      },
    );
    this.cache.set(hash, loading);
    return loading;
  }

  /** Containment is wired after the gateway; a throttle change publishes a use-case event, which drops cached contexts. */
  useThrottles(source: ThrottleSource): void {
    this.throttles = source;
  }

  close(): void {
    this.unsubscribe();
  }

  private scannerFor(tenantId: string): Scanner {
    let s = this.scanners.get(tenantId);
    if (!s) {
      s = new Scanner({ hashKey: this.k.keyring.derive('findings', tenantId) });
      this.scanners.set(tenantId, s);
    }
    return s;
  }

  private async load(hash: string): Promise<KeyContext | undefined> {
    const key = await this.k.db.selectFrom('gateway_keys').selectAll().where('secret_hash', '=', hash).executeTakeFirst();
    return key ? this.build(key) : undefined;
  }

  /**
   * A context for evaluating a release candidate: the use case's policy, with the candidate in place of the active
   * release. Not cached (evaluations are batch work) and never valid as a key.
   */
  async forCandidate(tenantId: string, useCaseId: string, releaseId: string): Promise<KeyContext> {
    return this.build({ id: `${EVALUATION_KEY_PREFIX}${releaseId}`, name: 'evaluation', tenant_id: tenantId, use_case_id: useCaseId, environment: 'pilot', expires_at: null, revoked_at: null }, releaseId);
  }

  private async build(
    key: { id: string; name: string; tenant_id: string; use_case_id: string; environment: string; expires_at: string | null; revoked_at: string | null },
    candidateReleaseId?: string,
  ): Promise<KeyContext> {
    const actor = systemActor(key.tenant_id, 'gateway');
    const uc = await this.deps.portfolio.get(actor, key.use_case_id);
    const endpointRows = await this.k.db.selectFrom('model_endpoints').selectAll().where('tenant_id', '=', key.tenant_id).execute();
    const endpoints = new Map<string, EndpointRuntime>();
    const byId = new Map<string, EndpointRuntime>();
    for (const row of endpointRows) {
      const e = toEndpoint(row);
      const runtime: EndpointRuntime = {
        id: e.id, name: e.name, provider: e.provider, kind: e.kind, baseUrl: e.baseUrl, model: e.model, region: e.region, status: e.status,
        approvedTiers: e.approvedTiers, allowed: { sensitivity: e.allowedDataClasses.maxSensitivity, categories: e.allowedDataClasses.categories },
        priceIn: e.pricePer1kInput, priceOut: e.pricePer1kOutput,
        adapter: createProvider({
          kind: e.provider, model: e.model, baseUrl: e.baseUrl ?? undefined, apiKey: this.deps.catalogue.credentialOf(row),
          simulation: e.simulated ? { mode: e.simulated.mode, latencyMs: e.simulated.latencyMs, classificationAccuracy: e.simulated.accuracy, faults: { rate: e.simulated.errorRate, kinds: ['http_500'] } } : undefined,
        }, { pools: this.deps.pools, clock: this.k.clock }),
      };
      endpoints.set(e.name, runtime);
      byId.set(e.id, runtime);
    }
    let policy: RuntimePolicy | undefined;
    let policyProblem: string | undefined;
    if (!uc.riskTier) policyProblem = 'the use case has not been screened for risk, so no policy governs it';
    else {
      try {
        policy = await this.deps.policy(key.tenant_id, uc.riskTier, uc.policyPackVersion);
      } catch (err) {
        policyProblem = `the policy pack could not be loaded (${(err as Error).message})`;
      }
    }
    const slot = (await this.deps.releases.slots(this.k.db, key.tenant_id, key.use_case_id)).find((s) => s.environment === key.environment);
    const target = async (releaseId: string | null): Promise<ReleaseTarget | undefined> => {
      if (!releaseId) return undefined;
      const r = await this.deps.releases.get(actor, releaseId);
      const endpoint = byId.get(r.endpointId);
      if (!endpoint) return undefined;
      const prompt = r.promptVersionId ? await this.deps.prompts.version(this.k.db, key.tenant_id, r.promptVersionId) : undefined;
      return {
        releaseId: r.id, name: r.name, endpoint, fallbacks: r.fallbackEndpointIds.map((id) => byId.get(id)).filter((e): e is EndpointRuntime => !!e),
        system: prompt?.system ?? null, promptVersionId: r.promptVersionId, variables: prompt?.variables ?? [], params: r.params,
      };
    };
    const active = await target(candidateReleaseId ?? slot?.activeReleaseId ?? null);
    const canaryTarget = candidateReleaseId ? undefined : await target(slot?.canaryReleaseId ?? null);
    const throttle = await this.throttles(key.tenant_id, key.use_case_id);
    return {
      keyId: key.id, keyName: key.name, tenantId: key.tenant_id, environment: key.environment as KeyContext['environment'],
      expiresAt: key.expires_at ? Date.parse(key.expires_at) : null, revoked: !!key.revoked_at,
      useCase: { id: uc.id, title: uc.title, tier: uc.riskTier, stage: uc.stage, dataClasses: uc.dataClasses, valueStream: uc.valueStream?.name ?? '', teamId: uc.teamId },
      policy, policyProblem, active, canary: canaryTarget && slot ? { target: canaryTarget, weight: slot.canaryWeight } : undefined,
      endpoints, scanner: this.scannerFor(key.tenant_id), loadedAt: Date.now(), throttle,
    };
  }
}
