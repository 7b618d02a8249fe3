import { cueBefore, type Detector, digitsOnly, findByPattern, hasDigits } from '../model.js';

// International: + or 00, a country code, then groups separated by space, dot, dash or parentheses.
const INTERNATIONAL = /(?<![\w+])(?:\+|00)[1-9]\d{0,3}(?:[ .-]?\(?\d{1,5}\)?){1,6}(?![\w-]|\.\d)/g;
// National: NANP (415) 555-0132 / 415.555.0132, or trunk 0 + area code + subscriber groups (020 7946 0958,
// 01 23 45 67 89, 030 12345678). Not when the digits carry on in a longer run of groups (an account number).
const NATIONAL =
  /(?<![\w+.-]|\d[ .-])(?:\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}|\(?0[1-9]\d{0,3}\)?[ -]\d{2,8}(?:[ -]\d{2,4}){0,3})(?![\w-]|[ .]\d)/g;
// Identifiers written like national numbers; after these words the digits are not a phone number.
const NOT_PHONE_CUES = ['nhs', 'ssn', 'account', 'order', 'invoice', 'ticket', 'case', 'serial', 'isbn', 'ref'];
// Two-digit prefixes no country calling code starts with.
const UNASSIGNED = new Set(['28', '83', '89']);

/** Telephone numbers in international (E.164-like, 8–15 digits) and common national written formats. */
export const phone: Detector = {
  id: 'phone',
  label: 'PHONE',
  dataClass: { category: 'personal', sensitivity: 'confidential' },
  mayOccurIn: hasDigits,
  find(text, found) {
    findByPattern(INTERNATIONAL, text, found, (m) => {
      const digits = digitsOnly(m[0]).replace(/^00/, '');
      return digits.length >= 8 && digits.length <= 15 && !UNASSIGNED.has(digits.slice(0, 2)) ? m.index + m[0].length : -1;
    });
    findByPattern(NATIONAL, text, found, (m) => {
      const count = digitsOnly(m[0]).length;
      const plausible = count >= 9 && count <= 12 && !cueBefore(text, m.index, NOT_PHONE_CUES, 24);
      return plausible ? m.index + m[0].length : -1;
    });
  },
  normalize: (match) => digitsOnly(match),
};
