import { contentTerms, splitSentences } from './text.js';

/**
 * The groundedness rule. A sentence of an answer is supported when ONE passage contains
 * - at least `threshold` (default 60 %) of the sentence's distinct content words (stemmed, stopwords ignored), and
 * - every number the sentence states (so "60 days" against a passage saying "30 days" is unsupported however
 *   many words match).
 * Sentences with neither content words nor numbers ("Here it is.") are not counted either way.
 */
export const DEFAULT_SUPPORT_THRESHOLD = 0.6;

export interface Passage {
  words: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
}

export function toPassage(text: string): Passage {
  const { words, numbers } = contentTerms(text);
  return { words: new Set(words), numbers: new Set(numbers) };
}

function supportedBy(words: ReadonlySet<string>, numbers: readonly string[], passage: Passage, threshold: number): boolean {
  for (const n of numbers) if (!passage.numbers.has(n)) return false;
  if (words.size === 0) return true;
  let found = 0;
  for (const w of words) if (passage.words.has(w)) found++;
  return found / words.size >= threshold;
}

/** How many of the answer's sentences count, and how many of those one passage supports. */
export function sentenceSupport(answer: string, passages: readonly Passage[], threshold = DEFAULT_SUPPORT_THRESHOLD): { counted: number; supported: number } {
  let counted = 0;
  let supported = 0;
  for (const sentence of splitSentences(answer)) {
    const { words, numbers } = contentTerms(sentence);
    if (words.length === 0 && numbers.length === 0) continue;
    counted++;
    const distinct = new Set(words);
    if (passages.some((p) => supportedBy(distinct, numbers, p, threshold))) supported++;
  }
  return { counted, supported };
}
