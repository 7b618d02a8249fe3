import type { Actor } from '../../kernel/actor.js';
import type { Kernel } from '../../kernel/context.js';
import type { Conn } from '../../kernel/db/connect.js';
import { Conflict, type FieldProblem, Invalid } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { digest } from '../../kernel/ledger/canonical.js';
import type { Stage, UseCase } from '../../portfolio/schema.js';
import type { PortfolioService } from '../../portfolio/service.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { PolicyService } from '../../policy/service.js';
import type { RiskService } from '../../risk/service.js';
import * as exceptions from '../exceptions/store.js';
import type { ControlEvidenceRow } from '../migrations.js';
import { type ControlState, type ControlStatus, controlStates, dueBy, type RequiredControl, requiredControls } from './catalogue.js';
import { controlsEvidencedBy } from './evidence-map.js';
import * as store from './store.js';

export type EvidenceInput = { kind: 'url'; url: string; title: string } | { kind: 'file'; name: string; contentBase64: string; title?: string };
export interface ControlUpdate {
  control: string;
  status: ControlStatus;
  justification?: string;
  evidence?: EvidenceInput[];
}

/** What governs a use case's controls: its pack version and the controls that pack and its screening require. */
export interface Governed {
  ref: string;
  pack: PolicyPack;
  controls: RequiredControl[];
}

const evidenceView = (e: ControlEvidenceRow) => ({
  id: e.id, control: e.control, kind: e.kind as EvidenceInput['kind'], title: e.title, url: e.url,
  file: e.file_sha256 ? { name: e.file_name!, sha256: e.file_sha256, bytes: e.file_bytes! } : null, addedBy: { id: e.added_by, name: e.added_by_name }, addedAt: e.added_at,
});

/** Controls on a use case: status, evidence (links, file digests, and ledger entries linked by the evidence map) and waivers. */
export class ControlService {
  constructor(
    private readonly k: Kernel,
    private readonly portfolio: PortfolioService,
    private readonly policy: PolicyService,
    private readonly risk: RiskService,
  ) {}

  /** Undefined until the use case has been screened: without a tier no pack governs it. */
  async governed(conn: Conn, tenantId: string, useCase: UseCase): Promise<Governed | undefined> {
    if (!useCase.riskTier) return undefined;
    const governing = await this.policy.governing(conn, tenantId, useCase.riskTier, useCase.policyPackVersion);
    const screening = await this.risk.latest(conn, tenantId, useCase.id);
    return { ...governing, controls: requiredControls(governing.pack, screening?.result.obligations ?? []) };
  }

  /** Each required control with its status and whether it is met now (an expired exception no longer waives). */
  async states(conn: Conn, tenantId: string, useCaseId: string, controls: RequiredControl[]): Promise<ControlState[]> {
    const statuses = await store.statusesOf(conn, tenantId, useCaseId);
    return controlStates(controls, statuses, await exceptions.activeWaivers(conn, tenantId, this.k.clock.now().toISOString(), useCaseId));
  }

  /** The controls due by `to` that are not met: the controls guard refuses the move while any remain. */
  async openBefore(conn: Conn, tenantId: string, useCaseId: string, governed: Governed, to: Stage): Promise<ControlState[]> {
    const due = dueBy(governed.controls, to);
    if (!due.length) return [];
    return (await this.states(conn, tenantId, useCaseId, due)).filter((c) => !c.met);
  }

  async view(actor: Actor, useCaseId: string) {
    const uc = await this.portfolio.get(actor, useCaseId);
    const governed = await this.requireGoverned(this.k.db, actor, uc);
    const states = await this.states(this.k.db, actor.tenantId, useCaseId, governed.controls);
    const evidence = (await store.evidenceOf(this.k.db, actor.tenantId, useCaseId)).map(evidenceView);
    const linked = await store.linkedEntries(this.k.db, actor.tenantId, useCaseId);
    const items = states.map((c) => ({
      ...c,
      evidence: evidence.filter((e) => e.control === c.control),
      linked: linked.filter((l) => controlsEvidencedBy(l.action, l.after).includes(c.control)).slice(0, 20).map((l) => ({ seq: l.seq, action: l.action, at: l.at, actor: l.actor_name })),
    }));
    const met = items.filter((i) => i.met).length;
    return { useCaseId, tier: uc.riskTier!, policyPackVersion: governed.ref, items, summary: { required: items.length, met, open: items.length - met } };
  }

  /** Sets statuses: implemented needs evidence (given now, stored, or linked from the ledger), not applicable a justification. */
  async update(actor: Actor, useCaseId: string, updates: ControlUpdate[]) {
    await this.k.db.transaction().execute(async (tx) => {
      const uc = await this.portfolio.get(actor, useCaseId, tx);
      const governed = await this.requireGoverned(tx, actor, uc);
      const known = new Set(governed.controls.map((c) => c.control));
      const evidenced = new Set((await store.evidenceOf(tx, actor.tenantId, useCaseId)).map((e) => e.control));
      for (const l of await store.linkedEntries(tx, actor.tenantId, useCaseId)) for (const c of controlsEvidencedBy(l.action, l.after)) evidenced.add(c);
      const problems: FieldProblem[] = [];
      updates.forEach((u, i) => {
        const path = `body.items[${i}]`;
        if (!known.has(u.control)) problems.push({ path: `${path}.control`, message: `${u.control} is not a control the ${governed.ref} pack or the screening requires of this use case` });
        if (updates.findIndex((o) => o.control === u.control) !== i) problems.push({ path: `${path}.control`, message: `${u.control} is listed twice` });
        if (u.status === 'not_applicable' && !u.justification?.trim()) problems.push({ path: `${path}.justification`, message: 'say why the control does not apply' });
        if (u.status === 'implemented' && !u.evidence?.length && !evidenced.has(u.control)) problems.push({ path: `${path}.evidence`, message: `give evidence that ${u.control} is implemented: a URL, a file, or ledger entries the evidence map links` });
      });
      if (problems.length) throw new Invalid(problems.map((p) => p.message).join('; '), problems);
      const before = new Map((await store.statusesOf(tx, actor.tenantId, useCaseId)).map((s) => [s.control, s.status]));
      const now = this.k.clock.now().toISOString();
      const recorded = [];
      for (const u of updates) {
        await store.saveStatus(tx, { tenant_id: actor.tenantId, use_case_id: useCaseId, control: u.control, status: u.status, justification: u.justification?.trim() || null, updated_by: actor.id, updated_at: now });
        const rows = (u.evidence ?? []).map((e) => this.evidenceRow(actor, useCaseId, u.control, e, now));
        await store.insertEvidence(tx, rows);
        recorded.push({ control: u.control, from: before.get(u.control) ?? 'not_started', status: u.status, justification: u.justification ?? null, evidence: rows.map(ledgerEvidence) });
      }
      await this.k.ledger.append(tx, actor, { action: 'control.update', subjectType: 'use_case', subjectId: useCaseId, after: { controls: recorded, policyPackVersion: governed.ref } });
    });
    return this.view(actor, useCaseId);
  }

  async addEvidence(actor: Actor, useCaseId: string, control: string, input: EvidenceInput) {
    return this.k.db.transaction().execute(async (tx) => {
      const uc = await this.portfolio.get(actor, useCaseId, tx);
      const governed = await this.requireGoverned(tx, actor, uc);
      if (!governed.controls.some((c) => c.control === control)) throw new Invalid(`${control} is not required of this use case`, [{ path: 'body.control', message: `not a control the ${governed.ref} pack or the screening requires` }]);
      const row = this.evidenceRow(actor, useCaseId, control, input, this.k.clock.now().toISOString());
      await store.insertEvidence(tx, [row]);
      await this.k.ledger.append(tx, actor, { action: 'control.evidence', subjectType: 'use_case', subjectId: useCaseId, after: { control, ...ledgerEvidence(row) } });
      return evidenceView(row);
    });
  }

  /** An uploaded file is kept as its name, size and SHA-256 only: the file itself stays in the organisation's records. */
  private evidenceRow(actor: Actor, useCaseId: string, control: string, e: EvidenceInput, at: string): ControlEvidenceRow {
    const file = e.kind === 'file' ? digest(Buffer.from(e.contentBase64, 'base64')) : undefined;
    return {
      id: newId('ev'), tenant_id: actor.tenantId, use_case_id: useCaseId, control, kind: e.kind, title: e.title ?? (e.kind === 'file' ? e.name : e.url),
      url: e.kind === 'url' ? e.url : null, file_name: e.kind === 'file' ? e.name : null, file_sha256: file?.sha256 ?? null, file_bytes: file?.bytes ?? null,
      added_by: actor.id, added_by_name: actor.name, added_at: at,
    };
  }

  private async requireGoverned(conn: Conn, actor: Actor, uc: UseCase): Promise<Governed> {
    const governed = await this.governed(conn, actor.tenantId, uc);
    if (!governed) throw new Conflict('screen the use case for risk first: its tier decides which controls it must meet');
    return governed;
  }
}

function ledgerEvidence(row: ControlEvidenceRow) {
  return row.kind === 'file' ? { kind: 'file', file: { name: row.file_name, sha256: row.file_sha256, bytes: row.file_bytes } } : { kind: 'url', url: row.url };
}
