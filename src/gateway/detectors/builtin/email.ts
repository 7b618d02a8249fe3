import type { Detector } from '../model.js';

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
// Labels of 1–63 characters, a dot between each, and an alphabetic top-level domain.
const DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

/** Email addresses. Anchored on each `@` and grown outwards, so text without `@` costs one `indexOf`. */
export const email: Detector = {
  id: 'email',
  label: 'EMAIL',
  dataClass: { category: 'personal', sensitivity: 'confidential' },
  mayOccurIn: (text) => text.includes('@'),
  find(text, found) {
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1])) start--;
      while (start < at && !/[A-Za-z0-9]/.test(text[start])) start++;
      if (start === at || text[at - 1] === '.' || text.slice(start, at).includes('..')) continue;
      DOMAIN.lastIndex = at + 1;
      const domain = DOMAIN.exec(text);
      if (domain) found(start, at + 1 + domain[0].length);
    }
  },
  normalize: (match) => match.toLowerCase(),
};
