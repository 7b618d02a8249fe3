import type { Detector } from '../model.js';

const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----/g;
// The lines of a PEM body: base64, or the RFC 1421 headers of encrypted keys (DEK-Info is followed by a blank line).
const BODY = /(?:\r?\n(?:[A-Za-z0-9+/=]+|Proc-Type:[^\n]*|DEK-Info:[^\n]*\r?\n))*/y;

/**
 * PEM private key blocks, from BEGIN to the matching END. A block without its END (pasted truncated, or still arriving
 * on a stream) runs over the body lines that follow, so the whole key is covered either way.
 */
export const privateKey: Detector = {
  id: 'private-key',
  label: 'PRIVATE_KEY',
  dataClass: { category: 'credentials', sensitivity: 'restricted' },
  mayOccurIn: (text) => text.includes('PRIVATE KEY-----'),
  find(text, found) {
    BEGIN.lastIndex = 0;
    for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
      const endMarker = `-----END ${m[1]}PRIVATE KEY-----`;
      const end = text.indexOf(endMarker, BEGIN.lastIndex);
      if (end !== -1) {
        found(m.index, end + endMarker.length);
        BEGIN.lastIndex = end + endMarker.length;
        continue;
      }
      BODY.lastIndex = BEGIN.lastIndex;
      BODY.exec(text);
      found(m.index, BODY.lastIndex);
      BEGIN.lastIndex = Math.max(BEGIN.lastIndex, BODY.lastIndex);
    }
  },
};
