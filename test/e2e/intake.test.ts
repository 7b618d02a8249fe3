import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ANSWERS } from '../../src/seed/answers.js';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';
import { answerQuestion } from './support/intake.js';

const TITLE = 'Claims enquiry assistant';

/** A chatbot that talks to customers: Art. 50 transparency; step 1 answers the data questions. */
const { dataSensitivity: _s, dataCategories: _c, ...ANSWERS } = DEMO_ANSWERS.chatbot;

describe.skipIf(browserMissing)('intake, walked by a business owner', () => {
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

  const currentStep = () => page.locator('.intake-steps [aria-current="step"]').textContent();

  it('walks the wizard, is refused a missing answer at its question, and ends with the tier and what happens next', async () => {
    await signIn(page, charter.url, 'olivia.owner@northwind.example');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intake' }).click();
    await page.getByRole('heading', { name: 'Step 1 of 4: the use case' }).waitFor();
    expect(await currentStep()).toMatch(/Use case/);
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Outcome sentence').fill('Reduce claims enquiry handling time by 30% while preserving handover to a person for every complaint');
    await page.getByLabel('Value stream').selectOption({ label: 'Claims' });
    await page.getByLabel('Data sensitivity').selectOption({ label: 'Internal' });
    await page.getByLabel('Personal').check();
    await page.getByLabel('Target date').fill('2027-06-30');
    await screenshot(page, 'intake-1-use-case');
    await expectAccessible(page, 'intake step 1');
    await page.getByRole('button', { name: 'Next: screening questions' }).click();

    await page.getByRole('heading', { name: 'Step 2 of 4: screening questions' }).waitFor();
    expect(await currentStep()).toMatch(/Screening/);
    await page.getByRole('heading', { name: /Prohibited practices/ }).waitFor();
    const total = Number((await page.locator('.intake-progress label').textContent())!.match(/of (\d+)/)![1]);
    // Every question but the first; the multi-selects already count ("none of these").
    for (const [id, value] of Object.entries(ANSWERS)) {
      if (id === 'S1' || (Array.isArray(value) && !value.length)) continue;
      await answerQuestion(page, id, value);
    }
    expect(await page.locator('.intake-progress label').textContent()).toBe(`${total - 1} of ${total} questions answered`);
    await screenshot(page, 'intake-2-screening');
    await expectAccessible(page, 'intake step 2');
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'intake-2-screening-tablet');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'Next: review' }).click();

    await page.getByRole('heading', { name: 'Step 3 of 4: review and submit' }).waitFor();
    await page.getByText('1 question is not answered: S1').waitFor();
    await screenshot(page, 'intake-3-review');
    await expectAccessible(page, 'intake step 3');
    await page.getByRole('button', { name: 'Submit for screening' }).click();

    // The refusal brings back the step holding the question, the problem shown at it.
    await page.getByRole('heading', { name: 'Step 2 of 4: screening questions' }).waitFor();
    expect(await currentStep()).toMatch(/Screening/);
    const missing = page.locator('[data-field="answers.S1"]');
    await missing.waitFor();
    expect(await missing.textContent()).toMatch(/missing answer/);
    expect(await page.locator('#field-answers-S1').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').getByRole('link', { name: /answers\.S1/ }).waitFor();
    // Back and next keep the answers: the earlier ones are still chosen.
    expect(await page.locator('#field-answers-T1').getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    await screenshot(page, 'intake-2-refused');
    await expectAccessible(page, 'intake step 2 with a refusal');

    await answerQuestion(page, 'S1', true);
    await expect.poll(() => missing.count()).toBe(0);
    await page.getByRole('button', { name: 'Next: review' }).click();
    await page.getByText('Every question is answered.').waitFor();
    await page.getByRole('button', { name: 'Submit for screening' }).click();

    await page.getByRole('heading', { name: 'Step 4 of 4: screening result' }).waitFor();
    expect(await currentStep()).toMatch(/Result/);
    const verdict = page.locator('.intake-verdict');
    expect(await verdict.textContent()).toMatch(new RegExp(`${TITLE} is in Intake and screened Limited risk, governed by the limited@default pack`));
    await page.getByRole('heading', { name: 'What happens next' }).waitFor();
    expect(await page.locator('.intake-next-steps li').count()).toBeGreaterThan(0);
    expect(await page.locator('.obligations li').count()).toBeGreaterThan(0);
    await screenshot(page, 'intake-4-result');
    await expectAccessible(page, 'intake step 4');

    await page.getByRole('link', { name: `Open ${TITLE}` }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/use-cases\/[^/]+$/);
  }, 120_000);
});
