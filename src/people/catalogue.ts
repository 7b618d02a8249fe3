import type { LabTask, SkillRole } from './schema.js';

export interface CatalogueItem {
  slug: string;
  kind: 'module' | 'lab';
  title: string;
  summary: string;
  task?: LabTask;
  minutes: number;
  validityDays: number | null;
}

export interface CataloguePath {
  slug: string;
  title: string;
  description: string;
  requiredFor: SkillRole[];
  items: string[];
}

const moduleItem = (slug: string, title: string, summary: string, minutes: number, validityDays: number | null = null): CatalogueItem =>
  ({ slug, kind: 'module', title, summary, minutes, validityDays });
const labItem = (slug: string, task: LabTask, title: string, summary: string, minutes: number): CatalogueItem =>
  ({ slug, kind: 'lab', task, title, summary, minutes, validityDays: null });

/**
 * The modules and applied labs Charter ships. Literacy modules expire after a year (AI literacy under EU AI Act
 * Art. 4 is kept current, not earned once); labs record practice on a real use case and do not expire.
 */
export const DEFAULT_ITEMS: CatalogueItem[] = [
  moduleItem('how-ai-works', 'What generative AI does and does not do', 'How models produce answers, why they can be fluent and wrong, and what that means for checking them.', 45, 365),
  moduleItem('safe-daily-use', 'Safe daily use', 'Which data may be sent to which assistant (data classes), what never to paste, how to check and correct an answer.', 40, 365),
  moduleItem('escalate-and-report', 'When to escalate and how to report', 'Human oversight points, overriding an answer, reporting an incident or a harmful output.', 30, 365),
  moduleItem('ai-investment-cases', 'Evaluating AI investments', 'Outcome statements, baselines and targets; reading a priority score; when to stop funding a pilot.', 60),
  moduleItem('reading-outcome-metrics', 'Reading outcome metrics and scorecards', 'Business, model-quality and operational layers; on track, at risk and off track; what a breach means.', 45),
  moduleItem('risk-tiers-for-leaders', 'Risk tiers and governance for leaders', 'EU AI Act tiers, approvals and exceptions, and what an executive signs when they sponsor a use case.', 45, 730),
  moduleItem('workflow-redesign', 'Redesigning work around AI', 'Mapping who does what before and after, hand-offs, decision rights, and where people stay in the loop.', 90),
  moduleItem('coaching-adoption', 'Setting expectations and coaching adoption', 'Communicating the change specifically, handling feedback, reading adoption by role and acting on it.', 60),
  moduleItem('gateway-deployment', 'Deploying through the gateway', 'Releases, keys per environment, data-class rules and budgets; why nothing calls a model directly.', 60),
  moduleItem('evaluation-and-gates', 'Evaluation and release gates', 'Datasets, metrics, baselines and the gate that decides production; red-teaming the OWASP LLM risks.', 120, 730),
  moduleItem('observability', 'Observability of AI systems', 'Tracing calls, monitors and drift; which signals mean roll back.', 60),
  moduleItem('ai-security', 'Security of AI systems', 'Prompt injection, sensitive-information disclosure, excessive agency and their controls.', 90, 365),
  moduleItem('failure-handling', 'Failure handling', 'Rollback rules, fallbacks, incident triage and post-incident review.', 60),
  moduleItem('assistant-in-your-workflow', 'The assistant in your workflow', 'What changes in your daily work, what stays yours to decide, and how to give feedback.', 30),
  moduleItem('approval-duties', 'Approving AI use cases', 'What an approver checks at each gate, separation of duties, evidence to ask for, and exceptions.', 60, 365),
  moduleItem('eu-ai-act-obligations', 'EU AI Act obligations for deployers', 'Art. 4, 9, 14, 26 and 27 in practice: literacy, risk management, oversight, logs and impact assessment.', 90, 365),
  moduleItem('fundamental-rights-impact', 'Fundamental rights impact assessment', 'Who is affected, which rights are at stake, mitigations and the Art. 27 assessment record.', 120, 730),
  labItem('lab-map-the-process', 'map_the_process', 'Map the process', 'Draw the current workflow of a real use case, step by step, with who does what and how long it takes.', 120),
  labItem('lab-find-the-bottleneck', 'find_the_bottleneck', 'Find the bottleneck', 'On the mapped process, locate where time or quality is lost and state the outcome metric it moves.', 90),
  labItem('lab-build-a-prototype', 'build_a_prototype', 'Build a prototype', 'With the platform team, build a prototype of the use case on recorded or synthetic cases, and record what it does and where it fails.', 240),
  labItem('lab-evaluate-the-risks', 'evaluate_the_risks', 'Evaluate the risks', 'Screen the use case, run an evaluation and a red-team suite, and write down the residual risks.', 180),
  labItem('lab-measure-the-effect', 'measure_the_effect', 'Measure the effect', 'Compare the outcome metric against its baseline and read the adoption by role; decide what to change.', 120),
];

export const DEFAULT_PATHS: CataloguePath[] = [
  {
    slug: 'ai-literacy', title: 'AI literacy', requiredFor: ['executive', 'manager', 'builder', 'end_user'],
    description: 'The literacy every person who uses or decides on AI needs (EU AI Act Art. 4): what AI does, safe daily use, when to escalate.',
    items: ['how-ai-works', 'safe-daily-use', 'escalate-and-report'],
  },
  {
    slug: 'executive-governance', title: 'Governance literacy for executives', requiredFor: ['executive'],
    description: 'Evaluating AI investments, reviewing risk and interpreting outcome metrics, practised on a real use case.',
    items: ['ai-investment-cases', 'risk-tiers-for-leaders', 'reading-outcome-metrics', 'lab-measure-the-effect'],
  },
  {
    slug: 'manager-workflow-redesign', title: 'Workflow redesign and coaching for managers', requiredFor: ['manager'],
    description: 'Redesigning work, setting expectations and coaching teams through adoption; mapping a real process and finding its bottleneck.',
    items: ['workflow-redesign', 'coaching-adoption', 'lab-map-the-process', 'lab-find-the-bottleneck'],
  },
  {
    slug: 'responsible-ai-builder', title: 'Responsible AI for builders', requiredFor: ['builder'],
    description: 'Deployment, evaluation, observability, security and failure handling; a prototype built and its risks evaluated on a real use case.',
    items: ['gateway-deployment', 'evaluation-and-gates', 'observability', 'ai-security', 'failure-handling', 'lab-build-a-prototype', 'lab-evaluate-the-risks'],
  },
  {
    slug: 'end-user-safe-use', title: 'Safe daily use for end users', requiredFor: ['end_user'],
    description: 'Confidence in how AI changes daily work: the assistant in the workflow, checking and overriding answers, giving feedback.',
    items: ['assistant-in-your-workflow', 'safe-daily-use', 'escalate-and-report'],
  },
  {
    slug: 'ai-risk-approver', title: 'AI risk approver', requiredFor: [],
    description: 'For those who approve use cases at a gate: approval duties, EU AI Act obligations, and a risk evaluation practised on a real use case.',
    items: ['approval-duties', 'eu-ai-act-obligations', 'lab-evaluate-the-risks'],
  },
  {
    slug: 'fundamental-rights-assessment', title: 'Fundamental rights impact assessment', requiredFor: [],
    description: 'For approvers of critical use cases: the Art. 27 assessment and a risk evaluation on a real use case.',
    items: ['fundamental-rights-impact', 'eu-ai-act-obligations', 'lab-evaluate-the-risks'],
  },
];
