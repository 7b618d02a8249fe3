import type { Role } from '../../kernel/auth/permissions.js';
import type { Stage } from '../../portfolio/schema.js';
import { approvalFor } from '../../policy/model.js';
import { LIFECYCLE, type PolicyPack } from '../../policy/schema.js';

/** An approval a move owes: the pack's approval of the move itself, or an earlier one still owed under the current pack. */
export interface OwedApproval {
  from: Stage;
  to: Stage;
  roles: Role[];
  dueDays: number;
  kind: 'transition' | 'catch_up';
}

const position = (stage: Stage): number => LIFECYCLE.indexOf(stage as (typeof LIFECYCLE)[number]);

/**
 * What a move from → to needs under a pack. The pack's approval for the move itself is always asked afresh. Given
 * what has been `granted`, a move into a lifecycle stage also owes every forward approval on the way to that stage whose roles no granted approval
 * covers: after a tier rise or a rebinding to a stricter pack, the use case catches up on the approvals its new pack
 * demands of the stages it has already passed, asking only for the missing roles.
 */
export function approvalsOwed(pack: PolicyPack, from: Stage, to: Stage, granted?: (from: Stage, to: Stage) => ReadonlySet<string>): OwedApproval[] {
  const direct = approvalFor(pack, from, to);
  const owed: OwedApproval[] = direct ? [{ ...direct, kind: 'transition' }] : [];
  const reach = position(to);
  if (!granted || reach === -1) return owed;
  for (const earlier of pack.approvals) {
    if (earlier === direct) continue;
    const start = position(earlier.from);
    const end = position(earlier.to);
    if (start === -1 || end <= start || end > reach) continue;
    const covered = granted(earlier.from, earlier.to);
    const missing = earlier.roles.filter((role) => !covered.has(role));
    if (missing.length) owed.push({ from: earlier.from, to: earlier.to, roles: missing, dueDays: earlier.dueDays, kind: 'catch_up' });
  }
  return owed;
}

/**
 * Why this person may not decide this request, if they may not: separation of duties (nobody approves a move they
 * requested, and one person grants one role of an approval) and holding the role the request names.
 */
export function separationProblem(
  approver: { id: string; roles: readonly Role[] },
  request: { id: string; role: string },
  approval: { requestedBy: string },
  siblings: readonly { id: string; role: string; status: string; decidedBy: string | null }[],
): string | undefined {
  if (approver.id === approval.requestedBy) return 'separation of duties: you requested this move, so someone else must approve it';
  if (!approver.roles.includes(request.role as Role)) return `this request needs a ${request.role}; your roles are ${approver.roles.join(', ') || 'none'}`;
  const other = siblings.find((s) => s.id !== request.id && s.status === 'granted' && s.decidedBy === approver.id);
  if (other) return `separation of duties: you already granted this approval as ${other.role}; one person grants one role`;
  return undefined;
}
