import type { Stage } from '../portfolio/schema.js';

/** What Charter holds about one use case, as the programme's rules read it. */
export interface UseCaseFact {
  id: string;
  title: string;
  stage: Stage;
  /** An outcome statement with metric, baseline, target and a target date. */
  measurable: boolean;
  /** High business visibility: priority impact 4 or 5. */
  visible: boolean;
  hasOwner: boolean;
  orphaned: boolean;
  dataSourcesStated: boolean;
  /** Screened for risk, so a policy pack governs it. */
  screened: boolean;
  changePlan: boolean;
  /** The change plan names an audience the gateway can attribute calls to. */
  adoptionMeasurable: boolean;
  feedbackLast30d: number;
  gatewayKeys: number;
  signedOffLabs: number;
  reusesAsset: boolean;
  /** null when measurement is not wired. */
  scorecardHasData: boolean | null;
  /** null when evaluations are not wired. */
  gateDecided: boolean | null;
}

/** Everything the 90-day plan's rules and the maturity assessment read, gathered at one moment. */
export interface ProgrammeFacts {
  at: string;
  useCases: UseCaseFact[];
  modelEndpoints: number;
  coverage: { overall: number | null; byRole: { role: string; people: number; coverage: number | null }[] };
  lessonsLast90d: { wins: number; failures: number };
  decisionsLast90d: number;
  latestReviewAt: string | null;
  cadenceMonths: number;
  wired: { scorecards: boolean; gateDecisions: boolean };
}

const OPEN_EXCLUDED: readonly Stage[] = ['retired', 'rejected'];
const FOCUS_EXCLUDED: readonly Stage[] = ['intake', 'retired', 'rejected', 'suspended'];
const LIVE: readonly Stage[] = ['approved', 'build', 'pilot', 'production'];

/** Use cases not retired or rejected. */
export const openUseCases = (f: ProgrammeFacts) => f.useCases.filter((u) => !OPEN_EXCLUDED.includes(u.stage));
/** Past intake and still going: the candidates for the programme's three to five. */
export const focusUseCases = (f: ProgrammeFacts) => f.useCases.filter((u) => !FOCUS_EXCLUDED.includes(u.stage) && u.measurable && u.visible);
export const liveUseCases = (f: ProgrammeFacts) => f.useCases.filter((u) => LIVE.includes(u.stage));
/** In the hands of users: pilot and production. */
export const usedUseCases = (f: ProgrammeFacts) => f.useCases.filter((u) => u.stage === 'pilot' || u.stage === 'production');

export const share = <T>(xs: readonly T[], ok: (x: T) => boolean): number => (xs.length ? xs.filter(ok).length / xs.length : 0);
