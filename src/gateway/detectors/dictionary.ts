import type { SpanSink } from './model.js';

interface Phrase {
  words: string[];
}

/** Per UTF-16 code unit: 0 for a separator, else the unit itself with ASCII letters lower-cased (other letters match as written). */
const FOLD = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c > 127 ? c : 0;

const FNV_OFFSET = 0x811c9dc5;
// FNV-1a step, kept within 30 bits so the hash stays a small integer (no heap number per word).
const step = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193) & 0x3fffffff;

function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = step(h, word.charCodeAt(i));
  return h;
}

function sameWord(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (FOLD[text.charCodeAt(start + i)] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Whole-word phrase matching (ASCII case-insensitive) in one pass without allocating: each word of the text is hashed as it
 * is read and looked up among the first words of the phrases; only a hit is compared character by character.
 * Words of a phrase may be separated by up to three non-word characters ("Crohn's disease", "type-2 diabetes").
 */
export class Dictionary {
  private readonly byFirstWord = new Map<number, Phrase[]>();
  /** One bit per first-word hash (mod the filter size): most words of a text miss here without a Map lookup. */
  private readonly filter: Uint8Array;
  private readonly filterMask: number;

  constructor(terms: readonly string[]) {
    const bits = 2 ** Math.max(12, Math.min(23, Math.ceil(Math.log2(terms.length * 32 + 1))));
    this.filter = new Uint8Array(bits / 8);
    this.filterMask = bits - 1;
    for (const term of terms) {
      const words = term.toLowerCase().split(/[^a-z0-9\u0080-\uffff]+/).filter(Boolean);
      if (words.length === 0) continue;
      const key = wordHash(words[0]);
      const phrases = this.byFirstWord.get(key) ?? [];
      phrases.push({ words });
      phrases.sort((a, b) => b.words.length - a.words.length); // the longest phrase wins
      this.byFirstWord.set(key, phrases);
      this.filter[(key & this.filterMask) >> 3] |= 1 << (key & 7);
    }
  }

  /** Reports each phrase found in text[from, to); the sink receives its span. */
  find(text: string, found: SpanSink, from = 0, to = text.length): void {
    let i = from;
    while (i < to) {
      let c = FOLD[text.charCodeAt(i)];
      if (c === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      do {
        h = step(h, c);
        c = ++i < to ? FOLD[text.charCodeAt(i)] : 0;
      } while (c !== 0);
      if (start > 0 && FOLD[text.charCodeAt(start - 1)] !== 0) continue; // began inside a word (from > 0)
      if ((this.filter[(h & this.filterMask) >> 3] & (1 << (h & 7))) === 0) continue;
      const phrases = this.byFirstWord.get(h);
      if (!phrases) continue;
      for (const phrase of phrases) {
        const end = this.matchRest(text, phrase, start, i, to);
        if (end !== -1) {
          found(start, end);
          i = end;
          break;
        }
      }
    }
  }

  /** True when any phrase occurs in text[from, to). */
  occursIn(text: string, from: number, to: number): boolean {
    let seen = false;
    this.find(text, () => (seen = true), Math.max(0, from), Math.min(text.length, to));
    return seen;
  }

  private matchRest(text: string, phrase: Phrase, start: number, firstEnd: number, to: number): number {
    if (!sameWord(text, start, firstEnd, phrase.words[0])) return -1;
    let end = firstEnd;
    for (let w = 1; w < phrase.words.length; w++) {
      let next = end;
      while (next < to && next - end <= 3 && FOLD[text.charCodeAt(next)] === 0) next++;
      if (next === end || next - end > 3) return -1;
      let wordEnd = next;
      while (wordEnd < to && FOLD[text.charCodeAt(wordEnd)] !== 0) wordEnd++;
      if (!sameWord(text, next, wordEnd, phrase.words[w])) return -1;
      end = wordEnd;
    }
    return end;
  }
}
