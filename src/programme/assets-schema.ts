import { z } from 'zod';

/** What the library holds (seed section 8, "Build reusable assets"). */
export const ASSET_KINDS = ['prompt_template', 'evaluation_dataset', 'policy_pack', 'integration_pattern', 'training_kit', 'approval_workflow'] as const;
export const AssetKind = z.enum(ASSET_KINDS);
export const ASSET_STATUSES = ['proposed', 'accepted', 'retired'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const AssetVersionCreate = z.strictObject({
  location: Text(500).describe('where this version lives: a URL, a repository path, or a Charter reference such as prompt-template:pt_…'),
  changeNote: Text(1000),
});

export const AssetCreate = z.strictObject({
  kind: AssetKind,
  name: Text(200),
  description: Text(2000),
  ownerId: z.string().optional().describe('the member who maintains it; defaults to you'),
  firstVersion: AssetVersionCreate,
});

export const AssetDecision = z.strictObject({
  decision: z.enum(['accept', 'retire']).describe('accept into the library as an approved pattern, or retire it'),
  note: Text(1000),
});

export const AssetReuseCreate = z.strictObject({
  assetId: z.string(),
  versionNumber: z.number().int().min(1).optional().describe('defaults to the latest version'),
  note: z.string().trim().max(1000).default(''),
});

export const Asset = z.object({
  id: z.string(),
  kind: AssetKind,
  name: z.string(),
  description: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(ASSET_STATUSES),
  latestVersion: z.number(),
  reuseCount: z.number().describe('use cases that recorded reusing it'),
  acceptedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Asset = z.infer<typeof Asset>;

export const AssetVersion = z.object({ number: z.number(), location: z.string(), changeNote: z.string(), createdBy: z.string(), createdAt: z.string() });
export const AssetReuse = z.object({
  id: z.string(), assetId: z.string(), assetName: z.string(), kind: AssetKind, versionNumber: z.number(), useCaseId: z.string(), note: z.string(),
  recordedBy: z.string(), recordedAt: z.string(),
});
export type AssetReuse = z.infer<typeof AssetReuse>;
export const AssetDetail = Asset.extend({ versions: z.array(AssetVersion), reuses: z.array(AssetReuse) });

export const ReuseSummary = z.object({
  assets: z.number(),
  accepted: z.number(),
  reuses: z.number().describe('reuse records: one per asset and use case'),
  liveUseCases: z.number().describe('use cases approved, in build, pilot or production'),
  liveUseCasesReusing: z.number(),
  reuseRate: z.number().nullable().describe('live use cases reusing at least one asset ÷ live use cases'),
  byKind: z.array(z.object({ kind: AssetKind, assets: z.number(), reuses: z.number() })),
  mostReused: z.array(z.object({ id: z.string(), name: z.string(), kind: AssetKind, reuseCount: z.number() })),
});
export type ReuseSummary = z.infer<typeof ReuseSummary>;
