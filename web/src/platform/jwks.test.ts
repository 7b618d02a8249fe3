import { describe, expect, it } from 'vitest';
import { readJwks } from './jwks';

const rsa = { kty: 'RSA', kid: 'app-2026', use: 'sig', alg: 'RS256', n: 'sXch', e: 'AQAB' };

describe('reading a JWKS as it is typed', () => {
  it('takes an empty text as no key set', () => {
    expect(readJwks('  ')).toEqual({ value: null, problems: [] });
  });

  it('accepts public keys', () => {
    expect(readJwks(JSON.stringify({ keys: [rsa] }))).toEqual({ value: { keys: [rsa] }, problems: [] });
  });

  it('says where the JSON breaks', () => {
    expect(readJwks('{"keys": [')?.problems[0]).toMatch(/^not valid JSON: /);
  });

  it('names every problem of the set', () => {
    expect(readJwks(JSON.stringify({ keys: [{ kid: 7 }, { ...rsa, d: 'secret', p: 'x' }], issuer: 'x' })).problems).toEqual([
      'only "keys" is allowed at the top level, not "issuer"',
      'key 1 needs "kty" (the key type, e.g. "RSA" or "EC")',
      'key 1: "kid" must be text',
      'key 2 holds private key material ("d", "p"); paste the public keys only',
    ]);
    expect(readJwks('{"keys": []}').problems).toEqual(['"keys" needs at least one key']);
    expect(readJwks('[1]').problems).toEqual(['must be a JSON object with a "keys" list']);
  });
});
