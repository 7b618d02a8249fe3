import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import { can } from '../kernel/auth/permissions.js';
import { addMs, DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import type { Tx } from '../kernel/db/connect.js';
import { toJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { pageOf } from '../kernel/http/pagination.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { digest } from '../kernel/ledger/canonical.js';
import { newId } from '../kernel/ids.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { SkillCatalogue } from './catalogue-service.js';
import type { LabAttemptRow, SkillCompletionRow, SkillItemRow } from './migrations.js';
import { type PeopleService, toCompletion, toLabAttempt } from './person-service.js';
import { namedUseCase } from './refs.js';
import type { Completion, CompletionCreate, LabAttempt, LabAttemptCreate, LabSignOff } from './schema.js';
import * as store from './store.js';

const expiry = (completedAt: Date, validityDays: number | null) => (validityDays === null ? null : addMs(completedAt, validityDays * DAY_MS).toISOString());

/**
 * Completions: modules are recorded by the learner or a people manager; an applied lab is submitted with evidence
 * on a real use case and completes only when a reviewer who is neither the learner nor the submitter signs it off.
 */
export class LearningService {
  constructor(
    private readonly k: Kernel,
    private readonly catalogue: SkillCatalogue,
    private readonly people: PeopleService,
    private readonly portfolio: PortfolioService,
  ) {}

  /** The learner acts for themselves; anyone else needs people:manage. */
  private async learner(tx: Tx, actor: Actor, personId: string) {
    const person = await this.people.row(tx, actor.tenantId, personId);
    if (person.user_id !== actor.id && !can(actor.roles, 'people:manage')) throw new Forbidden('only the learner or a people manager records their learning', { permission: 'people:manage' });
    return person;
  }

  private async catalogueItem(tx: Tx, actor: Actor, id: string, field: string, kind: SkillItemRow['kind']): Promise<SkillItemRow> {
    const item = await store.item(tx, actor.tenantId, id);
    if (!item) throw new Invalid(`no skill item ${id} in this tenant`, [{ path: field, message: `no skill item ${id} in this tenant` }]);
    if (item.kind !== kind) {
      const how = kind === 'module' ? 'a lab completes through a reviewer sign-off of a lab attempt' : `${item.slug} is a module, not a lab`;
      throw new Invalid(how, [{ path: field, message: how }]);
    }
    return item;
  }

  async recordCompletion(actor: Actor, personId: string, input: z.infer<typeof CompletionCreate>): Promise<Completion> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.learner(tx, actor, personId);
      await this.catalogue.ensure(tx, actor.tenantId);
      const item = await this.catalogueItem(tx, actor, input.itemId, 'body.itemId', 'module');
      const now = this.k.clock.now();
      const completedAt = input.completedAt ? new Date(input.completedAt) : now;
      if (completedAt > now) throw new Invalid('a completion cannot lie in the future', [{ path: 'body.completedAt', message: 'must not be after now' }]);
      const row: SkillCompletionRow = {
        id: newId('skc'), tenant_id: actor.tenantId, person_id: personId, item_slug: item.slug, completed_at: completedAt.toISOString(),
        expires_at: expiry(completedAt, item.validity_days), evidence: input.evidence, recorded_by: actor.id, lab_attempt_id: null,
      };
      await tx.insertInto('skill_completions').values(row).execute();
      await this.k.ledger.append(tx, actor, {
        action: 'skill.complete', subjectType: 'person', subjectId: personId,
        after: { item: item.slug, completedAt: row.completed_at, expiresAt: row.expires_at, evidence: digest(row.evidence) },
      });
      return toCompletion(row);
    });
  }

  async submitLab(actor: Actor, personId: string, input: z.infer<typeof LabAttemptCreate>): Promise<LabAttempt> {
    const id = await this.k.db.transaction().execute(async (tx) => {
      await this.learner(tx, actor, personId);
      await this.catalogue.ensure(tx, actor.tenantId);
      const lab = await this.catalogueItem(tx, actor, input.labId, 'body.labId', 'lab');
      const useCase = await namedUseCase(this.portfolio, actor, input.useCaseId, 'body.useCaseId', tx);
      const open = await store.listLabAttempts(tx, actor.tenantId, { personId, useCaseId: useCase.id, status: 'submitted', limit: 50 });
      if (open.some((a) => a.lab_slug === lab.slug)) throw new Conflict(`${lab.slug} on this use case already awaits a reviewer`);
      const row: LabAttemptRow = {
        id: newId('lab'), tenant_id: actor.tenantId, person_id: personId, lab_slug: lab.slug, use_case_id: useCase.id, task: lab.task!,
        evidence: toJson(input.evidence), status: 'submitted', submitted_by: actor.id, submitted_at: this.k.clock.now().toISOString(),
        reviewer_id: null, reviewer_name: null, reviewed_at: null, review_note: null, version: 1,
      };
      await tx.insertInto('lab_attempts').values(row).execute();
      await this.k.ledger.append(tx, actor, {
        action: 'lab.submit', subjectType: 'lab_attempt', subjectId: row.id,
        after: { personId, lab: lab.slug, task: row.task, useCaseId: useCase.id, evidence: digest(row.evidence) },
      });
      return row.id;
    });
    return this.getLab(actor, id);
  }

  /**
   * A reviewer signs a lab off (it then counts as completed) or returns it. The reviewer is neither the learner nor
   * whoever submitted it, and holds people:manage or owns the use case the lab was done on.
   */
  async signOff(actor: Actor, attemptId: string, input: z.infer<typeof LabSignOff>, ifMatch?: number): Promise<LabAttempt> {
    await this.k.db.transaction().execute(async (tx) => {
      const attempt = await store.labAttempt(tx, actor.tenantId, attemptId);
      if (!attempt) throw new NotFound('lab attempt', attemptId);
      checkVersion(ifMatch, attempt.version, `lab attempt ${attemptId}`);
      if (attempt.status !== 'submitted') throw new Conflict(`lab attempt ${attemptId} was already ${attempt.status.replace('_', ' ')}`);
      const person = await this.people.row(tx, actor.tenantId, attempt.person_id);
      if (person.user_id === actor.id) throw new Forbidden('a learner cannot sign off their own lab: a reviewer who is not the learner must');
      if (attempt.submitted_by === actor.id) throw new Forbidden('whoever submitted a lab cannot also sign it off');
      const useCase = await this.portfolio.get(actor, attempt.use_case_id, tx);
      if (!can(actor.roles, 'people:manage') && useCase.owner?.id !== actor.id) {
        throw new Forbidden('a lab is signed off by a people manager or the owner of the use case it was done on', { permission: 'people:manage' });
      }
      const now = this.k.clock.now();
      const status = input.decision === 'sign_off' ? 'signed_off' : 'returned';
      const set = { status, reviewer_id: actor.id, reviewer_name: actor.name, reviewed_at: now.toISOString(), review_note: input.note };
      if (!(await store.updateLabAttempt(tx, actor.tenantId, attemptId, attempt.version, set))) throw new PreconditionFailed(`lab attempt ${attemptId} was reviewed concurrently; reload`);
      if (status === 'signed_off') {
        const lab = (await store.items(tx, actor.tenantId)).find((i) => i.slug === attempt.lab_slug);
        await tx.insertInto('skill_completions').values({
          id: newId('skc'), tenant_id: actor.tenantId, person_id: attempt.person_id, item_slug: attempt.lab_slug, completed_at: now.toISOString(),
          expires_at: expiry(now, lab?.validity_days ?? null), evidence: `signed off by ${actor.name}: ${input.note}`, recorded_by: actor.id, lab_attempt_id: attemptId,
        }).execute();
      }
      await this.k.ledger.append(tx, actor, {
        action: status === 'signed_off' ? 'lab.sign_off' : 'lab.return', subjectType: 'lab_attempt', subjectId: attemptId,
        before: { status: 'submitted' }, after: { status, personId: attempt.person_id, lab: attempt.lab_slug, useCaseId: attempt.use_case_id, note: digest(input.note) },
      });
    });
    return this.getLab(actor, attemptId);
  }

  async getLab(actor: Actor, id: string): Promise<LabAttempt> {
    const row = await store.labAttempt(this.k.db, actor.tenantId, id);
    if (!row) throw new NotFound('lab attempt', id);
    return toLabAttempt(row);
  }

  /** Labs signed off since a time, for the review pack and recognition. */
  async signedOffSince(actor: Actor, since?: string): Promise<LabAttempt[]> {
    return (await store.signedOffLabs(this.k.db, actor.tenantId, since)).map(toLabAttempt);
  }

  async listLabs(actor: Actor, filter: store.LabFilter) {
    const rows = await store.listLabAttempts(this.k.db, actor.tenantId, filter);
    return pageOf(rows, filter.limit, (r) => [r.submitted_at, r.id], toLabAttempt);
  }
}
