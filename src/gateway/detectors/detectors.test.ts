import { describe, expect, it } from 'vitest';
import { Scanner } from './scanner.js';

const scanner = new Scanner();
const found = (text: string) => scanner.scan(text).map((f) => [f.detector, text.slice(f.start, f.end)]);

describe('built-in detectors', () => {
  it.each([
    ['mail jane.doe+hr@example.co.uk today.', 'email', 'jane.doe+hr@example.co.uk'],
    ['call +44 (0)20 7946 0958 now', 'phone', '+44 (0)20 7946 0958'],
    ['call (415) 555-0132', 'phone', '(415) 555-0132'],
    ['card 4111-1111-1111-1111 exp 12/29', 'payment-card', '4111-1111-1111-1111'],
    ['amex 3782 822463 10005', 'payment-card', '3782 822463 10005'],
    ['IBAN GB82 WEST 1234 5698 7654 32 TO pay', 'iban', 'GB82 WEST 1234 5698 7654 32'],
    ['ssn 123-45-6789', 'us-ssn', '123-45-6789'],
    ['social security number 123456789', 'us-ssn', '123456789'],
    ['NI number AB 12 34 56 C', 'uk-nino', 'AB 12 34 56 C'],
    ['NHS number 943 476 5919', 'uk-nhs-number', '943 476 5919'],
    ['DNI 12345678-Z', 'es-dni', '12345678-Z'],
    ['from 203.0.113.7.', 'ip-address', '203.0.113.7'],
    ['from 2001:db8::ff00:42:8329.', 'ip-address', '2001:db8::ff00:42:8329'],
    ['key AKIAIOSFODNN7EXAMPLE', 'aws-access-key', 'AKIAIOSFODNN7EXAMPLE'],
    ['my mother takes metformin daily', 'health-term', 'metformin'],
    ['ICD-10 E11.9 on the claim', 'health-term', 'E11.9'],
  ])('finds %s', (text, detector, value) => {
    expect(found(text)).toContainEqual([detector, value]);
  });

  it.each([
    ['a version, not an address', 'upgrade to version 4.2.1.0'],
    ['a UUID', 'id 123e4567-e89b-12d3-a456-426614174000'],
    ['a date and a time', 'on 2024-01-15 at 10:30:45'],
    ['a number failing Luhn', 'card 4111 1111 1111 1112'],
    ['an IBAN failing mod-97', 'GB83 WEST 1234 5698 7654 32'],
    ['an SSN in a never-issued area', '666-12-3456'],
    ['a C++ scope', 'std::vector and a::b'],
    ['a public key', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----'],
    ['a health topic with no one attached', 'write an article about diabetes prevention'],
    ['words joined by dashes after sk-', 'use sk-learn-and-numpy-for-the-whole-pipeline'],
  ])('ignores %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });

  it('covers a PEM private key from BEGIN to END, and a truncated one to the end of its body', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc+/=\n-----END RSA PRIVATE KEY-----';
    expect(found(`key:\n${key}\nthanks`)).toEqual([['private-key', key]]);
    expect(found('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0\nAAECggEBAK\n\nplease fix')).toEqual([
      ['private-key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0\nAAECggEBAK'],
    ]);
  });

  it('accepts a JWT only when its header decodes to JSON with alg or typ', () => {
    const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(found(`Bearer ${token}`)).toEqual([['jwt', token]]);
  });

  it('reports the class, span and a stable hash that ignores formatting', () => {
    const keyed = new Scanner({ hashKey: 'tenant-secret' });
    const [spaced] = keyed.scan('card 4111 1111 1111 1111');
    const [compact] = keyed.scan('card 4111111111111111');
    expect(spaced).toMatchObject({ detector: 'payment-card', label: 'CARD', category: 'payment', sensitivity: 'restricted', start: 5, end: 24 });
    expect(spaced.hash).toBe(compact.hash);
    expect(spaced.hash).not.toBe(scanner.scan('card 4111111111111111')[0].hash);
  });

  it('lets a more sensitive finding win an overlap and merges equally sensitive ones', () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    expect(found(`https://${token}@github.com/acme/repo`)).toEqual([['github-token', token]]);
  });

  it('leaves out disabled detectors', () => {
    expect(new Scanner({ disabled: ['ip-address'] }).scan('from 203.0.113.7')).toEqual([]);
  });
});
