import type { Tone } from '../people/skilling';
import type { MaturityLevel, Milestone, MilestoneStatus } from './types';

export const MILESTONE_STATUS: Record<MilestoneStatus, { label: string; tone: Tone }> = {
  met: { label: 'Met', tone: 'ok' },
  in_progress: { label: 'In progress', tone: 'warn' },
  not_started: { label: 'Not started', tone: 'muted' },
};

export const LEVELS: { key: MaturityLevel; label: string }[] = [
  { key: 'pilots_only', label: 'Pilots only' },
  { key: 'managed_portfolio', label: 'Managed portfolio' },
  { key: 'operating_model', label: 'Operating model' },
];
export const levelLabel = (level: MaturityLevel | string): string => LEVELS.find((l) => l.key === level)?.label ?? level;

/** The phase a programme day falls in (days 1–30, 31–60, 61–90), or null before it starts and after day 90. */
export const phaseOfDay = (day: number): number | null => (day < 1 || day > 90 ? null : Math.ceil(day / 30));

/** How a milestone's status reads: the status, and for the unfinished ones that are late, that they are overdue. */
export function milestoneBadge(m: Milestone): { label: string; tone: Tone } {
  if (m.overdue) return { label: `${MILESTONE_STATUS[m.status].label}, overdue`, tone: 'bad' };
  return MILESTONE_STATUS[m.status];
}

/** Milestones a person may report by hand: those no rule of Charter's data decides. */
export const reportable = (m: Milestone): boolean => m.decidedBy === 'owner';

/** A pack figure's key in words: `reusesInPeriod` → "reuses in period". */
export const figureLabel = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Pack figures that are shares (coverage, rates) read as per cents; counts as they are. */
export function figureValue(key: string, value: number | null): string {
  if (value === null) return '—';
  if (/coverage|rate$/i.test(key)) return `${Math.round(value * 100)}%`;
  return value.toLocaleString();
}

export const ASSET_KIND_LABEL: Record<string, string> = {
  prompt_template: 'Prompt template',
  evaluation_dataset: 'Evaluation dataset',
  policy_pack: 'Policy pack',
  integration_pattern: 'Integration pattern',
  training_kit: 'Training kit',
  approval_workflow: 'Approval workflow',
};
export const assetKindLabel = (kind: string): string => ASSET_KIND_LABEL[kind] ?? kind.replace(/_/g, ' ');

export const ASSET_STATUS: Record<string, { label: string; tone: Tone }> = {
  proposed: { label: 'Proposed', tone: 'warn' },
  accepted: { label: 'Accepted', tone: 'ok' },
  retired: { label: 'Retired', tone: 'muted' },
};
