import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { canonicalJson, digest } from '../kernel/ledger/canonical.js';
import type { RedTeamCategory } from './redteam/categories.js';
import { type Probe, validateProbes } from './redteam/probe.js';
import { DEFAULT_PROBES } from './redteam/suite/index.js';
import * as store from './store.js';

const DEFAULT_IDS = new Set(DEFAULT_PROBES.map((p) => p.id));

/** A tenant's own red-team probes, kept beside Charter's default suite, and the suite a run draws from both. */
export class RedTeamService {
  constructor(private readonly k: Kernel) {}

  async probes(actor: Actor) {
    const probes = validateProbes(await store.probesOf(this.k.db, actor.tenantId));
    return { probes, defaultSuite: DEFAULT_PROBES.map((p) => ({ id: p.id, category: p.category, title: p.title, variants: p.variants.length })) };
  }

  /** Replaces the tenant's probes as a set; ids must not shadow the default suite's. */
  async setProbes(actor: Actor, input: unknown) {
    const probes = validateProbes(input);
    const shadowing = probes.flatMap((p, i) => (DEFAULT_IDS.has(p.id) ? [{ path: `probes.${i}.id`, message: `"${p.id}" is a default probe's id` }] : []));
    if (shadowing.length) throw new Invalid('probe ids must differ from the default suite', shadowing);
    const now = this.k.clock.now().toISOString();
    await this.k.db.transaction().execute(async (tx) => {
      await store.replaceProbes(tx, actor.tenantId, probes.map((p) => ({ tenant_id: actor.tenantId, id: p.id, body: JSON.stringify(p), updated_by: actor.id, updated_at: now })));
      await this.k.ledger.append(tx, actor, { action: 'redteam.probes', subjectType: 'tenant', subjectId: actor.tenantId, after: { probes: probes.map((p) => p.id), sha256: digest(canonicalJson(probes)).sha256 } });
    });
    return this.probes(actor);
  }

  /** The probes a run uses, snapshotted on the run so a resumed run sends the same attacks. */
  async suite(actor: Actor, options: { includeDefaultSuite: boolean; categories?: readonly RedTeamCategory[] }): Promise<Probe[]> {
    const own = (await this.probes(actor)).probes;
    const wanted = options.categories ? new Set(options.categories) : null;
    const probes = [...(options.includeDefaultSuite ? DEFAULT_PROBES : []), ...own].filter((p) => !wanted || wanted.has(p.category));
    if (!probes.length) throw new Invalid('no probe covers the categories asked for', [{ path: 'body.categories', message: 'no probes' }]);
    return probes;
  }
}
