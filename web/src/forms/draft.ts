/** A number as typed; text that is not one is passed on as text so the API's rules name it. */
export const numberOr = (text: string): number | string | undefined => {
  const t = text.trim();
  if (!t) return undefined;
  return Number.isFinite(Number(t)) ? Number(t) : t;
};
