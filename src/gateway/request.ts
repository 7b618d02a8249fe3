import { badRequest } from './errors.js';

/** The parts of an OpenAI chat request the gateway reads; everything else passes through untouched. */
export interface ChatMessage {
  role: string;
  content?: string | { type: string; text?: string; [k: string]: unknown }[] | null;
  [k: string]: unknown;
}
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  user?: string;
  tools?: { type: string; function?: { name?: string } }[];
  metadata?: Record<string, unknown>;
  [k: string]: unknown;
}
export interface EmbeddingsRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  user?: string;
  [k: string]: unknown;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/** Checks the shape cheaply by hand (this runs on every call); the upstream validates the rest. */
export function readChatRequest(body: unknown): ChatRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_request_body', 'The request body must be a JSON object.');
  const b = body as ChatRequest;
  if (typeof b.model !== 'string' || !b.model) throw badRequest('missing_model', 'you must provide a model parameter', 'model');
  if (!Array.isArray(b.messages) || b.messages.length === 0) throw badRequest('invalid_messages', "'messages' must be a non-empty array", 'messages');
  for (let i = 0; i < b.messages.length; i++) {
    const m = b.messages[i];
    if (!m || typeof m !== 'object' || !ROLES.has(m.role)) throw badRequest('invalid_message', `messages[${i}].role must be one of ${[...ROLES].join(', ')}`, `messages[${i}].role`);
    const c = m.content;
    if (c !== undefined && c !== null && typeof c !== 'string' && !Array.isArray(c)) throw badRequest('invalid_message', `messages[${i}].content must be a string or an array of parts`, `messages[${i}].content`);
  }
  if (b.stream !== undefined && typeof b.stream !== 'boolean') throw badRequest('invalid_stream', "'stream' must be a boolean", 'stream');
  if (b.tools !== undefined && !Array.isArray(b.tools)) throw badRequest('invalid_tools', "'tools' must be an array", 'tools');
  return b;
}

export function readEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_request_body', 'The request body must be a JSON object.');
  const b = body as EmbeddingsRequest;
  if (typeof b.model !== 'string' || !b.model) throw badRequest('missing_model', 'you must provide a model parameter', 'model');
  const ok = typeof b.input === 'string' || (Array.isArray(b.input) && b.input.length > 0);
  if (!ok) throw badRequest('invalid_input', "'input' must be a string or a non-empty array", 'input');
  return b;
}

/** Every piece of text a person or tool put into the conversation, in order (what detectors scan and what is counted). */
export function* textsOf(messages: readonly ChatMessage[]): Generator<string> {
  for (const m of messages) {
    if (typeof m.content === 'string') yield m.content;
    else if (Array.isArray(m.content)) for (const part of m.content) if (part.type === 'text' && typeof part.text === 'string') yield part.text;
  }
}

/** Rewrites each text of the conversation, leaving the rest of every message as it was. */
export function mapTexts(messages: readonly ChatMessage[], fn: (text: string) => string): ChatMessage[] {
  return messages.map((m) => {
    if (typeof m.content === 'string') return { ...m, content: fn(m.content) };
    if (Array.isArray(m.content)) return { ...m, content: m.content.map((p) => (p.type === 'text' && typeof p.text === 'string' ? { ...p, text: fn(p.text) } : p)) };
    return m;
  });
}

export function embeddingTexts(input: EmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  return (input as unknown[]).filter((x): x is string => typeof x === 'string');
}
