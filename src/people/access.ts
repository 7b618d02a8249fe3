import type { KeyIssueGuard } from '../gateway/keys/service.js';
import type { Actor } from '../kernel/actor.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import type { Tier, UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { PolicyPack } from '../policy/schema.js';
import type { PeopleService } from './person-service.js';
import { unmetPaths } from './skills.js';
import * as store from './store.js';

/**
 * The pack that governs a use case of a tier and recorded pack version, read on the caller's connection (the guards
 * run inside the key issue's transaction): governance's `policy.governing(conn, tenantId, tier, packVersion)`.
 */
export type PolicySource = (conn: Conn, tenantId: string, tier: Tier, packVersion: string | null) => Promise<PolicyPack>;

/** A check on an approver, in the shape governance's `addApproverGuard` takes. */
export type ApproverSkillGuard = (c: { tx: Tx; actor: Actor; pack: PolicyPack }) => Promise<string[]>;

const ART_4 = 'EU AI Act Art. 4, AI literacy';
/** Tiers whose packs may issue keys; a prohibited use case gets none at all. */
const KEYED_TIERS: readonly Tier[] = ['minimal', 'limited', 'high', 'critical'];

interface Deps {
  people: PeopleService;
  portfolio: PortfolioService;
  policySource: PolicySource;
}

/** Why `userId` may not act as `as`, in words; empty when they hold every path of `required`. */
async function shortfall(deps: Deps, tx: Tx, tenantId: string, userId: string, required: readonly string[], as: string, source: string): Promise<string[]> {
  if (required.length === 0) return [];
  const standing = await deps.people.standingOfUser(tx, tenantId, userId);
  if (!standing) {
    const who = (await store.member(tx, tenantId, userId))?.name ?? userId;
    return [`${who} (${as}) is not in the skilling register, so holds none of the paths ${source} requires (${ART_4}): ${[...new Set(required)].join(', ')}`];
  }
  const unmet = unmetPaths(required, standing.paths);
  return unmet.length ? [`${standing.person.name} (${as}) lacks skill paths ${source} requires (${ART_4}): ${unmet.join(', ')}`] : [];
}

/**
 * What a use case asks of its key holders: its governing pack's `people.keyHolderSkills`. Until it is screened its
 * tier is unknown, so a key holder must hold every path any tier's pack asks; screening cannot then widen access.
 */
async function keyHolderRequirement(deps: Deps, tx: Tx, useCase: UseCase, tenantId: string): Promise<{ required: string[]; source: string }> {
  if (useCase.riskTier) {
    const pack = await deps.policySource(tx, tenantId, useCase.riskTier, useCase.policyPackVersion);
    return { required: pack.people.keyHolderSkills, source: `the ${pack.name} pack` };
  }
  const packs = await Promise.all(KEYED_TIERS.map((tier) => deps.policySource(tx, tenantId, tier, null)));
  return { required: [...new Set(packs.flatMap((p) => p.people.keyHolderSkills))], source: 'every tier’s pack (the use case is not screened yet)' };
}

/** Gateway keys: whoever asks for a key and whoever will own it must hold the paths the pack requires of key holders. */
export function keyHolderGuard(deps: Deps): KeyIssueGuard {
  return async ({ tx, actor, useCaseId, ownerId }) => {
    const useCase = await deps.portfolio.get(actor, useCaseId, tx);
    const { required, source } = await keyHolderRequirement(deps, tx, useCase, actor.tenantId);
    const problems = await shortfall(deps, tx, actor.tenantId, ownerId, required, 'key owner', source);
    if (actor.kind !== 'system' && actor.id !== ownerId) problems.push(...(await shortfall(deps, tx, actor.tenantId, actor.id, required, 'requester', source)));
    return problems;
  };
}

/** Approvals: the approver must hold the paths the governing pack requires of approvers. */
export function approverGuard(deps: Deps): ApproverSkillGuard {
  return async ({ tx, actor, pack }) =>
    actor.kind === 'system' ? [] : shortfall(deps, tx, actor.tenantId, actor.id, pack.people.approverSkills, 'approver', `the ${pack.name} pack`);
}
