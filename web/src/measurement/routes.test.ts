import { describe, expect, it } from 'vitest';
import { readExplorerSearch, readMetricsSearch } from './routes';

describe('measurement addresses', () => {
  it('keeps a metric and a known range, dropping the rest', () => {
    expect(readMetricsSearch({ metric: ' gateway.error_rate ', range: '7d', extra: 1 })).toEqual({ metric: 'gateway.error_rate', range: '7d' });
    expect(readMetricsSearch({ range: '1y' })).toEqual({});
  });

  it('adds the explorer’s value stream, ignoring an empty one', () => {
    expect(readExplorerSearch({ metric: 'gateway.requests_per_day', stream: 'vs_claims', range: '90d' })).toEqual({ metric: 'gateway.requests_per_day', range: '90d', stream: 'vs_claims' });
    expect(readExplorerSearch({ stream: '  ' })).toEqual({});
  });
});
