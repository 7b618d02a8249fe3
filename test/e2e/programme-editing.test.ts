import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const REPLIES = 'Support reply drafting';
const CLAIMS = 'Claims triage assistant';
const COACH = 'First-contact resolution coach';

describe.skipIf(browserMissing)('editing change plans, the register and the forum’s record, by clicking and typing', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    charter = await startCharter();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, charter.url, 'cleo.change@northwind.example');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  const useCaseId = async (title: string) => (await charter.charter.kernel.db.selectFrom('use_cases').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
  const apiGet = async <T>(path: string): Promise<T> => (await page.request.get(`${charter.url}${path}`)).json() as Promise<T>;
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const said = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).waitFor();

  it('edits a change plan: a refusal at the audiences, a save, a plan changed meanwhile, and feedback recorded', async () => {
    await nav().getByRole('link', { name: 'Portfolio' }).click();
    await page.getByLabel('Title').fill(REPLIES);
    await page.getByRole('link', { name: REPLIES }).click();
    await page.getByRole('heading', { name: REPLIES, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Change' }).click();
    await page.getByRole('heading', { name: 'Change', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Edit the plan' }).click();
    const editor = page.getByRole('form', { name: 'Edit the change plan' });
    await editor.getByLabel('What changes in the work').waitFor();
    // The heading takes focus so the editor is announced.
    expect(await page.locator(':focus').getAttribute('id')).toBe('plan-form-title');

    // A second audience with the same group: only the API knows groups must differ, and it says so at the list.
    await editor.getByRole('button', { name: 'Add an audience' }).click();
    const second = editor.getByRole('group', { name: 'Audience 2' });
    await page.keyboard.type('Support agents — Tier 1');
    await second.getByLabel('Skill role').selectOption('manager');
    await second.getByLabel('Headcount').fill('2');
    await editor.getByRole('button', { name: 'Save the plan' }).click();
    await editor.locator('[data-field="audiences"]').getByText('each audience group appears once').waitFor();
    await editor.getByRole('link', { name: 'audiences: each audience group appears once' }).waitFor();

    await second.getByLabel(/^Group/).fill('Support team leads');
    await editor.getByRole('button', { name: 'Add a communication' }).click();
    const comm = editor.getByRole('group', { name: 'Communication 2' });
    await comm.getByLabel('Date').fill('2030-01-15');
    await comm.getByLabel('To').selectOption('Support team leads');
    await comm.getByLabel('Channel').fill('leads’ stand-up');
    await comm.getByLabel('Message').fill('How to coach agents on editing drafts.');
    await editor.getByRole('button', { name: 'Save the plan' }).click();
    await said('Saved the change plan.');
    await page.getByRole('region', { name: 'Audiences of the change' }).getByRole('rowheader', { name: 'Support team leads' }).waitFor();
    await page.getByRole('cell', { name: 'leads’ stand-up' }).waitFor();

    // Someone else saves the plan while the editor is open: the save is refused, not lost over theirs.
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    await editor.getByLabel('How feedback is handled').fill('Thumbs up or down on each draft, reviewed weekly.');
    const url = `${charter.url}/api/v1/use-cases/${await useCaseId(REPLIES)}/change-plan`;
    const current = await page.request.get(url);
    const { id: _id, useCaseId: _uc, owner, nextCommunication: _n, createdAt: _c, updatedAt: _u, version: _v, ...rest } = (await current.json()) as Record<string, unknown> & { owner: { id: string } };
    const meanwhile = await page.request.put(url, { data: { ...rest, ownerId: owner.id, workflowChange: 'Changed by someone else meanwhile.' }, headers: { 'if-match': current.headers().etag } });
    expect(meanwhile.status()).toBe(200);
    await editor.getByRole('button', { name: 'Save the plan' }).click();
    await editor.getByRole('alert').filter({ hasText: 'Someone changed this change plan since you opened it' }).waitFor();
    await editor.getByRole('button', { name: 'Start again from the latest plan' }).click();
    await expect.poll(() => editor.getByLabel('What changes in the work').inputValue()).toBe('Changed by someone else meanwhile.');
    expect(await editor.getByRole('alert').count()).toBe(0);
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Changed by someone else meanwhile.').waitFor();

    const feedback = page.getByRole('form', { name: 'Record feedback' });
    await feedback.getByRole('button', { name: 'Record feedback' }).click();
    await feedback.locator('[data-field="feedback-satisfaction"]').getByText('required').waitFor();
    await feedback.getByLabel('From audience').selectOption('Support team leads');
    await feedback.getByLabel('Satisfaction').selectOption('4');
    await feedback.getByLabel('Comment (optional)').fill('Coaching guide helps');
    await feedback.getByRole('button', { name: 'Record feedback' }).click();
    await said('Recorded feedback from Support team leads: 4 of 5.');
    await page.getByRole('region', { name: 'Feedback on the change' }).getByRole('cell', { name: 'Coaching guide helps' }).waitFor();
    await screenshot(page, 'change-plan-edited');
    await expectAccessible(page, 'change tab after editing');
  }, 120_000);

  it('adds a person to the register, refused once at the email, and edits their role', async () => {
    await nav().getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add a person' }).click();
    const add = page.getByRole('form', { name: 'Add a person' });
    await add.getByLabel('Someone who is not a member').check();
    await add.getByLabel('Name').fill('Priya Shah');
    await add.getByLabel('Email (optional)').fill('priya@');
    await add.getByLabel('Skill role').selectOption('end_user');
    await add.getByLabel('Work group (optional)').fill('Support agents — Tier 1');
    await add.getByRole('button', { name: 'Add to the register' }).click();
    await add.locator('[data-field="email"]').waitFor();
    await add.getByLabel('Email (optional)').fill('priya.shah@northwind.example');
    await add.getByRole('button', { name: 'Add to the register' }).click();
    await said('Added Priya Shah to the register as end user.');
    await page.getByRole('link', { name: 'Open Priya Shah' }).click();
    await page.getByRole('heading', { name: 'Priya Shah', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Edit role and placement' }).click();
    const edit = page.getByRole('form', { name: 'Edit Priya Shah' });
    await edit.getByLabel('Skill role').selectOption('manager');
    await edit.getByLabel('Team').selectOption({ label: 'Customer Support' });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await said('Saved the changes to Priya Shah.');
    const facts = page.getByRole('region', { name: 'Who Priya Shah is' });
    await facts.getByRole('definition').filter({ hasText: 'Manager' }).waitFor();
    await facts.getByRole('definition').filter({ hasText: 'Customer Support' }).waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Edit role and placement');
    const [person] = (await apiGet<{ items: { skillRole: string; email: string; workGroup: string }[] }>(`/api/v1/people?q=${encodeURIComponent('Priya Shah')}`)).items;
    expect(person).toMatchObject({ skillRole: 'manager', email: 'priya.shah@northwind.example', workGroup: 'Support agents — Tier 1' });
    await screenshot(page, 'person-edited');
    await expectAccessible(page, 'person after editing');
  }, 90_000);

  it('records a forum decision at a review, refused once for the funding ask it must settle', async () => {
    await nav().getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('region', { name: 'Portfolio review packs' }).getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /^Portfolio review, /, level: 1 }).waitFor();
    const decide = page.getByRole('form', { name: 'Record a decision' });
    await decide.getByLabel('Use case').selectOption({ label: COACH });
    await decide.getByLabel('Decision', { exact: true }).selectOption('fund');
    await decide.getByLabel('Decision as minuted').fill('Fund the Manchester phone teams for two quarters.');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.locator('[data-field="fundingAskId"]').getByText('required').waitFor();
    await decide.getByLabel('Funding ask it settles').selectOption({ index: 1 });
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await said(`Recorded the forum’s decision to fund ${COACH}.`);
    await page.getByRole('region', { name: 'Decisions recorded at this review' }).getByText('Fund the Manchester phone teams for two quarters.').waitFor();
    const asks = await apiGet<{ items: { status: string; useCaseId: string }[] }>(`/api/v1/funding-asks?useCaseId=${await useCaseId(COACH)}`);
    expect(asks.items.map((a) => a.status)).toEqual(['funded']);
    await screenshot(page, 'review-decision');
    await expectAccessible(page, 'review pack with a decision');
  }, 90_000);

  it('records a lesson on a use case’s forum record; the change lead is not offered a funding ask', async () => {
    await page.goto(`${charter.url}/use-cases/${await useCaseId(REPLIES)}/change`);
    await page.getByRole('main').getByRole('link', { name: 'forum record', exact: true }).click();
    await page.getByRole('heading', { name: 'Forum record', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Lessons learned' }).getByText(/the bottleneck was the knowledge base/).waitFor();
    expect(await page.getByRole('form', { name: 'Raise a funding ask' }).count()).toBe(0);

    const lesson = page.getByRole('form', { name: 'Record a lesson learned' });
    await lesson.getByLabel('Lesson').fill('Team leads coached editing once drafts had a visible source.');
    await lesson.getByRole('button', { name: 'Record the lesson' }).click();
    await lesson.locator('[data-field="kind"]').waitFor();
    await lesson.getByLabel('An early win to publish').check();
    await lesson.getByRole('button', { name: 'Record the lesson' }).click();
    await said('Recorded a lesson learned (early win).');
    await page.getByRole('list', { name: 'Lessons learned, newest first' }).getByRole('listitem').first().getByText('Team leads coached editing once drafts had a visible source.').waitFor();
    await expectAccessible(page, 'forum record');
  }, 60_000);

  it('lets a business owner raise a funding ask, which the programme lists with what is open', async () => {
    await signIn(page, charter.url, 'olivia.owner@northwind.example');
    await page.goto(`${charter.url}/use-cases/${await useCaseId(CLAIMS)}/forum`);
    await page.getByRole('heading', { name: 'Forum record', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Forum decisions' }).getByText(/Wave 2 to Manchester/).waitFor();
    const ask = page.getByRole('form', { name: 'Raise a funding ask' });
    await ask.getByLabel('Amount').fill('80 000');
    await ask.getByLabel('Currency').fill('eu');
    await ask.getByLabel('Purpose').fill('Wave 2: floor walkers and training for Manchester.');
    await ask.getByRole('button', { name: 'Raise the ask' }).click();
    await ask.locator('[data-field="ask-currency"]').waitFor();
    await ask.getByLabel('Currency').fill('EUR');
    await ask.getByRole('button', { name: 'Raise the ask' }).click();
    await said(/^Asked the forum for /);
    await page.getByRole('region', { name: 'Funding asks, oldest first' }).getByRole('cell', { name: 'Wave 2: floor walkers and training for Manchester.' }).waitFor();
    // A business owner records no forum decisions: the review pack offers no form.
    await screenshot(page, 'use-case-forum');
    await expectAccessible(page, 'forum record with a funding ask');

    await nav().getByRole('link', { name: 'Programme' }).click();
    await page.getByRole('navigation', { name: 'Programme' }).getByRole('link', { name: 'Funding and lessons' }).click();
    await page.getByRole('heading', { name: 'Funding and lessons', level: 1 }).waitFor();
    const open = await apiGet<{ items: { amount: number; currency: string }[] }>('/api/v1/funding-asks?status=open');
    expect(open.items.map((a) => a.amount)).toEqual([80_000]);
    await page.getByRole('region', { name: 'Funding asks', exact: true }).getByText(/^Open: .*80,000.* in 1 ask\.$/).waitFor();
    await page.getByRole('region', { name: 'Funding asks, oldest first' }).getByRole('link', { name: CLAIMS }).first().waitFor();
    await page.getByLabel('Status').selectOption('funded');
    await page.getByRole('region', { name: 'Funding asks, oldest first' }).getByRole('link', { name: COACH }).waitFor();
    expect(await page.getByRole('region', { name: 'Funding asks, oldest first' }).getByRole('row').count()).toBe(3);
    await screenshot(page, 'funding-and-lessons');
    await expectAccessible(page, 'funding and lessons');
  }, 90_000);

  it('fits a tablet: the plan editor and the forum screens reflow without a serious accessibility violation', async () => {
    await signIn(page, charter.url, 'cleo.change@northwind.example');
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${charter.url}/use-cases/${await useCaseId(CLAIMS)}/change`);
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    await page.getByRole('form', { name: 'Edit the change plan' }).getByRole('group', { name: 'Audience 2' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
    await screenshot(page, 'change-plan-editor-tablet');
    await expectAccessible(page, 'change plan editor on a tablet');
    for (const [path, heading] of [['/programme/forum', 'Funding and lessons'], [`/use-cases/${await useCaseId(CLAIMS)}/forum`, 'Forum record'], ['/people', 'People']] as const) {
      await page.goto(`${charter.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expect.poll(() => page.locator('.state-loading').count()).toBe(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(820);
      await expectAccessible(page, `${heading} on a tablet`);
    }
  }, 90_000);
});
