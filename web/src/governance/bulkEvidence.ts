import type { FieldProblem } from '../api/problem';
import type { ControlItem, ControlUpdate, EvidenceInput } from './types';

/** The largest evidence file the browser reads and sends; Charter keeps only its name, size and SHA-256. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The controls a builder may still mark implemented: those not met. */
export const openControls = (items: readonly ControlItem[]): string[] => items.filter((c) => !c.met).map((c) => c.control);

/**
 * The selected controls that are still open, in the checklist's order: a control met since it was ticked (by the
 * one-control form, or by someone else) drops out of the selection.
 */
export const selectedOpen = (items: readonly ControlItem[], selected: ReadonlySet<string>): ControlItem[] => items.filter((c) => !c.met && selected.has(c.control));

/** Ticks or unticks one control. */
export function toggleControl(selected: ReadonlySet<string>, control: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(control);
  else next.delete(control);
  return next;
}

/** Ticks or unticks every open control of a stage group, leaving the other groups' selection as it is. */
export function toggleGroup(selected: ReadonlySet<string>, groupOpen: readonly string[], on: boolean): Set<string> {
  const next = new Set(selected);
  for (const control of groupOpen) {
    if (on) next.add(control);
    else next.delete(control);
  }
  return next;
}

/** How much of a group's open controls are ticked, for its select-all box (checked, or mixed). */
export function groupSelection(selected: ReadonlySet<string>, groupOpen: readonly string[]): 'none' | 'some' | 'all' {
  const ticked = groupOpen.filter((c) => selected.has(c)).length;
  if (ticked === 0) return 'none';
  return ticked === groupOpen.length ? 'all' : 'some';
}

/** "3 controls", "1 control". */
export const controlsWord = (n: number): string => `${n} ${n === 1 ? 'control' : 'controls'}`;

/** The one request body: each selected control implemented, with the same evidence. */
export const implementedWith = (controls: readonly string[], evidence: EvidenceInput): ControlUpdate[] => controls.map((control) => ({ control, status: 'implemented', evidence: [evidence] }));

/** Bytes as base64, in chunks so a 10 MB file does not overflow the argument list of `String.fromCharCode`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A chosen file's content as base64, read in the browser. */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** A size in words a person reads: "840 KB", "12.4 MB". */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a chosen file cannot be sent, or undefined when it can. */
export function fileProblem(file: { size: number } | undefined): string | undefined {
  if (!file) return 'choose the file that evidences the controls';
  if (file.size === 0) return 'the file is empty';
  if (file.size > MAX_EVIDENCE_BYTES) return `the file is ${sizeWords(file.size)}; evidence files may be at most ${sizeWords(MAX_EVIDENCE_BYTES)}`;
  return undefined;
}

/** The fields of the bulk evidence form, and `form` for problems that belong to no one field. */
export type BulkEvidenceField = 'url' | 'title' | 'file' | 'form';
export type BulkEvidenceProblems = Record<BulkEvidenceField, string[]>;

const EVIDENCE_FIELD: Record<string, BulkEvidenceField> = { url: 'url', title: 'title', name: 'file', contentBase64: 'file' };

/**
 * Where the API's problems with a bulk update show. Every item carries the same evidence, so `items.3.evidence.0.url`
 * is a problem with the one URL field, whichever item it was found in; each message shows once. Problems with an item
 * itself (`items[2].control`: not a control of this use case) name that item's control and show above the form, as do
 * problems with `items` as a whole. The API writes item indexes both as `items.3` and `items[3]`.
 */
export function evidenceProblems(problems: readonly FieldProblem[], sent: readonly string[]): BulkEvidenceProblems {
  const out: BulkEvidenceProblems = { url: [], title: [], file: [], form: [] };
  const add = (field: BulkEvidenceField, message: string) => {
    if (!out[field].includes(message)) out[field].push(message);
  };
  for (const p of problems) {
    const path = p.path.replace(/^body\.?/, '').replace(/\[(\d+)\]/g, '.$1');
    const m = /^items\.(\d+)(?:\.(.+))?$/.exec(path);
    if (!m) {
      add('form', p.message);
      continue;
    }
    const leaf = /^evidence\.\d+\.(\w+)$/.exec(m[2] ?? '')?.[1];
    const field = leaf ? EVIDENCE_FIELD[leaf] : undefined;
    if (field) add(field, p.message);
    else {
      const control = sent[Number(m[1])];
      add('form', control && !p.message.includes(control) ? `${control}: ${p.message}` : p.message);
    }
  }
  return out;
}
