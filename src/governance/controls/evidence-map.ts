/**
 * The published mapping from ledger events to the controls they evidence. Charter links a use case's ledger entries
 * (those whose subject is the use case, or whose `after.useCaseId` names it) to its controls by this table, so the
 * evidence of approvals, screenings, human reviews, incidents and rollbacks is produced by the work, not typed.
 * `action` is exact or a prefix ending in `*`; `when` narrows to entries whose `after` fields take one of the values.
 */
export interface EvidenceRule {
  action: string;
  when?: Record<string, string[]>;
  controls: string[];
  why: string;
}

export const EVIDENCE_MAP: readonly EvidenceRule[] = [
  { action: 'usecase.create', controls: ['GOVERN 1.6'], why: 'the system is recorded in the AI inventory' },
  { action: 'risk.screen', controls: ['GOVERN 1.3', 'MAP 1.1', 'MAP 5.1', 'Art. 9'], why: 'intended purpose, context and the likelihood and magnitude of impacts are assessed and documented; the tier sets the level of risk management' },
  { action: 'risk.override', controls: ['GOVERN 1.3', 'Art. 9'], why: 'a risk reviewer revisits the level of risk management, with a justification' },
  { action: 'approval.grant', controls: ['GOVERN 1.4', 'GOVERN 2.1', 'A.3.2'], why: 'decisions follow the documented procedure, taken by the accountable roles' },
  { action: 'usecase.transition', when: { stage: ['approved', 'production'] }, controls: ['MANAGE 1.1'], why: 'a go/no-go determination is made before development and before deployment proceed' },
  { action: 'usecase.transition', when: { stage: ['suspended'] }, controls: ['MANAGE 2.4', 'Art. 26(5)'], why: 'the system is disengaged when it shows outcomes inconsistent with its intended use' },
  { action: 'usecase.transition', when: { stage: ['retired'] }, controls: ['GOVERN 1.7'], why: 'the system is decommissioned through a defined process' },
  { action: 'release.rollback', controls: ['MANAGE 2.4'], why: 'a release is superseded by the previous one in one step' },
  { action: 'review.*', controls: ['MAP 3.5', 'Art. 14', 'Art. 26(2)'], why: 'people oversee outputs and can override them' },
  { action: 'incident.*', controls: ['MEASURE 3.1', 'MANAGE 4.3', 'Art. 26(5)', 'Art. 73'], why: 'incidents are tracked, acted on and communicated' },
];

const matches = (rule: EvidenceRule, action: string, after: Record<string, unknown> | null): boolean => {
  const actionMatches = rule.action.endsWith('*') ? action.startsWith(rule.action.slice(0, -1)) : action === rule.action;
  return actionMatches && Object.entries(rule.when ?? {}).every(([field, values]) => values.includes(String(after?.[field])));
};

/** The controls one ledger entry evidences. */
export function controlsEvidencedBy(action: string, after: Record<string, unknown> | null): string[] {
  return [...new Set(EVIDENCE_MAP.filter((r) => matches(r, action, after)).flatMap((r) => r.controls))];
}

/** The actions worth reading from the ledger: exact names, and prefixes of the wildcard rules. */
export const mappedActions = {
  exact: [...new Set(EVIDENCE_MAP.filter((r) => !r.action.endsWith('*')).map((r) => r.action))],
  prefixes: EVIDENCE_MAP.filter((r) => r.action.endsWith('*')).map((r) => r.action.slice(0, -1)),
};
