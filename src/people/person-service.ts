import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { fromJson } from '../kernel/db/json.js';
import { checkVersion } from '../kernel/http/etag.js';
import { pageOf } from '../kernel/http/pagination.js';
import { Conflict, Invalid, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Catalogue, SkillCatalogue } from './catalogue-service.js';
import type { LabAttemptRow, PersonRow, SkillCompletionRow } from './migrations.js';
import type { Completion, LabAttempt, LabTask, PathProgress, Person, PersonCreate, PersonUpdate, SkillRole } from './schema.js';
import { isCovered, standing } from './skills.js';
import * as store from './store.js';

/** A person with where they stand on every path of the catalogue. */
export interface Standing {
  person: store.PersonJoined;
  paths: PathProgress[];
  covered: boolean;
}

export const toCompletion = (c: SkillCompletionRow): Completion => ({
  id: c.id, itemSlug: c.item_slug, completedAt: c.completed_at, expiresAt: c.expires_at, evidence: c.evidence, recordedBy: c.recorded_by, labAttemptId: c.lab_attempt_id,
});

export const toLabAttempt = (r: LabAttemptRow & { person_name: string }): LabAttempt => ({
  id: r.id, personId: r.person_id, personName: r.person_name, labSlug: r.lab_slug, useCaseId: r.use_case_id, task: r.task as LabTask,
  evidence: fromJson(r.evidence, { summary: '', links: [] }), status: r.status as LabAttempt['status'], submittedBy: r.submitted_by, submittedAt: r.submitted_at,
  reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? '' } : null, reviewedAt: r.reviewed_at, reviewNote: r.review_note, version: r.version,
});

/** The people Charter trains: Charter members and others (end users of a use case), each with a skill role. */
export class PeopleService {
  constructor(private readonly k: Kernel, private readonly catalogue: SkillCatalogue, private readonly portfolio: PortfolioService) {}

  private view(s: Standing, streams: { id: string; name: string }[]): Person {
    const p = s.person;
    const stream = streams.find((v) => v.id === p.value_stream_id);
    return {
      id: p.id, userId: p.user_id, name: p.name, email: p.email, skillRole: p.skill_role as SkillRole,
      team: p.team_id ? { id: p.team_id, name: p.team_name ?? '' } : null, valueStream: stream ? { id: stream.id, name: stream.name } : null,
      workGroup: p.work_group, covered: s.covered, createdAt: p.created_at, version: p.version,
    };
  }

  async row(conn: Conn, tenantId: string, id: string): Promise<store.PersonJoined> {
    const row = await store.getPerson(conn, tenantId, id);
    if (!row) throw new NotFound('person', id);
    return row;
  }

  /** Where each person stands, from one read of the catalogue and their completions. */
  async standings(conn: Conn, tenantId: string, people: store.PersonJoined[], catalogue: Catalogue): Promise<Standing[]> {
    const completions = await store.completionsOf(conn, tenantId, people.map((p) => p.id));
    const now = this.k.clock.now();
    return people.map((person) => {
      const facts = completions.filter((c) => c.person_id === person.id).map((c) => ({ itemSlug: c.item_slug, completedAt: c.completed_at, expiresAt: c.expires_at }));
      const paths = standing(catalogue.definitions, person.skill_role as SkillRole, facts, now);
      return { person, paths, covered: isCovered(paths) };
    });
  }

  /** The standing of the person a Charter member is, in the caller's transaction; undefined when they are no person yet. */
  async standingOfUser(tx: Tx, tenantId: string, userId: string): Promise<Standing | undefined> {
    await this.catalogue.ensure(tx, tenantId);
    const person = await store.personOfUser(tx, tenantId, userId);
    if (!person) return undefined;
    return (await this.standings(tx, tenantId, [person], await this.catalogue.read(tx, tenantId)))[0];
  }

  /** Everyone in the tenant with their standing, for coverage and the programme. */
  async everyone(actor: Actor): Promise<Standing[]> {
    return this.k.db.transaction().execute(async (tx) => {
      await this.catalogue.ensure(tx, actor.tenantId);
      return this.standings(tx, actor.tenantId, await store.allPeople(tx, actor.tenantId), await this.catalogue.read(tx, actor.tenantId));
    });
  }

  async list(actor: Actor, filter: store.PeopleFilter) {
    const standings = await this.k.db.transaction().execute(async (tx) => {
      await this.catalogue.ensure(tx, actor.tenantId);
      const rows = await store.listPeople(tx, actor.tenantId, filter);
      return this.standings(tx, actor.tenantId, rows, await this.catalogue.read(tx, actor.tenantId));
    });
    const page = pageOf(standings, filter.limit, (s) => [s.person.name, s.person.id], (s) => s);
    const streams = await this.portfolio.listValueStreams(actor);
    return { items: page.items.map((s) => this.view(s, streams)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string) {
    const { s, completions, labs } = await this.k.db.transaction().execute(async (tx) => {
      const person = await this.row(tx, actor.tenantId, id);
      await this.catalogue.ensure(tx, actor.tenantId);
      const [s] = await this.standings(tx, actor.tenantId, [person], await this.catalogue.read(tx, actor.tenantId));
      const completions = await store.completionsOf(tx, actor.tenantId, [id]);
      const labs = await store.listLabAttempts(tx, actor.tenantId, { personId: id, limit: 200 });
      return { s, completions, labs };
    });
    return { ...this.view(s, await this.portfolio.listValueStreams(actor)), paths: s.paths, completions: completions.map(toCompletion), labAttempts: labs.map(toLabAttempt) };
  }

  async create(actor: Actor, input: PersonCreate): Promise<Person> {
    await this.checkValueStream(actor, input.valueStreamId);
    const created = await this.k.db.transaction().execute(async (tx) => {
      let name = input.name;
      let email = input.email ?? null;
      let teamId = input.teamId ?? null;
      if (input.userId) {
        const m = await store.member(tx, actor.tenantId, input.userId);
        if (!m) throw new Invalid(`no member ${input.userId} in this tenant`, [{ path: 'body.userId', message: `no member ${input.userId} in this tenant` }]);
        if (await store.personOfUser(tx, actor.tenantId, input.userId)) {
          throw new Conflict(`member ${input.userId} is already a person of the skilling register`, { errors: [{ path: 'body.userId', message: 'already in the skilling register' }] });
        }
        name ??= m.name;
        email ??= m.email;
        if (input.teamId === undefined) teamId = m.team_id;
      }
      if (!name) throw new Invalid('a person who is not a member needs a name', [{ path: 'body.name', message: 'required without userId' }]);
      await this.checkTeam(tx, actor, teamId);
      const now = this.k.clock.now().toISOString();
      const row: PersonRow = {
        id: newId('prs'), tenant_id: actor.tenantId, user_id: input.userId ?? null, name, email, skill_role: input.skillRole, team_id: teamId,
        value_stream_id: input.valueStreamId ?? null, work_group: input.workGroup ?? null, created_at: now, updated_at: now, version: 1,
      };
      await tx.insertInto('people').values(row).execute();
      await this.k.ledger.append(tx, actor, { action: 'person.create', subjectType: 'person', subjectId: row.id, after: ledgerView(row) });
      return row.id;
    });
    return this.personView(actor, created);
  }

  async update(actor: Actor, id: string, patch: PersonUpdate, ifMatch?: number): Promise<Person> {
    await this.row(this.k.db, actor.tenantId, id);
    await this.checkValueStream(actor, patch.valueStreamId);
    await this.k.db.transaction().execute(async (tx) => {
      const before = await this.row(tx, actor.tenantId, id);
      checkVersion(ifMatch, before.version, `person ${id}`);
      await this.checkTeam(tx, actor, patch.teamId);
      const set: Partial<PersonRow> = { updated_at: this.k.clock.now().toISOString() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.skillRole !== undefined) set.skill_role = patch.skillRole;
      if (patch.teamId !== undefined) set.team_id = patch.teamId;
      if (patch.valueStreamId !== undefined) set.value_stream_id = patch.valueStreamId;
      if (patch.workGroup !== undefined) set.work_group = patch.workGroup;
      if (!(await store.updatePerson(tx, actor.tenantId, id, before.version, set))) throw new PreconditionFailed(`person ${id} was changed concurrently; reload and retry`);
      await this.k.ledger.append(tx, actor, { action: 'person.update', subjectType: 'person', subjectId: id, before: ledgerView(before), after: ledgerView({ ...before, ...set }) });
    });
    return this.personView(actor, id);
  }

  private async personView(actor: Actor, id: string): Promise<Person> {
    const { paths: _paths, completions: _completions, labAttempts: _labs, ...person } = await this.get(actor, id);
    return person;
  }

  private async checkTeam(conn: Conn, actor: Actor, teamId: string | null | undefined) {
    if (teamId && !(await store.teamExists(conn, actor.tenantId, teamId))) throw new Invalid(`no team ${teamId} in this tenant`, [{ path: 'body.teamId', message: `no team ${teamId} in this tenant` }]);
  }

  /** Value streams are the portfolio's; they are checked before the transaction opens (they are never deleted). */
  private async checkValueStream(actor: Actor, valueStreamId: string | null | undefined) {
    if (valueStreamId && !(await this.portfolio.listValueStreams(actor)).some((v) => v.id === valueStreamId)) {
      throw new Invalid(`no value stream ${valueStreamId} in this tenant`, [{ path: 'body.valueStreamId', message: `no value stream ${valueStreamId} in this tenant` }]);
    }
  }
}

/** What the ledger keeps of a person: their place in the organisation, not their name or email. */
const ledgerView = (r: PersonRow) => ({ userId: r.user_id, skillRole: r.skill_role, teamId: r.team_id, valueStreamId: r.value_stream_id, workGroup: r.work_group, version: r.version });
