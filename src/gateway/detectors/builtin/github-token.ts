import { type Detector, findByPattern } from '../model.js';

// Classic tokens: gh + kind (p personal, o OAuth, u user-to-server, s server-to-server, r refresh) + _ + 36+ characters;
// fine-grained tokens: github_pat_ + 22 + _ + 59 characters.
const TOKEN = /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g;

/** GitHub access tokens. */
export const githubToken: Detector = {
  id: 'github-token',
  label: 'GITHUB_TOKEN',
  dataClass: { category: 'credentials', sensitivity: 'restricted' },
  mayOccurIn: (text) => /gh[pousr]_|github_pat_/.test(text),
  find: (text, found) => findByPattern(TOKEN, text, found),
};
