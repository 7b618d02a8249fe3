import { Link } from '@tanstack/react-router';
import { useState, type ChangeEvent } from 'react';
import { ApiProblem } from '../api/problem';
import { useInventoryImport } from './api';
import type { ImportReport } from './types';
import './portfolio.css';

const COLUMNS = 'title, sponsor, owner_email, value_stream, outcome, data_sensitivity, data_categories, production_readiness, description';

/** Brings an inventory of existing pilots under governance: a dry run reports every bad row, then all rows are imported or none. */
export function InventoryImportPage() {
  const [file, setFile] = useState<{ name: string; csv: string }>();
  const dryRun = useInventoryImport();
  const apply = useInventoryImport();

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    dryRun.reset();
    apply.reset();
    if (!chosen) return setFile(undefined);
    const csv = await chosen.text();
    setFile({ name: chosen.name, csv });
    dryRun.mutate({ csv, dryRun: true });
  };

  const report = dryRun.data;
  const applyRefusal = apply.error instanceof ApiProblem ? (apply.error.body.report as ImportReport | undefined) : undefined;
  return (
    <>
      <div className="page-header">
        <h1>Import an inventory</h1>
        <Link to="/portfolio" className="button button-quiet">
          Back to the portfolio
        </Link>
      </div>
      <section className="panel">
        <p>
          Upload a CSV (UTF-8, with a header row) of the pilots and experiments already running. Columns: <code>{COLUMNS}</code>. Only <code>title</code> is
          required. Charter checks every row first and shows you what it found; nothing is imported until you apply, and then all rows are imported or none.
          Imported use cases start in intake.
        </p>
        <label className="field">
          <span className="field-label">Inventory file (CSV)</span>
          <input type="file" accept=".csv,text/csv" onChange={choose} />
        </label>
        {dryRun.isPending && (
          <p role="status" className="muted">
            Checking {file?.name}…
          </p>
        )}
        {dryRun.isError && (
          <p className="notice notice-error" role="alert">
            {dryRun.error.message}
          </p>
        )}
      </section>
      {report && !apply.isSuccess && <ImportFindings title={`Dry run of ${file?.name}`} report={report} />}
      {report && file && !apply.isSuccess && (
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={report.errors.length > 0 || apply.isPending} onClick={() => apply.mutate({ csv: file.csv, dryRun: false })}>
            {apply.isPending ? 'Importing…' : `Import ${report.valid} use case${report.valid === 1 ? '' : 's'}`}
          </button>
          {report.errors.length > 0 && <p className="muted">Fix the rows above in your file and choose it again to import.</p>}
        </div>
      )}
      {apply.isError && (
        <div className="notice notice-error" role="alert">
          <p>{apply.error.message}</p>
          {applyRefusal && <ImportFindings title="Why nothing was imported" report={applyRefusal} />}
        </div>
      )}
      {apply.isSuccess && (
        <section className="panel" aria-labelledby="imported-title">
          <h2 id="imported-title">Imported {apply.data.imported.length} use cases</h2>
          <p role="status">They are in intake, each with a ledger entry for the import.</p>
          <ul className="plain-list">
            {apply.data.imported.slice(0, 50).map((uc) => (
              <li key={uc.id}>
                <Link to="/use-cases/$useCaseId" params={{ useCaseId: uc.id }}>
                  {uc.title}
                </Link>
              </li>
            ))}
          </ul>
          {apply.data.imported.length > 50 && <p className="muted">…and {apply.data.imported.length - 50} more; see the portfolio.</p>}
        </section>
      )}
    </>
  );
}

function ImportFindings({ title, report }: { title: string; report: ImportReport }) {
  return (
    <section className="panel" aria-labelledby="findings-title">
      <h2 id="findings-title">{title}</h2>
      <p role="status">
        {report.total} row{report.total === 1 ? '' : 's'} read, {report.valid} valid, {report.errors.length} problem{report.errors.length === 1 ? '' : 's'}.
      </p>
      {report.errors.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Problems by line</caption>
          <thead>
            <tr>
              <th scope="col" className="num">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.line}</td>
                <td>{e.field ?? '—'}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
