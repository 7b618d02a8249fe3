import { type Detector, findByPattern } from '../model.js';

// Header and payload are base64url JSON objects, so both begin with eyJ ("{\"").
const TOKEN = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?![\w-])/g;

/** JSON Web Tokens whose header decodes to JSON naming an algorithm or type. */
export const jwt: Detector = {
  id: 'jwt',
  label: 'JWT',
  dataClass: { category: 'credentials', sensitivity: 'restricted' },
  mayOccurIn: (text) => text.includes('eyJ'),
  find(text, found) {
    findByPattern(TOKEN, text, found, (m) => {
      try {
        const header = JSON.parse(Buffer.from(m[0].slice(0, m[0].indexOf('.')), 'base64url').toString('utf8'));
        return typeof header === 'object' && header !== null && ('alg' in header || 'typ' in header) ? m.index + m[0].length : -1;
      } catch {
        return -1;
      }
    });
  },
};
