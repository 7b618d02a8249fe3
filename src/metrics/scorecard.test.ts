import { describe, expect, it } from 'vitest';
import { groupStatus, outcomeProgress, portfolioRollup, rollupByValueStream, useCaseScorecard, worstStatus, type MetricStatus, type OutcomeInput } from './scorecard.js';

// Claims cycle time: 72 h at go-live on 1 January, 48 h wanted by 1 May (120 days).
const cycleTime: OutcomeInput = {
  baseline: 72, target: 48, current: 60, direction: 'decrease', startAt: '2026-01-01T00:00:00Z', targetDate: '2026-05-01T00:00:00Z',
};
const day = (n: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + n * 86_400_000);

describe('outcome progress', () => {
  it('is on track when the share of the way covered keeps up with the share of time elapsed', () => {
    const p = outcomeProgress(cycleTime, day(60));
    expect(p).toMatchObject({ progress: 0.5, expected: 0.5, achieved: false, status: 'on_track' });
  });

  it('is at risk a little behind the line and off track far behind it', () => {
    expect(outcomeProgress({ ...cycleTime, current: 66 }, day(60)).status).toBe('at_risk'); // 25% of the way at 50% of the time
    expect(outcomeProgress({ ...cycleTime, current: 70 }, day(60)).status).toBe('off_track');
    expect(outcomeProgress({ ...cycleTime, current: 66 }, day(24)).status).toBe('on_track'); // 25% at 20%
  });

  it('counts a value worse than the baseline as negative progress', () => {
    const p = outcomeProgress({ ...cycleTime, current: 78 }, day(6));
    expect(p.progress).toBe(-0.25);
    expect(p.status).toBe('off_track');
  });

  it('is on track once the target is reached, even early, and off track past the date without it', () => {
    expect(outcomeProgress({ ...cycleTime, current: 48 }, day(10))).toMatchObject({ achieved: true, status: 'on_track' });
    expect(outcomeProgress({ ...cycleTime, current: 49 }, day(121))).toMatchObject({ achieved: false, expected: 1, status: 'off_track' });
  });

  it('follows the direction of a metric that should increase', () => {
    const conversion: OutcomeInput = { ...cycleTime, baseline: 0.1, target: 0.2, current: 0.16, direction: 'increase' };
    expect(outcomeProgress(conversion, day(60)).progress).toBeCloseTo(0.6, 10);
    expect(outcomeProgress(conversion, day(60)).status).toBe('on_track');
  });

  it('has no status without a current value', () => {
    expect(outcomeProgress({ ...cycleTime, current: null }, day(60))).toMatchObject({ progress: null, status: 'no_data' });
  });
});

const metric = (key: string, layer: MetricStatus['layer'], state: MetricStatus['state'], adoption = false): MetricStatus => ({ key, layer, state, adoption });

describe('use case scorecards', () => {
  it('gives each facet the worst status among its metrics with data, adoption apart from operational health', () => {
    const card = useCaseScorecard(
      {
        useCaseId: 'uc_claims',
        valueStreamId: 'vs_claims',
        outcome: cycleTime,
        metrics: [
          metric('precision', 'model_quality', 'OK'),
          metric('groundedness', 'model_quality', 'NO_DATA'),
          metric('gateway.latency_p95', 'operational_health', 'WARNING'),
          metric('gateway.error_rate', 'operational_health', 'OK'),
          metric('gateway.active_end_users', 'operational_health', 'ALERT', true),
        ],
      },
      day(60),
    );
    expect(card.status).toEqual({ outcome: 'on_track', modelQuality: 'on_track', operationalHealth: 'at_risk', adoption: 'off_track' });
    expect(card.overall).toBe('off_track');
    expect(card.outcome?.progress).toBe(0.5);
  });

  it('lets a monitored business metric pull the outcome down and reads no data where nothing is measured', () => {
    const card = useCaseScorecard(
      { useCaseId: 'uc_x', valueStreamId: null, outcome: null, metrics: [metric('gateway.cost_per_case', 'business_outcome', 'WARNING')] },
      day(1),
    );
    expect(card.status).toEqual({ outcome: 'at_risk', modelQuality: 'no_data', operationalHealth: 'no_data', adoption: 'no_data' });
    expect(worstStatus([])).toBe('no_data');
  });
});

describe('rollups per value stream and portfolio', () => {
  const card = (useCaseId: string, valueStreamId: string | null, state: MetricStatus['state']) =>
    useCaseScorecard({ useCaseId, valueStreamId, outcome: null, metrics: [metric('m', 'model_quality', state)] }, day(1));

  it('is off track when a third of the use cases with data are, at risk when any is', () => {
    expect(groupStatus({ on_track: 2, at_risk: 0, off_track: 1, no_data: 5 })).toBe('off_track');
    expect(groupStatus({ on_track: 3, at_risk: 0, off_track: 1, no_data: 0 })).toBe('at_risk');
    expect(groupStatus({ on_track: 2, at_risk: 1, off_track: 0, no_data: 0 })).toBe('at_risk');
    expect(groupStatus({ on_track: 3, at_risk: 1, off_track: 0, no_data: 0 })).toBe('on_track');
    expect(groupStatus({ on_track: 0, at_risk: 0, off_track: 0, no_data: 4 })).toBe('no_data');
  });

  it('groups scorecards by value stream and counts the portfolio as a whole', () => {
    const cards = [card('a', 'vs_1', 'OK'), card('b', 'vs_1', 'ALERT'), card('c', 'vs_2', 'OK'), card('d', null, 'NO_DATA')];
    const streams = rollupByValueStream(cards);
    expect(streams.map((s) => [s.groupId, s.useCases, s.status.modelQuality])).toEqual([
      ['vs_1', 2, 'off_track'],
      ['vs_2', 1, 'on_track'],
      [null, 1, 'no_data'],
    ]);
    const portfolio = portfolioRollup(cards);
    expect(portfolio).toMatchObject({ groupId: 'portfolio', useCases: 4, status: { modelQuality: 'off_track', outcome: 'no_data' } });
    expect(portfolio.counts.modelQuality).toEqual({ on_track: 2, at_risk: 0, off_track: 1, no_data: 1 });
  });
});
