import type { Actor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import { Conflict } from '../../kernel/errors.js';
import type { PortfolioService } from '../../portfolio/service.js';
import type { PolicyService } from '../../policy/service.js';
import type { RiskService } from '../../risk/service.js';
import * as exceptions from '../exceptions/store.js';
import { controlStates, requiredControls } from './catalogue.js';
import { portfolioNist, useCasePosture } from './posture.js';
import type { ControlService } from './service.js';
import * as store from './store.js';

function byUseCase<T extends { use_case_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.use_case_id, [...(out.get(r.use_case_id) ?? []), r]);
  return out;
}

/** Compliance posture: NIST AI RMF functions and categories covered, EU AI Act obligations met and open. */
export class ComplianceService {
  constructor(
    private readonly k: Kernel,
    private readonly portfolio: PortfolioService,
    private readonly policy: PolicyService,
    private readonly risk: RiskService,
    private readonly controls: ControlService,
  ) {}

  async useCase(actor: Actor, useCaseId: string) {
    const uc = await this.portfolio.get(actor, useCaseId);
    const governed = await this.controls.governed(this.k.db, actor.tenantId, uc);
    if (!governed) throw new Conflict('screen the use case for risk first: its tier decides which controls it must meet');
    const screening = await this.risk.latest(this.k.db, actor.tenantId, useCaseId);
    const states = await this.controls.states(this.k.db, actor.tenantId, useCaseId, governed.controls);
    return { useCaseId, tier: uc.riskTier!, policyPackVersion: governed.ref, ...useCasePosture(states, screening?.result.obligations ?? [], governed.pack) };
  }

  /** Every screened use case's posture in brief, and the portfolio's NIST coverage and EU AI Act obligations summed. */
  async ofPortfolio(actor: Actor) {
    const useCases = await this.portfolio.all(actor);
    const screenings = await this.risk.latestOfTenant(this.k.db, actor.tenantId);
    const statuses = byUseCase(await store.statusesOf(this.k.db, actor.tenantId));
    const waivers = byUseCase(await exceptions.activeWaivers(this.k.db, actor.tenantId, this.k.clock.now().toISOString()));
    const rows = [];
    for (const uc of useCases) {
      if (!uc.riskTier) continue;
      const governing = await this.policy.governing(this.k.db, actor.tenantId, uc.riskTier, uc.policyPackVersion);
      const obligations = screenings.get(uc.id)?.result.obligations ?? [];
      const states = controlStates(requiredControls(governing.pack, obligations), statuses.get(uc.id) ?? [], waivers.get(uc.id) ?? []);
      rows.push({ uc, ref: governing.ref, posture: useCasePosture(states, obligations, governing.pack) });
    }
    const euRequired = rows.reduce((n, r) => n + r.posture.euAiAct.required, 0);
    const euMet = rows.reduce((n, r) => n + r.posture.euAiAct.met, 0);
    return {
      useCases: rows.map(({ uc, ref, posture }) => ({
        id: uc.id, title: uc.title, stage: uc.stage, tier: uc.riskTier!, policyPackVersion: ref,
        nist: { required: posture.nist.required, met: posture.nist.met }, euAiAct: { required: posture.euAiAct.required, met: posture.euAiAct.met },
        iso42001: posture.iso42001, openEuObligations: posture.euAiAct.obligations.filter((o) => o.status === 'open').map((o) => o.ref),
      })),
      unscreened: useCases.filter((uc) => !uc.riskTier).map((uc) => uc.id),
      nist: portfolioNist(rows.map((r) => r.posture.nist)),
      euAiAct: { required: euRequired, met: euMet, open: euRequired - euMet },
    };
  }
}
