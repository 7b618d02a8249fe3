/** How many calls, newest first, came in after the one that was newest before: all of them when it scrolled out of the page. */
export function newCalls(items: readonly { id: string }[], previousNewest: string | undefined): number {
  if (previousNewest === undefined) return 0;
  const at = items.findIndex((c) => c.id === previousNewest);
  return at === -1 ? items.length : at;
}
