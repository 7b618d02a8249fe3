import { type Detector, findByPattern, hasDigits } from '../model.js';

// First letter not D F I Q U V; second not D F I O Q U V; suffix A–D.
const CANDIDATE = /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** UK National Insurance numbers (HMRC format rules: allowed prefix letters and suffix). */
export const ukNino: Detector = {
  id: 'uk-nino',
  label: 'NINO',
  dataClass: { category: 'personal', sensitivity: 'restricted' },
  mayOccurIn: hasDigits,
  find(text, found) {
    findByPattern(CANDIDATE, text, found, (m) => (NEVER_ISSUED.has(m[1]) ? -1 : m.index + m[0].length));
  },
  normalize: (match) => match.replace(/ /g, ''),
};
