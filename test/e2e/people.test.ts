import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const CLAIMS = 'Claims triage assistant';

interface CoverageRow {
  name: string;
  people: number;
  covered: number;
  coverage: number | null;
  refresherDue: number;
  expired: number;
}

describe.skipIf(browserMissing)('people and programme, walked by the change lead', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    charter = await startCharter({ gatewayStory: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, charter.url, 'cleo.change@northwind.example');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  /** What the API says, read with the same session the screen uses. */
  const apiGet = async <T>(path: string): Promise<T> => (await page.request.get(`${charter.url}${path}`)).json() as Promise<T>;
  const nav = () => page.getByRole('navigation', { name: 'Main' });

  it('shows skilling coverage with the register’s own figures, by group, and pages through the register', async () => {
    const coverage = await apiGet<{ overall: CoverageRow; byWorkGroup: CoverageRow[] }>('/api/v1/skilling/coverage');
    expect(coverage.overall.people).toBe(31);

    await nav().getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    const overall = page.getByRole('definition').filter({ hasText: `${coverage.overall.covered} of 31` });
    await overall.waitFor();
    await page.getByRole('definition').filter({ hasText: `${Math.round(coverage.overall.coverage! * 100)}%` }).first().waitFor();

    await page.getByRole('button', { name: 'work group' }).click();
    const leeds = coverage.byWorkGroup.find((g) => g.name === 'Claims handlers — Leeds')!;
    const row = page.getByRole('region', { name: 'Skilling coverage' }).getByRole('row', { name: /Claims handlers — Leeds/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([String(leeds.people), String(leeds.covered), `${Math.round(leeds.coverage! * 100)}%`, String(leeds.refresherDue), String(leeds.expired)]);

    // The sign-off queue lists what the API holds as submitted.
    const waiting = await apiGet<{ items: { personName: string }[] }>('/api/v1/lab-attempts?status=submitted');
    const queue = page.getByRole('region', { name: 'Labs awaiting sign-off' });
    for (const a of waiting.items) await queue.getByRole('link', { name: a.personName }).waitFor();
    expect(await queue.getByRole('listitem').count()).toBe(waiting.items.length);

    const register = page.getByRole('region', { name: 'Register', exact: true });
    const rows = register.locator('tbody tr');
    await register.getByText('Showing 25 people; more to show.').waitFor();
    await register.getByRole('button', { name: 'Show more people' }).click();
    await register.getByText('Showing 31 people.').waitFor();
    expect(await rows.count()).toBe(31);
    await screenshot(page, 'people');
    await expectAccessible(page, 'people');

    // A coverage row narrows the register to its people.
    await row.getByRole('link', { name: 'Claims handlers — Leeds' }).click();
    await register.getByText(`Showing ${leeds.people} people.`).waitFor();
    await register.getByText('Only people of work group Claims handlers — Leeds.').waitFor();
  }, 90_000);

  it('opens a person: their paths item by item, a refused and then a recorded completion, and a lab signed off', async () => {
    await page.goto(`${charter.url}/people?q=Avery`);
    await page.getByRole('region', { name: 'People of the register' }).getByRole('link', { name: 'Avery Admin' }).click();
    await page.getByRole('heading', { name: 'Avery Admin', level: 1 }).waitFor();
    const literacy = page.getByRole('article', { name: 'AI literacy' });
    await literacy.getByRole('list', { name: 'Items of AI literacy' }).waitFor();

    // The API refuses a completion dated in the future, and says so at the field.
    const form = page.getByRole('form', { name: 'Record a completed module' });
    await form.getByLabel('Module').selectOption({ label: 'Approving AI use cases (valid 365 days)' });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    await form.getByLabel('Completed on (optional)').fill(tomorrow.toISOString().slice(0, 10));
    await form.getByRole('button', { name: 'Record completion' }).click();
    await form.locator('[data-field="completedAt"]').getByText('must not be after now').waitFor();
    await form.getByLabel('Completed on (optional)').fill('');
    await form.getByLabel('Evidence (optional)').fill('assessment 18/20');
    await form.getByRole('button', { name: 'Record completion' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded Approving AI use cases for Avery Admin.' }).waitFor();
    await page.getByRole('row', { name: /Approving AI use cases.*assessment 18\/20/ }).waitFor();

    // Avery submitted this lab himself, so the change lead may sign it off; a note is required first.
    const review = page.getByRole('form', { name: 'Review Evaluate the risks by Avery Admin' });
    await review.getByRole('button', { name: 'Sign off' }).click();
    await review.locator('.field-error').waitFor();
    await review.getByLabel('What you checked, or what is missing').fill('Probes and results checked against the code review assistant.');
    await review.getByRole('button', { name: 'Sign off' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed off Evaluate the risks for Avery Admin; it now counts as completed.' }).waitFor();
    expect(await page.getByRole('form', { name: /^Review / }).count()).toBe(0);
    await screenshot(page, 'person');
    await expectAccessible(page, 'person');
  }, 90_000);

  it('shows the Claims triage assistant’s change plan and adoption by audience', async () => {
    await nav().getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill(CLAIMS);
    await page.getByRole('link', { name: CLAIMS }).click();
    await page.getByRole('heading', { name: CLAIMS, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Change' }).click();
    await page.getByRole('heading', { name: 'Change', level: 1 }).waitFor();
    await page.getByText(/The assistant reads each first notice of loss/).waitFor();

    const adoption = await apiGet<{ audiences: { group: string; headcount: number; activeUsers: number | null; trainedPeople: number; diagnosis: { low: boolean; cause: string | null } }[] }>(
      `${new URL(page.url()).pathname.replace('/use-cases/', '/api/v1/use-cases/').replace(/\/change$/, '/adoption')}`,
    );
    const handlers = adoption.audiences.find((a) => a.group === 'Claims handlers — Leeds')!;
    const row = page.getByRole('region', { name: 'Adoption figures by audience' }).getByRole('row', { name: /Claims handlers — Leeds/ });
    await row.getByText(`${handlers.activeUsers} of ${handlers.headcount}`).waitFor();
    await row.getByText(`${handlers.trainedPeople} of ${handlers.headcount} covered`).waitFor();
    if (handlers.diagnosis.low) await row.getByText(/^Low/).waitFor();
    await page.getByRole('row', { name: /Claims team leads/ }).getByText('Not attributable').waitFor();
    await page.getByRole('heading', { name: 'Communications' }).waitFor();
    await page.getByRole('cell', { name: 'claims town hall' }).waitFor();
    await page.getByRole('region', { name: 'Feedback on the change' }).first().getByText('pulse survey').first().waitFor();
    await screenshot(page, 'use-case-change');
    await expectAccessible(page, 'use case change');

    await page.getByLabel('Window').selectOption({ label: 'Last 90 days' });
    await page.waitForURL(/days=90/);
  }, 90_000);

  it('shows the 90-day plan, lets the owner report a milestone, the maturity, and a review pack with its documents', async () => {
    await nav().getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('heading', { name: 'Programme', level: 1 }).waitFor();
    const plan = await apiGet<{ day: number; met: number; total: number }>('/api/v1/programme/plan');
    await page.getByText(`day ${plan.day} of 90, ${plan.met} of ${plan.total} milestones met`).waitFor();
    for (const n of [1, 2, 3]) await page.getByRole('heading', { name: new RegExp(`^Phase ${n}:`) }).waitFor();

    const officeHours = page.getByRole('row', { name: /Hold office hours/ });
    await officeHours.getByText('Report', { exact: true }).click();
    await officeHours.getByLabel('Status').selectOption('met');
    await officeHours.getByLabel('Note').fill('Tuesdays 14:00 for claims and support; eight sessions held.');
    await officeHours.getByRole('button', { name: 'Save report' }).click();
    await page.getByRole('status').filter({ hasText: 'Reported “Hold office hours” as met.' }).waitFor();
    await officeHours.getByText('Note: Tuesdays 14:00 for claims and support; eight sessions held.').waitFor();
    await page.getByText(`${plan.met + 1} of ${plan.total} milestones met`).waitFor();

    await page.getByText(/Level reached: Managed portfolio/).waitFor();
    await page.getByRole('heading', { name: 'Gaps, lowest level first' }).waitFor();
    await screenshot(page, 'programme');
    await expectAccessible(page, 'programme');

    const packs = page.getByRole('region', { name: 'Portfolio review packs' });
    await packs.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /^Portfolio review, / , level: 1 }).waitFor();
    const skilling = page.getByRole('region', { name: '7. Skilling coverage' });
    const reviewId = new URL(page.url()).pathname.split('/').pop();
    const review = await apiGet<{ pack: { sections: { key: string; summary: string; figures: Record<string, number> }[] } }>(`/api/v1/portfolio-reviews/${reviewId}`);
    const pack = review.pack.sections.find((x) => x.key === 'skilling')!;
    expect(pack.figures.people).toBe(31);
    await skilling.getByText(pack.summary).waitFor();
    expect(await skilling.locator('.figure').filter({ hasText: 'people' }).first().locator('dd').textContent()).toBe('31');
    await page.getByRole('region', { name: 'Decisions recorded at this review' }).getByText(/Wave 2 to Manchester/).waitFor();
    const documents = page.getByRole('navigation', { name: 'The pack as a document' });
    for (const [name, type] of [['HTML', 'text/html'], ['Markdown', 'text/markdown'], ['PDF', 'application/pdf']] as const) {
      const href = await documents.getByRole('link', { name: new RegExp(`^${name}`) }).getAttribute('href');
      const res = await page.request.get(`${charter.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }
    await screenshot(page, 'review-pack');
    await expectAccessible(page, 'review pack');
  }, 120_000);

  it('shows the asset library with its reuse rate, and lets a programme manager accept a proposed asset', async () => {
    const reuse = await apiGet<{ liveUseCases: number; liveUseCasesReusing: number }>('/api/v1/programme/reuse');
    await nav().getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('navigation', { name: 'Programme' }).getByRole('link', { name: 'Asset library' }).click();
    await page.getByRole('heading', { name: 'Asset library', level: 1 }).waitFor();
    await page.getByRole('definition').filter({ hasText: `${reuse.liveUseCasesReusing} of ${reuse.liveUseCases}` }).waitFor();
    await page.getByLabel('Status').selectOption('proposed');
    const proposed = page.getByRole('region', { name: 'Assets of the library' }).getByRole('link');
    await expect.poll(() => proposed.count()).toBe(1);
    const name = (await proposed.textContent())!;
    await proposed.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    const decision = page.getByRole('form', { name: 'Accept or retire' });
    await decision.getByRole('button', { name: 'Accept as an approved pattern' }).click();
    await decision.locator('[data-field="note"]').waitFor();
    await decision.getByLabel('Why').fill('Controllers in two entities run it; it meets the journal policy.');
    await decision.getByRole('button', { name: 'Accept as an approved pattern' }).click();
    await page.getByRole('status').filter({ hasText: `Accepted ${name} into the library as an approved pattern.` }).waitFor();
    await page.locator('.page-header .badge.tone-ok').filter({ hasText: 'Accepted' }).waitFor();
    await screenshot(page, 'asset');
    await expectAccessible(page, 'asset');
  }, 90_000);

  it('fits a tablet: each screen reflows without a serious accessibility violation', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    for (const [path, heading, name] of [['/people', 'People', 'people-tablet'], ['/programme', 'Programme', 'programme-tablet']] as const) {
      await page.goto(`${charter.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expect.poll(() => page.locator('.state-loading').count()).toBe(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
      await screenshot(page, name);
      await expectAccessible(page, `${heading} on a tablet`);
    }
  }, 60_000);
});
