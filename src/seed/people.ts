import type { Actor } from '../kernel/actor.js';
import type { Role } from '../kernel/auth/permissions.js';
import { DAY_MS } from '../kernel/clock.js';
import type { Kernel } from '../kernel/context.js';
import type { PeopleWiring } from '../people/index.js';
import type { SkillRole } from '../people/schema.js';
import type { PortfolioService } from '../portfolio/service.js';
import { DEMO_PEOPLE, DEMO_TENANT } from './cast.js';

type Services = PeopleWiring['services'];
type Member = 'admin' | 'riley.risk' | 'olivia.owner' | 'sam.support' | 'frank.finance' | 'ben.builder' | 'cleo.change' | 'eve.exec' | 'victor.viewer';

/** The skill role each demo member trains under, and the paths (beyond their role's) they hold or work on. */
const MEMBERS: Record<Member, { role: SkillRole; extra: string[] }> = {
  'admin': { role: 'builder', extra: [] },
  'riley.risk': { role: 'manager', extra: ['ai-risk-approver'] },
  'olivia.owner': { role: 'manager', extra: ['ai-risk-approver'] },
  'sam.support': { role: 'manager', extra: [] },
  'frank.finance': { role: 'manager', extra: [] },
  'ben.builder': { role: 'builder', extra: [] },
  'cleo.change': { role: 'manager', extra: [] },
  'eve.exec': { role: 'executive', extra: [] },
  'victor.viewer': { role: 'end_user', extra: [] },
};

/** Applied labs, on the use case they were done on, with who signs them off (null: still awaiting a reviewer). */
const LABS: { learner: Member; lab: string; useCase: string; reviewer: Member | null; evidence: string }[] = [
  { learner: 'ben.builder', lab: 'lab-build-a-prototype', useCase: 'Claims triage assistant', reviewer: 'olivia.owner', evidence: 'Prototype routed 400 historical FNOL records through the pilot key; severity proposals matched senior handlers on 87%.' },
  { learner: 'ben.builder', lab: 'lab-evaluate-the-risks', useCase: 'Claims triage assistant', reviewer: 'olivia.owner', evidence: 'Screened as high risk; red-team suite run; residual risk: health data in free-text notes, held for review.' },
  { learner: 'admin', lab: 'lab-build-a-prototype', useCase: 'Code review assistant', reviewer: 'ben.builder', evidence: 'Review bot prototype on two repositories, comments posted as suggestions only.' },
  { learner: 'admin', lab: 'lab-evaluate-the-risks', useCase: 'Code review assistant', reviewer: null, evidence: 'Secrets-in-diff and prompt-injection probes written; results attached.' },
  { learner: 'riley.risk', lab: 'lab-evaluate-the-risks', useCase: 'Claims triage assistant', reviewer: 'olivia.owner', evidence: 'Walked the Art. 9 risk file with the builder; override and escalation paths checked.' },
  { learner: 'olivia.owner', lab: 'lab-map-the-process', useCase: 'Claims triage assistant', reviewer: 'cleo.change', evidence: 'Mapped FNOL to queue assignment: 11 steps, 3 hand-offs, 42 minutes median.' },
  { learner: 'olivia.owner', lab: 'lab-find-the-bottleneck', useCase: 'Claims triage assistant', reviewer: 'cleo.change', evidence: 'Severity reading of the notes takes 60% of triage time; that is where the assistant helps.' },
  { learner: 'olivia.owner', lab: 'lab-evaluate-the-risks', useCase: 'Claims triage assistant', reviewer: 'cleo.change', evidence: 'Approver walk-through of the evaluation evidence and the rollback plan.' },
  { learner: 'sam.support', lab: 'lab-map-the-process', useCase: 'Support reply drafting', reviewer: 'cleo.change', evidence: 'Email and chat reply flow mapped across Tier 1 and Tier 2.' },
  { learner: 'sam.support', lab: 'lab-find-the-bottleneck', useCase: 'Support reply drafting', reviewer: null, evidence: 'Knowledge-base search is the slow step; drafts cut it if the article is current.' },
  { learner: 'cleo.change', lab: 'lab-map-the-process', useCase: 'Support reply drafting', reviewer: 'sam.support', evidence: 'Change impact map: who edits, who sends, who answers complaints.' },
  { learner: 'cleo.change', lab: 'lab-find-the-bottleneck', useCase: 'Support reply drafting', reviewer: 'sam.support', evidence: 'Agents distrust drafts on billing questions; bottleneck is trust, not speed.' },
  { learner: 'eve.exec', lab: 'lab-measure-the-effect', useCase: 'Claims triage assistant', reviewer: 'cleo.change', evidence: 'Read the triage scorecard against its 42 → 29.4 minute target and set the wave-2 condition.' },
];

const HANDLERS = ['Aisha Khan', 'Tom Byrne', 'Marta Nowak', 'Declan Shaw', 'Priya Raman', 'Lewis Grant', 'Hannah Cole', 'Jonas Weber', 'Nadia Haddad', 'Owen Price', 'Rosa Lima', 'Callum Reid'];
const AGENTS = ['Ines Duarte', 'Kofi Mensah', 'Lena Fischer', 'Mateo Ruiz', 'Grace Okoro', 'Yuki Tanaka', 'Sean Doyle', 'Amara Eze', 'Piotr Zielinski', 'Chloe Martin'];

interface Demo {
  tenantId: string;
  as: (m: Member) => Actor;
  useCase: (title: string) => string;
  daysAgo: (days: number) => string;
  now: Date;
}

/** The demo tenant's members as actors, its use cases by title, and the time, read back from what seedDemo wrote. */
async function demo(k: Kernel, s: { portfolio: PortfolioService }): Promise<Demo> {
  const tenant = await k.db.selectFrom('tenants').select('id').where('slug', '=', DEMO_TENANT).executeTakeFirstOrThrow();
  const actors = new Map<Member, Actor>();
  for (const m of DEMO_PEOPLE) {
    const user = await k.db.selectFrom('users').select(['id', 'name']).where('email', '=', m.email).executeTakeFirstOrThrow();
    actors.set(m.email.split('@')[0] as Member, { tenantId: tenant.id, kind: 'user', id: user.id, name: user.name, roles: m.roles as Role[] });
  }
  const useCases = await s.portfolio.all(actors.get('cleo.change')!);
  const now = k.clock.now();
  return {
    tenantId: tenant.id, now, as: (m) => actors.get(m)!, useCase: (title) => useCases.find((u) => u.title === title)!.id,
    daysAgo: (d) => new Date(now.getTime() - d * DAY_MS).toISOString(),
  };
}

/**
 * The skilling register of the Northwind demo tenant: every member with their skill role and the literacy the packs
 * ask of key holders and approvers (Ben holds the builder path, Olivia and Riley the approver path, with their labs
 * signed off on real use cases), paths in progress, one refresher due and one expired, and two cohorts of end users.
 * Run after seedDemo has admitted the use cases and before it walks them through approvals and issues keys.
 */
export async function seedSkilling(k: Kernel, s: { portfolio: PortfolioService; people: Services }): Promise<void> {
  const d = await demo(k, s);
  const p = s.people;
  const cleo = d.as('cleo.change');
  const [items, paths, streams] = await Promise.all([p.catalogue.listItems(cleo), p.catalogue.listPaths(cleo), s.portfolio.listValueStreams(cleo)]);
  const itemId = (slug: string) => items.find((i) => i.slug === slug)!.id;
  const modulesOf = (path: string) => paths.find((x) => x.slug === path)!.items.filter((slug) => items.find((i) => i.slug === slug)!.kind === 'module');
  const stream = (name: string) => streams.find((v) => v.name === name)!.id;
  const complete = async (personId: string, slugs: string[], at = d.daysAgo(20)) => {
    for (const slug of slugs) await p.learning.recordCompletion(cleo, personId, { itemId: itemId(slug), evidence: 'Northwind learning platform record', completedAt: at });
  };

  const personOf = new Map<Member, string>();
  for (const [member, m] of Object.entries(MEMBERS) as [Member, (typeof MEMBERS)[Member]][]) {
    const person = await p.people.create(cleo, { userId: d.as(member).id, skillRole: m.role, valueStreamId: member === 'sam.support' ? stream('Customer support') : member === 'olivia.owner' ? stream('Claims') : null });
    personOf.set(member, person.id);
    const roleModules = paths.filter((x) => x.requiredFor.includes(m.role) && x.slug !== 'ai-literacy').flatMap((x) => modulesOf(x.slug));
    await complete(person.id, modulesOf('ai-literacy'), member === 'victor.viewer' ? d.daysAgo(345) : d.daysAgo(40));
    if (member !== 'frank.finance') await complete(person.id, [...new Set([...roleModules, ...m.extra.flatMap(modulesOf)])]);
  }
  for (const lab of LABS) {
    const attempt = await p.learning.submitLab(d.as(lab.learner), personOf.get(lab.learner)!, { labId: itemId(lab.lab), useCaseId: d.useCase(lab.useCase), evidence: { summary: lab.evidence, links: [] } });
    if (lab.reviewer) await p.learning.signOff(d.as(lab.reviewer), attempt.id, { decision: 'sign_off', note: 'Checked against the use case; evidence is sufficient.' });
  }

  const team = async (name: string) => (await k.db.selectFrom('teams').select('id').where('tenant_id', '=', d.tenantId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  const cohorts = [
    { names: HANDLERS, group: 'Claims handlers — Leeds', team: await team('Claims Operations'), stream: stream('Claims'), trained: 9 },
    { names: AGENTS, group: 'Support agents — Tier 1', team: await team('Customer Support'), stream: stream('Customer support'), trained: 5 },
  ];
  for (const c of cohorts) {
    for (const [i, name] of c.names.entries()) {
      const person = await p.people.create(cleo, { name, skillRole: 'end_user', teamId: c.team, valueStreamId: c.stream, workGroup: c.group });
      if (i < c.trained) await complete(person.id, [...modulesOf('ai-literacy'), ...modulesOf('end-user-safe-use')], d.daysAgo(i === 0 && c.trained === 9 ? 400 : 30));
    }
  }
}

/**
 * The rest of the people and programme story: change plans for the two assistants people use every day, with their
 * audiences' feedback; the asset library and its reuse; a review pack with the forum's decisions, funding asks and
 * lessons; and a 90-day plan on its sixtieth day. Run at the end of seedDemo.
 */
export async function seedProgramme(k: Kernel, s: { portfolio: PortfolioService; people: Services }): Promise<void> {
  const d = await demo(k, s);
  const p = s.people;
  const { as, useCase, daysAgo, now } = d;
  const cleo = as('cleo.change');
  const claims = useCase('Claims triage assistant');
  const replies = useCase('Support reply drafting');
  await p.change.put(cleo, claims, {
    workflowChange: 'The assistant reads each first notice of loss and proposes a severity and a queue; the handler accepts or changes it. High-risk and low-confidence claims always go to a senior handler, who decides.',
    audiences: [
      { group: 'Claims handlers — Leeds', skillRole: 'end_user', gatewayRole: 'claims_handler', headcount: 12 },
      { group: 'Claims team leads', skillRole: 'manager', gatewayRole: null, headcount: 3 },
    ],
    support: ['AI literacy and safe-use path before access', 'Floor walkers in the first two weeks', 'Office hours Tuesdays 14:00 with the builders'],
    successMetrics: [{ metric: 'claims triage time', target: '42 → 29.4 minutes by 2027-03-31' }, { metric: 'override rate of severity proposals', target: 'below 15%' }],
    feedbackHandling: 'A pulse survey every two weeks and a feedback button on each proposal; the change lead answers within five working days and reports themes to the forum.',
    communications: [
      { on: daysAgo(45).slice(0, 10), audience: 'everyone', channel: 'claims town hall', message: 'What changes in triage, what stays your decision, and how we will measure it.' },
      { on: daysAgo(30).slice(0, 10), audience: 'Claims handlers — Leeds', channel: 'team briefing', message: 'Go-live of wave 1 in Leeds; training and floor walkers.' },
      { on: new Date(now.getTime() + 14 * DAY_MS).toISOString().slice(0, 10), audience: 'Claims team leads', channel: 'email from the claims director', message: 'Results of wave 1 and the decision on wave 2.' },
    ],
  });
  await p.change.put(cleo, replies, {
    workflowChange: 'Agents get a drafted reply from the knowledge base for each email and chat; they edit and send every reply themselves.',
    audiences: [{ group: 'Support agents — Tier 1', skillRole: 'end_user', gatewayRole: 'support_agent', headcount: 10 }],
    support: ['Safe-use path', 'Billing-question guide', 'Weekly clinic with the knowledge-base team'],
    successMetrics: [{ metric: 'average handle time', target: '11.5 → 8 minutes by 2027-01-31' }],
    feedbackHandling: 'Thumbs up or down on each draft, reviewed weekly by the support owner; answers in the team channel.',
    communications: [{ on: daysAgo(25).slice(0, 10), audience: 'Support agents — Tier 1', channel: 'team meeting', message: 'Drafts are suggestions: you edit and send every reply.' }],
  });
  for (const [useCaseId, audience, scores] of [[claims, 'Claims handlers — Leeds', [4, 4, 5, 3]], [replies, 'Support agents — Tier 1', [3, 2, 4]]] as const) {
    for (const satisfaction of scores) await p.change.addFeedback(cleo, useCaseId, { audience, satisfaction, comment: 'pulse survey' });
  }

  const ben = as('ben.builder');
  const library = [
    { by: ben, kind: 'prompt_template', name: 'Claims triage system prompt', description: 'Severity and routing proposal with reasons, for first notice of loss.', reuse: ['Medical report extraction for bodily-injury claims'] },
    { by: as('sam.support'), kind: 'evaluation_dataset', name: 'Support tone and accuracy set', description: '600 graded replies across billing, claims status and policy questions.', reuse: ['First-contact resolution coach'] },
    { by: as('riley.risk'), kind: 'policy_pack', name: 'Northwind high-tier policy pack', description: 'The high pack with Northwind’s review holds for health data.', reuse: ['Claims triage assistant', 'Medical report extraction for bodily-injury claims'] },
    { by: ben, kind: 'integration_pattern', name: 'Ticketing system integration pattern', description: 'Reading tickets and posting drafts through the gateway with per-agent tokens.', reuse: ['Support reply drafting', 'First-contact resolution coach'] },
    { by: cleo, kind: 'training_kit', name: 'AI literacy training kit', description: 'Slides, exercises and the safe-use card behind the literacy paths.', reuse: ['Claims triage assistant', 'Support reply drafting', 'Reconciliation exception explainer'] },
    { by: as('frank.finance'), kind: 'approval_workflow', name: 'Two-person approval for AI-explained journals', description: 'Accountant proposes, controller approves; proposed for the finance close.', reuse: [] },
  ] as const;
  for (const a of library) {
    const asset = await p.assets.create(a.by, { kind: a.kind, name: a.name, description: a.description, firstVersion: { location: `https://git.northwind.example/ai-patterns/${a.kind}/${a.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, changeNote: 'first version' } });
    if (a.reuse.length) await p.assets.decide(as('eve.exec'), asset.id, { decision: 'accept', note: 'Accepted by the portfolio forum as an approved pattern.' });
    for (const title of a.reuse) await p.assets.recordReuse(ben, useCase(title), { assetId: asset.id, note: '' });
  }

  await p.forum.requestFunding(as('sam.support'), useCase('First-contact resolution coach'), { amount: 120_000, currency: 'EUR', purpose: 'Extend the pilot to the Manchester phone teams for two quarters.' });
  const recon = await p.forum.requestFunding(as('frank.finance'), useCase('Reconciliation exception explainer'), { amount: 45_000, currency: 'EUR', purpose: 'Connect the bank-statement feeds so explanations cover every account.' });
  await p.forum.recordLesson(as('olivia.owner'), claims, { kind: 'win', lesson: 'Keeping senior handlers on every high-risk claim made the override rate a trust signal rather than a threat; Leeds asked for wave 2.' });
  await p.forum.recordLesson(cleo, replies, { kind: 'failure', lesson: 'Drafts on billing questions were ignored until the billing guide was fixed: the bottleneck was the knowledge base, not the model.' });
  await p.forum.recordLesson(as('riley.risk'), useCase('Agent emotion monitoring'), { kind: 'failure', lesson: 'Emotion recognition at work is a prohibited practice (EU AI Act Art. 5(1)(f)); screen ideas before building anything.' });

  const eve = as('eve.exec');
  const review = await p.reviews.generate(eve, new Date(daysAgo(30)), now, 'manual');
  await p.forum.recordDecision(eve, review.id, { useCaseId: claims, kind: 'scale', summary: 'Wave 2 to Manchester once Leeds holds an override rate below 15% for four weeks.' });
  await p.forum.recordDecision(eve, review.id, { useCaseId: useCase('Reconciliation exception explainer'), kind: 'fund', summary: 'Fund the bank-statement feeds.', fundingAskId: recon.id });
  await p.forum.recordDecision(eve, review.id, { useCaseId: useCase('Fraud signal summariser'), kind: 'redesign', summary: 'Redesign the summary with investigators before asking to resume.' });

  const plan = await p.plans.create(eve, { title: 'Northwind 90-day AI operating model programme', startsOn: daysAgo(59).slice(0, 10) });
  const owners: Record<string, Member> = { inventory: 'riley.risk', 'no-orphans': 'riley.risk', platform: 'admin', evaluation: 'ben.builder', dashboard: 'ben.builder', 'intake-release-criteria': 'riley.risk', training: 'cleo.change', 'office-hours': 'cleo.change', labs: 'cleo.change', 'adoption-tracking': 'cleo.change' };
  for (const m of plan.phases.flatMap((x) => x.milestones)) {
    const status = m.key === 'intake-release-criteria' ? 'met' : m.key === 'office-hours' ? 'in_progress' : undefined;
    const note = m.key === 'office-hours' ? 'Tuesdays 14:00; claims and support so far.' : m.key === 'intake-release-criteria' ? 'Published on the intranet with the policy packs.' : undefined;
    if (owners[m.key] || status) await p.plans.updateMilestone(eve, m.id, { ownerId: owners[m.key] ? as(owners[m.key]).id : undefined, status, note });
  }
}
