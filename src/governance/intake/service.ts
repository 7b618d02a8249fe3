import type { Actor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.js';
import type { Tier, UseCase, UseCaseCreate } from '../../portfolio/schema.js';
import type { PortfolioService } from '../../portfolio/service.js';
import { effectiveReadiness, readinessGaps } from '../../policy/model.js';
import { LIFECYCLE, type PolicyPack } from '../../policy/schema.js';
import { tierRank } from '../../risk/model.js';
import type { RiskService } from '../../risk/service.js';
import { type RequiredControl, REQUIRED_BEFORE } from '../controls/catalogue.js';
import type { ControlService } from '../controls/service.js';

export type IntakeSubmission = UseCaseCreate & { answers: Record<string, unknown> };

const position = (stage: string) => LIFECYCLE.indexOf(stage as (typeof LIFECYCLE)[number]);

/** Headcount of the affected groups, as the impact questionnaire's bands count people affected. */
function peopleBand(headcount: number): string {
  if (headcount >= 100_000) return 'mass';
  if (headcount >= 1_000) return 'thousands';
  return headcount >= 100 ? 'hundreds' : 'under_100';
}

/**
 * The impact questions the intake form already answers (data sensitivity and categories, people affected) are filled
 * from the submission when the submitter leaves them out; explicit answers win.
 */
export function derivedAnswers(s: IntakeSubmission): Record<string, unknown> {
  const headcount = s.affectedUsers.reduce((n, g) => n + g.headcount, 0);
  return {
    dataSensitivity: s.dataClasses.sensitivity,
    dataCategories: s.dataClasses.categories,
    ...(s.affectedUsers.length ? { peopleAffected: peopleBand(headcount) } : {}),
    ...s.answers,
  };
}

/** What the tier demands from here on: approvals per transition, readiness items, controls per gate, exceptions. */
export function whatHappensNext(useCase: UseCase, pack: PolicyPack, ref: string, controls: RequiredControl[]) {
  const approvals = pack.approvals.filter((a) => position(a.from) !== -1 && position(a.to) > position(a.from)).map(({ from, to, roles, dueDays }) => ({ from, to, roles, dueDays }));
  const gaps = readinessGaps(pack, useCase.readiness, 'production');
  const readiness = effectiveReadiness(pack).map((r) => ({ ...r, met: !gaps.some((g) => g.item === r.item) }));
  const gates = [...new Set(Object.values(REQUIRED_BEFORE))].map((stage) => ({ stage, controls: controls.filter((c) => c.requiredBefore === stage).length }));
  const blocked = useCase.riskTier === 'prohibited';
  const steps = blocked
    ? [`The screening found an EU AI Act prohibited practice: the use case may not move past triage (${pack.forbiddenStages.join(', ')} are forbidden). A risk reviewer who finds the screening wrong may override the tier with a justification.`]
    : [
        ...approvals.map((a) => `${a.from} → ${a.to}: approval of ${a.roles.join(' and ')}, due within ${a.dueDays} days of the request`),
        ...readiness.filter((r) => !r.met).map((r) => `before ${r.before}: state ${r.item} (at least ${r.minimum})`),
        ...gates.filter((g) => g.controls).map((g) => `before ${g.stage}: ${g.controls} controls implemented with evidence, not applicable with a justification, or waived`),
      ];
  return { tier: useCase.riskTier!, policyPackVersion: ref, blocked, forbiddenStages: pack.forbiddenStages, approvals, readiness, controls: gates, exceptions: pack.exceptions, steps };
}

/** Guided intake for the business: one submission creates, screens and queues a use case. */
export class IntakeService {
  constructor(
    private readonly k: Kernel,
    private readonly portfolio: PortfolioService,
    private readonly risk: RiskService,
    private readonly controls: ControlService,
  ) {}

  /** Creates the use case in intake and screens it in one transaction: invalid answers leave nothing behind. */
  async submit(actor: Actor, submission: IntakeSubmission) {
    const result = await this.k.db.transaction().execute(async (tx) => {
      const { answers: _answers, ...useCase } = submission;
      const created = await this.portfolio.create(actor, useCase, 'intake', tx);
      const { screening, useCase: screened } = await this.risk.record(tx, actor, created.id, derivedAnswers(submission));
      const governed = (await this.controls.governed(tx, actor.tenantId, screened))!;
      return { useCase: screened, screening, next: whatHappensNext(screened, governed.pack, governed.ref, governed.controls) };
    });
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id: result.useCase.id });
    return result;
  }

  /** Use cases waiting in intake or triage, by priority score, then tier (the riskier first), then age. */
  async queue(actor: Actor, page: { cursor?: string; limit: number }) {
    const score = (uc: UseCase) => uc.priorityScore?.score ?? 0;
    const rank = (uc: UseCase) => (uc.riskTier ? tierRank(uc.riskTier as Tier) : -1);
    const keyOf = (uc: UseCase): [number, number, string, string] => [-score(uc), -rank(uc), uc.createdAt, uc.id];
    const waiting = (await this.portfolio.all(actor)).filter((uc) => uc.stage === 'intake' || uc.stage === 'triage').sort((a, b) => compare(keyOf(a), keyOf(b)));
    const after = decodeCursor(page.cursor, 4, ['number', 'number', 'string', 'string']) as [number, number, string, string] | undefined;
    const rest = after ? waiting.filter((uc) => compare(keyOf(uc), after) > 0) : waiting;
    const items = rest.slice(0, page.limit);
    return { items, nextCursor: rest.length > page.limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
  }
}

function compare(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
