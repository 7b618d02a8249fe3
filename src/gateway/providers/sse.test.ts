import { describe, expect, it } from 'vitest';
import { UpstreamError } from './errors.js';
import { bytePieces } from './fixtures/fixture-server.js';
import type { SseEvent } from './model.js';
import { parseSse } from './sse.js';

async function* from(pieces: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

async function collect(pieces: Buffer[], max?: number): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSse(from(pieces), max)) events.push(event);
  return events;
}

const stream = ': comment\r\nevent: message_start\r\ndata: {"a":1}\r\n\r\ndata: line one\ndata: line two\n\ndata:no-space\rdata: héllo 😀\r\rid: 7\nretry: 10\n\n';
const expected: SseEvent[] = [
  { event: 'message_start', data: '{"a":1}' },
  { event: 'message', data: 'line one\nline two' },
  { event: 'message', data: 'no-space\nhéllo 😀' },
];

describe('parseSse', () => {
  it('parses CRLF, LF and CR line ends, comments and multi-line data, split at every byte', async () => {
    for (let size = 1; size <= Buffer.byteLength(stream); size++) {
      expect(await collect(bytePieces(stream, size)), `pieces of ${size} bytes`).toEqual(expected);
    }
  });

  it('delivers an event left unterminated at the end, so a truncated payload fails in its reader', async () => {
    expect(await collect([Buffer.from('data: {"id":"x","cho')])).toEqual([{ event: 'message', data: '{"id":"x","cho' }]);
  });

  it('rejects an event that never ends instead of growing without bound', async () => {
    const endless = Array.from({ length: 50 }, () => Buffer.from('x'.repeat(100)));
    await expect(collect([Buffer.from('data: '), ...endless], 1_000)).rejects.toBeInstanceOf(UpstreamError);
    await expect(collect(endless, 1_000)).rejects.toThrow(/longer than 1000 characters/);
  });
});
