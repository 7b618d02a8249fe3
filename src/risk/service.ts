import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson, toJson } from '../kernel/db/json.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../kernel/http/pagination.js';
import { newId } from '../kernel/ids.js';
import { canonicalJson, digest } from '../kernel/ledger/canonical.js';
import type { Tier, UseCase } from '../portfolio/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Binding, PolicyService } from '../policy/service.js';
import type { RiskOverrideRow, RiskScreeningRow } from './migrations.js';
import { screen, tierRaised, type Screening } from './model.js';
import { currentQuestionnaire, questionnaireVersion, type Answers, type Questionnaire } from './questionnaire.js';
import * as store from './store.js';

export interface TierOverride {
  fromTier: Tier;
  toTier: Tier;
  justification: string;
  overriddenBy: { id: string; name: string };
  overriddenAt: string;
}

export interface ScreeningRecord {
  id: string;
  useCaseId: string;
  number: number;
  questionnaireVersion: number;
  answers: Answers;
  result: Screening;
  policyPackVersion: string;
  screenedBy: { id: string; name: string };
  screenedAt: string;
  overrides: TierOverride[];
}

/** Runs after a screening or an override that raised a use case's tier has committed (governance sends it back for approvals). */
export type TierRaisedHook = (c: { actor: Actor; useCase: UseCase; from: Tier; to: Tier }) => Promise<void>;

const toOverride = (r: RiskOverrideRow): TierOverride => ({
  fromTier: r.from_tier as Tier, toTier: r.to_tier as Tier, justification: r.justification,
  overriddenBy: { id: r.overridden_by, name: r.overridden_by_name }, overriddenAt: r.overridden_at,
});

const toRecord = (r: RiskScreeningRow, overrides: RiskOverrideRow[] = []): ScreeningRecord => ({
  id: r.id, useCaseId: r.use_case_id, number: r.number, questionnaireVersion: r.questionnaire_version, answers: fromJson(r.answers, {}),
  result: fromJson(r.result, {} as Screening), policyPackVersion: r.policy_pack_version, screenedBy: { id: r.screened_by, name: r.screened_by_name },
  screenedAt: r.screened_at, overrides: overrides.filter((o) => o.screening_id === r.id).map(toOverride),
});

/** Risk screening: answers in, a tier with its reasoning out; the tier binds the use case to its policy pack. */
export class RiskService {
  private readonly raisedHooks: TierRaisedHook[] = [];

  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService, private readonly policy: PolicyService) {}

  afterTierRaised(hook: TierRaisedHook): void {
    this.raisedHooks.push(hook);
  }

  questionnaire(version?: number): Questionnaire {
    if (version === undefined) return currentQuestionnaire;
    const found = questionnaireVersion(version);
    if (!found) throw new NotFound('questionnaire version', String(version));
    return found;
  }

  /** Screens a use case and binds it to the pack of the resulting tier; a raised tier sends it back for approvals. */
  async screen(actor: Actor, useCaseId: string, answers: unknown) {
    const done = await this.k.db.transaction().execute((tx) => this.record(tx, actor, useCaseId, answers));
    await this.afterCommit(actor, done.useCase, done.before);
    return { screening: done.screening, useCase: await this.portfolio.get(actor, useCaseId), tierRaised: tierRaised(done.before.tier, done.screening.result.tier) };
  }

  /** The screening itself, in the caller's transaction (intake screens the use case it has just created). */
  async record(tx: Tx, actor: Actor, useCaseId: string, answers: unknown): Promise<{ screening: ScreeningRecord; useCase: UseCase; before: Binding }> {
    const uc = await this.portfolio.get(actor, useCaseId, tx);
    if (uc.stage === 'retired') throw new Conflict('a retired use case is not screened again');
    let result: Screening;
    try {
      result = screen(currentQuestionnaire, answers);
    } catch (err) {
      if (err instanceof Invalid) throw new Invalid(`${err.message}: ${err.errors.map((e) => `${e.path.replace(/^answers\./, '')} (${e.message})`).join('; ')}`, err.errors.map((e) => ({ ...e, path: `body.${e.path}` })));
      throw err;
    }
    const bound = await this.policy.bind(tx, actor, useCaseId, result.tier);
    const previous = await store.latestScreening(tx, actor.tenantId, useCaseId);
    const row: RiskScreeningRow = {
      id: newId('rs'), tenant_id: actor.tenantId, use_case_id: useCaseId, number: (previous?.number ?? 0) + 1, questionnaire_version: result.questionnaireVersion,
      answers: toJson(answers), result: toJson(result), tier: result.tier, policy_pack_version: bound.after.policyPackVersion!,
      screened_by: actor.id, screened_by_name: actor.name, screened_at: this.k.clock.now().toISOString(),
    };
    await store.insertScreening(tx, row);
    await this.k.ledger.append(tx, actor, {
      action: 'risk.screen', subjectType: 'use_case', subjectId: useCaseId, before: bound.before,
      after: {
        screeningId: row.id, number: row.number, questionnaireVersion: row.questionnaire_version, answers: digest(canonicalJson(answers)), tier: result.tier,
        blocked: result.blocked, euOutcome: result.euOutcome, impactLevel: result.impactLevel, rawScore: result.rawScore, mitigatedScore: result.mitigatedScore,
        obligations: result.obligations.map((o) => o.ref), policyPackVersion: row.policy_pack_version,
      },
    });
    return { screening: toRecord(row), useCase: bound.useCase, before: bound.before };
  }

  /** A risk reviewer sets another tier than the latest screening gave, with a justification; both stay on record. */
  async override(actor: Actor, useCaseId: string, input: { tier: Tier; justification: string }) {
    const done = await this.k.db.transaction().execute(async (tx) => {
      const latest = await store.latestScreening(tx, actor.tenantId, useCaseId);
      const uc = await this.portfolio.get(actor, useCaseId, tx);
      if (!latest || !uc.riskTier) throw new Conflict('screen the use case first: an override changes the tier a screening gave');
      if (uc.riskTier === input.tier) throw new Conflict(`the tier is already ${input.tier}`);
      const bound = await this.policy.bind(tx, actor, useCaseId, input.tier);
      const row: RiskOverrideRow = {
        id: newId('ro'), tenant_id: actor.tenantId, use_case_id: useCaseId, screening_id: latest.id, from_tier: uc.riskTier, to_tier: input.tier,
        justification: input.justification, overridden_by: actor.id, overridden_by_name: actor.name, overridden_at: this.k.clock.now().toISOString(),
      };
      await store.insertOverride(tx, row);
      await this.k.ledger.append(tx, actor, {
        action: 'risk.override', subjectType: 'use_case', subjectId: useCaseId, before: bound.before,
        after: { ...bound.after, screeningId: latest.id, screenedTier: latest.tier, justification: input.justification },
      });
      return { useCase: bound.useCase, before: bound.before, override: toOverride(row) };
    });
    await this.afterCommit(actor, done.useCase, done.before);
    return { override: done.override, useCase: await this.portfolio.get(actor, useCaseId) };
  }

  private async afterCommit(actor: Actor, useCase: UseCase, before: Binding): Promise<void> {
    await this.k.feed.publish({ tenantId: actor.tenantId, kind: 'usecase', id: useCase.id });
    if (!useCase.riskTier || !tierRaised(before.tier, useCase.riskTier)) return;
    for (const hook of this.raisedHooks) await hook({ actor, useCase, from: before.tier!, to: useCase.riskTier });
  }

  /** A use case's screenings, newest first, each with the overrides made to it. */
  async history(actor: Actor, useCaseId: string, page: { cursor?: string; limit: number }) {
    await this.portfolio.get(actor, useCaseId);
    const before = decodeCursor(page.cursor, 1, ['integer']);
    const rows = await store.listScreenings(this.k.db, actor.tenantId, useCaseId, before ? Number(before[0]) : undefined, page.limit + 1);
    const slice = rows.slice(0, page.limit);
    const overrides = await store.overridesOf(this.k.db, actor.tenantId, slice.map((r) => r.id));
    return { items: slice.map((r) => toRecord(r, overrides)), nextCursor: rows.length > page.limit ? encodeCursor([slice[slice.length - 1].number]) : null };
  }

  /** The screening that governs a use case now (the latest), if any. */
  async latest(conn: Conn, tenantId: string, useCaseId: string): Promise<ScreeningRecord | undefined> {
    const row = await store.latestScreening(conn, tenantId, useCaseId);
    return row ? toRecord(row) : undefined;
  }

  async latestOfTenant(conn: Conn, tenantId: string): Promise<Map<string, ScreeningRecord>> {
    return new Map((await store.latestScreenings(conn, tenantId)).map((r) => [r.use_case_id, toRecord(r)]));
  }
}
