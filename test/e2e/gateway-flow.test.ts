import { generateKeyPairSync } from 'node:crypto';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tier } from '../../src/portfolio/schema.js';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const PASSWORD = 'charter-demo';
const FINANCE = 'Reconciliation exception explainer';
const CLAIMS = 'Claims triage assistant';

describe.skipIf(browserMissing)('the gateway, from the model catalogue to a reviewed answer, walked as people would', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;
  const useCaseIds: Record<string, string> = {};
  /** Gateway keys as the test read them off the screen, shown once. */
  const keys: Record<string, string> = {};
  const heldReviews: string[] = [];

  beforeAll(async () => {
    charter = await startCharter();
    const { services: s, kernel: k } = charter.charter;
    for (const title of [FINANCE, CLAIMS]) useCaseIds[title] = (await k.db.selectFrom('use_cases').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
    // Until the governance screening API lands, risk tiers are set through the service layer, as test/support/gateway.ts does.
    const { actor: reviewer } = await s.auth.signIn('riley.risk@northwind.example', PASSWORD);
    const tiers: [string, Tier][] = [[FINANCE, 'limited'], [CLAIMS, 'high']];
    for (const [title, tier] of tiers) await k.db.transaction().execute((tx) => s.portfolio.setGovernance(tx, reviewer, useCaseIds[title], tier, `${tier}@default`));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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

  const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${charter.url}/v1`, maxRetries: 0 });

  it('lets a platform admin add a model endpoint, showing the field the API refuses, and change its status', async () => {
    await signInAs('admin@northwind.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Platform' }).click();
    await page.getByRole('heading', { name: 'Model catalogue', level: 1 }).waitFor();
    await page.getByText('The catalogue is empty').waitFor();

    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    const form = page.getByRole('form', { name: 'Add a model endpoint' });
    await form.getByLabel('Name', { exact: true }).fill('sim-eu');
    await form.getByLabel('Provider').selectOption({ label: 'OpenAI-compatible' });
    await form.getByLabel('Upstream model').fill('charter-sim');
    await form.getByLabel('Region').fill('eu-west');
    for (const tier of ['High', 'Limited']) await form.getByRole('checkbox', { name: tier }).check();
    await form.getByLabel('Most sensitive data it may receive').selectOption({ label: 'Restricted' });
    for (const category of ['Personal', 'Health', 'Payment']) await form.getByRole('checkbox', { name: category }).check();
    await form.getByLabel('Input, USD per 1,000 tokens').fill('0.5');
    await form.getByLabel('Output, USD per 1,000 tokens').fill('1.5');
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    // Only the API knows a real provider needs its base URL; it says so at the field, and the summary links to it.
    const baseUrlError = form.locator('[data-field="baseUrl"]');
    await baseUrlError.waitFor();
    expect(await baseUrlError.textContent()).toBe('required unless provider is simulated');
    expect(await form.getByLabel('Base URL').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator(':focus').getAttribute('class')).toContain('error-summary');
    await screenshot(page, 'catalogue-refused');
    await expectAccessible(page, 'model catalogue with a refused endpoint');

    await form.getByLabel('Provider').selectOption({ label: 'Simulated (Charter’s test model)' });
    expect(await form.locator('[data-field="baseUrl"]').count()).toBe(0);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('status').filter({ hasText: 'Added sim-eu to the catalogue.' }).waitFor();
    const row = page.getByRole('row', { name: /sim-eu/ });
    await row.locator('.badge.endpoint-approved').waitFor();

    // A status change carries the version it read (If-Match).
    await row.getByLabel('New status of sim-eu').selectOption('deprecated');
    await row.getByRole('button', { name: 'Apply: set sim-eu deprecated' }).click();
    await row.locator('.badge.endpoint-deprecated').waitFor();
    await row.getByLabel('New status of sim-eu').selectOption('approved');
    await row.getByRole('button', { name: 'Apply: set sim-eu approved' }).click();
    await row.locator('.badge.endpoint-approved').waitFor();
    await screenshot(page, 'catalogue');
    await expectAccessible(page, 'model catalogue');
  }, 90_000);

  it('lets a platform admin set who signs end-user tokens, checking the key set as it is typed', async () => {
    await page.getByRole('navigation', { name: 'Platform' }).getByRole('link', { name: 'Gateway settings' }).click();
    await page.getByRole('heading', { name: 'Gateway settings', level: 1 }).waitFor();
    const jwks = page.getByLabel('Public keys (JWKS)');
    await jwks.fill('{"keys": [');
    await page.locator('[data-field="endUserJwks"]').getByText(/^not valid JSON/).waitFor();
    const publicKey = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'claims-portal-2026', use: 'sig', alg: 'ES256' };
    await jwks.fill(JSON.stringify({ keys: [{ ...publicKey, d: 'private' }] }));
    await page.getByText('key 1 holds private key material ("d"); paste the public keys only').waitFor();
    await jwks.fill(JSON.stringify({ keys: [publicKey] }, null, 2));
    await page.getByText('1 public key: claims-portal-2026').waitFor();
    expect(await page.locator('[data-field="endUserJwks"]').count()).toBe(0);
    await page.getByLabel('Issuer').fill('https://login.northwind.example');
    await page.getByLabel('Audience').fill('charter-gateway');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const secret = page.getByRole('textbox', { name: 'Webhook signing secret' });
    expect(await secret.getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Reveal the secret' }).click();
    expect(await secret.getAttribute('type')).toBe('text');
    expect((await secret.inputValue()).length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Hide the secret' }).click();
    await screenshot(page, 'gateway-settings');
    await expectAccessible(page, 'gateway settings');
  }, 60_000);

  it('lets a builder create releases, run a canary, promote it and roll back in one action', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('ben.builder@northwind.example');
    await openUseCase(FINANCE);
    const releases = page.getByRole('region', { name: 'Releases' });
    const pilot = releases.getByRole('region', { name: 'Pilot' });
    await pilot.getByText('Nothing: calls with a pilot key are refused').waitFor();

    async function createRelease(name: string) {
      await releases.getByRole('button', { name: 'New release' }).click();
      const form = releases.getByRole('form', { name: 'New release' });
      await form.getByLabel('Release name').fill(name);
      await form.getByLabel('Model endpoint').selectOption({ label: 'sim-eu (eu-west)' });
      await form.getByRole('button', { name: 'Create release' }).click();
      await releases.getByRole('status').filter({ hasText: `Created ${name}.` }).waitFor();
    }

    await createRelease('v1 sim-eu');
    await pilot.getByRole('button', { name: 'Activate in pilot' }).click();
    await pilot.getByRole('status').filter({ hasText: 'v1 sim-eu is active in pilot.' }).waitFor();

    await createRelease('v2 sim-eu, lower temperature');
    await pilot.getByLabel('Canary release').selectOption({ label: 'v2 sim-eu, lower temperature' });
    await pilot.getByLabel('Share of traffic (0 to 100 %)').fill('120');
    await pilot.getByRole('button', { name: 'Start the canary' }).click();
    await pilot.locator('[data-field="pilot-canary-weight"]').getByText('at most 100').waitFor();
    await pilot.getByLabel('Share of traffic (0 to 100 %)').fill('20');
    await pilot.getByRole('button', { name: 'Start the canary' }).click();
    await pilot.getByRole('status').filter({ hasText: 'v2 sim-eu, lower temperature takes 20% of pilot traffic.' }).waitFor();
    await pilot.getByText('20% of traffic').waitFor();
    await screenshot(page, 'use-case-releases-canary');
    await expectAccessible(page, 'use case with a canary');

    await pilot.getByLabel('Release', { exact: true }).selectOption({ label: 'v2 sim-eu, lower temperature' });
    await pilot.getByLabel('Reason (optional, kept in the ledger)').fill('canary held its error rate for a day');
    await pilot.getByRole('button', { name: 'Activate in pilot' }).click();
    await pilot.getByRole('status').filter({ hasText: 'v2 sim-eu, lower temperature is active in pilot.' }).waitFor();
    const active = () => pilot.locator('dt:text-is("Active") + dd strong').textContent();
    expect(await active()).toBe('v2 sim-eu, lower temperature');
    expect(await pilot.locator('dt:text-is("Rollback target") + dd strong').textContent()).toBe('v1 sim-eu');

    await pilot.getByRole('button', { name: 'Roll back to v1 sim-eu' }).click();
    await pilot.locator('[data-field="pilot-rollback-reason"]').getByText('required').waitFor();
    await pilot.getByLabel('Why roll back (kept in the ledger)').fill('answers got vaguer on multi-currency exceptions');
    await pilot.getByRole('button', { name: 'Roll back to v1 sim-eu' }).click();
    await pilot.getByRole('status').filter({ hasText: 'Rolled back: v1 sim-eu is active in pilot again.' }).waitFor();
    expect(await active()).toBe('v1 sim-eu');
    await screenshot(page, 'use-case-releases');
    await expectAccessible(page, 'use case with releases');
  }, 90_000);

  it('issues a gateway key shown once, rotates it with a grace period and revokes the old one', async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Gateway keys' }).click();
    await page.getByRole('heading', { name: 'Gateway keys', level: 1 }).waitFor();
    await page.getByText('No keys yet').waitFor();
    await page.getByLabel('Key name').fill('reconciliation workbench');
    await page.getByRole('button', { name: 'Issue key' }).click();

    const issued = page.getByRole('region', { name: /Key reconciliation workbench issued/ });
    await issued.getByText('You will not see this key again.').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('issued-title');
    const first = await issued.getByRole('textbox', { name: 'New gateway key' }).inputValue();
    expect(first).toMatch(/^chr_gw_pilot_/);
    await issued.getByRole('button', { name: 'Copy the new gateway key' }).click();
    await issued.getByRole('status').filter({ hasText: /Copied|select the text/ }).waitFor();
    await screenshot(page, 'gateway-key-issued');
    await expectAccessible(page, 'gateway key issued');
    await issued.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByRole('textbox', { name: 'New gateway key' }).count()).toBe(0);
    expect(await page.content()).not.toContain(first);

    await page.getByRole('button', { name: 'Rotate reconciliation workbench' }).click();
    await page.getByLabel('Old key works for (hours)').fill('2');
    await page.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = page.getByRole('region', { name: /New key for reconciliation workbench/ });
    keys[FINANCE] = await rotated.getByRole('textbox', { name: 'New gateway key' }).inputValue();
    expect(keys[FINANCE]).not.toBe(first);
    await page.getByText(/^Rotated: works until/).waitFor();
    await rotated.getByRole('button', { name: 'I have stored it' }).click();

    // The old key still works in its grace period; revoking it ends that at once.
    const old = client(first);
    await expect(old.models.list()).resolves.toBeDefined();
    const rows = page.getByRole('row', { name: /reconciliation workbench/ });
    await expect.poll(() => rows.count()).toBe(2);
    const oldRow = rows.filter({ hasText: 'Rotated' });
    await oldRow.getByRole('button', { name: 'Revoke reconciliation workbench' }).click();
    await oldRow.getByRole('button', { name: 'Revoke reconciliation workbench for good' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked reconciliation workbench' }).waitFor();
    await rows.getByText(/^Revoked /).waitFor();
    await expect.poll(async () => (await old.models.list().then(() => 200, (e: { status?: number }) => e.status))).toBe(401);
    await screenshot(page, 'gateway-keys');
    await expectAccessible(page, 'gateway keys');
  }, 60_000);

  it('shows a call made with the openai client in live traffic within seconds, with its decisions and its proof', async () => {
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Live traffic' }).click();
    await page.getByRole('heading', { name: 'Live traffic', level: 1 }).waitFor();
    await page.getByText('No calls yet').waitFor();

    const answer = await client(keys[FINANCE]).chat.completions.create({
      model: 'sim-eu',
      messages: [{ role: 'user', content: 'Explain the open reconciliation exception on the EUR clearing account.' }],
    });
    expect(answer.choices[0].message.content).toBeTruthy();

    const row = page.getByRole('row').filter({ hasText: 'Answered' });
    await row.waitFor({ timeout: 10_000 });
    await row.getByText('v1 sim-eu').waitFor();
    await row.getByText('Ledgered').waitFor();
    expect(await row.getByText('Not named').count()).toBe(1);
    await row.getByText(/^\d+ in · \d+ out$/).waitFor();
    await screenshot(page, 'live-traffic');
    await expectAccessible(page, 'live traffic');

    // The builder sees the call's decisions; its proof is for those who audit.
    await row.getByRole('link', { name: /^Call at .*: open its details$/ }).click();
    const detail = page.getByRole('complementary', { name: 'Call details' });
    await detail.getByText(answer.id).waitFor();
    await detail.getByText('The proof of a call\'s record is open to risk reviewers').waitFor();
  }, 60_000);

  it('holds an answer drawn from health data of a high-tier use case until a reviewer edits or approves it by keyboard', async () => {
    // The owner declares what the claims assistant really handles: health data is restricted.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('olivia.owner@northwind.example');
    await openUseCase(CLAIMS);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Data sensitivity').selectOption({ label: 'Restricted' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: CLAIMS, level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('ben.builder@northwind.example');
    await openUseCase(CLAIMS);
    const releases = page.getByRole('region', { name: 'Releases' });
    await releases.getByRole('button', { name: 'New release' }).click();
    const form = releases.getByRole('form', { name: 'New release' });
    await form.getByLabel('Release name').fill('triage v1');
    await form.getByLabel('Model endpoint').selectOption({ label: 'sim-eu (eu-west)' });
    await form.getByLabel('Temperature').fill('0.2');
    await form.getByRole('button', { name: 'Create release' }).click();
    const pilot = releases.getByRole('region', { name: 'Pilot' });
    await pilot.getByRole('button', { name: 'Activate in pilot' }).click();
    await pilot.getByRole('status').filter({ hasText: 'triage v1 is active in pilot.' }).waitFor();
    await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Gateway keys' }).click();
    await page.getByLabel('Key name').fill('claims desk');
    await page.getByRole('button', { name: 'Issue key' }).click();
    keys[CLAIMS] = await page.getByRole('textbox', { name: 'New gateway key' }).inputValue();

    const ask = (content: string) => client(keys[CLAIMS]).chat.completions.create({ model: 'sim-eu', messages: [{ role: 'user', content }] });
    for (const content of ['The claimant has diabetes and takes metformin; summarise the claim.', 'Patient reports asthma after the fire; draft the triage note.']) {
      const held = (await ask(content).catch((e: unknown) => e)) as { status: number; code: string; error: { review_id: string } };
      expect(held).toMatchObject({ status: 403, code: 'review_required' });
      heldReviews.push(held.error.review_id);
    }

    // The limited-tier finance call above is sampled for review one time in a hundred; approve such a sample so the queue holds only the held answers.
    const { actor: riley } = await charter.charter.services.auth.signIn('riley.risk@northwind.example', PASSWORD);
    const sampled = await charter.charter.gateway.reviews.list(riley, { status: 'pending', useCaseId: useCaseIds[FINANCE], limit: 50 });
    for (const item of sampled.items) await charter.charter.gateway.reviews.decide(riley, item.id, { action: 'approve' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs('riley.risk@northwind.example');
    const waiting = page.getByRole('region', { name: 'Reviews waiting' });
    await waiting.getByText(/^2 answers wait for review/).waitFor();
    await waiting.getByRole('link', { name: CLAIMS }).waitFor();
    await screenshot(page, 'home-reviews');
    await expectAccessible(page, 'home with reviews waiting');
    await waiting.getByRole('link', { name: 'Open the review queue' }).click();

    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    const detail = page.getByRole('article');
    await detail.getByText('The claimant has [HEALTH_1] and takes [HEALTH_2]; summarise the claim.').waitFor();
    await detail.getByText('Outputs drawn from health data wait for a person.').waitFor();
    await detail.getByText('Health', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).getAttribute('aria-keyshortcuts')).toBe('a');
    await screenshot(page, 'review-queue');
    await expectAccessible(page, 'review queue');

    // j and k move through the queue; e edits, Ctrl+Enter releases the edit.
    await page.keyboard.press('j');
    await detail.getByText('Patient reports [HEALTH_1] after the fire; draft the triage note.').waitFor();
    await page.keyboard.press('k');
    await detail.getByText('The claimant has [HEALTH_1] and takes [HEALTH_2]; summarise the claim.').waitFor();
    await page.keyboard.press('e');
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('field-answer');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Claim summary checked by a nurse reviewer: chronic condition, no change to severity.');
    await screenshot(page, 'review-edit');
    await expectAccessible(page, 'review queue while editing');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'Edited. Next: review 1 of 1.' }).waitFor();
    await detail.getByText('Patient reports [HEALTH_1] after the fire; draft the triage note.').waitFor();

    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Approved. The queue is empty.' }).waitFor();
    await page.getByText('Nothing waits for review').waitFor();

    // The application fetches the released answers: the edited text, and the approved one as the model wrote it.
    const fetchHeld = async (id: string) => {
      const res = await fetch(`${charter.url}/v1/charter/reviews/${id}`, { headers: { authorization: `Bearer ${keys[CLAIMS]}` } });
      return { status: res.status, body: (await res.json()) as { choices: { message: { content: string } }[] } };
    };
    const edited = await fetchHeld(heldReviews[0]);
    expect(edited.status).toBe(200);
    expect(edited.body.choices[0].message.content).toBe('Claim summary checked by a nurse reviewer: chronic condition, no change to severity.');
    expect((await fetchHeld(heldReviews[1])).status).toBe(200);

    await page.getByRole('navigation', { name: 'Review status' }).getByRole('link', { name: 'Edited' }).click();
    await page.getByRole('heading', { name: /^Edited by Riley Chen/ }).waitFor();
    await page.getByText('Claim summary checked by a nurse reviewer: chronic condition, no change to severity.').waitFor();
  }, 120_000);

  it('proves a held call to a risk reviewer from live traffic', async () => {
    await page.getByRole('article').getByRole('link', { name: /^chatcmpl-/ }).click();
    await page.getByRole('heading', { name: 'Live traffic', level: 1 }).waitFor();
    const detail = page.getByRole('complementary', { name: 'Call details' });
    await detail.getByText('Held for review').waitFor();
    await detail.getByText('Record intact: it still hashes to what was anchored').waitFor();
    await detail.getByText(/In batch gb_/).waitFor();
    await detail.getByText("Anchored: the batch's ledger entry names this root").waitFor();
    await screenshot(page, 'call-proof');
    await expectAccessible(page, 'live traffic with a call proof');
  }, 60_000);

  it("shows a risk reviewer what each environment runs and every release move in the use case's ledger trail", async () => {
    await openUseCase(FINANCE);
    const pilot = page.getByRole('region', { name: 'Releases' }).getByRole('region', { name: 'Pilot' });
    expect(await pilot.locator('dt:text-is("Active") + dd strong').textContent()).toBe('v1 sim-eu');
    expect(await pilot.getByRole('button').count()).toBe(0);
    const trail = page.locator('.trail');
    await trail.getByText('rolled pilot back to the previous release (answers got vaguer on multi-currency exceptions)').waitFor();
    await trail.getByText('activated a release in pilot (canary held its error rate for a day)').waitFor();
    await trail.getByText('sent 20% of pilot traffic to a canary release').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, 'use-case-release-history');
    await expectAccessible(page, 'use case with its release history');
  }, 60_000);

  it('fits the new screens on a tablet', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    const screens = [
      ['/reviews?status=edited', 'review-queue-tablet'],
      [`/use-cases/${useCaseIds[CLAIMS]}/traffic`, 'live-traffic-tablet'],
      [`/use-cases/${useCaseIds[FINANCE]}/keys`, 'gateway-keys-tablet'],
      [`/use-cases/${useCaseIds[FINANCE]}`, 'use-case-releases-tablet'],
      ['/platform/models', 'catalogue-tablet'],
    ];
    for (const [path, name] of screens) {
      await page.goto(`${charter.url}${path}`);
      await page.locator('main h1').waitFor();
      // Several panels may be loading at once; wait until none is.
      await expect.poll(() => page.getByText(/Loading/).count()).toBe(0);
      const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
      await screenshot(page, name);
      await expectAccessible(page, name);
    }
  }, 60_000);
});
