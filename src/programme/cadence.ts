import { z } from 'zod';

/** When the portfolio forum meets: on a day of the month, every one, three, six or twelve months. */
export const Cadence = z.strictObject({
  everyMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]).describe('1 monthly (the default), 3 quarterly, 6, 12'),
  dayOfMonth: z.number().int().min(1).max(28).describe('the day the pack is generated, 00:00 UTC'),
});
export type Cadence = z.infer<typeof Cadence>;
export const DEFAULT_CADENCE: Cadence = { everyMonths: 1, dayOfMonth: 1 };

const at = (monthIndex: number, day: number) => new Date(Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, day));

/**
 * The latest review date at or before `now`. Review dates fall on `dayOfMonth` at 00:00 UTC in the months whose
 * index (year × 12 + month, January 0) is a multiple of `everyMonths`: monthly every month, quarterly in January,
 * April, July and October.
 */
export function latestDue(c: Cadence, now: Date): Date {
  let month = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (at(month, c.dayOfMonth) > now) month--;
  while (month % c.everyMonths !== 0) month--;
  return at(month, c.dayOfMonth);
}

/** The review date a cadence step before or after `due`. */
export function stepDue(c: Cadence, due: Date, steps: number): Date {
  return at(due.getUTCFullYear() * 12 + due.getUTCMonth() + steps * c.everyMonths, c.dayOfMonth);
}
