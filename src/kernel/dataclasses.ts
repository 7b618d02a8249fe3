import { z } from 'zod';

/**
 * The one data-class vocabulary of the product: a sensitivity level and categories. Use cases declare what they
 * handle, endpoints declare what they may receive, detectors report what a request carries, packs say what to do.
 */
export const SENSITIVITY_LEVELS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Sensitivity = (typeof SENSITIVITY_LEVELS)[number];
export const Sensitivity = z.enum(SENSITIVITY_LEVELS);

export const DATA_CATEGORIES = ['personal', 'health', 'payment', 'credentials'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const DataCategory = z.enum(DATA_CATEGORIES);

export const DataClasses = z.strictObject({
  sensitivity: Sensitivity,
  categories: z.array(DataCategory).max(DATA_CATEGORIES.length).default([]),
});
export type DataClasses = z.infer<typeof DataClasses>;

export const sensitivityRank = (s: Sensitivity): number => SENSITIVITY_LEVELS.indexOf(s);

/** True when data of class `data` may go where `allowed` is permitted. */
export function permits(allowed: DataClasses, data: DataClasses): boolean {
  return sensitivityRank(data.sensitivity) <= sensitivityRank(allowed.sensitivity) && data.categories.every((c) => allowed.categories.includes(c));
}
