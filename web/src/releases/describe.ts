import type { ModelEndpoint } from '../platform/types';
import type { Tier } from '../portfolio/vocabulary';
import type { PromptTemplate, Release, ReleaseParams } from './types';

/** The prompt version a release uses, as people name it: "Claims triage v3". */
export function promptLabel(promptVersionId: string | null, templates: readonly PromptTemplate[]): string {
  if (!promptVersionId) return 'No prompt template';
  for (const t of templates) {
    const v = t.versions.find((x) => x.id === promptVersionId);
    if (v) return `${t.name} v${v.version}`;
  }
  return promptVersionId;
}

/** A release's parameters in one line, leaving out what was not set. */
export function paramsLabel(p: ReleaseParams): string {
  const parts = [
    p.temperature !== undefined && `temperature ${p.temperature}`,
    p.top_p !== undefined && `top_p ${p.top_p}`,
    p.max_tokens !== undefined && `max ${p.max_tokens.toLocaleString()} tokens`,
    `timeout ${p.timeoutMs / 1000} s`,
    `${p.retries} ${p.retries === 1 ? 'retry' : 'retries'}`,
    p.allowedTools.length ? `tools ${p.allowedTools.join(', ')}` : 'no tools',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What a release is made of, in words. */
export function describeRelease(r: Release, endpoints: readonly ModelEndpoint[], templates: readonly PromptTemplate[]) {
  const name = (id: string) => endpoints.find((e) => e.id === id)?.name ?? id;
  return {
    model: `${name(r.endpointId)}${r.fallbackEndpointIds.length ? `, falling back to ${r.fallbackEndpointIds.map(name).join(', ')}` : ''}`,
    prompt: promptLabel(r.promptVersionId, templates),
    params: paramsLabel(r.params),
  };
}

/**
 * Why an endpoint cannot serve a release of a use case of this tier, or undefined when it may (the API also checks the
 * use case's data classes, and says so at the field if they do not fit).
 */
export function ineligibility(ep: ModelEndpoint, tier: Tier | null): string | undefined {
  if (ep.kind !== 'chat') return 'embeddings, not chat';
  if (ep.status !== 'approved') return ep.status;
  if (tier && !ep.approvedTiers.includes(tier)) return `not approved for ${tier} risk`;
  return undefined;
}

/** The {{variables}} a prompt uses, in order of first use; the API requires exactly these to be declared. */
export function variablesOf(system: string): string[] {
  return [...new Set([...system.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]))];
}
