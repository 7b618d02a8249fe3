import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiProblem, type FieldProblem } from '../api/problem';
import { ErrorSummary } from '../forms/ErrorSummary';
import { Field, fieldId } from '../forms/Field';
import { Refusal } from '../forms/Refusal';
import { useUpdateControls } from './api';
import { controlsWord, evidenceProblems, fileProblem, fileToBase64, implementedWith, MAX_EVIDENCE_BYTES, sizeWords, type BulkEvidenceField } from './bulkEvidence';
import type { ControlItem, EvidenceInput } from './types';

type Kind = 'url' | 'file';

/** The form's fields, named apart from the one-control form's (`evidence-url-GOVERN-1-1`) so their ids never collide. */
const NAMES: Record<Exclude<BulkEvidenceField, 'form'>, string> = { url: 'bulk-evidence-url', title: 'bulk-evidence-title', file: 'bulk-evidence-file' };
const LABELS: Record<Exclude<BulkEvidenceField, 'form'>, string> = { url: 'Evidence URL', title: 'Evidence title', file: 'Evidence file' };

/**
 * Marks the selected controls implemented with one piece of evidence, a link or a file, in one request: a risk file
 * or a test report often evidences several controls. The API's problems with the shared evidence show at its fields.
 */
export function BulkEvidenceForm({ useCaseId, controls, onDone, onClear }: { useCaseId: string; controls: ControlItem[]; onDone: (message: string) => void; onClear: () => void }) {
  const update = useUpdateControls(useCaseId);
  const [kind, setKind] = useState<Kind>('url');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File>();
  const [reading, setReading] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [sent, setSent] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Error>();
  const [submission, setSubmission] = useState(0);
  const [fileError, setFileError] = useState<string>();

  const n = controls.length;
  const tooLarge = refusal instanceof ApiProblem && refusal.status === 413;
  const found = evidenceProblems(problems, sent);
  const errors: Record<BulkEvidenceField, string[]> = {
    ...found,
    file: [...(fileError ? [fileError] : []), ...found.file, ...(tooLarge && kind === 'file' ? [tooLargeWords(n, file)] : [])],
  };
  const shown: (keyof typeof NAMES)[] = kind === 'url' ? ['url', 'title'] : ['file', 'title'];
  const summary: FieldProblem[] = [
    ...errors.form.map((message) => ({ path: 'Selected controls', message })),
    ...shown.flatMap((f) => errors[f].map((message) => ({ path: LABELS[f], message }))),
  ];
  const ids = (label: string) => {
    const f = shown.find((k) => LABELS[k] === label);
    return f && fieldId(NAMES[f]);
  };

  const forget = (...fields: BulkEvidenceField[]) => {
    setProblems((ps) => ps.filter((p) => !fields.some((f) => evidenceProblems([p], sent)[f].length)));
    if (fields.includes('file')) setFileError(undefined);
    setRefusal(undefined);
  };

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    forget('file');
    setFile(chosen);
    if (chosen) setFileError(chosen.size > MAX_EVIDENCE_BYTES ? fileProblem(chosen) : undefined);
    if (chosen && (!title.trim() || title === file?.name)) setTitle(chosen.name);
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (update.isPending || reading) return;
    const controlIds = controls.map((c) => c.control);
    setSent(controlIds);
    setProblems([]);
    setRefusal(undefined);
    let evidence: EvidenceInput;
    if (kind === 'url') evidence = { kind: 'url', url: url.trim(), title: title.trim() };
    else {
      const problem = fileProblem(file);
      if (problem || !file) {
        setFileError(problem);
        setSubmission((s) => s + 1);
        return;
      }
      setReading(true);
      try {
        evidence = { kind: 'file', name: file.name, contentBase64: await fileToBase64(file), ...(title.trim() ? { title: title.trim() } : {}) };
      } catch {
        setFileError('the file could not be read; choose it again');
        setSubmission((s) => s + 1);
        return;
      } finally {
        setReading(false);
      }
    }
    try {
      await update.mutateAsync(implementedWith(controlIds, evidence));
      onDone(`${controlsWord(n)} ${n === 1 ? 'is' : 'are'} implemented, with ${n === 1 ? 'its' : 'their'} evidence.`);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        setProblems(err.errors);
        setSubmission((s) => s + 1);
      } else setRefusal(err instanceof Error ? err : new Error(String(err)));
    }
  };

  const pending = update.isPending || reading;
  return (
    <form className="bulk-evidence" onSubmit={send} noValidate aria-label="Evidence for the selected controls">
      <h3>One piece of evidence for {controlsWord(n)}</h3>
      <p className="bulk-evidence-controls">
        Marks implemented, each with the same evidence:{' '}
        {controls.map((c, i) => (
          <span key={c.control}>
            {i > 0 && ', '}
            <code>{c.control}</code>
          </span>
        ))}
      </p>
      <ErrorSummary title={`The ${controlsWord(n)} were not marked implemented`} problems={summary} fieldIds={ids} submission={submission} />
      {refusal && !(tooLarge && kind === 'file') && <Refusal error={refusal} title={`The ${controlsWord(n)} were not marked implemented`} />}
      <fieldset className="field bulk-evidence-kind">
        <legend className="field-label">Evidence kind</legend>
        <div className="segmented">
          {(['url', 'file'] as const).map((k) => (
            <label key={k} className="segmented-option">
              <input
                type="radio"
                name="bulk-evidence-kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setRefusal(undefined);
                  if (k === 'file' && file && !title.trim()) setTitle(file.name);
                }}
              />
              {k === 'url' ? 'Link' : 'File'}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="bulk-evidence-fields">
        <div hidden={kind !== 'url'}>
          <Field name={NAMES.url} label={LABELS.url} hint="Where the evidence lives: a document, a ticket, a test report" errors={errors.url}>
            {(p) => (
              <input
                {...p}
                type="url"
                inputMode="url"
                value={url}
                onChange={(e) => {
                  setUrl(e.target.value);
                  forget('url');
                }}
              />
            )}
          </Field>
        </div>
        {/* Kept mounted while a link is chosen, so a file chosen before stays chosen. */}
        <div hidden={kind !== 'file'}>
          <Field name={NAMES.file} label={LABELS.file} hint={`At most ${sizeWords(MAX_EVIDENCE_BYTES)}. Charter keeps only its name, size and SHA-256; the file stays in your records.`} errors={errors.file}>
            {(p) => <input {...p} type="file" onChange={choose} />}
          </Field>
        </div>
        <Field name={NAMES.title} label={LABELS.title} hint={kind === 'file' ? 'The file’s name unless you say otherwise' : undefined} errors={errors.title}>
          {(p) => (
            <input
              {...p}
              maxLength={200}
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                forget('title');
              }}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={pending}>
          {reading ? 'Reading the file…' : update.isPending ? 'Saving…' : `Mark ${controlsWord(n)} implemented`}
        </button>
        <button type="button" className="button button-quiet" onClick={onClear}>
          Clear the selection
        </button>
      </div>
    </form>
  );
}

/** Charter refused the body as too large: the file goes once with each control. */
function tooLargeWords(n: number, file: File | undefined): string {
  const size = file ? ` (${sizeWords(file.size)})` : '';
  return n > 1
    ? `Charter did not accept a request this large: the file${size} is sent once with each of the ${n} controls. Choose fewer controls at a time, or a smaller file.`
    : `Charter did not accept a request this large: choose a smaller file${size}.`;
}
