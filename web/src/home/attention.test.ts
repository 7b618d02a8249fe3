import { describe, expect, it } from 'vitest';
import type { UseCase } from '../portfolio/types';
import { attentionReasons } from './attention';

const useCase = (patch: Partial<UseCase>) => ({ stage: 'build', suspendedFrom: null, orphanReasons: [], outcome: null, targetDate: null, ...patch }) as UseCase;

describe('what needs a use case owner', () => {
  it('nothing when the use case is on track', () => {
    expect(attentionReasons(useCase({ targetDate: '2027-01-31' }), '2026-11-27')).toEqual([]);
  });

  it('an orphaned experiment, with its reasons', () => {
    expect(attentionReasons(useCase({ orphanReasons: ['no outcome metric', 'no activity in 45 days'] }), '2026-11-27')).toEqual(['no outcome metric', 'no activity in 45 days']);
  });

  it('a suspension, naming the stage it left', () => {
    expect(attentionReasons(useCase({ stage: 'suspended', suspendedFrom: 'pilot' }), '2026-11-27')).toEqual(['suspended from pilot']);
  });

  it('a target date passed before production, but not once it is live or closed', () => {
    expect(attentionReasons(useCase({ stage: 'pilot', targetDate: '2026-10-31' }), '2026-11-27')).toEqual(['target date 2026-10-31 passed while in pilot']);
    expect(attentionReasons(useCase({ stage: 'production', targetDate: '2026-10-31' }), '2026-11-27')).toEqual([]);
    expect(attentionReasons(useCase({ stage: 'rejected', targetDate: '2026-10-31' }), '2026-11-27')).toEqual([]);
  });
});
