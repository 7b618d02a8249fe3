import { isIPv6 } from 'node:net';
import { cueBefore, type Detector, findByPattern, type SpanSink } from '../model.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const V4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
// Dotted quads after these words are version numbers, not addresses.
const VERSION_CUES = ['version', 'ver.', 'release', 'build', 'firmware'];

const isV6Char = (c: number): boolean => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** IPv6: anchored on each colon and grown over hex digits, colons and dots, then checked by node:net. */
function findV6(text: string, found: SpanSink): void {
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let start = colon;
    while (start > 0 && isV6Char(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && isV6Char(text.charCodeAt(end))) end++;
    while (end > colon + 1 && text[end - 1] === '.') end--; // a sentence's full stop
    colon = end;
    if ((start > 0 && isWordChar(text.charCodeAt(start - 1))) || (end < text.length && isWordChar(text.charCodeAt(end)))) continue;
    const candidate = text.slice(start, end);
    const complete = candidate.includes('::') || candidate.split(':').length === 8;
    if (complete && /\d/.test(candidate) && isIPv6(candidate)) found(start, end);
  }
}

/** IPv4 and IPv6 addresses (personal data under GDPR when they identify a device or person). */
export const ipAddress: Detector = {
  id: 'ip-address',
  label: 'IP',
  dataClass: { category: 'personal', sensitivity: 'internal' },
  mayOccurIn: (text) => text.includes('.') || text.includes(':'),
  find(text, found) {
    findByPattern(V4, text, found, (m) => (cueBefore(text, m.index, VERSION_CUES, 12) ? -1 : m.index + m[0].length));
    findV6(text, found);
  },
  normalize: (match) => match.toLowerCase(),
};
