import { type Detector, findByPattern } from '../model.js';

// sk- keys of OpenAI (legacy, proj-, svcacct-, admin-) and Anthropic (ant-api03-, ant-admin01-).
const KEY = /(?<![\w-])sk-(?:(?:proj|svcacct|admin|ant-api\d\d|ant-admin\d\d)-)?([A-Za-z0-9_-]{20,200})(?![\w-])/g;

/** API keys of AI providers. The random part must mix digits and both cases, which words joined by dashes do not. */
export const aiProviderKey: Detector = {
  id: 'ai-provider-key',
  label: 'API_KEY',
  dataClass: { category: 'credentials', sensitivity: 'restricted' },
  mayOccurIn: (text) => text.includes('sk-'),
  find(text, found) {
    findByPattern(KEY, text, found, (m) =>
      /\d/.test(m[1]) && /[a-z]/.test(m[1]) && /[A-Z]/.test(m[1]) ? m.index + m[0].length : -1,
    );
  },
};
