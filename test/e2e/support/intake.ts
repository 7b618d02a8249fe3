import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

interface QuestionData {
  id: string;
  kind: string;
  options?: { value: string; text: string }[];
}

const data = (file: string) => JSON.parse(readFileSync(new URL(`../../../src/risk/data/v1/${file}`, import.meta.url), 'utf8'));
const eu = data('eu-ai-act.json');
const impact = data('impact.json');
const QUESTIONS = new Map<string, QuestionData>([...eu.questions, ...impact.questions, ...impact.mitigations].map((q: QuestionData) => [q.id, q]));

/** Answers one screening question the way a person would: clicking the label of each answer inside its fieldset. */
export async function answerQuestion(page: Page, id: string, value: unknown): Promise<void> {
  const q = QUESTIONS.get(id);
  if (!q) throw new Error(`no screening question ${id}`);
  const fieldset = page.locator(`#field-answers-${id}`);
  const labelOf = (v: unknown) => (q.kind === 'yes_no' ? (v ? 'Yes' : 'No') : q.options!.find((o) => o.value === v)!.text);
  for (const v of Array.isArray(value) ? value : [value]) await fieldset.getByLabel(labelOf(v), { exact: true }).check();
}
