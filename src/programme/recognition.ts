import { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import type { PeopleServices } from '../people/index.js';
import * as store from './store.js';

const Counts = { labsCompleted: z.number(), assetReuses: z.number().describe('reuses of assets they own'), acceptedPatterns: z.number().describe('assets they own accepted into the library'), total: z.number() };
export const Recognition = z.object({
  since: z.string().nullable(),
  people: z.array(z.object({ personId: z.string().nullable(), userId: z.string().nullable(), name: z.string(), team: z.string().nullable(), ...Counts })),
  teams: z.array(z.object({ team: z.string().nullable(), contributors: z.number(), ...Counts })),
});
export type Recognition = z.infer<typeof Recognition>;
type Contributor = Recognition['people'][number];

/**
 * Recognition (seed section 5, "Reinforce learning with community and reuse"): contributions counted per person and
 * team — applied labs signed off, reuses of the assets they own, and their assets accepted as approved patterns.
 */
export class RecognitionService {
  constructor(private readonly k: Kernel, private readonly people: Pick<PeopleServices, 'people' | 'learning'>) {}

  async contributions(actor: Actor, days?: number): Promise<Recognition> {
    const since = days ? new Date(this.k.clock.now().getTime() - days * DAY_MS).toISOString() : undefined;
    const [everyone, labs, assets, reuses] = await Promise.all([
      this.people.people.everyone(actor),
      this.people.learning.signedOffSince(actor, since),
      store.allAssets(this.k.db, actor.tenantId),
      store.reuses(this.k.db, actor.tenantId, { since }),
    ]);
    const contributors = new Map<string, Contributor>();
    const byPerson = (personId: string) => {
      const s = everyone.find((p) => p.person.id === personId)!;
      return s.person.user_id ? `user:${s.person.user_id}` : `person:${personId}`;
    };
    const entry = async (key: string): Promise<Contributor> => {
      let c = contributors.get(key);
      if (c) return c;
      const [kind, id] = key.split(':');
      const s = everyone.find((p) => (kind === 'user' ? p.person.user_id === id : p.person.id === id));
      const name = s?.person.name ?? (await store.memberName(this.k.db, actor.tenantId, id)) ?? id;
      c = { personId: s?.person.id ?? null, userId: kind === 'user' ? id : null, name, team: s?.person.team_name ?? null, labsCompleted: 0, assetReuses: 0, acceptedPatterns: 0, total: 0 };
      contributors.set(key, c);
      return c;
    };
    for (const lab of labs) (await entry(byPerson(lab.personId))).labsCompleted++;
    for (const reuse of reuses) (await entry(`user:${reuse.asset_owner}`)).assetReuses++;
    for (const a of assets) if (a.status === 'accepted' && (!since || (a.accepted_at ?? '') >= since)) (await entry(`user:${a.owner_id}`)).acceptedPatterns++;
    const people = [...contributors.values()].map((c) => ({ ...c, total: c.labsCompleted + c.assetReuses + c.acceptedPatterns })).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
    const teams = new Map<string | null, Recognition['teams'][number]>();
    for (const p of people) {
      const t = teams.get(p.team) ?? { team: p.team, contributors: 0, labsCompleted: 0, assetReuses: 0, acceptedPatterns: 0, total: 0 };
      teams.set(p.team, { ...t, contributors: t.contributors + 1, labsCompleted: t.labsCompleted + p.labsCompleted, assetReuses: t.assetReuses + p.assetReuses, acceptedPatterns: t.acceptedPatterns + p.acceptedPatterns, total: t.total + p.total });
    }
    return { since: since ?? null, people, teams: [...teams.values()].sort((a, b) => b.total - a.total) };
  }
}
