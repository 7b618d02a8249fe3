import { countTokens, decode, encode } from 'gpt-tokenizer';
import type { ChatCompletionRequest, ChatMessage } from './wire.js';

// OpenAI's chat format adds about three tokens per message and three to prime the answer.
const PER_MESSAGE = 3;
const PRIMING = 3;

export function messageText(message: ChatMessage): string {
  const content = message.content;
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((p) => ('text' in p && typeof p.text === 'string' ? p.text : '')).join('') : '';
  const calls = message.role === 'assistant' ? (message.tool_calls ?? []).map((c) => c.function.name + c.function.arguments).join('') : '';
  return text + calls;
}

export const countTextTokens = (text: string): number => countTokens(text);

/** Prompt tokens of a chat request with the o200k tokenizer (GPT-4o and later): an estimate for other models. */
export function countPromptTokens(request: ChatCompletionRequest): number {
  let tokens = PRIMING;
  for (const message of request.messages) tokens += PER_MESSAGE + countTokens(messageText(message));
  if (request.tools?.length) tokens += countTokens(JSON.stringify(request.tools));
  return tokens;
}

/** Splits text at token boundaries into pieces of `tokensPerPiece` tokens, as a model streams it. */
export function tokenPieces(text: string, tokensPerPiece: number): string[] {
  const tokens = encode(text);
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i += tokensPerPiece) pieces.push(decode(tokens.slice(i, i + tokensPerPiece)));
  return pieces;
}

/** The first `limit` tokens of a text. */
export function firstTokens(text: string, limit: number): string {
  return decode(encode(text).slice(0, limit));
}
