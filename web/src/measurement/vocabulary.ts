import type { Facet, IncidentStatus, MetricLayer, MonitorState, ScoreStatus, Severity } from './types';

type Tone = 'ok' | 'warn' | 'bad' | 'muted';
interface Term {
  label: string;
  tone: Tone;
}

export const SCORE_STATUSES: Record<ScoreStatus, Term> = {
  on_track: { label: 'On track', tone: 'ok' },
  at_risk: { label: 'At risk', tone: 'warn' },
  off_track: { label: 'Off track', tone: 'bad' },
  no_data: { label: 'No data', tone: 'muted' },
};

export const MONITOR_STATES: Record<MonitorState, Term> = {
  OK: { label: 'OK', tone: 'ok' },
  WARNING: { label: 'Warning', tone: 'warn' },
  ALERT: { label: 'Alert', tone: 'bad' },
  NO_DATA: { label: 'No data', tone: 'muted' },
};

/** The seed's three layers, in the order a reader takes them: why the use case exists, whether it works, whether it runs. */
export const LAYERS: { layer: MetricLayer; label: string }[] = [
  { layer: 'business_outcome', label: 'Business outcome' },
  { layer: 'model_quality', label: 'Model quality' },
  { layer: 'operational_health', label: 'Operational health and adoption' },
];

export const FACETS: { facet: Facet; label: string }[] = [
  { facet: 'outcome', label: 'Outcome' },
  { facet: 'modelQuality', label: 'Model quality' },
  { facet: 'operationalHealth', label: 'Operational health' },
  { facet: 'adoption', label: 'Adoption' },
];

export const SEVERITY_TERMS: Record<Severity, Term> = {
  critical: { label: 'Critical', tone: 'bad' },
  high: { label: 'High', tone: 'bad' },
  medium: { label: 'Medium', tone: 'warn' },
  low: { label: 'Low', tone: 'muted' },
};

export const INCIDENT_STATUS_TERMS: Record<IncidentStatus, Term & { verb: string }> = {
  open: { label: 'Open', tone: 'bad', verb: 'Reopen' },
  triaged: { label: 'Triaged', tone: 'warn', verb: 'Mark triaged' },
  mitigated: { label: 'Mitigated', tone: 'warn', verb: 'Mark mitigated' },
  resolved: { label: 'Resolved', tone: 'ok', verb: 'Mark resolved' },
  reviewed: { label: 'Reviewed', tone: 'ok', verb: 'Mark reviewed' },
};

export const CONTAINMENT_TERMS: Record<'normal' | 'throttled' | 'suspended', Term> = {
  normal: { label: 'No containment', tone: 'muted' },
  throttled: { label: 'Throttled', tone: 'warn' },
  suspended: { label: 'Suspended', tone: 'bad' },
};

export const CADENCES: Record<string, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', per_release: 'Each release' };

const term = <K extends string>(terms: Record<K, Term>, key: K): Term => terms[key] ?? { label: key, tone: 'muted' };

/** A toned badge's class and words for a state. */
export const scoreTerm = (s: ScoreStatus) => term(SCORE_STATUSES, s);
export const monitorTerm = (s: MonitorState) => term(MONITOR_STATES, s);
