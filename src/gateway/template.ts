import { renderTemplate } from '../releases/prompts.js';
import type { ReleaseTarget } from './context.js';
import { badRequest } from './errors.js';
import type { ChatMessage } from './request.js';

/** The release's prompt template goes first, filled from metadata values the application sends. */
export function withTemplate(target: ReleaseTarget, messages: ChatMessage[], metadata: Record<string, string>): ChatMessage[] {
  if (!target.system) return messages;
  const { text, missing } = renderTemplate(target.system, metadata);
  if (missing.length) throw badRequest('missing_prompt_variables', `The release's prompt template needs metadata values for: ${missing.join(', ')}.`, 'metadata');
  return [{ role: 'system', content: text }, ...messages];
}

/** The string values of a request's metadata: template variables and hints such as retrieval sources. */
export function stringMetadata(m: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (m && typeof m === 'object') for (const [k, v] of Object.entries(m)) if (typeof v === 'string') out[k] = v;
  return out;
}
