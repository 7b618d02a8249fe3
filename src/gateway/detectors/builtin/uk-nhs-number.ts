import { nhsNumberValid } from '../checksums.js';
import { cueBefore, type Detector, digitsOnly, findByPattern } from '../model.js';

const CANDIDATE = /(?<![\w-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w-])/g;
// Ten digits in 3-3-4 look like a US phone number, so an NHS cue must come first.
const CUES = ['nhs', 'patient number', 'chi number'];

/** UK NHS numbers: ten digits with the mod-11 check digit, introduced by an NHS cue. */
export const ukNhsNumber: Detector = {
  id: 'uk-nhs-number',
  label: 'NHS_NUMBER',
  dataClass: { category: 'health', sensitivity: 'restricted' },
  mayOccurIn: (text) => /nhs|patient number|chi number/i.test(text),
  find(text, found) {
    findByPattern(CANDIDATE, text, found, (m) =>
      nhsNumberValid(digitsOnly(m[0])) && cueBefore(text, m.index, CUES, 48) ? m.index + m[0].length : -1,
    );
  },
  normalize: (match) => digitsOnly(match),
};
