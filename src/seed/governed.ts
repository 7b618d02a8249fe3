import type { Services } from '../app.js';
import type { Actor } from '../kernel/actor.js';
import type { Role } from '../kernel/auth/permissions.js';
import { Conflict } from '../kernel/errors.js';
import type { Stage } from '../portfolio/schema.js';

const FORWARD: Stage[] = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production'];

/** Who asks for moves and who answers approval requests, by role. */
export interface Cast {
  requester: Actor;
  byRole: (role: Role, useCaseOwnerId: string | null) => Actor;
}

/**
 * Takes a screened use case to `to` the way a team would: states readiness, implements the controls falling due with
 * evidence, asks for each move, and has a member of each required role grant the approval requests it opens.
 */
export async function walkGoverned(s: Services, cast: Cast, useCaseId: string, to: Stage, evidenceBase: string): Promise<void> {
  const path = pathTo(to);
  // From wherever the use case is on the way: a use case in pilot walks on to production.
  const from = path.indexOf((await s.portfolio.get(cast.requester, useCaseId)).stage);
  for (const stage of path.slice(from + 1)) {
    const uc = await s.portfolio.get(cast.requester, useCaseId);
    if (FORWARD.includes(stage)) {
      const view = await s.controls.view(cast.requester, useCaseId).catch(() => undefined);
      const due = view?.items.filter((c) => !c.met && FORWARD.indexOf(c.requiredBefore as Stage) <= FORWARD.indexOf(stage)) ?? [];
      if (due.length) {
        await s.controls.update(cast.requester, useCaseId, due.map((c) => ({
          control: c.control, status: 'implemented' as const,
          evidence: [{ kind: 'url' as const, url: `${evidenceBase}/${encodeURIComponent(c.control)}`, title: `${c.control}: how ${uc.title} meets it` }],
        })));
      }
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await s.portfolio.transition(cast.requester, useCaseId, stage, { reason: 'demo history' });
        break;
      } catch (err) {
        const problems = (err instanceof Conflict ? (err.extra.problems as { guard: string; pending?: { requestId: string; role: Role }[] }[]) : undefined) ?? [];
        const pending = problems.filter((p) => p.guard === 'approvals').flatMap((p) => p.pending ?? []);
        if (!pending.length || attempt > 2) throw err;
        for (const p of pending) await s.approvals.decide(cast.byRole(p.role, uc.owner?.id ?? null), p.requestId, { decision: 'grant' });
      }
    }
  }
}

function pathTo(to: Stage): Stage[] {
  if (to === 'rejected') return ['triage', 'rejected'];
  // A retired use case is retired after its pilot: reaching production would take a release through its gate.
  if (to === 'retired') return [...FORWARD.slice(1, FORWARD.indexOf('pilot') + 1), 'retired'];
  if (to === 'suspended') return [...FORWARD.slice(1, FORWARD.indexOf('pilot') + 1), 'suspended'];
  return FORWARD.slice(1, FORWARD.indexOf(to) + 1);
}
