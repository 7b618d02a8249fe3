/** Dates and times as the reader's locale writes them. */
export const formatDate = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
export const formatDateTime = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso: string): string => new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'medium' });

/** US dollars, with enough digits that the cost of one call (often a fraction of a cent) does not read as zero. */
export const formatUsd = (usd: number): string =>
  usd.toLocaleString(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: usd !== 0 && Math.abs(usd) < 0.01 ? 6 : 2 });

/** A duration in milliseconds, as seconds once it passes one. */
export const formatMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 2 })} s` : `${Math.round(ms).toLocaleString()} ms`);

/** A moment as a live view shows it: the time alone when it is today, with the date otherwise. */
export const formatMoment = (iso: string, now = new Date()): string =>
  new Date(iso).toDateString() === now.toDateString() ? formatTime(iso) : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
