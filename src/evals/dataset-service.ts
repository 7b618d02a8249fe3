import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { Conn, Tx } from '../kernel/db/connect.js';
import { checkVersion } from '../kernel/http/etag.js';
import { Conflict, Invalid, NotFound, Problem } from '../kernel/errors.js';
import { decodeCursor, pageOf } from '../kernel/http/pagination.js';
import { newId } from '../kernel/ids.js';
import type { PortfolioService } from '../portfolio/service.js';
import { verifyDatasetHash, datasetHash } from './datasets/hash.js';
import { type DatasetFormat, parseDataset } from './datasets/parse.js';
import type { DatasetRow, TaskKind } from './datasets/rows.js';
import type { EvalDatasetRow, EvalDatasetVersionRow } from './migrations.js';
import { importPromptfoo } from './promptfoo.js';
import type { Dataset, DatasetCreate, DatasetVersion } from './schema.js';
import * as store from './store.js';

/** A stored dataset version whose rows no longer hash to the version's name: someone changed them outside Charter. */
export class DatasetTampered extends Problem {
  constructor(what: string, expected: string, actual: string) {
    super(409, 'dataset-tampered', 'Dataset tampered', `${what} no longer matches its content hash: its stored rows were changed outside Charter (expected sha256 ${expected}, found ${actual}); restore them or import a new version`, { expected, actual });
  }
}

function toVersion(row: EvalDatasetVersionRow): DatasetVersion {
  return {
    id: row.id, datasetId: row.dataset_id, number: row.number, contentHash: row.content_hash, rows: row.row_count, source: row.source,
    frozen: row.frozen_at !== null, frozenAt: row.frozen_at, frozenBy: row.frozen_by, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at, version: row.version,
  };
}

const toDataset = (row: EvalDatasetRow, versions: EvalDatasetVersionRow[]): Dataset => ({
  id: row.id, name: row.name, kind: row.kind as TaskKind, description: row.description, useCaseId: row.use_case_id, createdBy: row.created_by, createdAt: row.created_at,
  versions: versions.filter((v) => v.dataset_id === row.id).map(toVersion),
});

/** Rows of one task kind read from an upload; every bad row is reported with its line, and nothing is stored. */
function readRows(text: string, format: DatasetFormat, kind: TaskKind): DatasetRow[] {
  const parsed = parseDataset(text, format, kind);
  if (parsed.errors.length) {
    const errors = parsed.errors.slice(0, 1000).map((e) => ({ path: `line ${e.line}${e.field ? `: ${e.field}` : ''}`, message: e.reason }));
    throw new Invalid(`${parsed.errors.length} problem(s) in ${parsed.total} ${format.toUpperCase()} record(s); nothing was stored`, errors);
  }
  if (!parsed.rows.length) throw new Invalid('the upload holds no rows', [{ path: 'body', message: 'empty' }]);
  return parsed.rows;
}

/**
 * Evaluation datasets: versions named by the SHA-256 of their canonical rows, frozen once a gate decision relies on
 * them, and checked against that hash every time their rows are loaded.
 */
export class DatasetService {
  constructor(private readonly k: Kernel, private readonly portfolio: PortfolioService) {}

  async create(actor: Actor, input: DatasetCreate, tx?: Tx): Promise<Dataset> {
    // Inside the caller's transaction when there is one: SQLite has a single connection, which that transaction holds.
    if (input.useCaseId) await this.portfolio.get(actor, input.useCaseId, tx ?? this.k.db);
    const row: EvalDatasetRow = {
      id: newId('ds'), tenant_id: actor.tenantId, use_case_id: input.useCaseId ?? null, name: input.name, kind: input.kind,
      description: input.description, created_by: actor.id, created_at: this.k.clock.now().toISOString(),
    };
    const write = async (t: Tx) => {
      if (await store.datasetNamed(t, actor.tenantId, input.name)) throw new Conflict(`a dataset named ${input.name} exists`);
      await store.insertDataset(t, row);
      await this.k.ledger.append(t, actor, { action: 'dataset.create', subjectType: 'dataset', subjectId: row.id, after: { name: row.name, kind: row.kind, useCaseId: row.use_case_id } });
    };
    await (tx ? write(tx) : this.k.db.transaction().execute(write));
    return toDataset(row, []);
  }

  async list(actor: Actor, filter: { useCaseId?: string; limit: number; cursor?: string }) {
    const after = decodeCursor(filter.cursor, 2, ['string', 'string']) as [string, string] | undefined;
    const rows = await store.listDatasets(this.k.db, actor.tenantId, { useCaseId: filter.useCaseId, limit: filter.limit, after });
    const versions = await store.versionsOf(this.k.db, actor.tenantId, rows.map((r) => r.id));
    return pageOf(rows, filter.limit, (r) => [r.created_at, r.id], (r) => toDataset(r, versions));
  }

  async get(actor: Actor, id: string, conn: Conn = this.k.db): Promise<Dataset> {
    const row = await store.getDataset(conn, actor.tenantId, id);
    if (!row) throw new NotFound('dataset', id);
    return toDataset(row, await store.versionsOf(conn, actor.tenantId, [id]));
  }

  /** A version by number, or the latest when no number is given. */
  async versionRow(actor: Actor, datasetId: string, number?: number, conn: Conn = this.k.db): Promise<EvalDatasetVersionRow> {
    await this.get(actor, datasetId, conn);
    const row = number === undefined ? await store.latestVersion(conn, actor.tenantId, datasetId) : await store.getVersion(conn, actor.tenantId, datasetId, number);
    if (!row) throw new NotFound(`version ${number ?? '(any)'} of dataset`, datasetId);
    return row;
  }

  async version(actor: Actor, datasetId: string, number: number): Promise<DatasetVersion> {
    return toVersion(await this.versionRow(actor, datasetId, number));
  }

  async addVersion(actor: Actor, datasetId: string, text: string, format: DatasetFormat): Promise<DatasetVersion> {
    const dataset = await this.get(actor, datasetId);
    const rows = readRows(text, format, dataset.kind);
    return this.k.db.transaction().execute((tx) => this.insertVersion(tx, actor, dataset, rows, format));
  }

  private async insertVersion(tx: Tx, actor: Actor, dataset: Dataset, rows: DatasetRow[], source: string): Promise<DatasetVersion> {
    const latest = await store.latestVersion(tx, actor.tenantId, dataset.id);
    const now = this.k.clock.now().toISOString();
    const version: EvalDatasetVersionRow = {
      id: newId('dsv'), tenant_id: actor.tenantId, dataset_id: dataset.id, number: (latest?.number ?? 0) + 1, content_hash: datasetHash(rows), row_count: rows.length,
      source, frozen_at: null, frozen_by: null, created_by: actor.id, created_at: now, updated_at: now, version: 1,
    };
    await store.insertVersion(tx, version, rows);
    await this.k.ledger.append(tx, actor, { action: 'dataset.version', subjectType: 'dataset', subjectId: dataset.id, after: { number: version.number, contentHash: version.content_hash, rows: rows.length, source } });
    return toVersion(version);
  }

  /** Corrects an unfrozen version in place (its hash changes with its rows); a frozen one is evidence and refuses. */
  async replaceVersion(actor: Actor, datasetId: string, number: number, text: string, format: DatasetFormat, ifMatch?: number): Promise<DatasetVersion> {
    const dataset = await this.get(actor, datasetId);
    const current = await this.versionRow(actor, datasetId, number);
    this.refuseIfFrozen(dataset, current);
    checkVersion(ifMatch, current.version, `version ${number} of dataset ${dataset.name}`);
    const rows = readRows(text, format, dataset.kind);
    const set = { content_hash: datasetHash(rows), row_count: rows.length, source: format, updated_at: this.k.clock.now().toISOString() };
    await this.k.db.transaction().execute(async (tx) => {
      if (!(await store.replaceRows(tx, current, set, rows))) throw new Conflict(`version ${number} of dataset ${dataset.name} was frozen or changed meanwhile; reload it`);
      await this.k.ledger.append(tx, actor, { action: 'dataset.version.replace', subjectType: 'dataset', subjectId: datasetId, before: { number, contentHash: current.content_hash }, after: { number, contentHash: set.content_hash, rows: rows.length } });
    });
    return this.version(actor, datasetId, number);
  }

  /** Removes an unfrozen version no run has used. */
  async deleteVersion(actor: Actor, datasetId: string, number: number): Promise<void> {
    const dataset = await this.get(actor, datasetId);
    const current = await this.versionRow(actor, datasetId, number);
    this.refuseIfFrozen(dataset, current);
    if ((await store.runsOnVersion(this.k.db, current.id)) > 0) throw new Conflict(`version ${number} of dataset ${dataset.name} has evaluation runs; their results must stay reproducible`);
    await this.k.db.transaction().execute(async (tx) => {
      if (!(await store.deleteVersion(tx, current))) throw new Conflict(`version ${number} of dataset ${dataset.name} was frozen meanwhile`);
      await this.k.ledger.append(tx, actor, { action: 'dataset.version.delete', subjectType: 'dataset', subjectId: datasetId, before: { number, contentHash: current.content_hash } });
    });
  }

  private refuseIfFrozen(dataset: Dataset, version: EvalDatasetVersionRow): void {
    if (version.frozen_at) {
      throw new Conflict(`version ${version.number} of dataset ${dataset.name} is frozen: gate decision ${version.frozen_by} relies on it; import a new version instead`, { frozenBy: version.frozen_by, contentHash: version.content_hash });
    }
  }

  /** The version's rows, after checking that they still hash to the version's content hash. */
  async rows(conn: Conn, version: EvalDatasetVersionRow): Promise<DatasetRow[]> {
    const rows = await store.rowsOf(conn, version.id);
    const check = verifyDatasetHash(rows, version.content_hash);
    if (!check.intact) throw new DatasetTampered(`version ${version.number} of dataset ${version.dataset_id}`, check.expected, check.actual);
    return rows;
  }

  /** A page of a version's rows, in dataset order, read through the integrity check. */
  async rowsPage(actor: Actor, datasetId: string, number: number, page: { limit: number; cursor?: string }) {
    const rows = await this.rows(this.k.db, await this.versionRow(actor, datasetId, number));
    const start = Number(decodeCursor(page.cursor, 1, ['integer'])?.[0] ?? 0);
    const slice = rows.slice(start, start + page.limit + 1).map((row, i) => ({ position: start + i, row }));
    return pageOf(slice, page.limit, (r) => [r.position + 1], (r): Record<string, unknown> => ({ ...r.row }));
  }

  /** Brings a promptfoo suite over as a new generation dataset; what cannot be carried over is listed, not dropped silently. */
  async importPromptfoo(actor: Actor, yaml: string, input: { name: string; useCaseId?: string }) {
    const imported = importPromptfoo(yaml);
    if (!imported.rows.length) throw new Invalid('no test of the promptfoo config could be imported', imported.unsupported.map((u) => ({ path: u.test === null ? 'config' : `tests.${u.test}`, message: u.reason })));
    const dataset = await this.k.db.transaction().execute(async (tx) => {
      const created = await this.create(actor, { name: input.name, kind: 'generation', description: imported.description ?? 'imported from promptfoo', useCaseId: input.useCaseId }, tx);
      await this.insertVersion(tx, actor, created, imported.rows, 'promptfoo');
      return created;
    });
    return { dataset: await this.get(actor, dataset.id), prompts: imported.prompts.length, providers: imported.providers, unsupported: imported.unsupported };
  }
}
