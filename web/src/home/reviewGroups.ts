import type { ReviewItem } from '../reviews/types';

/** The pending reviews of each use case, oldest first, with the data classes they were held for. */
export function byUseCase(items: readonly ReviewItem[]): { useCaseId: string; items: ReviewItem[]; dataClasses: string[] }[] {
  const groups = new Map<string, ReviewItem[]>();
  for (const i of items) groups.set(i.useCaseId, [...(groups.get(i.useCaseId) ?? []), i]);
  return [...groups].map(([useCaseId, list]) => ({ useCaseId, items: list, dataClasses: [...new Set(list.flatMap((i) => i.dataClasses))] }));
}
