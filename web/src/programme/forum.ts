import type { Tone } from '../people/skilling';
import type { DecisionKind, FundingAsk, FundingStatus, LessonKind } from './types';

/** The decisions that settle a named open funding ask (src/programme/forum-service.ts). */
const SETTLES_FUNDING: readonly DecisionKind[] = ['fund', 'decline_funding'];
export const settlesFunding = (kind: string): boolean => (SETTLES_FUNDING as readonly string[]).includes(kind);

export const DECISION_LABEL: Record<DecisionKind, string> = {
  continue: 'Continue',
  scale: 'Scale',
  redesign: 'Redesign',
  pause: 'Pause',
  stop: 'Stop',
  fund: 'Fund',
  decline_funding: 'Decline funding',
};

export const FUNDING_STATUS: Record<FundingStatus, { label: string; tone: Tone }> = {
  open: { label: 'Open', tone: 'warn' },
  funded: { label: 'Funded', tone: 'ok' },
  declined: { label: 'Declined', tone: 'bad' },
};

export const LESSON_KIND: Record<LessonKind, { label: string; tone: Tone }> = {
  win: { label: 'Early win', tone: 'ok' },
  failure: { label: 'Did not work', tone: 'bad' },
};

/** An amount in its currency, as the reader writes money; a code the browser does not know is written after the number. */
export function money(amount: number, currency: string): string {
  try {
    return amount.toLocaleString(undefined, { style: 'currency', currency, maximumFractionDigits: 2 });
  } catch {
    return `${amount.toLocaleString()} ${currency}`;
  }
}

/** What is asked of the forum and not yet settled, per currency (amounts in different currencies are never added). */
export function openTotals(asks: readonly FundingAsk[]): { currency: string; amount: number; asks: number }[] {
  const totals = new Map<string, { amount: number; asks: number }>();
  for (const a of asks) {
    if (a.status !== 'open') continue;
    const t = totals.get(a.currency) ?? { amount: 0, asks: 0 };
    totals.set(a.currency, { amount: t.amount + a.amount, asks: t.asks + 1 });
  }
  return [...totals].map(([currency, t]) => ({ currency, ...t })).sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The open asks of one use case a fund or decline-funding decision can settle. */
export const settleableAsks = (asks: readonly FundingAsk[], useCaseId: string): FundingAsk[] => asks.filter((a) => a.status === 'open' && a.useCaseId === useCaseId);

/**
 * An amount as typed (`45 000`, `45,000.50`) as the number the API takes. Commas are read as thousands separators only
 * where they group digits by three; anything else that is not a number is passed on as text so the API's rules name it.
 */
export function amountOf(typed: string): number | string | undefined {
  const spaced = typed.replace(/[\s\u00a0\u202f]/g, '');
  if (!spaced) return undefined;
  const t = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(spaced) ? spaced.replace(/,/g, '') : spaced;
  return t && Number.isFinite(Number(t)) ? Number(t) : typed.trim();
}
