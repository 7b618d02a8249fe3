import { z } from 'zod';
import { ifMatchVersion, setEtag } from '../kernel/http/etag.js';
import { page, PageQuery } from '../kernel/http/pagination.js';
import type { ZodApp } from '../kernel/http/server.js';
import type { LearningService } from './learning-service.js';
import type { PeopleService } from './person-service.js';
import { Completion, CompletionCreate, LabAttempt, LabAttemptCreate, LabSignOff, LAB_STATUSES, Person, PersonCreate, PersonDetail, PersonUpdate, SkillRoleSchema } from './schema.js';

const Id = z.object({ id: z.string() });

const PeopleQuery = PageQuery.extend({
  userId: z.string().optional().describe('the person a Charter member is'),
  skillRole: SkillRoleSchema.optional(),
  teamId: z.string().optional(),
  valueStreamId: z.string().optional(),
  workGroup: z.string().max(100).optional(),
  q: z.string().max(100).optional().describe('text in the name'),
});

const LabQuery = PageQuery.extend({
  status: z.enum(LAB_STATUSES).optional().describe('submitted: the review queue'),
  personId: z.string().optional(),
  useCaseId: z.string().optional(),
});

/** The skilling register: people, their completions, and applied labs with their reviewers' sign-off. */
export function peopleRoutes(app: ZodApp, people: PeopleService, learning: LearningService) {
  const tags = ['people'];
  app.get('/api/v1/people', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'People of the skilling register, by name, with whether they hold the paths their role requires', querystring: PeopleQuery, response: { 200: page(Person) } },
  }, async (req) => people.list(req.actor, req.query));

  app.post('/api/v1/people', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: 'Add a person (a Charter member or not) with their skill role, team, value stream and work group', body: PersonCreate, response: { 201: Person } },
  }, async (req, reply) => {
    const person = await people.create(req.actor, req.body);
    setEtag(reply, person.version);
    return reply.code(201).header('location', `/api/v1/people/${person.id}`).send(person);
  });

  app.get('/api/v1/people/:id', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'A person with their standing on every skill path, completions and lab attempts', params: Id, response: { 200: PersonDetail } },
  }, async (req, reply) => {
    const person = await people.get(req.actor, req.params.id);
    setEtag(reply, person.version);
    return person;
  });

  app.patch('/api/v1/people/:id', {
    preHandler: app.authorize('people:manage'),
    schema: { tags, summary: "Change a person's skill role, team, value stream or work group (If-Match)", params: Id, body: PersonUpdate, response: { 200: Person } },
  }, async (req, reply) => {
    const person = await people.update(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, person.version);
    return person;
  });

  app.post('/api/v1/people/:id/completions', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Record a completed module (the learner, or a people manager); it expires after the module’s validity', params: Id, body: CompletionCreate, response: { 201: Completion } },
  }, async (req, reply) => reply.code(201).send(await learning.recordCompletion(req.actor, req.params.id, req.body)));

  app.post('/api/v1/people/:id/lab-attempts', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Submit an applied lab done on a use case, with its evidence, for a reviewer’s sign-off', params: Id, body: LabAttemptCreate, response: { 201: LabAttempt } },
  }, async (req, reply) => reply.code(201).send(await learning.submitLab(req.actor, req.params.id, req.body)));

  app.get('/api/v1/lab-attempts', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'Lab attempts, oldest first; status=submitted is the review queue', querystring: LabQuery, response: { 200: page(LabAttempt) } },
  }, async (req) => learning.listLabs(req.actor, req.query));

  app.get('/api/v1/lab-attempts/:id', {
    preHandler: app.authorize('people:read'),
    schema: { tags, summary: 'One lab attempt', params: Id, response: { 200: LabAttempt } },
  }, async (req, reply) => {
    const attempt = await learning.getLab(req.actor, req.params.id);
    setEtag(reply, attempt.version);
    return attempt;
  });

  app.post('/api/v1/lab-attempts/:id/sign-off', {
    preHandler: app.authorize('people:read'),
    schema: {
      tags, summary: 'Sign a lab off (it then counts as completed) or return it; the reviewer is not the learner and is a people manager or the use case’s owner',
      params: Id, body: LabSignOff, response: { 200: LabAttempt },
    },
  }, async (req, reply) => {
    const attempt = await learning.signOff(req.actor, req.params.id, req.body, ifMatchVersion(req));
    setEtag(reply, attempt.version);
    return attempt;
  });
}
