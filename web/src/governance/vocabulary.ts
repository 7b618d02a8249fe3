import type { ApprovalStatus, ControlStatus, Framework, RequestStatus } from './types';

/** Governance's words, as people read them. */
export const FRAMEWORK_LABELS: Record<Framework, string> = { 'nist-ai-rmf': 'NIST AI RMF', 'eu-ai-act': 'EU AI Act', 'iso-42001': 'ISO/IEC 42001' };

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  implemented: 'Implemented',
  not_applicable: 'Not applicable',
};

export const REQUEST_TONES: Record<RequestStatus, 'ok' | 'warn' | 'bad' | 'muted'> = { pending: 'warn', granted: 'ok', rejected: 'bad', withdrawn: 'muted' };

export const APPROVAL_LABELS: Record<ApprovalStatus, string> = {
  open: 'Open',
  granted: 'Granted, waiting for the move',
  rejected: 'Rejected',
  invalidated: 'Void',
  completed: 'Used by the move',
};

export const EU_OUTCOMES: Record<string, string> = {
  out_of_scope: 'Outside the EU AI Act',
  prohibited: 'Prohibited practice (Art. 5)',
  high_risk: 'High-risk system',
  not_high_risk_derogation: 'Annex III area, not high-risk by derogation (Art. 6(3))',
  limited_risk_transparency: 'Transparency duties (Art. 50)',
  minimal_risk: 'Minimal risk: no specific duties',
};

export const euOutcomeWords = (outcome: string): string => EU_OUTCOMES[outcome] ?? outcome.replace(/_/g, ' ');
