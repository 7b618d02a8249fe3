import type { Actor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import type { MeasurementServices } from '../metrics/index.js';
import { outcomeUnit } from '../metrics/tracked.js';
import type { PortfolioService } from '../portfolio/service.js';

const HOUR_MS = 3_600_000;
const WEEK_MS = 168 * HOUR_MS;

/** Weekly readings of each live use case's outcome metric over the last four weeks (the late-data window is 35 days), oldest first. */
const OUTCOME_READINGS: Record<string, number[]> = {
  'Claims triage assistant': [38, 37.2, 36, 35.1, 34.6],
  'Support reply drafting': [10.9, 10.8, 10.6, 10.6, 10.5],
  'Code review assistant': [17.5, 16, 15.5, 15, 14],
  'Reconciliation exception explainer': [7.5, 7, 7, 6.5, 6.5],
};

/**
 * The measurement story of the demo tenant: a month of weekly outcome readings pushed by the business owners through
 * the ingestion API (claims triage on its way from 42 to 29.4 minutes), an
 * incident on the support assistant worked through to its post-incident review, and the claims owner's monthly
 * review of her outcome metric. Gateway metrics need no seeding: the traffic seedGateway sends is rolled up.
 */
export async function seedMeasurement(k: Kernel, s: { portfolio: PortfolioService; measurement: MeasurementServices }, ownerOf: (useCaseId: string) => Actor, builder: Actor, ids: Map<string, string>): Promise<void> {
  const now = k.clock.now().getTime();
  for (const [title, readings] of Object.entries(OUTCOME_READINGS)) {
    const useCaseId = ids.get(title);
    if (!useCaseId) continue;
    const owner = ownerOf(useCaseId);
    const uc = await s.portfolio.get(owner, useCaseId);
    if (!uc.outcome) continue;
    const unit = outcomeUnit(uc.outcome.unit);
    const observations = readings.map((value, i) => {
      const at = new Date(now - (readings.length - 1 - i) * WEEK_MS - HOUR_MS).toISOString();
      return { metric: `outcome.${useCaseId}`, useCaseId, at, value, unit, idempotencyKey: `demo-outcome-${useCaseId}-${i}` };
    });
    const report = await s.measurement.ingest.ingest(owner, observations);
    if (report.rejected.length) throw new Error(`demo outcome readings of ${title} were refused: ${JSON.stringify(report.rejected)}`);
  }

  const drafting = ids.get('Support reply drafting');
  if (drafting) {
    const owner = ownerOf(drafting);
    const { incidents } = s.measurement;
    const incident = await incidents.open(owner, {
      useCaseId: drafting, title: 'Drafts quoted the withdrawn 2025 refund policy', severity: 'medium', ownerId: builder.id, metricKeys: [`outcome.${drafting}`],
    });
    await incidents.note(owner, incident.id, 'Three agents flagged drafts promising refunds within 5 days; the policy says 10 since October.');
    await incidents.move(builder, incident.id, 'triaged', 'The knowledge article in the retrieval index is the old version.');
    await incidents.move(builder, incident.id, 'mitigated', 'Old article removed from the index; drafts checked against the current policy.');
    await incidents.move(owner, incident.id, 'resolved', 'No wrong refund promise in two days of sampled drafts.');
    await incidents.review(owner, incident.id, {
      summary: 'Drafts cited a refund period the policy no longer allows; agents caught them before sending.',
      rootCause: 'Policy articles are re-indexed by hand, and the October change was never re-indexed.',
      lessons: ['Agents editing every draft is the control that worked.', 'The retrieval index needs an owner.'],
      followUps: ['Re-index knowledge articles on publication (owner: AI Platform).', 'Add refund-period probes to the regression set.'],
    });
  }

  const claims = ids.get('Claims triage assistant');
  if (claims) await s.measurement.reviews.acknowledge(ownerOf(claims), `outcome.${claims}`, '34.6 min, down from 42: more than half the way to 29.4. Wave 2 decision in March.');
}
