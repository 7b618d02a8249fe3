import { ibanValid } from '../checksums.js';
import { type Detector, findByPattern, hasDigits } from '../model.js';

// Registered IBAN lengths (SWIFT IBAN registry) for the countries an enterprise most often meets.
const LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AT: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FO: 18, FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, KW: 30,
  KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, MU: 30, NL: 18, NO: 15, PL: 28, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29,
};

const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}/g;

/**
 * International bank account numbers: the country's registered length and the mod-97 check. The candidate may run on
 * into a following word ("… 32 TO"), so it is cut to the registered length before checking.
 */
export const iban: Detector = {
  id: 'iban',
  label: 'IBAN',
  dataClass: { category: 'payment', sensitivity: 'restricted' },
  mayOccurIn: hasDigits,
  find(text, found) {
    findByPattern(CANDIDATE, text, found, (m) => {
      const length = LENGTHS[m[0].slice(0, 2)];
      if (!length) return -1;
      let compact = '';
      let end = 0;
      while (end < m[0].length && compact.length < length) {
        if (m[0][end] !== ' ') compact += m[0][end];
        end++;
      }
      if (compact.length !== length || /[A-Za-z0-9]/.test(m[0][end] ?? text[m.index + end] ?? '')) return -1;
      return ibanValid(compact) ? m.index + end : -1;
    });
  },
  normalize: (match) => match.replace(/ /g, ''),
};
