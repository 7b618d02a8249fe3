import { luhnValid } from '../checksums.js';
import { type Detector, digitsOnly, findByPattern, hasDigits } from '../model.js';

const CANDIDATE = /(?<![\d.-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\d-]|\.\d)/g;
// Groupings cards are printed in: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4.
const GROUPINGS = new Set(['4,4,4,4', '4,4,4,4,3', '4,6,5', '4,6,4', '4,4,4,1', '4,4,4,4,2']);

/** Issuer prefixes (IIN ranges) and the lengths each brand issues. */
function issued(d: string): boolean {
  const n = d.length;
  const two = Number(d.slice(0, 2));
  const four = Number(d.slice(0, 4));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return n === 16;
  if (two === 34 || two === 37) return n === 15;
  if (four === 6011 || two === 65 || (four >= 6440 && four <= 6499)) return n >= 16 && n <= 19;
  if (four >= 3528 && four <= 3589) return n >= 16 && n <= 19;
  if ((four >= 3000 && four <= 3059) || two === 36 || two === 38 || two === 39) return n >= 14 && n <= 19;
  if (two === 62) return n >= 16 && n <= 19;
  return false;
}

/** Payment card numbers (PAN): a known issuer prefix and length, a printed grouping, and a valid Luhn digit. */
export const paymentCard: Detector = {
  id: 'payment-card',
  label: 'CARD',
  dataClass: { category: 'payment', sensitivity: 'restricted' },
  mayOccurIn: hasDigits,
  find(text, found) {
    findByPattern(CANDIDATE, text, found, (m) => {
      const raw = m[0];
      const digits = digitsOnly(raw);
      if (digits.length < 13 || digits.length > 19) return -1;
      if (digits.length !== raw.length) {
        const separators = new Set(raw.replace(/\d/g, ''));
        if (separators.size !== 1 || !GROUPINGS.has(raw.split(/[ -]/).map((g) => g.length).join(','))) return -1;
      }
      return issued(digits) && luhnValid(digits) ? m.index + raw.length : -1;
    });
  },
  normalize: (match) => digitsOnly(match),
};
