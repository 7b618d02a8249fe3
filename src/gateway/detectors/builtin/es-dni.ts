import { dniLetter } from '../checksums.js';
import { type Detector, findByPattern, hasDigits } from '../model.js';

const CANDIDATE = /(?<![\w-])([XYZ]\d{7}|\d{8})-?([A-Z])(?![\w-])/g;

/** Spanish DNI (8 digits) and NIE (X/Y/Z + 7 digits) with their mod-23 control letter. */
export const esDni: Detector = {
  id: 'es-dni',
  label: 'DNI',
  dataClass: { category: 'personal', sensitivity: 'restricted' },
  mayOccurIn: hasDigits,
  find(text, found) {
    findByPattern(CANDIDATE, text, found, (m) => (dniLetter(m[1]) === m[2] ? m.index + m[0].length : -1));
  },
  normalize: (match) => match.replace('-', ''),
};
