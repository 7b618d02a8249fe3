import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ANSWERS } from '../../src/seed/answers.js';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';
import { answerQuestion } from './support/intake.js';

/**
 * The golden path, walked in one session by the people who own each step, clicking and typing as they would on a
 * fresh `npm start`: a business owner admits a use case through intake and its screening; a builder meets the
 * controls its tier asks for while the owner grants each approval; the builder evaluates a release on a frozen
 * dataset and red-teams it, the owner signs it off, the gate passes and the release is promoted; an application calls
 * it through the gateway with the unchanged openai client; the call shows in the use case's metrics; and an incident
 * suspends the use case, after which the gateway refuses it.
 */

const TITLE = 'Claims status enquiry assistant';
const OWNER = 'olivia.owner@northwind.example';
const BUILDER = 'ben.builder@northwind.example';
const LABELS = ['claim status', 'complaint', 'document request'] as const;
const SYSTEM_PROMPT = `Classify the customer's claims enquiry and answer with the label only.\nLabels: ${LABELS.join(', ')}`;
const ENQUIRIES: Record<(typeof LABELS)[number], string[]> = {
  'claim status': ['Where is my claim for the burst pipe?', 'Has my car claim been approved yet?', 'When will the assessor visit?', 'Is my storm damage claim still open?'],
  complaint: ['Nobody has called me back in two weeks.', 'The settlement offer is insulting.', 'Your assessor was rude to my mother.', 'I was charged an excess twice.'],
  'document request': ['Can you send me the claim form again?', 'I need a copy of my policy schedule.', 'Please email the repair estimate.', 'Send the letter confirming my cover.'],
};

/** A customer-facing chatbot: transparency duties (Art. 50) make it limited risk. Step 1 of intake asks the data questions. */
const { dataSensitivity: _s, dataCategories: _c, ...ANSWERS } = DEMO_ANSWERS.chatbot;

/** 120 labelled enquiries, 40 of each label, as JSON Lines. */
function regressionRows(): string {
  const rows: string[] = [];
  for (let n = 0; n < 120; n++) {
    const label = LABELS[n % 3];
    const texts = ENQUIRIES[label];
    rows.push(JSON.stringify({ id: `enq-${n + 1}`, input: `Enquiry ${n + 1}: ${texts[Math.floor(n / 3) % texts.length]}`, label }));
  }
  return rows.join('\n');
}

describe.skipIf(browserMissing)('the golden path, from intake to an incident that suspends the use case', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;
  let gatewayKey = '';
  const openai = () => new OpenAI({ apiKey: gatewayKey, baseURL: `${charter.url}/v1`, maxRetries: 0 });

  beforeAll(async () => {
    // The demo as `npm start` seeds it, gateway story included: the catalogue holds the simulated-eu endpoint.
    charter = await startCharter({ gatewayStory: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  const as = (email: string) => signIn(page, charter.url, email);
  const stageBadge = () => page.locator('.use-case-meta .badge').first().textContent();

  async function openUseCase(tab?: string) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill('status enquiry');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    if (tab) await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: tab }).click();
  }

  async function move(to: string) {
    await page.getByRole('button', { name: `Move to ${to}` }).click();
  }

  async function moved(to: string) {
    await move(to);
    await page.getByRole('status').filter({ hasText: `Moved to ${to}` }).waitFor();
    await expect.poll(stageBadge).toBe(to[0].toUpperCase() + to.slice(1));
  }

  /** The move is refused while the owner's approval is owed; it says so, and the request lands in the owner's inbox. */
  async function refusedForApproval(to: string) {
    await move(to);
    const refusal = page.getByRole('alert').filter({ hasText: 'The move was refused' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`→ ${to} needs the approval of business_owner`);
  }

  /** The builder meets every open control due before a stage at once, with one evidence file. */
  async function meetControlsBefore(stage: string, file: string) {
    await page.getByRole('heading', { name: 'Controls' }).waitFor();
    const group = page.locator('details.controls-stage', { hasText: `Before ${stage}` });
    if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
    await group.getByRole('checkbox', { name: new RegExp(`^Select the \\d+ open controls? before ${stage}$`) }).check();
    const form = page.getByRole('form', { name: 'Evidence for the selected controls' });
    await form.getByLabel('File', { exact: true }).check();
    await form.getByLabel('Evidence file').setInputFiles({ name: file, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n${TITLE}: ${file}\n`) });
    await form.getByRole('button', { name: /^Mark \d+ controls? implemented$/ }).click();
    await page.getByRole('status').filter({ hasText: /controls? (is|are) implemented, with (its|their) evidence/ }).waitFor();
    await expect.poll(() => group.locator('summary .badge').textContent()).toMatch(/^(\d+) of \1 met$/);
  }

  /** The owner grants the move waiting in their inbox. */
  async function ownerGrants(from: string, to: string) {
    await as(OWNER);
    const due = page.getByRole('region', { name: 'Approvals due' });
    await due.getByText(TITLE).first().waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Governance' }).click();
    const request = page.getByRole('article').filter({ hasText: TITLE }).filter({ hasText: `${from} → ${to}` });
    await request.getByRole('button', { name: 'Grant' }).click();
    await page.getByRole('status').filter({ hasText: 'Every role has granted' }).waitFor();
  }

  it('lets the business owner admit the use case through intake, screened limited risk, and move it to triage', async () => {
    await as(OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intake' }).click();
    await page.getByRole('heading', { name: 'Step 1 of 4: the use case' }).waitFor();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Outcome sentence').fill('Reduce claims status call handling time from 9 min to 6 min while a handler takes over every complaint');
    await page.getByLabel('Value stream').selectOption({ label: 'Claims' });
    await page.getByLabel('Data sensitivity').selectOption({ label: 'Internal' });
    await page.getByLabel('Personal').check();
    await page.getByLabel('Target date').fill('2027-06-30');
    await page.getByRole('button', { name: 'Next: screening questions' }).click();

    await page.getByRole('heading', { name: 'Step 2 of 4: screening questions' }).waitFor();
    for (const [id, value] of Object.entries(ANSWERS)) if (!Array.isArray(value) || value.length) await answerQuestion(page, id, value);
    await page.getByRole('button', { name: 'Next: review' }).click();
    await page.getByText('Every question is answered.').waitFor();
    await page.getByRole('button', { name: 'Submit for screening' }).click();

    await page.getByRole('heading', { name: 'Step 4 of 4: screening result' }).waitFor();
    expect(await page.locator('.intake-verdict').textContent()).toMatch(new RegExp(`${TITLE} is in Intake and screened Limited risk, governed by the limited@default pack`));
    await screenshot(page, 'golden-1-screened');
    await expectAccessible(page, 'golden path: screening result');

    await page.getByRole('link', { name: `Open ${TITLE}` }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await moved('triage');
  }, 120_000);

  it('has the builder meet the controls due before approval, and the owner grant it', async () => {
    await as(BUILDER);
    await openUseCase();
    await moved('assessed');
    await refusedForApproval('approved');
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('heading', { name: 'Governance', level: 1 }).waitFor();
    await meetControlsBefore('approved', 'claims-status-risk-file.pdf');
    const evidence = page.getByRole('row', { name: /GOVERN 1\.1/ });
    await evidence.getByText(/file claims-status-risk-file\.pdf, SHA-256 [0-9a-f]{12}…/).waitFor();
    await screenshot(page, 'golden-2-controls');
    await expectAccessible(page, 'golden path: controls with evidence');

    await ownerGrants('assessed', 'approved');
    await as(BUILDER);
    await openUseCase();
    await moved('approved');
    await moved('build');
  }, 120_000);

  it('has the builder state readiness, write the prompt, create a release and take the use case to pilot with the owner’s approval', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Data sources').fill('Claims system status history\nContact centre call reasons');
    await page.getByLabel('Human oversight').fill('A handler takes over every complaint\nTeam leads review a weekly sample');
    await page.getByLabel('Rollback plan').fill('Route every enquiry to the contact centre queue as before; the assistant only classifies.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();

    const prompts = page.getByRole('region', { name: 'Prompt templates' });
    await prompts.getByRole('button', { name: 'New template' }).click();
    const template = page.getByRole('form', { name: 'New prompt template' });
    await template.getByLabel('Template name').fill('enquiry classifier');
    await template.getByLabel('System prompt').fill(SYSTEM_PROMPT);
    await template.getByLabel('Change note').fill('first version: three labels');
    await template.getByRole('button', { name: 'Create template' }).click();
    await prompts.getByText('enquiry classifier').first().waitFor();

    const releases = page.getByRole('region', { name: 'Releases' });
    await releases.getByRole('button', { name: 'New release' }).click();
    const form = releases.getByRole('form', { name: 'New release' });
    await form.getByLabel('Release name').fill('v1 classifier');
    await form.getByLabel('Model endpoint').selectOption({ label: 'simulated-eu (eu-west)' });
    await form.getByLabel('Prompt version').selectOption({ label: 'enquiry classifier v1: first version: three labels' });
    await form.getByRole('button', { name: 'Create release' }).click();
    await releases.getByRole('status').filter({ hasText: 'Created v1 classifier.' }).waitFor();

    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Governance' }).click();
    await meetControlsBefore('pilot', 'claims-status-measurement-plan.pdf');
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Overview' }).click();
    await refusedForApproval('pilot');

    await ownerGrants('build', 'pilot');
    await as(BUILDER);
    await openUseCase();
    await moved('pilot');
    const pilot = page.getByRole('region', { name: 'Releases' }).getByRole('region', { name: 'Pilot' });
    await pilot.getByRole('button', { name: 'Activate in pilot' }).click();
    await pilot.getByRole('status').filter({ hasText: 'v1 classifier is active in pilot.' }).waitFor();
  }, 180_000);

  it('has the builder freeze a regression set, evaluate the release on it and red-team it', async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('heading', { name: 'Evaluations and release gates', level: 1 }).waitFor();
    await page.getByRole('link', { name: /^Datasets of this use case/ }).click();
    await page.getByRole('heading', { name: 'Evaluation datasets', level: 1 }).waitFor();
    const create = page.getByRole('form', { name: 'New dataset' });
    await create.getByLabel('Name').fill('Claims enquiries, November sample');
    await create.getByLabel('Task kind').selectOption('classification');
    await create.getByLabel('Description').fill('120 enquiries labelled by the contact centre team leads');
    await create.getByRole('button', { name: 'Create dataset' }).click();
    const upload = page.getByRole('form', { name: 'Upload a version of Claims enquiries, November sample' });
    await upload.getByRole('textbox', { name: 'Rows' }).fill(regressionRows());
    await upload.getByRole('button', { name: 'Upload version' }).click();
    await upload.getByRole('status').filter({ hasText: /^Stored version 1: 120 rows/ }).waitFor();
    await screenshot(page, 'golden-3-dataset');

    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Evaluations' }).click();
    await page.getByRole('button', { name: 'Evaluate on a dataset' }).click();
    const start = page.getByRole('form', { name: /^Start an evaluation run/ });
    await start.getByLabel('Dataset').selectOption({ label: 'Claims enquiries, November sample (classification)' });
    await start.getByRole('button', { name: 'Start evaluation run' }).click();
    const runs = page.locator('table.runs-table tbody tr');
    await runs.filter({ hasText: 'Evaluation run' }).getByText('Completed').waitFor({ timeout: 60_000 });
    await runs.filter({ hasText: 'Evaluation run' }).getByText('120 / 120').waitFor();

    await page.getByRole('button', { name: 'Start a red-team run' }).click();
    await runs.filter({ hasText: 'Red team run' }).getByText('Completed').waitFor({ timeout: 60_000 });
  }, 180_000);

  it('has the owner sign the release off, and the builder pass the gate and promote it to production', async () => {
    await as(OWNER);
    await openUseCase('Evaluations');
    const signOff = page.getByRole('form', { name: /^Sign off release / });
    await signOff.getByLabel('Sign off as').selectOption({ label: 'Business owner' });
    await signOff.getByLabel('Note').fill('Labels match how the contact centre routes enquiries; complaints always reach a handler.');
    await signOff.getByRole('button', { name: 'Sign off' }).click();
    await page.getByText('Signed off as business owner.').waitFor();

    await as(BUILDER);
    await openUseCase('Evaluations');
    await page.getByRole('button', { name: 'Decide the gate' }).click();
    await page.getByRole('status').filter({ hasText: /^The gate (passed|did not pass)/ }).waitFor();
    const criteria = await page.locator('table.criteria-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
    expect(criteria.filter((row) => row[1] !== 'Pass')).toEqual([]);
    const f1 = criteria.find((row) => row[0] === 'F1 (macro)')!;
    expect(Number(f1[2])).toBeGreaterThanOrEqual(0.8);
    await page.getByText('Gate passed', { exact: true }).waitFor();
    await screenshot(page, 'golden-4-gate');
    await expectAccessible(page, 'golden path: gate passed');

    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Overview' }).click();
    const production = page.getByRole('region', { name: 'Releases' }).getByRole('region', { name: 'Production' });
    await production.getByRole('button', { name: 'Activate in production' }).click();
    await production.getByRole('status').filter({ hasText: 'v1 classifier is active in production.' }).waitFor();

    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Governance' }).click();
    await meetControlsBefore('production', 'claims-status-operations-runbook.pdf');
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Overview' }).click();
    await refusedForApproval('production');
    await ownerGrants('pilot', 'production');
    await as(BUILDER);
    await openUseCase();
    await moved('production');
    await screenshot(page, 'golden-5-production');
  }, 180_000);

  it('issues a production key and answers the application’s call made with the openai client', async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Gateway keys' }).click();
    await page.getByRole('heading', { name: 'Gateway keys', level: 1 }).waitFor();
    await page.getByLabel('Key name').fill('claims contact centre');
    await page.getByRole('button', { name: 'Issue key' }).click();
    gatewayKey = await page.getByRole('textbox', { name: 'New gateway key' }).inputValue();
    expect(gatewayKey).toMatch(/^chr_gw_prod/);
    await page.getByRole('button', { name: 'I have stored it' }).click();

    const answer = await openai().chat.completions.create({ model: 'simulated-eu', messages: [{ role: 'user', content: 'Where is my claim for the fallen tree?' }] });
    expect(LABELS).toContain(answer.choices[0].message.content);
  }, 60_000);

  it('shows the call in the use case’s metrics', async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
    // Gateway telemetry reaches the rollups within about a second; the evaluation runs' calls are not traffic.
    const calls = page.getByRole('region', { name: 'Gateway traffic, last 90 days' }).locator('div', { hasText: /^Calls/ }).locator('dd');
    await expect.poll(async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
      return calls.textContent({ timeout: 5_000 }).catch(() => null);
    }, { timeout: 15_000, interval: 1_000 }).toBe('1');
    await screenshot(page, 'golden-6-metrics');
    await expectAccessible(page, 'golden path: metrics with the call');
  }, 60_000);

  it('lets the owner open an incident that suspends the use case, after which the gateway refuses its calls', async () => {
    await as(OWNER);
    await openUseCase('Metrics');
    const open = page.getByRole('form', { name: 'Open an incident' });
    await open.getByLabel('What is wrong').fill('Complaints classified as status enquiries');
    await open.getByLabel('Severity').selectOption({ label: 'High' });
    await open.getByRole('button', { name: 'Open the incident' }).click();
    await page.getByRole('heading', { name: 'Complaints classified as status enquiries', level: 1 }).waitFor();

    const containment = page.getByRole('region', { name: 'Containment' });
    await containment.getByLabel('Suspend: the gateway refuses its calls').check();
    await containment.getByLabel('Why (kept on the timeline, optional)').fill('Two complaints went unanswered; stop until the labels are fixed.');
    await containment.getByRole('button', { name: 'Suspend the use case' }).click();
    await expect.poll(() => containment.textContent()).toContain('The use case is suspended: the gateway refuses its calls.');
    await page.getByRole('region', { name: 'Timeline' }).getByText('Two complaints went unanswered; stop until the labels are fixed.').waitFor();
    await screenshot(page, 'golden-7-incident');
    await expectAccessible(page, 'golden path: incident suspending the use case');

    const refused = await openai().chat.completions.create({ model: 'simulated-eu', messages: [{ role: 'user', content: 'Has my claim been paid?' }] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403, code: 'use_case_suspended' });

    await page.getByRole('region', { name: 'Where it stands' }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(stageBadge).toBe('Suspended');
    await page.getByText('(suspended from production)').waitFor();
  }, 90_000);
});
