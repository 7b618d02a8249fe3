import type { Decision } from './types';

/** What each outcome of a call means, in words, with the tone it is shown in. */
export const OUTCOMES: Record<string, { label: string; tone: 'ok' | 'warn' | 'bad' | 'muted' }> = {
  ok: { label: 'Answered', tone: 'ok' },
  held: { label: 'Held for review', tone: 'warn' },
  denied: { label: 'Denied by policy', tone: 'bad' },
  blocked: { label: 'Blocked data', tone: 'bad' },
  rate_limited: { label: 'Over budget', tone: 'warn' },
  upstream_error: { label: 'Model failed', tone: 'bad' },
  error: { label: 'Error', tone: 'bad' },
  aborted: { label: 'Aborted by client', tone: 'muted' },
};

export const outcomeOf = (outcome: string) => OUTCOMES[outcome] ?? { label: outcome, tone: 'muted' as const };

/** The controls a call passes, as the decisions name them. */
const CONTROLS: Record<string, string> = {
  key: 'Key',
  release: 'Release',
  data_classes: 'Data classes',
  rules: 'Policy rules',
  budget: 'Budget',
  evaluation: 'Evaluation',
  retrieval: 'Retrieval sources',
};

export const controlLabel = (control: string): string => CONTROLS[control] ?? control.replace(/_/g, ' ');

export const DECISION_TONES: Record<Decision['outcome'], 'ok' | 'warn' | 'bad' | 'muted'> = {
  allow: 'ok',
  redact: 'warn',
  route: 'warn',
  review: 'warn',
  deny: 'bad',
  block: 'bad',
};
