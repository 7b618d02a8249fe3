import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const CLAIMS = 'Claims triage assistant';

describe.skipIf(browserMissing)('evaluations and release gates, read and worked by a risk reviewer', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    charter = await startCharter({ gatewayStory: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, charter.url, 'riley.risk@northwind.example');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  const evaluationsTab = async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Evaluations and release gates', level: 1 }).waitFor();
  };

  it("shows the passed gate of the Claims triage assistant's production release with every criterion and its evidence", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill(CLAIMS);
    await page.getByRole('link', { name: CLAIMS }).click();
    await page.getByRole('heading', { name: CLAIMS, level: 1 }).waitFor();
    await evaluationsTab();

    await page.getByText('Gate passed').waitFor();
    const criteria = page.locator('table.criteria-table tbody tr');
    const rows = await criteria.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
    const row = (label: string) => rows.find((r) => r[0] === label);
    expect(row('Evaluation run')?.slice(1, 3)).toEqual(['Pass', '500 cases']);
    expect(row('F1 (macro)')?.slice(1, 4)).toEqual(['Pass', '0.970', '>= 0.85']);
    expect(row('Expected calibration error (ECE)')?.slice(1, 4)).toEqual(['Pass', '0.000', '<= 0.05']);
    expect(row('Attack success rate, overall')?.slice(1, 3)).toEqual(['Pass', '0 %']);
    expect(row('Attack success rate: Sensitive Information Disclosure')?.[1]).toBe('Pass');
    expect(row('Sign-off by the business owner')?.slice(1, 3)).toEqual(['Pass', 'Olivia Okafor']);
    expect(row('Monitoring thresholds')?.slice(1, 3)).toEqual(['Pass', 'defined']);
    expect(row('Rollback plan')?.slice(1, 3)).toEqual(['Pass', 'written']);
    expect(rows.every((r) => r[1] === 'Pass')).toBe(true);
    // Each piece of evidence links to where it is shown: the runs, the use case, the sign-off on this screen.
    expect(await criteria.filter({ hasText: 'F1 (macro)' }).getByRole('link', { name: /^evaluation run er_/ }).count()).toBe(1);
    expect(await criteria.filter({ hasText: 'business owner' }).getByRole('link', { name: 'the sign-off' }).getAttribute('href')).toMatch(/^#sign-off-so_/);

    // The runs with their headline figures, the sign-offs, and the actions a risk reviewer may take.
    const runs = page.locator('table.runs-table tbody tr');
    await runs.filter({ hasText: 'Red team run' }).getByText('Attack success 0 %').waitFor();
    await runs.filter({ hasText: 'Evaluation run' }).getByText(/F1 \(macro\) 0\.970 95 % CI 0\.95\d – 0\.98\d/).waitFor();
    await page.getByText('Risk file, red-team results and rollback plan checked.').waitFor();
    for (const name of ['Decide the gate', 'Start a red-team run', 'Evaluate on a dataset']) await page.getByRole('button', { name }).waitFor();
    // Riley signed this release off when it went to production; the API would refuse a second sign-off in the same role.
    await page.getByText('You have signed this release off as risk reviewer.').waitFor();
    await screenshot(page, 'evaluations');
    await expectAccessible(page, 'evaluations tab');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'evaluations-tablet');
    await expectAccessible(page, 'evaluations tab on a tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 90_000);

  it('opens the red-team run with its attack success by OWASP category', async () => {
    await page.getByRole('link', { name: 'Red team run', exact: true }).click();
    await page.getByRole('heading', { name: /^Red team run/, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Attack success by OWASP category' }).waitFor();
    const categories = await page.locator('table.red-team-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.children[0].textContent ?? '').trim()));
    expect(categories).toEqual(['LLM01:2025', 'LLM02:2025', 'LLM05:2025', 'LLM06:2025', 'LLM07:2025', 'LLM09:2025', 'LLM10:2025']);
    await page.getByText(/^Overall 0 %: 0 of 34 answered attacks succeeded/).waitFor();
    await page.getByRole('region', { name: 'Case results' }).getByText('Resisted').first().waitFor();
    await screenshot(page, 'red-team-run');
    await expectAccessible(page, 'red-team run');
  }, 60_000);

  it('opens the offline evaluation run with its metrics, intervals and cases page by page', async () => {
    await page.goBack();
    await page.getByRole('heading', { name: 'Evaluations and release gates', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Evaluation run', exact: true }).click();
    await page.getByRole('heading', { name: /^Evaluation run/, level: 1 }).waitFor();
    await page.getByText('Offline: a predictions file scored against the dataset').waitFor();
    await page.getByRole('heading', { name: 'Metrics over 500 cases' }).waitFor();
    const f1 = await page.getByRole('row', { name: /^F1 \(macro\)/ }).locator('td').allTextContents();
    expect(f1[0]).toBe('0.970');
    expect(f1[1]).toMatch(/^0\.95\d – 0\.98\d$/);
    await page.getByRole('table', { name: /Confusion matrix/ }).waitFor();
    await page.getByText(/^Not compared: no release was active in production/).waitFor();
    await page.getByText('Cases 1–50').waitFor();
    await page.getByRole('button', { name: 'Next 50' }).click();
    await page.getByText('Cases 51–100').waitFor();
    await screenshot(page, 'evaluation-run');
    await expectAccessible(page, 'evaluation run');
  }, 60_000);

  it('runs a live evaluation on the frozen dataset with a progress bar, and compares it with the offline run', async () => {
    await page.getByRole('link', { name: /: evaluations$/ }).click();
    await page.getByRole('heading', { name: 'Evaluations and release gates', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Evaluate on a dataset' }).click();
    const form = page.getByRole('form', { name: /^Start an evaluation run/ });
    await form.getByLabel('Dataset').selectOption({ label: 'FNOL severity, 2026 Q3 sample (classification)' });
    await form.getByRole('button', { name: 'Start evaluation run' }).click();
    await form.getByRole('progressbar').first().waitFor();
    const live = page.locator('table.runs-table tbody tr').filter({ hasText: 'Evaluation run' }).filter({ hasText: 'Live' });
    await live.getByText('Completed').waitFor({ timeout: 60_000 });
    await live.getByText('500 / 500').waitFor();

    await page.getByRole('checkbox', { name: /^Compare evaluation run/ }).nth(0).check();
    await page.getByRole('checkbox', { name: /^Compare evaluation run/ }).nth(1).check();
    await page.getByRole('link', { name: 'Compare the two runs picked' }).click();
    await page.getByRole('heading', { name: 'Two runs compared', level: 1 }).waitFor();
    await page.getByText('Both runs scored the same dataset rows (same content hash).').waitFor();
    await page.getByRole('row', { name: /^F1 \(macro\)/ }).waitFor();
    await page.getByRole('heading', { name: /^Cases whose outcome differs \(\d+\)$/ }).waitFor();
    await screenshot(page, 'eval-runs-compared');
    await expectAccessible(page, 'two runs compared');
  }, 120_000);

  it("lists the use case's datasets with their frozen version, and shows the rows an upload got wrong", async () => {
    await page.getByRole('link', { name: 'Back to the evaluations' }).click();
    await page.getByRole('link', { name: /^Datasets of this use case/ }).click();
    await page.getByRole('heading', { name: 'Evaluation datasets', level: 1 }).waitFor();
    const version = page.getByRole('row', { name: /^v1/ });
    await version.getByText('Frozen').waitFor();
    expect(await version.locator('td').first().textContent()).toBe('500');
    expect(await version.locator('.hash code').textContent()).toMatch(/^[0-9a-f]{64}$/);

    const upload = page.getByRole('form', { name: /^Upload a version of FNOL severity/ });
    await upload.getByRole('textbox', { name: 'Rows' }).fill('{"id": "x-1", "input": "Water leak in the kitchen"}\nnot json');
    await upload.getByRole('button', { name: 'Upload version' }).click();
    const problems = upload.getByRole('table', { name: /Nothing was stored/ });
    await problems.waitFor();
    const lines = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.children[0].textContent ?? '').trim()));
    expect(lines).toEqual(['1', '2']);
    expect(await upload.getByRole('textbox', { name: 'Rows' }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'datasets');
    await expectAccessible(page, 'datasets');
  }, 60_000);

  it('starts a red-team run and decides the gate again on the newest evidence, which now fails it', async () => {
    await evaluationsTab();
    await page.getByRole('button', { name: 'Start a red-team run' }).click();
    await page.getByRole('status').filter({ hasText: /^Red-team run er_\w+ started/ }).waitFor();
    const redTeams = page.locator('table.runs-table tbody tr').filter({ hasText: 'Red team run' });
    await expect.poll(() => redTeams.count()).toBe(2);
    await redTeams.first().getByText('Completed').waitFor({ timeout: 60_000 });

    expect(await page.getByRole('button', { name: 'Sign off' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Decide the gate' }).click();
    // The newest evaluation is now the live run through the simulated model, whose answers name no severity: the gate fails on F1.
    await page.getByRole('status').filter({ hasText: /^The gate did not pass: \d+ failed/ }).waitFor();
    await page.getByText('Gate not passed').waitFor();
    await page.getByText(/; 1 earlier decision\./).waitFor();
    const f1 = await page.locator('table.criteria-table tbody tr').filter({ hasText: 'F1 (macro)' }).first().locator('td').allTextContents();
    expect(f1.slice(0, 2)).toEqual(['Fail', expect.stringMatching(/^0\.\d{3}$/)]);
    const newRun = await redTeams.first().locator('code').textContent();
    const evidence = page.locator('table.criteria-table tbody tr').filter({ hasText: 'Attack success rate, overall' }).getByRole('link');
    expect(await evidence.getAttribute('href')).toBe(`/eval-runs/${newRun}`);
    await page.getByText('Earlier decisions (1)').click();
    await page.locator('.earlier-decision summary').getByText('Passed').waitFor();
    await screenshot(page, 'evaluations-gate-failed');
    await expectAccessible(page, 'evaluations tab after a new gate decision');
  }, 120_000);
});
