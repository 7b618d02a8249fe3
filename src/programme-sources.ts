import type { EvalServices } from './evals/index.js';
import type { GovernanceServices } from './governance/index.js';
import type { MeasurementServices } from './metrics/index.js';
import type { IncidentLine, ProgrammeSources, ScorecardLine } from './programme/sources.js';

const PAGE = 200;

/**
 * What the portfolio forum's pack and the 90-day programme read from measurement, incidents, evaluations and governance, in the
 * shapes src/programme/sources.ts asks for. Lives beside the composition root: the adapters know both sides.
 */
export function programmeSources(m: MeasurementServices, g: Pick<GovernanceServices, 'exceptions'>, e: EvalServices): ProgrammeSources {
  return {
    async scorecards(actor, useCases, from, to): Promise<ScorecardLine[]> {
      const cards = await m.scorecards.cards(actor, useCases, from.getTime(), to.getTime());
      return cards.map((c) => ({
        useCaseId: c.useCaseId, outcome: c.status.outcome, modelQuality: c.status.modelQuality, operationalHealth: c.status.operationalHealth, adoption: c.status.adoption,
        outcomeProgress: c.outcome?.progress ?? null,
      }));
    },
    async incidents(actor, from, to): Promise<IncidentLine[]> {
      // Opened before the end of the period, and opened in it or not resolved before it began.
      const lines: IncidentLine[] = [];
      let cursor: string | undefined;
      do {
        const page = await m.incidents.list(actor, { to: to.toISOString(), limit: PAGE, cursor });
        for (const i of page.items) {
          if (i.openedAt < from.toISOString() && i.resolvedAt !== null && i.resolvedAt < from.toISOString()) continue;
          lines.push({ id: i.id, useCaseId: i.useCaseId, title: i.title, severity: i.severity, status: i.status, openedAt: i.openedAt, resolvedAt: i.resolvedAt });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return lines;
    },
    async gateDecisions(actor, from, to) {
      return (await e.gates.decidedBetween(actor, from, to)).map((d) => ({
        id: d.id, useCaseId: d.useCaseId, releaseId: d.releaseId, passed: d.passed, decidedAt: d.createdAt,
        failures: d.criteria.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.reason}`),
      }));
    },
    async exceptionsExpiring(actor, until) {
      return (await g.exceptions.expiringBefore(actor, until)).map((e) => ({ id: e.id, useCaseId: e.useCaseId, control: e.control, expiresAt: e.expiresAt }));
    },
  };
}
