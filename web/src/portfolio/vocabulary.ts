/** The lifecycle's stages in board order, and the words the portfolio uses, as the API defines them. */
export const STAGES = ['intake', 'triage', 'assessed', 'approved', 'build', 'pilot', 'production', 'suspended', 'retired', 'rejected'] as const;
export type Stage = (typeof STAGES)[number];

export const TIERS = ['prohibited', 'critical', 'high', 'limited', 'minimal'] as const;
export type Tier = (typeof TIERS)[number];

export const SENSITIVITIES = ['public', 'internal', 'confidential', 'restricted'] as const;
export const DATA_CATEGORIES = ['personal', 'health', 'payment', 'credentials'] as const;

export const PRIORITY_FACTORS = [
  { key: 'impact', label: 'Impact', hint: 'size of the business effect' },
  { key: 'strategicFit', label: 'Strategic fit', hint: 'how closely it serves the strategy' },
  { key: 'reach', label: 'Reach', hint: 'how many people or cases it touches' },
  { key: 'dataReadiness', label: 'Data readiness', hint: 'how ready the data is' },
  { key: 'complexity', label: 'Complexity', hint: '5 is hardest' },
  { key: 'risk', label: 'Risk', hint: '5 is riskiest' },
] as const;
export type PriorityFactor = (typeof PRIORITY_FACTORS)[number]['key'];

export const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
export const factorLabel = (key: string): string => PRIORITY_FACTORS.find((f) => f.key === key)?.label ?? key;
