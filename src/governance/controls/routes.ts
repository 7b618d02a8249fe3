import { z } from 'zod';
import type { ZodApp } from '../../kernel/http/server.js';
import { StageSchema, TierSchema } from '../../portfolio/schema.js';
import { CONTROL_STATUSES, FRAMEWORKS } from './catalogue.js';
import type { ComplianceService } from './compliance.js';
import { EVIDENCE_MAP } from './evidence-map.js';
import type { ControlService } from './service.js';

const Params = z.object({ id: z.string() });
const Control = z.string().trim().min(2).max(40).describe('a control id: "GOVERN 1.1", "Art. 14", "A.6.2.4"');
const UrlEvidence = z.strictObject({ kind: z.literal('url'), url: z.url().max(2000), title: z.string().trim().min(1).max(200) });
const FileEvidence = z.strictObject({
  kind: z.literal('file'), name: z.string().trim().min(1).max(200), contentBase64: z.base64().max(14_000_000).describe('the file; Charter keeps only its name, size and SHA-256'),
  title: z.string().trim().min(1).max(200).optional(),
});
const Evidence = z.discriminatedUnion('kind', [UrlEvidence, FileEvidence]);
const EvidenceView = z.object({
  id: z.string(), control: z.string(), kind: z.enum(['url', 'file']), title: z.string(), url: z.string().nullable(),
  file: z.object({ name: z.string(), sha256: z.string(), bytes: z.number() }).nullable(), addedBy: z.object({ id: z.string(), name: z.string() }), addedAt: z.string(),
});
const ControlItem = z.object({
  control: z.string(), framework: z.enum(FRAMEWORKS), function: z.string().nullable(), category: z.string().nullable(), title: z.string().nullable(),
  requiredBefore: StageSchema, source: z.enum(['pack', 'screening']), status: z.enum(CONTROL_STATUSES), justification: z.string().nullable(),
  waiver: z.object({ exceptionId: z.string(), expiresAt: z.string() }).nullable(), met: z.boolean(), evidence: z.array(EvidenceView),
  linked: z.array(z.object({ seq: z.number(), action: z.string(), at: z.string(), actor: z.string() })).describe('ledger entries the evidence map links to the control'),
});
const Controls = z.object({
  useCaseId: z.string(), tier: TierSchema, policyPackVersion: z.string(), items: z.array(ControlItem),
  summary: z.object({ required: z.number(), met: z.number(), open: z.number() }),
});
const Coverage = { required: z.number(), met: z.number() };
const Nist = z.object({
  ...Coverage,
  functions: z.array(z.object({ function: z.string(), ...Coverage, categories: z.array(z.object({ category: z.string(), ...Coverage, open: z.array(z.string()) })) })),
});
const UseCaseCompliance = z.object({
  useCaseId: z.string(), tier: TierSchema, policyPackVersion: z.string(), nist: Nist,
  euAiAct: z.object({ ...Coverage, obligations: z.array(z.object({ ref: z.string(), title: z.string().nullable(), coveredBy: z.string(), status: z.enum(['met', 'open']) })) }),
  iso42001: z.object(Coverage), stages: z.array(z.object({ stage: z.string(), ...Coverage })),
});
const PortfolioCompliance = z.object({
  useCases: z.array(z.object({
    id: z.string(), title: z.string(), stage: StageSchema, tier: TierSchema, policyPackVersion: z.string(), nist: z.object(Coverage), euAiAct: z.object(Coverage),
    iso42001: z.object(Coverage), openEuObligations: z.array(z.string()),
  })),
  unscreened: z.array(z.string()).describe('use cases without a screening, so without governing controls'), nist: Nist,
  euAiAct: z.object({ ...Coverage, open: z.number() }),
});

/**
 * Evidence files travel as base64 (a 10 MB file is about 13.4 MB), and one file may evidence several controls in
 * one update, so these routes take more than the API's default body limit; Charter keeps only each file's digest.
 */
const ONE_FILE_LIMIT = 16 * 1024 * 1024;
const BULK_UPDATE_LIMIT = 48 * 1024 * 1024;

export function controlRoutes(app: ZodApp, controls: ControlService, compliance: ComplianceService) {
  const tags = ['governance'];
  app.get('/api/v1/use-cases/:id/controls', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The controls the governing pack and the screening require of a use case, with status, evidence and waivers', params: Params, response: { 200: Controls } },
  }, async (req) => controls.view(req.actor, req.params.id));

  app.patch('/api/v1/use-cases/:id/controls', {
    preHandler: app.authorize('control:update'), bodyLimit: BULK_UPDATE_LIMIT,
    schema: {
      tags, summary: 'Set control statuses: implemented needs evidence, not_applicable a justification', params: Params,
      body: z.strictObject({ items: z.array(z.strictObject({ control: Control, status: z.enum(CONTROL_STATUSES), justification: z.string().trim().max(2000).optional(), evidence: z.array(Evidence).max(20).optional() })).max(200) }),
      response: { 200: Controls },
    },
  }, async (req) => controls.update(req.actor, req.params.id, req.body.items));

  app.post('/api/v1/use-cases/:id/evidence', {
    preHandler: app.authorize('control:update'), bodyLimit: ONE_FILE_LIMIT,
    schema: {
      tags, summary: 'Attach evidence to a control: a URL, or a file kept as name, size and SHA-256', params: Params,
      body: z.discriminatedUnion('kind', [UrlEvidence.extend({ control: Control }), FileEvidence.extend({ control: Control })]), response: { 201: EvidenceView },
    },
  }, async (req, reply) => {
    const { control, ...evidence } = req.body;
    return reply.code(201).send(await controls.addEvidence(req.actor, req.params.id, control, evidence));
  });

  app.get('/api/v1/controls/evidence-map', {
    preHandler: app.authorize('policy:read'),
    schema: {
      tags, summary: 'The published mapping from ledger events to the controls they evidence',
      response: { 200: z.object({ items: z.array(z.object({ action: z.string(), when: z.record(z.string(), z.array(z.string())).optional(), controls: z.array(z.string()), why: z.string() })) }) },
    },
  }, async () => ({ items: [...EVIDENCE_MAP] }));

  app.get('/api/v1/use-cases/:id/compliance', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'A use case’s posture: NIST AI RMF functions and categories covered, EU AI Act obligations met and open', params: Params, response: { 200: UseCaseCompliance } },
  }, async (req) => compliance.useCase(req.actor, req.params.id));

  app.get('/api/v1/compliance', {
    preHandler: app.authorize('usecase:read'),
    schema: { tags, summary: 'The portfolio’s compliance posture', response: { 200: PortfolioCompliance } },
  }, async (req) => compliance.ofPortfolio(req.actor));
}
