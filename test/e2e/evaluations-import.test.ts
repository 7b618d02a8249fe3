import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const CLAIMS = 'Claims triage assistant';
const FNOL = 'FNOL severity, 2026 Q3 sample';
const LABELS = ['low', 'medium', 'high'];

/** A small promptfoo suite: two tests of one prompt, one of them with an assertion Charter does not evaluate (a model-graded rubric). */
const PROMPTFOO_YAML = [
  'description: Claims tone checks',
  'prompts:',
  '  - "Reply to the claimant: {{message}}"',
  'providers: [openai:gpt-4o-mini]',
  'tests:',
  '  - vars: { message: My car was hit while parked. }',
  '    assert:',
  '      - { type: icontains, value: claim }',
  '  - vars: { message: When will I hear back? }',
  '    assert:',
  '      - { type: not-contains, value: guarantee }',
  '      - { type: llm-rubric, value: empathetic }',
  '',
].join('\n');

describe.skipIf(browserMissing)('predictions scored offline and a promptfoo suite imported, through the evaluation screens', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;
  /** The predictions file a team made outside Charter for the regression set: every 20th case answered wrong, with probabilities. */
  let predictions: string[];

  beforeAll(async () => {
    charter = await startCharter({ gatewayStory: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, charter.url, 'riley.risk@northwind.example');
    // Only to build the file: the regression set's rows, read through the API with Riley's session.
    const get = async <T>(path: string): Promise<T> => (await page.request.get(`${charter.url}${path}`)).json() as Promise<T>;
    const datasets = await get<{ items: { id: string; name: string }[] }>('/api/v1/datasets?limit=200');
    const fnol = datasets.items.find((d) => d.name === FNOL);
    if (!fnol) throw new Error(`the demo has no dataset named ${FNOL}`);
    const rows: { id: string; label: string }[] = [];
    let cursor: string | null = null;
    do {
      const page_: { items: { id: string; label: string }[]; nextCursor: string | null } = await get(`/api/v1/datasets/${fnol.id}/versions/1/rows?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      rows.push(...page_.items);
      cursor = page_.nextCursor;
    } while (cursor);
    predictions = rows.map((row, i) => {
      const output = i % 20 === 0 ? LABELS.find((l) => l !== row.label)! : row.label;
      return JSON.stringify({ id: row.id, output, scores: Object.fromEntries(LABELS.map((l) => [l, l === output ? 0.9 : 0.05])), latencyMs: 40 + (i % 7) });
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  /** The page's width as laid out: more than the viewport when something overflows sideways. */
  const pageWidth = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  const file = (name: string, lines: string[]) => ({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) });

  it("scores a predictions file for the regression set, and the run shows among the release's runs with its metrics", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill(CLAIMS);
    await page.getByRole('link', { name: CLAIMS }).click();
    await page.getByRole('heading', { name: CLAIMS, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Evaluations and release gates', level: 1 }).waitFor();
    const offlineRuns = page.locator('table.runs-table tbody tr').filter({ hasText: 'Offline' });
    await offlineRuns.first().waitFor();
    const before = await offlineRuns.count();

    const toggle = page.getByRole('button', { name: 'Score predictions made elsewhere' }).first();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const form = page.getByRole('form', { name: /^Score predictions made elsewhere for release/ });
    await form.getByLabel('Dataset').selectOption({ label: `${FNOL} (classification)` });
    await form.getByText(/one line for each of its 500 cases/).waitFor();
    await form.getByLabel('Predictions file').setInputFiles(file('fnol-predictions.jsonl', predictions));
    await form.getByText('read fnol-predictions.jsonl: 500 predictions, shown below').waitFor();
    await form.getByRole('button', { name: 'Score predictions' }).click();

    const status = form.getByRole('status');
    await status.getByText(/^Scored 500 predictions: run er_\w+\. F1 \(macro\) 0\.9\d\d, Accuracy 0\.950, Expected calibration error \(ECE\) 0\.\d{3}\./).waitFor();
    const runId = /run (er_\w+)\./.exec((await status.textContent()) ?? '')?.[1];
    expect(runId).toBeTruthy();
    await expect.poll(() => offlineRuns.count()).toBe(before + 1);
    const row = page.locator('table.runs-table tbody tr').filter({ hasText: runId! });
    expect(await row.locator('td').nth(0).textContent()).toBe('Offline');
    await row.getByText('Completed').waitFor();
    await row.getByText('500 / 500').waitFor();
    await row.getByText(/^F1 \(macro\) 0\.9\d\d/).waitFor();
    await row.getByText(/^Accuracy 0\.950/).waitFor();
    await screenshot(page, 'evaluations-offline-scored');
    await expectAccessible(page, 'evaluations tab with predictions scored');

    await page.setViewportSize({ width: 820, height: 1180 });
    await form.getByRole('button', { name: 'Score predictions' }).scrollIntoViewIfNeeded();
    expect(await pageWidth()).toBeLessThanOrEqual(820);
    await screenshot(page, 'evaluations-offline-tablet');
    await expectAccessible(page, 'evaluations tab with the scoring form on a tablet');
    await page.setViewportSize({ width: 1280, height: 900 });

    await status.getByRole('link', { name: 'Open the run' }).click();
    await page.getByRole('heading', { name: /^Evaluation run/, level: 1 }).waitFor();
    await page.getByText('Offline: a predictions file scored against the dataset').waitFor();
    await page.getByRole('heading', { name: 'Metrics over 500 cases' }).waitFor();
    expect(await page.getByRole('row', { name: /^Accuracy/ }).locator('td').first().textContent()).toBe('0.950');
    await page.goBack();
    await page.getByRole('heading', { name: 'Evaluations and release gates', level: 1 }).waitFor();
  }, 120_000);

  it('refuses a malformed predictions file, naming each bad line, and stores nothing', async () => {
    const offlineRuns = page.locator('table.runs-table tbody tr').filter({ hasText: 'Offline' });
    await offlineRuns.first().waitFor();
    const before = await offlineRuns.count();
    const toggle = page.getByRole('button', { name: 'Score predictions made elsewhere' }).first();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const form = page.getByRole('form', { name: /^Score predictions made elsewhere for release/ });
    await form.getByLabel('Dataset').selectOption({ label: `${FNOL} (classification)` });

    // Line 7 names a case the dataset does not have; line 42 was cut off mid-object.
    const broken = predictions.map((line, i) => (i === 6 ? line.replace(/"id":"[^"]+"/, '"id":"no-such-case"') : i === 41 ? line.slice(0, 25) : line));
    await form.getByLabel('Predictions file').setInputFiles(file('fnol-broken.jsonl', broken));
    await form.getByText('read fnol-broken.jsonl: 500 predictions, shown below').waitFor();
    await form.getByRole('button', { name: 'Score predictions' }).click();

    const problems = form.getByRole('table', { name: /Nothing was scored/ });
    await problems.waitFor();
    const lines = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
    expect(lines.map((l) => l.slice(0, 2))).toEqual([['7', 'id'], ['42', '—']]);
    expect(lines[0][2]).toBe('the dataset has no case "no-such-case"');
    expect(lines[1][2]).toMatch(/^not valid JSON/);
    const predictionsBox = form.getByRole('textbox', { name: 'Predictions' });
    expect(await predictionsBox.getAttribute('aria-invalid')).toBe('true');
    await form.locator('.field-error').getByText(/^2 case\(s\) have no prediction: /).waitFor();
    // The summary takes focus so the refusal is announced, and links to the field.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className ?? '')).toContain('error-summary');
    expect(await offlineRuns.count()).toBe(before);
    await screenshot(page, 'evaluations-offline-refused');
    await expectAccessible(page, 'predictions refused by line');
  }, 60_000);

  it('imports a promptfoo config as a dataset of the use case, listing what it left behind', async () => {
    await page.getByRole('link', { name: /^Datasets of this use case/ }).click();
    await page.getByRole('heading', { name: 'Evaluation datasets', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Import a promptfoo config' });
    await form.getByLabel('Config file').setInputFiles({ name: 'claims_tone.promptfooconfig.yaml', mimeType: 'application/yaml', buffer: Buffer.from(PROMPTFOO_YAML) });
    await form.getByText('read claims_tone.promptfooconfig.yaml; its YAML is in the box below').waitFor();
    expect(await form.getByLabel('Name').inputValue()).toBe('claims tone');
    expect(await form.getByLabel('promptfoo config (YAML)').inputValue()).toBe(PROMPTFOO_YAML);
    await form.getByLabel('Name').fill('');
    await form.getByLabel('Name').pressSequentially('Claims tone checks');
    await form.getByRole('button', { name: 'Import config' }).click();

    await form.getByRole('status').getByText('Imported Claims tone checks: 2 rows from 1 prompt; 1 assertion not brought over, listed below.').waitFor();
    const gaps = await form.getByRole('table', { name: 'Not brought over from the config' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(gaps).toEqual([['2', '2: llm-rubric', expect.stringContaining('"llm-rubric" is not one Charter evaluates')]]);
    const listed = page.getByRole('region', { name: 'Versions of Claims tone checks' });
    await page.getByRole('heading', { name: /^Claims tone checks generation$/, level: 2 }).waitFor();
    const version = listed.getByRole('row', { name: /^v1/ });
    expect(await version.locator('th').textContent()).toBe('v1 PROMPTFOO');
    expect(await version.locator('td').first().textContent()).toBe('2');
    await screenshot(page, 'datasets-promptfoo-imported');
    await expectAccessible(page, 'datasets with a promptfoo config imported');

    // A second import under the same name is refused at the name.
    await form.getByLabel('Name').pressSequentially('Claims tone checks');
    await form.getByLabel('promptfoo config (YAML)').fill(PROMPTFOO_YAML);
    await form.getByRole('button', { name: 'Import config' }).click();
    await form.locator('.field-error').getByText('a dataset named Claims tone checks exists').waitFor();
    expect(await form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await pageWidth()).toBeLessThanOrEqual(820);
    await screenshot(page, 'datasets-promptfoo-tablet');
    await expectAccessible(page, 'datasets on a tablet, a name refused');
  }, 60_000);
});
