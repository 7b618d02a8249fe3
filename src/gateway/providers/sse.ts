import { UpstreamError } from './errors.js';
import type { SseEvent } from './model.js';

/** Longest event (or unterminated line) accepted; a stream that never sends a blank line cannot grow memory forever. */
export const MAX_EVENT_CHARS = 1_048_576;

/**
 * Parses a server-sent event stream (WHATWG HTML §9.2) from raw bytes: LF, CRLF or CR line ends, split anywhere
 * (even inside a UTF-8 character), comments, multi-line data. An event left unterminated at the end of the stream is
 * still delivered, so a truncated JSON payload fails loudly in the caller instead of disappearing.
 */
export async function* parseSse(source: AsyncIterable<Uint8Array>, maxEventChars = MAX_EVENT_CHARS): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let event = '';
  let data: string | undefined;
  let skipLf = false; // the last chunk ended in CR: a leading LF belongs to that line end

  function* lines(text: string, final: boolean): Generator<SseEvent> {
    pending += text;
    let at = 0;
    if (skipLf && pending.charCodeAt(0) === 10) at = 1;
    skipLf = false;
    for (;;) {
      let end = at;
      while (end < pending.length && pending.charCodeAt(end) !== 10 && pending.charCodeAt(end) !== 13) end++;
      if (end >= pending.length && (!final || at >= pending.length)) break;
      const line = pending.slice(at, end);
      if (pending.charCodeAt(end) === 13) {
        if (end + 1 === pending.length) skipLf = true;
        else if (pending.charCodeAt(end + 1) === 10) end++;
      }
      at = end + 1;
      if (line === '') {
        if (data !== undefined) yield { event: event || 'message', data };
        event = '';
        data = undefined;
      } else if (line.charCodeAt(0) !== 58) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
        if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
        else if (field === 'event') event = value;
        if ((data?.length ?? 0) > maxEventChars) throw tooLong(maxEventChars);
      }
    }
    pending = pending.slice(at);
    if (pending.length > maxEventChars) throw tooLong(maxEventChars);
  }

  for await (const bytes of source) yield* lines(decoder.decode(bytes, { stream: true }), false);
  yield* lines(decoder.decode(), true);
  if (data !== undefined) yield { event: event || 'message', data };
}

function tooLong(max: number): UpstreamError {
  return new UpstreamError('malformed', `the upstream sent a stream event longer than ${max} characters`);
}
