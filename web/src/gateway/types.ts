export const ENVIRONMENTS = ['pilot', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** A gateway key as listed (never its secret). */
export interface GatewayKey {
  id: string;
  useCaseId: string;
  environment: Environment;
  name: string;
  prefix: string;
  ownerId: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedTo: string | null;
}

/** A key as issued or rotated: the only answer that carries its secret. */
export interface IssuedKey extends GatewayKey {
  key: string;
}

/** One policy decision a call passed through, as the gateway recorded it. */
export interface Decision {
  control: string;
  outcome: 'allow' | 'deny' | 'redact' | 'route' | 'review' | 'block';
  detail?: string;
}

/** One gateway call as the live traffic view lists it (metadata only, never the payloads). */
export interface GatewayCall {
  id: string;
  at: string;
  kind: string;
  outcome: string;
  httpStatus: number;
  errorCode: string | null;
  releaseId: string | null;
  endpointId: string | null;
  environment: string | null;
  latencyMs: number;
  ttftMs: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  endUser: { id: string | null; role: string | null; verified: boolean };
  caseId: string | null;
  dataClasses: { sensitivity: string; categories: string[] } | null;
  redactions: number;
  decisions: Decision[] | null;
  reviewId: string | null;
  streamed: boolean;
  ledgered: boolean;
}

/** The proof that a call's record is present and unmodified: record hash → Merkle path → ledger anchor. */
export interface CallProof {
  eventId: string;
  recordHash: string;
  recordIntact: boolean;
  batchId: string | null;
  merkleRoot: string | null;
  path: { sibling: string; side: 'left' | 'right' }[];
  inBatch: boolean;
  ledgerSeq: number | null;
  anchored: boolean;
}
