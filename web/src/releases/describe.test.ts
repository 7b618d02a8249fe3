import { describe, expect, it } from 'vitest';
import type { ModelEndpoint } from '../platform/types';
import { describeRelease, ineligibility, paramsLabel, variablesOf } from './describe';
import type { PromptTemplate, Release } from './types';

const endpoint = (patch: Partial<ModelEndpoint>) => ({ id: 'ep_1', name: 'gpt-eu', kind: 'chat', status: 'approved', approvedTiers: ['high', 'limited'], ...patch }) as ModelEndpoint;
const templates = [{ id: 'pt_1', name: 'Claims summary', versions: [{ id: 'pv_2', version: 2 }, { id: 'pv_1', version: 1 }] }] as PromptTemplate[];
const release = { id: 'rel_1', name: 'r1', endpointId: 'ep_1', fallbackEndpointIds: ['ep_2'], promptVersionId: 'pv_2', params: { timeoutMs: 60_000, retries: 1, allowedTools: [] } } as unknown as Release;

describe('describing a release', () => {
  it('names its model, fallbacks, prompt version and parameters', () => {
    expect(describeRelease(release, [endpoint({}), endpoint({ id: 'ep_2', name: 'claude-eu' })], templates)).toEqual({
      model: 'gpt-eu, falling back to claude-eu',
      prompt: 'Claims summary v2',
      params: 'timeout 60 s · 1 retry · no tools',
    });
  });

  it('lists only the parameters that were set', () => {
    expect(paramsLabel({ temperature: 0.2, max_tokens: 1200, timeoutMs: 30_000, retries: 2, allowedTools: ['lookup_policy'] })).toBe('temperature 0.2 · max 1,200 tokens · timeout 30 s · 2 retries · tools lookup_policy');
  });
});

describe('which endpoints a release may use', () => {
  it('an approved chat endpoint approved for the tier', () => {
    expect(ineligibility(endpoint({}), 'high')).toBeUndefined();
  });

  it('says why any other cannot', () => {
    expect(ineligibility(endpoint({ kind: 'embeddings' }), 'high')).toBe('embeddings, not chat');
    expect(ineligibility(endpoint({ status: 'deprecated' }), 'high')).toBe('deprecated');
    expect(ineligibility(endpoint({}), 'critical')).toBe('not approved for critical risk');
  });
});

describe("a prompt's variables", () => {
  it('are its {{placeholders}}, each once', () => {
    expect(variablesOf('Summarise {{ claim }} for {{team}}; cite {{claim}}.')).toEqual(['claim', 'team']);
  });
});
