/** Lowercase, without punctuation, symbols or the articles a/an/the, single-spaced (the SQuAD answer normalisation). */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(?:a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The tokens of a normalised answer (token F1). */
export function answerTokens(text: string): string[] {
  const normal = normalizeAnswer(text);
  return normal ? normal.split(' ') : [];
}

/** Lowercase runs of letters and digits (ROUGE-L). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Sentences: split after . ! ? followed by space, and at line breaks ("3.5" and "e.g.x" stay whole). */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
}

/** Function words that carry no claim; a sentence is judged on the words outside this list. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the and or but nor so yet of to in on at by for from with within without into onto over under about after before ' +
    'as than then that this these those there here it its it\'s is are was were be been being am do does did done have has had ' +
    'having can could may might must shall should will would i you he she we they me him her us them my your his our their ' +
    'mine yours what which who whom whose when where why how all any both each few more most other some such no not only own ' +
    'same too very just also if because while until up down out off again further once per via get gets got').split(' '),
);

/**
 * Strips common English inflections so "refunds", "refunded" and "refunding" meet "refund", and "delivered" meets
 * "delivery": drop -ies/-ing/-ed/-s, then a final e or y, then undouble a final consonant. Deliberately crude, but
 * applied alike to answers and passages.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && (w.endsWith('e') || w.endsWith('y'))) w = w.slice(0, -1);
  const last = w[w.length - 1];
  if (w.length > 3 && last === w[w.length - 2] && !'aeiou'.includes(last)) w = w.slice(0, -1);
  return w;
}

/** A number as written, without thousands separators or a trailing ".0": "1,200" and "1200.0" are both "1200". */
export function normalizeNumber(raw: string): string {
  return raw.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(/\.0+$/, '');
}

/** The claim-bearing terms of a text: stemmed content words and normalised numbers. */
export function contentTerms(text: string): { words: string[]; numbers: string[] } {
  const lower = text.toLowerCase();
  const numbers = (lower.match(/\d+(?:[.,]\d+)*/g) ?? []).map(normalizeNumber);
  const words: string[] = [];
  for (const word of lower.match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? []) {
    if (word.length > 1 && !STOPWORDS.has(word)) words.push(stem(word));
  }
  return { words, numbers };
}
