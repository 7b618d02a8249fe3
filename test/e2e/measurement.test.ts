import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, expectAccessible, launchBrowser, screenshot, signIn } from './support/browser.js';
import { type RunningCharter, startCharter } from './support/charter.js';

const CLAIMS = 'Claims triage assistant';
const INCIDENT = 'Drafts quoted the withdrawn 2025 refund policy';

describe.skipIf(browserMissing)('measurement and incidents, read as a business owner would', () => {
  let charter: RunningCharter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    charter = await startCharter({ gatewayStory: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);
  const signInAs = (email: string) => signIn(page, charter.url, email);

  const useCaseId = async (title: string) => (await charter.charter.kernel.db.selectFrom('use_cases').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  afterAll(async () => {
    await browser?.close();
    await charter?.stop();
  });

  it('shows the home sections for metrics due and open incidents', async () => {
    await signInAs('olivia.owner@northwind.example');
    const metrics = page.getByRole('region', { name: 'Metrics due for review' });
    const incidents = page.getByRole('region', { name: 'Open incidents' });
    // The demo's only incident is reviewed, and its metrics were defined today, so nothing is due yet.
    await incidents.getByText('No incident is open').waitFor();
    await metrics.getByText('No metric is due for review').waitFor();
    await screenshot(page, 'home-measurement');
    await expectAccessible(page, 'home with measurement sections');
  }, 60_000);

  it('shows the portfolio scorecard with the outcome of each use case and the cost per value stream', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurement' }).click();
    await page.getByRole('heading', { name: 'Measurement', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^Portfolio: 12 use cases/ }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(CLAIMS) });
    await row.waitFor();
    const outcome = row.locator('.outcome-steps');
    expect(await outcome.locator('dd').allTextContents()).toEqual(['42 min', '34.6 min', '29.4 min']);
    await row.getByText('of the way to the target').waitFor();
    const costs = page.getByRole('table', { name: /model cost per value stream/ });
    await costs.getByRole('row', { name: /^Claims/ }).waitFor();
    await costs.getByRole('row', { name: /^Portfolio/ }).waitFor();
    await screenshot(page, 'measurement');
    await expectAccessible(page, 'measurement scorecard');
    // On a tablet the facets fold into two columns and the scorecard tables scroll within their regions.
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, 'measurement-tablet');
    await expectAccessible(page, 'measurement scorecard on a tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('explores a gateway metric over the portfolio and one value stream, from the metric explorer', async () => {
    await page.getByRole('link', { name: 'Metric explorer' }).click();
    await page.getByRole('heading', { name: 'Metric explorer', level: 1 }).waitFor();
    const chart = page.getByRole('region', { name: /over time, the portfolio$/ });
    await chart.getByLabel('Metric').selectOption({ label: 'Requests per day' });
    await page.getByRole('heading', { name: 'Requests per day over time, the portfolio' }).waitFor();
    await page.getByText(/^Requests per day: (one reading|\d+ readings)/).waitFor();
    await page.getByText('platform team, reviewed daily').waitFor();
    await page.getByLabel('Range').selectOption({ label: 'Last 90 days' });
    await page.getByLabel('Scope').selectOption({ label: 'Value stream: Claims' });
    await page.getByRole('heading', { name: 'Requests per day over time, Claims' }).waitFor();
    await page.getByText(/^\d+ use cases? in scope, read by the day\.$/).waitFor();
    expect(page.url()).toContain('metric=gateway.requests_per_day');
    await screenshot(page, 'metric-explorer');
    await expectAccessible(page, 'metric explorer');
    await page.getByRole('link', { name: 'Measurement' }).first().click();
    await page.getByRole('heading', { name: 'Measurement', level: 1 }).waitFor();
  }, 60_000);

  it('opens the use case’s metrics tab: three layers with monitors, and the outcome over time', async () => {
    await page.getByRole('row', { name: new RegExp(CLAIMS) }).getByRole('link', { name: CLAIMS }).click();
    await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Use case' }).getByRole('link', { name: 'Metrics' }).getAttribute('aria-current')).toBe('page');
    for (const layer of ['Business outcome', 'Model quality', 'Operational health and adoption']) await page.getByRole('heading', { name: layer, level: 2 }).waitFor();
    const latency = page.getByRole('row', { name: /Latency p95/ });
    await latency.getByText('OK', { exact: true }).waitFor();
    await latency.getByText('platform team').waitFor();
    // The chart shows the outcome first, with its readings in words and as a table.
    const chart = page.locator('#metric-chart');
    await chart.getByText(/claims triage time: 5 readings/).waitFor();
    await chart.getByText('Readings as a table').click();
    await chart.getByRole('cell', { name: '34.6 min' }).waitFor();
    await screenshot(page, 'use-case-metrics');
    await expectAccessible(page, 'use case metrics');

    await chart.getByLabel('Metric').selectOption({ label: 'Latency p95' });
    await chart.getByRole('heading', { name: 'Latency p95 over time' }).waitFor();
    expect(page.url()).toContain('metric=gateway.latency_p95');
  }, 60_000);

  it('lists incidents and opens one with its timeline and post-incident review', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measurement' }).click();
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(INCIDENT) });
    await row.getByText('Reviewed').waitFor();
    await row.getByText('Support reply drafting').waitFor();
    await screenshot(page, 'incidents');
    await expectAccessible(page, 'incidents');

    await row.getByRole('link', { name: INCIDENT }).click();
    await page.getByRole('heading', { name: INCIDENT, level: 1 }).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Moved to mitigated').waitFor();
    await timeline.getByText('Old article removed from the index; drafts checked against the current policy.').waitFor();
    const review = page.getByRole('region', { name: 'Post-incident review' });
    await review.getByText('Policy articles are re-indexed by hand, and the October change was never re-indexed.').waitFor();
    await review.getByText('Add refund-period probes to the regression set.').waitFor();
    // Reviewed is the end: no moves are offered, and nothing contains the use case.
    expect(await page.getByRole('region', { name: 'Move the incident forward' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Containment' }).getByText('The use case runs normally.').waitFor();
    await screenshot(page, 'incident');
    await expectAccessible(page, 'incident');
  }, 60_000);

  it('works a contained incident from open to reviewed, explaining who may lift its containment', async () => {
    // Opened by hand as a person would through the API, then throttled as a monitor's ALERT would under the high-risk pack.
    const opened = await page.request.post(`${charter.url}/api/v1/incidents`, { data: { useCaseId: await useCaseId(CLAIMS), title: 'Triage notes named the wrong policy holder', severity: 'high' } });
    expect(opened.status()).toBe(201);
    const { id, useCaseId: ucId } = (await opened.json()) as { id: string; useCaseId: string };
    const { tenant_id } = await charter.charter.kernel.db.selectFrom('use_cases').select('tenant_id').where('id', '=', ucId).executeTakeFirstOrThrow();
    await charter.charter.measurement.services.containment.contain(tenant_id, id, { kind: 'throttle', fraction: 0.25 });

    // A builder may work incidents, but the high-risk pack lets only risk reviewers and business owners resume.
    await signInAs('ben.builder@northwind.example');
    const home = page.getByRole('region', { name: 'Open incidents' });
    await home.getByRole('link', { name: 'Triage notes named the wrong policy holder' }).click();
    await page.getByRole('heading', { name: 'Triage notes named the wrong policy holder', level: 1 }).waitFor();
    const containment = page.getByRole('region', { name: 'Containment' });
    await containment.getByText('Throttled', { exact: true }).waitFor();
    await containment.getByRole('button', { name: 'Resume the use case' }).click();
    await containment.getByRole('alert').filter({ hasText: 'needs a Risk reviewer or Business owner' }).waitFor();
    expect(await containment.getByRole('alert').textContent()).toContain('your roles are Builder');
    const moves = page.getByRole('region', { name: 'Move the incident forward' });
    await moves.getByLabel('Note for the timeline (optional)').fill('Wrong holder came from a stale CRM extract.');
    await moves.getByRole('button', { name: 'Mark triaged' }).click();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Wrong holder came from a stale CRM extract.').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'incident-contained');
    await expectAccessible(page, 'contained incident');

    // The business owner lifts the throttle, closes the incident and writes the review.
    await signInAs('olivia.owner@northwind.example');
    await page.goto(`${charter.url}/incidents/${id}`);
    await page.getByRole('heading', { name: 'Triage notes named the wrong policy holder', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Containment' }).getByRole('button', { name: 'Resume the use case' }).click();
    await page.getByRole('region', { name: 'Containment' }).getByText('The use case runs normally.').waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Resumed', { exact: true }).waitFor();
    for (const verb of ['Mark mitigated', 'Mark resolved']) await page.getByRole('region', { name: 'Move the incident forward' }).getByRole('button', { name: verb }).click();
    const note = page.getByRole('form', { name: 'Add a note' });
    await note.getByLabel('Note').fill('CRM extract refreshed nightly from now on.');
    await note.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('region', { name: 'Timeline' }).getByText('CRM extract refreshed nightly from now on.').waitFor();

    const form = page.getByRole('form', { name: 'Write the post-incident review' });
    await form.getByRole('button', { name: 'Record the review' }).click();
    await form.locator('[data-field="review-summary"]').waitFor();
    expect(await form.getByLabel('Root cause').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('What happened').fill('Three triage notes named a previous policy holder; handlers caught them.');
    await form.getByLabel('Root cause').fill('The CRM extract the retrieval reads was a week old.');
    await form.getByLabel('Lessons').fill('Extract freshness is part of the release gate.\n');
    await form.getByLabel('Follow-up actions').fill('Nightly extract (owner: Data platform, by 2026-12-15).\nFreshness probe in the regression set.');
    await form.getByRole('button', { name: 'Record the review' }).click();
    const review = page.getByRole('region', { name: 'Post-incident review' });
    await review.getByText('Freshness probe in the regression set.').waitFor();
    await page.locator('.page-context').getByText('Reviewed', { exact: true }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'incident-reviewed');
    await expectAccessible(page, 'incident with its review');
  }, 90_000);
});
