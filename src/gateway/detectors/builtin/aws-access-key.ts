import { type Detector, findByPattern } from '../model.js';

// AWS key ids: a four-letter kind prefix (AKIA long-term, ASIA temporary, …) and 16 upper-case letters or digits
// (recent ids are base 32, older ones, like AWS's own documentation example, are not).
const KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])/g;

/** AWS access key ids. */
export const awsAccessKey: Detector = {
  id: 'aws-access-key',
  label: 'AWS_KEY',
  dataClass: { category: 'credentials', sensitivity: 'restricted' },
  mayOccurIn: (text) => /A[KSBCIRGN][IPNC]A/.test(text),
  find: (text, found) => findByPattern(KEY_ID, text, found),
};
