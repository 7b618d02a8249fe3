import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const CHATBOT = 'Customer-facing policy chatbot';

describe.skipIf(browserMissing)('governance, walked by a risk reviewer and a builder', () => {
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

  const signInAs = (email: string) => signIn(page, charter.url, email);

  async function openUseCase(title: string) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  }

  it('shows a use case’s screening trace, its controls and its approvals on the Governance tab', async () => {
    await signInAs('riley.risk@northwind.example');
    await page.getByRole('heading', { name: 'Approvals due' }).waitFor();
    await page.getByText('No approval waits for you').waitFor();
    await openUseCase(CHATBOT);
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('heading', { name: 'Governance', level: 1 }).waitFor();

    await page.getByRole('heading', { name: 'Risk screening' }).waitFor();
    await page.locator('.screening-verdict', { hasText: 'by Riley Chen' }).waitFor();
    const result = page.locator('.trace-result');
    await result.getByText(/^tier limited: the higher of the EU floor/).waitFor();
    await page.locator('.obligations').getByText('Inform people that they are interacting with an AI system').waitFor();
    await page.locator('summary', { hasText: 'EU AI Act cascade' }).click();
    await page.getByRole('row', { name: /T1.*Yes.*transparency duty \(Art\. 50\(1\)\)/ }).waitFor();

    await page.getByRole('heading', { name: 'Controls' }).waitFor();
    expect(await page.locator('.controls-summary').textContent()).toMatch(/\d+ of \d+ met .* under the limited@default pack/);
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    await page.getByText('No approvals yet').waitFor();
    await page.getByRole('heading', { name: 'Compliance posture' }).waitFor();
    await page.locator('.framework-card', { hasText: 'EU AI Act' }).getByText(/obligations met: \d+ of \d+/).waitFor();
    await screenshot(page, 'governance-use-case');
    await expectAccessible(page, 'use case governance');
  }, 60_000);

  it('overrides the tier with a justification, refusing a short one next to its field', async () => {
    await page.getByRole('button', { name: 'Override the tier' }).click();
    await page.getByLabel('New tier').selectOption('high');
    await page.getByLabel('Justification').fill('too risky');
    await page.getByRole('button', { name: 'Override the tier' }).click();
    const error = page.locator('[data-field="justification"]');
    await error.waitFor();
    expect(await page.getByLabel('Justification').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'tier override with an error');

    await page.getByLabel('Justification').fill('Customers may rely on its answers about their cover');
    await page.getByRole('button', { name: 'Override the tier' }).click();
    await page.getByRole('status').filter({ hasText: 'The tier is now high' }).waitFor();
    await page.locator('.notice-title', { hasText: 'Tier overridden from limited to high by Riley Chen' }).waitFor();
    await page.locator('.controls-summary', { hasText: 'high@default' }).waitFor();
  }, 60_000);

  it('marks a control implemented with evidence, showing the API’s refusal of a bad URL next to the field', async () => {
    await page.getByRole('button', { name: 'Mark implemented GOVERN 1.1' }).click();
    const form = page.getByRole('form', { name: 'Mark GOVERN 1.1 implemented' });
    await form.getByLabel('Evidence URL').fill('the wiki');
    await form.getByRole('button', { name: 'Mark GOVERN 1.1 implemented' }).click();
    await form.locator('.field-error').first().waitFor();
    expect(await form.getByLabel('Evidence URL').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Evidence URL').fill('https://wiki.northwind.example/ai/chatbot/legal-register');
    await form.getByLabel('Evidence title').fill('GOVERN 1.1: legal register entry');
    await form.getByRole('button', { name: 'Mark GOVERN 1.1 implemented' }).click();
    await page.getByRole('link', { name: 'GOVERN 1.1: legal register entry' }).waitFor();
    const row = page.getByRole('row', { name: /GOVERN 1\.1/ });
    expect(await row.locator('.badge').first().textContent()).toBe('Met');
    await screenshot(page, 'governance-controls');
    await page.getByLabel('Show only the controls not met').check();
    await expect.poll(() => page.getByRole('row', { name: /GOVERN 1\.1/ }).count()).toBe(0);
    await page.getByRole('row', { name: /GOVERN 1\.2/ }).waitFor();
    await page.getByLabel('Show only the controls not met').uncheck();
  }, 60_000);

  it('opens an approval when a builder asks to move the use case on', async () => {
    await signInAs('ben.builder@northwind.example');
    await openUseCase(CHATBOT);
    await page.getByRole('button', { name: 'Move to assessed' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The move was refused' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('triage → assessed needs the approval of risk_reviewer');
  }, 60_000);

  it('lets the builder ask to waive a control, refusing more days than the pack allows next to the field', async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('heading', { name: 'Exceptions' }).waitFor();
    await page.getByText('No exceptions', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Ask for an exception to GOVERN 1.2' }).click();
    const form = page.getByRole('form', { name: 'Ask for an exception to GOVERN 1.2' });
    await form.getByLabel('Days').fill('200');
    await form.getByLabel('Rationale').fill('The policy register entry is written with legal next month');
    await form.getByRole('button', { name: 'Ask to waive GOVERN 1.2' }).click();
    const error = form.locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('at most 90');
    expect(await form.getByLabel('Days').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'exception request with an error');

    await form.getByLabel('Days').fill('30');
    await form.getByRole('button', { name: 'Ask to waive GOVERN 1.2' }).click();
    await page.getByRole('region', { name: 'Exceptions of this use case' }).getByText('Waiting for a decision').waitFor();
  }, 60_000);

  it('lets the risk reviewer decide it from the Governance inbox', async () => {
    await signInAs('riley.risk@northwind.example');
    const due = page.getByRole('region', { name: 'Approvals due' });
    await due.getByText('1 approval waits for you').waitFor();
    await due.getByText('1 exception waits for a decision').waitFor();
    await due.getByRole('link', { name: 'Open the approvals inbox' }).click();
    await page.getByRole('heading', { name: 'Governance', level: 1 }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toContain('Governance');

    const item = page.getByRole('article', { name: `${CHATBOT}: triage → assessed` });
    await item.waitFor();
    await item.getByText(/Asked by Ben Moreau/).waitFor();
    await page.getByRole('heading', { name: 'Exceptions' }).waitFor();
    const exception = page.getByRole('row', { name: new RegExp(`${CHATBOT}.*GOVERN 1\\.2`) });
    await exception.getByText('Waiting for a decision').waitFor();
    await page.getByRole('heading', { name: 'Compliance posture' }).waitFor();
    await page.getByRole('row', { name: /Claims triage assistant/ }).waitFor();
    await screenshot(page, 'governance-inbox');
    await expectAccessible(page, 'governance inbox');

    await item.getByRole('button', { name: 'Reject' }).click();
    await item.getByText('say why the move is rejected').waitFor();
    expect(await item.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');

    await item.getByRole('button', { name: 'Grant' }).click();
    await page.getByRole('status').filter({ hasText: 'Every role has granted: Ben Moreau can now retry the move.' }).waitFor();
    await page.getByText('Your inbox is clear').waitFor();

    await exception.getByRole('button', { name: 'Decide the exception for GOVERN 1.2' }).click();
    await page.getByRole('button', { name: 'Approve the exception' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved: GOVERN 1.2 is waived for 30 days from now.' }).waitFor();
    await page.getByText('No exception waits for a decision').waitFor();
    await page.getByRole('link', { name: 'In force' }).click();
    await page.getByRole('row', { name: /GOVERN 1\.2/ }).getByText(/In force for (29|30) more days/).waitFor();

  }, 60_000);

  it('shows the granted approval on the use case, and fits a tablet', async () => {
    await openUseCase(CHATBOT);
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Governance' }).click();
    const row = page.getByRole('row', { name: /Triage → assessed/ });
    await row.getByText('Granted', { exact: true }).waitFor();
    await row.getByText(/Riley Chen/).waitFor();

    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('heading', { name: 'Risk screening' }).waitFor();
    const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'governance-use-case-tablet');
    await expectAccessible(page, 'use case governance on a tablet');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Governance' }).click();
    await page.getByRole('heading', { name: 'Compliance posture' }).waitFor();
    expect(await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'governance-inbox-tablet');
  }, 60_000);

  it('starts a draft of a policy pack, refuses a broken rule with its line and column, and shows what the draft changes', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('link', { name: 'Policy packs' }).click();
    await page.getByRole('heading', { name: 'Policy packs', level: 1 }).waitFor();
    await page.getByRole('row', { name: /High risk.*high@default/ }).waitFor();
    await page.getByRole('button', { name: 'Start a draft of the high pack from high@default' }).click();
    await page.getByRole('heading', { name: /^draft pp_/ }).waitFor();
    await page.getByText('No changes from high@default').waitFor();

    const editor = page.getByLabel('The pack, as JSON');
    const pack = JSON.parse(await editor.inputValue());
    pack.exceptions.maxDays = 60;
    pack.runtime.rules.push({ id: 'broken', expression: 'request.model ==', effect: 'deny', message: 'never' });
    await editor.fill(JSON.stringify(pack, null, 2));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const problem = page.locator('[data-field="pack"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/runtime\.rules\[\d+\]\.expression: .*\(line 1, column \d+\)/);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'policy pack draft with a broken rule');

    pack.runtime.rules.pop();
    await editor.fill(JSON.stringify(pack, null, 2));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: the draft passed every check.' }).waitFor();
    const change = page.getByRole('row', { name: /exceptions\.maxDays/ });
    await change.waitFor();
    expect(await change.locator('td').allTextContents()).toEqual(['Changed', '90', '60']);

    await page.getByLabel('Compared against').selectOption('limited@default');
    await page.getByRole('table', { name: /changes from limited@default/ }).waitFor();
    await screenshot(page, 'governance-policy-packs');
    await expectAccessible(page, 'policy packs');

    await page.getByRole('button', { name: 'Publish as the next high version' }).click();
    await page.getByRole('heading', { name: /^high@1/ }).waitFor();
    await page.getByRole('row', { name: /High risk.*high@1/ }).waitFor();
  }, 60_000);
});
