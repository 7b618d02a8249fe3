import { cueBefore, type Detector, digitsOnly, findByPattern, hasDigits } from '../model.js';

const FORMATTED = /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])/g;
const BARE = /(?<![\w-])\d{9}(?![\w-])/g;
const CUES = ['ssn', 'social security', 'ss#', 'ss no'];
// Numbers the SSA published in advertising and never issued to a person.
const ADVERTISED = new Set(['078051120', '219099999']);

/** SSA rules: area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
function issuable(d: string): boolean {
  const area = Number(d.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000' && !ADVERTISED.has(d);
}

/** US Social Security numbers: 123-45-6789 anywhere; nine bare digits only after an SSN cue. */
export const usSsn: Detector = {
  id: 'us-ssn',
  label: 'SSN',
  dataClass: { category: 'personal', sensitivity: 'restricted' },
  mayOccurIn: hasDigits,
  find(text, found) {
    findByPattern(FORMATTED, text, found, (m) => (issuable(m[1] + m[3] + m[4]) ? m.index + m[0].length : -1));
    findByPattern(BARE, text, found, (m) =>
      issuable(m[0]) && cueBefore(text, m.index, CUES, 40) ? m.index + m[0].length : -1,
    );
  },
  normalize: (match) => digitsOnly(match),
};
