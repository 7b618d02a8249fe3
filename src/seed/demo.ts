import type { FastifyInstance } from 'fastify';
import type { Charter } from '../app.js';
import type { Actor } from '../kernel/actor.js';
import type { Role as RoleName } from '../kernel/auth/permissions.js';
import type { Stage, UseCaseCreate } from '../portfolio/schema.js';
import { DEMO_ANSWERS } from './answers.js';
import { walkGoverned } from './governed.js';
import { seedGateway } from './gateway.js';
import { seedMeasurement } from './measurement.js';
import { seedProgramme, seedSkilling } from './people.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TENANT } from './cast.js';

const STREAMS = [
  { key: 'claims', name: 'Claims', description: 'First notice of loss through triage, assessment and settlement' },
  { key: 'support', name: 'Customer support', description: 'Inbound contact, resolution and follow-up across phone, chat and email' },
  { key: 'delivery', name: 'Software delivery', description: 'From backlog item to running change in production' },
  { key: 'finance', name: 'Finance close', description: 'Month-end reconciliation, accruals and reporting' },
] as const;

type Owner = 'olivia.owner' | 'sam.support' | 'frank.finance' | 'ben.builder';
interface DemoUseCase {
  stream: (typeof STREAMS)[number]['key'];
  owner: Owner;
  stage: Stage;
  /** How the business answered the screening questionnaire (left out for use cases still in intake). */
  screening?: keyof typeof DEMO_ANSWERS;
  body: Omit<UseCaseCreate, 'valueStreamId' | 'ownerId' | 'tags' | 'description' | 'affectedUsers'> & Partial<UseCaseCreate>;
}

/** A dozen use cases that tell one portfolio's story, across every stage. */
const USE_CASES: DemoUseCase[] = [
  { stream: 'claims', owner: 'olivia.owner', stage: 'production', screening: 'claims', body: {
    title: 'Claims triage assistant',
    outcome: { process: 'claims triage', metric: 'claims triage time', unit: 'min', baseline: 42, target: 29.4, direction: 'decrease', targetDate: '2027-03-31', control: 'while preserving human review for high-risk cases' },
    description: 'Reads the first notice of loss, proposes a severity and routing queue; high-risk or low-confidence claims go to a senior handler.',
    dataClasses: { sensitivity: 'confidential', categories: ['personal', 'health'] },
    affectedUsers: [{ group: 'Claims handlers', headcount: 180 }, { group: 'Policyholders', headcount: 240000 }],
    priority: { impact: 5, strategicFit: 5, reach: 4, dataReadiness: 4, complexity: 3, risk: 4 },
    readiness: { dataSources: ['Claims system FNOL records', 'Policy administration system'], humanOversight: ['Senior handler reviews every high-risk or low-confidence triage'], rollbackPlan: 'Switch routing back to the rules engine; the assistant only proposes.' },
  } },
  { stream: 'claims', owner: 'olivia.owner', stage: 'suspended', screening: 'claims', body: {
    title: 'Fraud signal summariser',
    outcome: { process: 'special investigations referral', metric: 'referral preparation time', unit: 'min', baseline: 55, target: 35, direction: 'decrease', targetDate: '2027-06-30', control: 'with investigators deciding every referral' },
    dataClasses: { sensitivity: 'restricted', categories: ['personal'] },
    priority: { impact: 4, strategicFit: 4, reach: 2, dataReadiness: 3, complexity: 4, risk: 4 },
    readiness: { dataSources: ['Claims notes', 'Fraud rules hits'], humanOversight: ['Investigator approves each referral'], rollbackPlan: 'Disable the summary panel; investigators work from raw notes.' },
  } },
  { stream: 'claims', owner: 'olivia.owner', stage: 'assessed', screening: 'claims', body: {
    title: 'Medical report extraction for bodily-injury claims',
    outcome: { process: 'bodily-injury assessment', metric: 'manual data entry per claim', unit: 'min', baseline: 25, target: 8, direction: 'decrease', targetDate: '2027-09-30', control: 'with a nurse reviewer confirming every extracted diagnosis' },
    dataClasses: { sensitivity: 'restricted', categories: ['personal', 'health'] },
    priority: { impact: 4, strategicFit: 4, reach: 3, dataReadiness: 2, complexity: 4, risk: 5 },
  } },
  { stream: 'support', owner: 'sam.support', stage: 'production', screening: 'drafting', body: {
    title: 'Support reply drafting',
    outcome: { process: 'email and chat support', metric: 'average handle time', unit: 'min', baseline: 11.5, target: 8, direction: 'decrease', targetDate: '2027-01-31', control: 'with agents editing and sending every reply' },
    dataClasses: { sensitivity: 'confidential', categories: ['personal'] },
    affectedUsers: [{ group: 'Support agents', headcount: 320 }],
    priority: { impact: 4, strategicFit: 4, reach: 5, dataReadiness: 4, complexity: 2, risk: 2 },
    readiness: { dataSources: ['Knowledge base', 'Ticket history'], humanOversight: ['Agent sends every reply'], rollbackPlan: 'Hide the draft button; agents reply as before.' },
  } },
  { stream: 'support', owner: 'sam.support', stage: 'build', screening: 'internal', body: {
    title: 'First-contact resolution coach',
    outcome: { process: 'phone support', metric: 'first-contact resolution rate', unit: '%', baseline: 68, target: 78, direction: 'increase', targetDate: '2027-05-31', control: 'with team leads reviewing weekly samples' },
    dataClasses: { sensitivity: 'confidential', categories: ['personal'] },
    priority: { impact: 4, strategicFit: 3, reach: 4, dataReadiness: 3, complexity: 3, risk: 2 },
  } },
  { stream: 'support', owner: 'sam.support', stage: 'triage', screening: 'chatbot', body: {
    title: 'Customer-facing policy chatbot',
    outcome: { process: 'policy questions from customers', metric: 'contacts deflected to self-service', unit: '%', baseline: 12, target: 30, direction: 'increase', targetDate: '2027-10-31', control: 'with a visible AI disclosure and hand-off to an agent on request' },
    dataClasses: { sensitivity: 'internal', categories: [] },
    priority: { impact: 4, strategicFit: 4, reach: 5, dataReadiness: 3, complexity: 3, risk: 3 },
  } },
  { stream: 'delivery', owner: 'ben.builder', stage: 'production', screening: 'internal', body: {
    title: 'Code review assistant',
    outcome: { process: 'pull request review', metric: 'review turnaround time', unit: 'h', baseline: 20, target: 12, direction: 'decrease', targetDate: '2026-12-31', control: 'with a human approver required on every merge' },
    dataClasses: { sensitivity: 'internal', categories: [] },
    priority: { impact: 3, strategicFit: 4, reach: 3, dataReadiness: 5, complexity: 2, risk: 1 },
    readiness: { dataSources: ['Source repositories'], humanOversight: ['A maintainer approves every merge'], rollbackPlan: 'Remove the bot from the review rota.' },
  } },
  { stream: 'delivery', owner: 'ben.builder', stage: 'approved', screening: 'internal', body: {
    title: 'Incident postmortem drafter',
    outcome: { process: 'incident review', metric: 'time to publish a postmortem', unit: 'days', baseline: 9, target: 4, direction: 'decrease', targetDate: '2027-04-30', control: 'with the incident commander signing off every draft' },
    dataClasses: { sensitivity: 'internal', categories: [] },
    priority: { impact: 2, strategicFit: 3, reach: 2, dataReadiness: 4, complexity: 2, risk: 1 },
  } },
  { stream: 'finance', owner: 'frank.finance', stage: 'pilot', screening: 'drafting', body: {
    title: 'Reconciliation exception explainer',
    outcome: { process: 'month-end reconciliation', metric: 'days to close', unit: 'days', baseline: 8, target: 5, direction: 'decrease', targetDate: '2027-03-31', control: 'with accountants approving every journal' },
    dataClasses: { sensitivity: 'confidential', categories: ['payment'] },
    priority: { impact: 4, strategicFit: 4, reach: 2, dataReadiness: 4, complexity: 3, risk: 3 },
    readiness: { dataSources: ['General ledger', 'Bank statements'], humanOversight: ['Accountant approves each journal'], rollbackPlan: 'Turn off explanations; exceptions queue is unchanged.' },
  } },
  { stream: 'finance', owner: 'frank.finance', stage: 'intake', body: {
    title: 'Accrual estimate assistant',
    outcome: { process: 'month-end accruals', metric: 'manual accrual adjustments', unit: 'per month', baseline: 140, target: 60, direction: 'decrease', targetDate: '2027-08-31', control: 'with the controller reviewing every estimate above 10k EUR' },
    dataClasses: { sensitivity: 'confidential', categories: ['payment'] },
    priority: { impact: 3, strategicFit: 3, reach: 2, dataReadiness: 2, complexity: 4, risk: 3 },
  } },
  { stream: 'support', owner: 'sam.support', stage: 'rejected', screening: 'emotionAtWork', body: {
    title: 'Agent emotion monitoring',
    outcome: { process: 'support quality assurance', metric: 'QA coverage of calls', unit: '%', baseline: 3, target: 60, direction: 'increase', control: 'with team leads reviewing flagged calls' },
    dataClasses: { sensitivity: 'restricted', categories: ['personal'] },
    priority: { impact: 2, strategicFit: 1, reach: 4, dataReadiness: 2, complexity: 4, risk: 5 },
  } },
  { stream: 'delivery', owner: 'ben.builder', stage: 'retired', screening: 'internal', body: {
    title: 'Release notes generator (v1)',
    outcome: { process: 'release communication', metric: 'time to write release notes', unit: 'h', baseline: 3, target: 1, direction: 'decrease', control: 'with the release manager editing before publishing' },
    dataClasses: { sensitivity: 'internal', categories: [] },
    priority: { impact: 1, strategicFit: 2, reach: 2, dataReadiness: 5, complexity: 1, risk: 1 },
    readiness: { dataSources: ['Merged pull requests', 'Issue tracker'], humanOversight: ['The release manager edits every draft'], rollbackPlan: 'Write release notes by hand again.' },
  } },
];

/**
 * Seeds the demo tenant when it does not exist yet; returns false when it was already there. With the HTTP server
 * it also tells the gateway story (endpoint, releases through their gates, keys, traffic); without it there are no
 * releases, so the use cases meant for production stay in pilot: none enters production without a passed gate.
 */
export async function seedDemo(charter: Pick<Charter, 'kernel' | 'services' | 'people' | 'evals' | 'measurement' | 'gateway'>, http?: FastifyInstance): Promise<boolean> {
  const { kernel: k, services: s } = charter;
  const exists = await k.db.selectFrom('tenants').select('id').where('slug', '=', DEMO_TENANT).executeTakeFirst();
  if (exists) return false;
  const tenant = await s.auth.createTenant(k.db, DEMO_TENANT, 'Northwind Mutual');
  const teams = new Map<string, string>();
  const people = new Map<string, Actor>();
  for (const p of DEMO_PEOPLE) {
    if (!teams.has(p.team)) teams.set(p.team, (await s.auth.createTeam(k.db, tenant.id, p.team)).id);
    const user = await s.auth.addMember(k.db, tenant.id, { email: p.email, name: p.name, password: DEMO_PASSWORD, roles: p.roles, teamId: teams.get(p.team) });
    people.set(p.email.split('@')[0], { tenantId: tenant.id, kind: 'user', id: user.id, name: user.name, roles: p.roles });
  }
  const admin = people.get('admin')!;
  const streams = new Map<string, string>();
  for (const vs of STREAMS) streams.set(vs.key, (await s.portfolio.createValueStream(admin, { name: vs.name, description: vs.description })).id);

  const ids = new Map<string, string>();
  const owners = new Map<string, Actor>();
  for (const uc of USE_CASES) {
    const owner = people.get(uc.owner)!;
    const created = await s.portfolio.create(owner, {
      description: '', affectedUsers: [], tags: [], ...uc.body,
      valueStreamId: streams.get(uc.stream)!, ownerId: owner.id, teamId: null,
    });
    ids.set(uc.body.title, created.id);
    owners.set(created.id, owner);
  }
  // Approvers and key holders must hold the skill paths their packs name before they approve or ask for a key.
  const story = { portfolio: s.portfolio, people: charter.people.services };
  await seedSkilling(k, story);

  // Every move goes through governance as it would for real: screening, readiness, controls with evidence, and
  // approvals granted by the people who hold the roles the tier's pack names.
  const byRole = (role: RoleName, ownerId: string | null): Actor => {
    if (role === 'business_owner' && ownerId) return [...people.values()].find((p) => p.id === ownerId && p.roles.includes(role)) ?? people.get('olivia.owner')!;
    return [...people.values()].find((p) => p.roles.includes(role))!;
  };
  const cast = { requester: people.get('ben.builder')!, byRole };
  const evidence = (id: string) => `https://wiki.northwind.example/ai/${id}`;
  const ownerOf = (id: string) => byRole('business_owner', owners.get(id)!.id);
  for (const uc of USE_CASES) {
    const id = ids.get(uc.body.title)!;
    if (uc.screening) await s.risk.screen(people.get('riley.risk')!, id, DEMO_ANSWERS[uc.screening]);
    // Production needs a release that passed its gate: the gateway story below earns it, from pilot.
    await walkGoverned(s, cast, id, uc.stage === 'production' ? 'pilot' : uc.stage, evidence(id));
  }
  if (http) {
    const gatewayCast = { admin, builder: cast.requester, risk: people.get('riley.risk')!, ownerOf };
    await seedGateway(s, charter.evals.services, http, gatewayCast, ids, (id) => walkGoverned(s, cast, id, 'production', evidence(id)));
  }
  await seedMeasurement(k, { portfolio: s.portfolio, measurement: charter.measurement.services }, ownerOf, cast.requester, ids);
  // The monitors read the seeded traffic and readings at once, so scorecards show states from the first screen.
  await charter.gateway.recorder.flush();
  await charter.measurement.services.rollups.flush();
  await charter.measurement.services.monitors.tick(k.clock.now());
  await seedProgramme(k, story);
  return true;
}
