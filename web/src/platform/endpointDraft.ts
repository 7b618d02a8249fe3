import { numberOr } from '../forms/draft';
import type { EndpointStatus, Provider } from './types';

/** The add-endpoint form as typed; it becomes a request body only when sent. */
export interface EndpointDraft {
  name: string;
  provider: Provider | '';
  kind: 'chat' | 'embeddings';
  baseUrl: string;
  credential: string;
  model: string;
  modelVersion: string;
  region: string;
  approvedTiers: string[];
  maxSensitivity: string;
  categories: string[];
  pricePer1kInput: string;
  pricePer1kOutput: string;
  status: EndpointStatus;
  simulatedMode: 'safe' | 'vulnerable';
  simulatedLatencyMs: string;
  simulatedErrorRate: string;
  simulatedAccuracy: string;
}

export const emptyEndpointDraft: EndpointDraft = {
  name: '',
  provider: '',
  kind: 'chat',
  baseUrl: '',
  credential: '',
  model: '',
  modelVersion: 'latest',
  region: '',
  approvedTiers: [],
  maxSensitivity: '',
  categories: [],
  pricePer1kInput: '',
  pricePer1kOutput: '',
  status: 'approved',
  simulatedMode: 'safe',
  simulatedLatencyMs: '0',
  simulatedErrorRate: '0',
  simulatedAccuracy: '0.9',
};

/** The form's fields, named by their paths in the request body. */
export const ENDPOINT_FIELDS = [
  'name', 'provider', 'kind', 'baseUrl', 'credential', 'model', 'modelVersion', 'region', 'approvedTiers',
  'allowedDataClasses', 'allowedDataClasses.maxSensitivity', 'allowedDataClasses.categories', 'pricePer1kInput', 'pricePer1kOutput', 'status',
  'simulated', 'simulated.mode', 'simulated.latencyMs', 'simulated.errorRate', 'simulated.accuracy',
] as const;

/** POST /api/v1/model-endpoints's body: optional text left empty is left out; simulation settings only for the simulated provider. */
export function toEndpointBody(d: EndpointDraft): Record<string, unknown> {
  return {
    name: d.name.trim(),
    provider: d.provider || undefined,
    kind: d.kind,
    baseUrl: d.baseUrl.trim() || undefined,
    credential: d.credential || undefined,
    model: d.model.trim(),
    modelVersion: d.modelVersion.trim() || undefined,
    region: d.region.trim(),
    approvedTiers: d.approvedTiers,
    allowedDataClasses: { maxSensitivity: d.maxSensitivity || undefined, categories: d.categories },
    pricePer1kInput: numberOr(d.pricePer1kInput),
    pricePer1kOutput: numberOr(d.pricePer1kOutput),
    status: d.status,
    simulated:
      d.provider === 'simulated'
        ? { mode: d.simulatedMode, latencyMs: numberOr(d.simulatedLatencyMs), errorRate: numberOr(d.simulatedErrorRate), accuracy: numberOr(d.simulatedAccuracy) }
        : undefined,
  };
}
