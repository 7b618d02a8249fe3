/** JSON columns are text in both dialects; these keep the conversions in one place. */
export const toJson = (value: unknown): string => JSON.stringify(value ?? null);
export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}
export const bool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const int = (b: boolean): number => (b ? 1 : 0);
