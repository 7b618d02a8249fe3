import { Dictionary } from '../dictionary.js';
import { type Detector, findByPattern } from '../model.js';
import { DIAGNOSES, MEDICATIONS, PERSONAL_HEALTH_CUES } from './health-vocabulary.js';

const TERMS = new Dictionary([...DIAGNOSES, ...MEDICATIONS]);
const CUES = new Dictionary(PERSONAL_HEALTH_CUES);
const CUE_WINDOW = 80;
// ICD-10 codes (E11.9, F32.1, J45) only count next to the word ICD or "diagnosis code".
const ICD_CODE = /(?<![\w.-])[A-TV-Z]\d{2}(?:\.\d{1,4}[A-Z]?)?(?![\w-]|\.\d)/g;
const ICD_CUE = /\bICD(?:-?1[01])?\b|diagnosis code|dx code/i;

/**
 * Health information about a person: a diagnosis or medicine with a personal cue near it ("my mother takes
 * metformin", "patient diagnosed with asthma"), or an ICD-10 code introduced as one. A term with no one attached
 * ("an article on diabetes prevention") is not personal data and is not reported.
 */
export const healthTerm: Detector = {
  id: 'health-term',
  label: 'HEALTH',
  dataClass: { category: 'health', sensitivity: 'restricted' },
  mayOccurIn: () => true,
  find(text, found) {
    TERMS.find(text, (start, end) => {
      if (CUES.occursIn(text, start - CUE_WINDOW, end + CUE_WINDOW)) found(start, end);
    });
    if (ICD_CUE.test(text)) {
      findByPattern(ICD_CODE, text, found, (m) => {
        const near = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
        return ICD_CUE.test(near) ? m.index + m[0].length : -1;
      });
    }
  },
  normalize: (match) => match.toLowerCase(),
};
