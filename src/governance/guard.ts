import type { GuardProblem, StageGuard } from '../portfolio/guards.js';
import type { Stage } from '../portfolio/schema.js';
import { readinessGaps, stageForbidden } from '../policy/model.js';
import { LIFECYCLE, type ReadinessItem } from '../policy/schema.js';
import type { ApprovalService } from './approvals/service.js';
import type { ControlService } from './controls/service.js';

/** The operating model's test of readiness, quoted whenever the readiness guard refuses a move. */
export const READINESS_RULE = 'If a use case cannot clearly state its data sources, human oversight points, and rollback plan, it is not ready for enterprise scale';

const ITEM_NAMES: Record<ReadinessItem['item'], string> = { dataSources: 'data sources', humanOversight: 'human oversight points', rollbackPlan: 'a rollback plan' };

/** Stages a use case enters only once screened: from assessed on, its tier decides what it must show. */
const SCREENED_STAGES: readonly Stage[] = ['assessed', 'approved', 'build', 'pilot', 'production'];

const position = (stage: Stage) => LIFECYCLE.indexOf(stage as (typeof LIFECYCLE)[number]);

/**
 * Governance asks for more only when a use case advances (or resumes from suspension): stepping back, suspending,
 * rejecting and retiring reduce exposure and are held up only by an approval the pack names for that very move.
 */
const advances = (from: Stage, to: Stage): boolean => position(to) !== -1 && (from === 'suspended' || position(to) > position(from));

/**
 * The governance guard on every stage transition, in this order: a screening is needed to pass triage; the pack's
 * forbidden stages are never entered (a prohibited use case stops here); then readiness, the controls due by the
 * stage (an expired exception no longer waives one), and approvals. Approval requests are opened even while other
 * problems remain, so approvers and builders work in parallel; the move happens only when nothing is left.
 */
export function governanceGuard(deps: { controls: ControlService; approvals: ApprovalService }): StageGuard {
  return async ({ tx, actor, useCase, from, to }) => {
    const governed = await deps.controls.governed(tx, actor.tenantId, useCase);
    if (!governed) {
      if (!SCREENED_STAGES.includes(to) || !advances(from, to)) return [];
      return [{ guard: 'risk', code: 'screening-missing', message: `screen the use case for risk before it moves to ${to}: its tier decides the approvals, readiness and controls it needs` }];
    }
    if (stageForbidden(governed.pack, to)) {
      const why = useCase.riskTier === 'prohibited' ? ': the screening found an EU AI Act prohibited practice' : '';
      return [{ guard: 'policy', code: 'stage-forbidden', message: `the ${governed.ref} pack forbids ${to} for a ${useCase.riskTier} use case${why}` }];
    }
    if (!advances(from, to)) return deps.approvals.check(tx, actor, useCase, governed, from, to, false);
    const problems: GuardProblem[] = [];
    const gaps = readinessGaps(governed.pack, useCase.readiness, to);
    if (gaps.length) {
      const owed = gaps.map((g) => `${ITEM_NAMES[g.item]} (${g.minimum} needed, ${g.stated} stated)`).join(', ');
      problems.push({ guard: 'readiness', code: 'readiness-gap', message: `${READINESS_RULE}. Before ${to}, state ${owed}.`, gaps });
    }
    const open = await deps.controls.openBefore(tx, actor.tenantId, useCase.id, governed, to);
    if (open.length) {
      const listed = open.slice(0, 8).map((c) => c.control).join(', ') + (open.length > 8 ? `, and ${open.length - 8} more` : '');
      problems.push({
        guard: 'controls', code: 'controls-open', message: `${open.length} control${open.length === 1 ? '' : 's'} due before ${to} ${open.length === 1 ? 'is' : 'are'} not met: ${listed}`,
        controls: open.map((c) => ({ control: c.control, status: c.status, requiredBefore: c.requiredBefore })),
      });
    }
    problems.push(...(await deps.approvals.check(tx, actor, useCase, governed, from, to, true)));
    return problems;
  };
}
