import { describe, expect, it } from 'vitest';
import { dniLetter, ibanValid, luhnValid, nhsNumberValid } from './checksums.js';

// Published examples: card-network test numbers, the IBAN registry's examples, NHS Digital's and Spain's own.
describe('check digits', () => {
  it('accepts Luhn-valid card numbers and rejects a changed digit', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '30569309025904']) {
      expect(luhnValid(n), n).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('accepts the IBAN registry examples and rejects a wrong check digit', () => {
    for (const iban of ['GB82WEST12345698765432', 'DE89370400440532013000', 'FR1420041010050500013M02606', 'NL91ABNA0417164300']) {
      expect(ibanValid(iban), iban).toBe(true);
    }
    expect(ibanValid('GB83WEST12345698765432')).toBe(false);
  });

  it('checks NHS numbers by modulus 11', () => {
    expect(nhsNumberValid('9434765919')).toBe(true);
    expect(nhsNumberValid('9434765918')).toBe(false);
  });

  it('computes the DNI and NIE control letters', () => {
    expect(dniLetter('12345678')).toBe('Z');
    expect(dniLetter('X1234567')).toBe('L');
  });
});
