import { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { PortfolioService } from '../portfolio/service.js';
import { coverageBy, coverageOf, CoverageRow } from './coverage.js';
import type { PeopleService } from './person-service.js';
import { SKILL_ROLES } from './schema.js';

export const SkillingCoverage = z.object({
  overall: CoverageRow,
  byRole: z.array(CoverageRow),
  byTeam: z.array(CoverageRow),
  byValueStream: z.array(CoverageRow),
  byWorkGroup: z.array(CoverageRow),
});
export type SkillingCoverage = z.infer<typeof SkillingCoverage>;

/** Skilling coverage of the tenant: who holds the paths their role requires, by role, team, value stream and work group. */
export class CoverageService {
  constructor(private readonly people: PeopleService, private readonly portfolio: PortfolioService) {}

  async coverage(actor: Actor): Promise<SkillingCoverage> {
    const [everyone, streams] = await Promise.all([this.people.everyone(actor), this.portfolio.listValueStreams(actor)]);
    const byRole = coverageBy(everyone, (s) => ({ key: s.person.skill_role, name: s.person.skill_role.replace('_', ' ') }));
    return {
      overall: coverageOf(null, 'everyone', everyone),
      byRole: SKILL_ROLES.map((role) => byRole.find((r) => r.key === role) ?? coverageOf(role, role.replace('_', ' '), [])),
      byTeam: coverageBy(everyone, (s) => ({ key: s.person.team_id, name: s.person.team_name ?? 'no team' })),
      byValueStream: coverageBy(everyone, (s) => ({
        key: s.person.value_stream_id, name: streams.find((v) => v.id === s.person.value_stream_id)?.name ?? 'no value stream',
      })),
      byWorkGroup: coverageBy(everyone, (s) => ({ key: s.person.work_group, name: s.person.work_group ?? 'no work group' })),
    };
  }
}
