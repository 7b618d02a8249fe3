import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../reviews/types';
import { byUseCase } from './reviewGroups';

const item = (id: string, useCaseId: string, dataClasses: string[]) => ({ id, useCaseId, dataClasses }) as ReviewItem;

describe('reviews waiting, by use case', () => {
  it('keeps the oldest first and gathers the data classes found', () => {
    expect(byUseCase([item('rv_1', 'uc_a', ['health']), item('rv_2', 'uc_b', []), item('rv_3', 'uc_a', ['personal', 'health'])])).toEqual([
      { useCaseId: 'uc_a', items: [item('rv_1', 'uc_a', ['health']), item('rv_3', 'uc_a', ['personal', 'health'])], dataClasses: ['health', 'personal'] },
      { useCaseId: 'uc_b', items: [item('rv_2', 'uc_b', [])], dataClasses: [] },
    ]);
  });
});
