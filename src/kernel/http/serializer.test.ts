import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { page } from './pagination.js';
import { compileSerializer, utf8Payload } from './serializer.js';

const Item = z.object({
  id: z.string(),
  note: z.string().nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  stage: z.enum(['intake', 'pilot']),
  due: z.iso.date().optional(),
  score: z.object({ score: z.number(), parts: z.array(z.object({ factor: z.string(), weight: z.number() })) }).nullable(),
  tags: z.array(z.string()),
});
const Page = page(Item);
const viaZod = (value: unknown) => JSON.parse(JSON.stringify(z.encode(Page, value as z.output<typeof Page>)));

describe('compiled response serializer', () => {
  const serialize = compileSerializer(Page);
  const items = [
    { id: 'a', note: null, owner: null, stage: 'intake', score: null, tags: [] },
    { id: 'b', note: 'Reduce time from 40 min to 28 min (−30%) "quoted" \\ \n', owner: { id: 'u', name: 'Zoë' }, stage: 'pilot', due: '2027-01-31', score: { score: 69.5, parts: [{ factor: 'impact', weight: 0.5 }] }, tags: ['genai', 'x'] },
  ];

  it('writes what zod encoding and JSON.stringify wrote: nulls, nested objects, optional fields, escapes, non-ASCII', () => {
    const value = { items, nextCursor: 'abc' };
    expect(JSON.parse(serialize(value))).toEqual(viaZod(value));
    expect(JSON.parse(serialize({ items: [], nextCursor: null }))).toEqual({ items: [], nextCursor: null });
  });

  it('keeps dates as the strings they are', () => {
    expect(serialize({ items: [items[1]], nextCursor: null })).toContain('"due":"2027-01-31"');
  });

  it('drops properties the schema does not name, as zod did', () => {
    const leaky = { ...items[1], tenantId: 'tn_other', owner: { id: 'u', name: 'Zoë', email: 'zoe@example.test' }, score: { ...items[1].score, secret: 1 } };
    const out = JSON.parse(serialize({ items: [leaky], nextCursor: null }));
    expect(out.items[0]).not.toHaveProperty('tenantId');
    expect(out.items[0].owner).toEqual({ id: 'u', name: 'Zoë' });
    expect(out.items[0].score).not.toHaveProperty('secret');
  });

  it('fails rather than writing a page that lacks a required property', () => {
    const { id: _, ...noId } = items[0];
    expect(() => serialize({ items: [noId], nextCursor: null })).toThrow(/id/);
  });

  it('refuses schemas with transforms, which have no single output form', () => {
    expect(() => compileSerializer(z.object({ n: z.string().transform((s) => s.length) }))).toThrow();
  });

  it('hands the socket UTF-8 bytes, so Content-Length counts bytes', async () => {
    const body = (await utf8Payload(undefined, undefined, '{"n":"−30 %"}')) as Buffer;
    expect(Buffer.isBuffer(body)).toBe(true);
    expect(body.toString('utf8')).toBe('{"n":"−30 %"}');
    expect(body.length).toBe(Buffer.byteLength('{"n":"−30 %"}'));
    const stream = { pipe() {} };
    expect(await utf8Payload(undefined, undefined, stream)).toBe(stream);
  });
});
