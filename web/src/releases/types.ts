import type { Environment } from '../gateway/types';

export interface ReleaseParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  timeoutMs: number;
  retries: number;
  allowedTools: string[];
}

/** A release: a model endpoint, a prompt version and parameters, bound to one use case. */
export interface Release {
  id: string;
  useCaseId: string;
  name: string;
  endpointId: string;
  fallbackEndpointIds: string[];
  promptVersionId: string | null;
  params: ReleaseParams;
  createdBy: string;
  createdAt: string;
}

/** What an environment runs: the active release, the one a rollback returns to, and a canary with its share. */
export interface Slot {
  environment: Environment;
  activeReleaseId: string | null;
  previousReleaseId: string | null;
  canaryReleaseId: string | null;
  canaryWeight: number;
  updatedAt: string | null;
  version: number;
}

export interface PromptVersion {
  id: string;
  templateId: string;
  version: number;
  system: string;
  variables: string[];
  changeNote: string;
  contentHash: string;
  createdBy: string;
  createdAt: string;
}

export interface PromptTemplate {
  id: string;
  name: string;
  ownerId: string | null;
  useCaseId: string | null;
  createdAt: string;
  versions: PromptVersion[];
}
