/** One message of a held request, as a reviewer reads it. */
export interface ReadableMessage {
  role: string;
  text: string;
}

const partText = (part: unknown): string => {
  if (typeof part === 'string') return part;
  if (part && typeof part === 'object') {
    const p = part as Record<string, unknown>;
    if (typeof p.text === 'string') return p.text;
    if (p.type === 'image_url') return '[image]';
  }
  return JSON.stringify(part);
};

/**
 * The messages the model saw (after redaction), whatever shape the client sent them in: text content, content parts,
 * or a tool call. Null when the payload is gone (purged under the logging policy) or is not a list of messages.
 */
export function readableMessages(request: unknown): ReadableMessage[] | null {
  if (!Array.isArray(request)) return null;
  return request.map((m) => {
    if (!m || typeof m !== 'object') return { role: 'unknown', text: JSON.stringify(m) };
    const msg = m as Record<string, unknown>;
    const role = typeof msg.role === 'string' ? msg.role : 'unknown';
    const content = msg.content;
    const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map(partText).join('\n') : content == null && msg.tool_calls ? JSON.stringify(msg.tool_calls) : JSON.stringify(content ?? '');
    return { role, text };
  });
}
