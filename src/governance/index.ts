import type { Kernel } from '../kernel/context.js';
import type { MigrationSet } from '../kernel/db/migrations.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { Tier } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import { ACTIVE_STAGES, allowedTransitions } from '../portfolio/stages.js';
import { policyMigrations } from '../policy/migrations.js';
import { stageForbidden } from '../policy/model.js';
import { policyRoutes } from '../policy/routes.js';
import type { PolicyPack } from '../policy/schema.js';
import { PolicyService } from '../policy/service.js';
import { riskMigrations } from '../risk/migrations.js';
import { riskRoutes } from '../risk/routes.js';
import { RiskService } from '../risk/service.js';
import { approvalRoutes } from './approvals/routes.js';
import { ApprovalService } from './approvals/service.js';
import { ComplianceService } from './controls/compliance.js';
import { controlRoutes } from './controls/routes.js';
import { ControlService } from './controls/service.js';
import { exceptionRoutes } from './exceptions/routes.js';
import { ExceptionService } from './exceptions/service.js';
import { governanceGuard } from './guard.js';
import { intakeRoutes } from './intake/routes.js';
import { IntakeService } from './intake/service.js';
import { governanceTables } from './migrations.js';

/** Risk (200), policy (210) and governance (220) tables, in the order they depend on each other. */
export const governanceMigrations: MigrationSet[] = [riskMigrations, policyMigrations, governanceTables];

export interface GovernanceServices {
  policy: PolicyService;
  risk: RiskService;
  approvals: ApprovalService;
  controls: ControlService;
  compliance: ComplianceService;
  exceptions: ExceptionService;
  intake: IntakeService;
}

export interface GovernanceWiring {
  services: GovernanceServices;
  routes(api: ZodApp): void;
  migrations: MigrationSet[];
  /** The pack that governs a use case: its recorded version, else the tier's current published one, else the shipped default. */
  policySource: (tenantId: string, tier: Tier, packVersion: string | null) => Promise<PolicyPack>;
}

/** Every fifteen minutes: overdue approval requests are marked, lapsed exceptions expired; both ledgered. */
const SWEEP_MS = 15 * 60_000;

/**
 * Risk screening, policy packs and the governance workflow, wired onto the portfolio: one guard on every stage
 * transition (screening, forbidden stages, readiness, controls, approvals), a hook that closes the approvals a move
 * used, a hook that voids unused approvals when a use case's tier or pack version changes, and, when a screening or
 * an override raises the tier of a live use case, its suspension until the new tier's approvals are granted.
 */
export function wireGovernance(k: Kernel, deps: { portfolio: PortfolioService }): GovernanceWiring {
  const { portfolio } = deps;
  const policy = new PolicyService(k, portfolio);
  const risk = new RiskService(k, portfolio, policy);
  const approvals = new ApprovalService(k, portfolio, policy);
  const controls = new ControlService(k, portfolio, policy, risk);
  const compliance = new ComplianceService(k, portfolio, policy, risk, controls);
  const exceptions = new ExceptionService(k, portfolio, controls);
  const intake = new IntakeService(k, portfolio, risk, controls);

  portfolio.addGuard(governanceGuard({ controls, approvals }));
  portfolio.onTransition(({ tx, actor, useCase, from, to }) => approvals.completeMove(tx, actor, useCase.id, from, to));
  policy.onBinding(({ tx, actor, useCase, before, after }) => {
    const change = before.tier !== after.tier ? `the risk tier changed from ${before.tier ?? 'none'} to ${after.tier}` : `the use case was bound to ${after.policyPackVersion}`;
    return approvals.invalidateOpen(tx, actor, useCase.id, change);
  });
  risk.afterTierRaised(async ({ actor, useCase, from, to }) => {
    const { pack } = await policy.governing(k.db, actor.tenantId, to, useCase.policyPackVersion);
    const reason = `risk tier raised from ${from} to ${to}: the approvals and controls of the ${to} tier are owed before it moves on`;
    if (ACTIVE_STAGES.includes(useCase.stage)) await portfolio.transition(actor, useCase.id, 'suspended', { reason });
    else if (stageForbidden(pack, useCase.stage) && allowedTransitions(useCase.stage, useCase.suspendedFrom).includes('rejected')) {
      await portfolio.transition(actor, useCase.id, 'rejected', { reason: `${reason}; the ${to} pack forbids ${useCase.stage}` });
    }
  });
  k.scheduler.every('governance.approvals-overdue', SWEEP_MS, async (now) => void (await approvals.markOverdue(now)));
  k.scheduler.every('governance.exceptions-expire', SWEEP_MS, async (now) => void (await exceptions.markExpired(now)));

  return {
    services: { policy, risk, approvals, controls, compliance, exceptions, intake },
    routes(api) {
      riskRoutes(api, risk);
      policyRoutes(api, policy);
      approvalRoutes(api, approvals);
      controlRoutes(api, controls, compliance);
      exceptionRoutes(api, exceptions);
      intakeRoutes(api, intake);
    },
    migrations: governanceMigrations,
    policySource: policy.policySource,
  };
}
