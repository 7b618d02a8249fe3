import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const PASSWORD = 'charter-demo';

describe.skipIf(browserMissing)('the web app, walked as a person would', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    charter = await startCharter();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  async function signIn(email: string) {
    await page.goto(`${charter.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^What needs you/ }).waitFor();
  }

  it('signs in and shows the business owner what needs them', async () => {
    await page.goto(`${charter.url}/portfolio`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(page.url()).toContain('/sign-in?redirect=');
    await screenshot(page, 'sign-in');
    await expectAccessible(page, 'sign in');

    await page.getByLabel('Email').fill('olivia.owner@northwind.example');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'email or password is wrong' }).waitFor();

    await signIn('olivia.owner@northwind.example');
    await page.getByRole('heading', { name: 'Your use cases that need you' }).waitFor();
    await page.getByText('Fraud signal summariser').waitFor();
    await page.getByText('suspended from pilot').waitFor();
    await page.getByRole('heading', { name: 'Approvals due' }).waitFor();
    await page.getByRole('region', { name: 'Approvals due' }).getByText('No approval waits for you').waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Home', 'Portfolio', 'New use case', 'Intake', 'Reviews', 'Governance', 'Measurement', 'People', 'Programme']);
    await screenshot(page, 'home');
    await expectAccessible(page, 'home');
  }, 60_000);

  it('shows the portfolio ranked, filtered, and by stage', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByRole('link', { name: 'Claims triage assistant' }).waitFor();
    await page.getByText(/12 use cases shown/).waitFor();
    await screenshot(page, 'portfolio');
    await expectAccessible(page, 'portfolio ranked list');

    await page.getByLabel('Value stream').selectOption({ label: 'Finance close' });
    await page.getByText(/2 use cases shown/).waitFor();
    expect(await page.getByRole('link', { name: 'Claims triage assistant' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Board by stage' }).click();
    expect(await page.getByRole('button', { name: 'Board by stage' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('heading', { name: /^Pilot/ }).waitFor();
    await page.getByRole('link', { name: 'Reconciliation exception explainer' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('link', { name: 'Claims triage assistant' }).waitFor();
    await screenshot(page, 'portfolio-board');
    await expectAccessible(page, 'portfolio board');
  }, 60_000);

  it('admits a use case through the form, refusing a vague outcome next to its field', async () => {
    await page.getByRole('link', { name: 'New use case' }).first().click();
    await page.getByRole('heading', { name: 'New use case' }).waitFor();
    await page.getByLabel('Title').fill('Claims letter drafting');
    await page.getByLabel('Outcome sentence').fill('use AI to help claims teams');
    await page.getByLabel('Value stream').selectOption({ label: 'Claims' });
    await page.getByLabel('Data sensitivity').selectOption({ label: 'Confidential' });
    await page.getByLabel('Personal').check();
    await page.getByRole('button', { name: 'Admit use case' }).click();

    const outcomeError = page.locator('[data-field="outcomeSentence"]');
    await outcomeError.waitFor();
    expect(await outcomeError.textContent()).toMatch(/name the metric/);
    expect(await outcomeError.textContent()).toMatch(/name the control mechanism/);
    expect(await page.getByLabel('Outcome sentence').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'new-use-case-refused');
    await expectAccessible(page, 'new use case form with errors');

    await page.getByLabel('Outcome sentence').fill('Reduce claims letter drafting time by 40% while preserving handler approval of every letter');
    await expect.poll(() => outcomeError.count()).toBe(0);
    await page.getByLabel('Impact').selectOption('4');
    for (const factor of ['Strategic fit', 'Reach', 'Data readiness', 'Complexity', 'Risk']) await page.getByLabel(factor).selectOption('3');
    await page.getByLabel('Human oversight').fill('Handler approves every letter before it is sent');
    await page.getByRole('button', { name: 'Admit use case' }).click();

    await page.getByRole('heading', { name: 'Claims letter drafting', level: 1 }).waitFor();
    await page.getByText('Reduce claims letter drafting time by 40%, while preserving handler approval of every letter.').waitFor();
    expect(await page.locator('.use-case-meta .badge').first().textContent()).toBe('Intake');
  }, 60_000);

  it('moves the use case to triage', async () => {
    await page.getByRole('button', { name: 'Move to triage' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved to triage' }).waitFor();
    await expect.poll(() => page.locator('.use-case-meta .badge').first().textContent()).toBe('Triage');
    await page.getByText('The ledger trail is open to risk reviewers').waitFor();
    await screenshot(page, 'use-case-owner');
    await expectAccessible(page, 'use case');
  }, 60_000);

  it('shows a risk reviewer its ledger trail, the entry before and after, and a verified chain', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn('riley.risk@northwind.example');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill('letter drafting');
    await page.getByRole('link', { name: 'Claims letter drafting' }).click();
    const trail = page.locator('.trail');
    await trail.getByText('moved from intake to triage').waitFor();
    await trail.getByText('admitted "Claims letter drafting" into intake').waitFor();
    await screenshot(page, 'use-case');
    await expectAccessible(page, 'use case with ledger trail');

    await trail.getByRole('link', { name: /usecase\.transition/ }).click();
    await page.getByRole('heading', { name: /^Entry #\d+/ }).waitFor();
    const stageRow = page.locator('.diff tr', { has: page.locator('code', { hasText: /^stage$/ }) });
    expect(await stageRow.locator('td').allTextContents()).toEqual(['"intake"', '"triage"']);

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText('Chain intact').waitFor();
    expect(await page.locator('.chain-state').textContent()).toMatch(/entries verified/);
    await screenshot(page, 'ledger');
    await expectAccessible(page, 'ledger');
  }, 60_000);

  it('imports an inventory after its dry run, shows the guard that holds an imported pilot in intake, and lets its owner complete it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('olivia.owner@northwind.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByRole('link', { name: 'Import inventory' }).click();
    await page.getByRole('heading', { name: 'Import an inventory' }).waitFor();

    const header = 'title,owner_email,value_stream,data_sensitivity,production_readiness';
    const upload = (rows: string[]) =>
      page.getByLabel('Inventory file (CSV)').setInputFiles({ name: 'pilots.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    await upload([
      'Claims photo triage,olivia.owner@northwind.example,Claims,confidential,pilot',
      'Broker email sorter,nobody@northwind.example,Claims,internal,pilot',
      'Subrogation finder,olivia.owner@northwind.example,Claims,secret,pilot',
    ]);
    await page.getByText('3 rows read, 1 valid, 2 problems.').waitFor();
    await page.getByRole('cell', { name: 'nobody@northwind.example is not a member of this tenant' }).waitFor();
    await page.getByRole('cell', { name: /must be one of public, internal, confidential, restricted/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await screenshot(page, 'import-dry-run');
    await expectAccessible(page, 'inventory import');

    await upload(['Claims photo triage,olivia.owner@northwind.example,Claims,confidential,pilot']);
    await page.getByText('1 row read, 1 valid, 0 problems.').waitFor();
    await page.getByRole('button', { name: 'Import 1 use case' }).click();
    await page.getByRole('heading', { name: 'Imported 1 use cases' }).waitFor();

    await page.getByRole('link', { name: 'Claims photo triage' }).click();
    await page.getByText('No outcome statement yet').waitFor();
    await page.getByRole('button', { name: 'Move to triage' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The move was refused' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('state the outcome (process, metric, baseline → target, control) before triage');
    await screenshot(page, 'use-case-refused-move');
    await expectAccessible(page, 'use case with a refused move');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Claims photo triage' }).waitFor();
    await page.getByLabel('Outcome sentence').fill('Reduce photo assessment time from 20 min to 8 min while a handler confirms every damage estimate');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Reduce photo assessment time from 20 min to 8 min (−60%), while a handler confirms every damage estimate.').waitFor();
    await page.getByRole('button', { name: 'Move to triage' }).click();
    await page.getByRole('status').filter({ hasText: 'Moved to triage' }).waitFor();
  }, 60_000);

  it('fits a tablet', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${charter.url}/portfolio`);
    await page.getByRole('link', { name: 'Claims triage assistant' }).waitFor();
    const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'portfolio-tablet');
    await expectAccessible(page, 'portfolio on a tablet');
  }, 60_000);
});
