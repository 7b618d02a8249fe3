import iso from './data/iso42001-control-ids.json' with { type: 'json' };
import nist from './data/nist-ai-rmf-core.json' with { type: 'json' };

/**
 * The controls a pack may require: NIST AI RMF 1.0 subcategories, EU AI Act articles and ISO/IEC 42001 Annex A
 * control ids (ids only; the standard's text is not ours to ship).
 */
export interface NistSubcategory {
  id: string;
  function: string;
  category: string;
  statement: string;
  suggestedMinTier: number;
}

export const NIST_SUBCATEGORIES: readonly NistSubcategory[] = nist.subcategories;
export const ISO_42001_CONTROLS: readonly string[] = iso.controls;

const nistIds = new Set(NIST_SUBCATEGORIES.map((s) => s.id));
const isoIds = new Set(ISO_42001_CONTROLS);
const AI_ACT_ARTICLES = 113;
const ARTICLE = /^Art\. (\d{1,3})(\(\d{1,2}\))?(\([a-z]\))?$/;

export const isNistSubcategory = (id: string): boolean => nistIds.has(id);
export const isIso42001Control = (id: string): boolean => isoIds.has(id);

/** `Art. 9`, `Art. 26(2)`, `Art. 5(1)(a)`: an article of Regulation (EU) 2024/1689, optionally a paragraph and point. */
export function isEuAiActArticle(ref: string): boolean {
  const match = ARTICLE.exec(ref);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= AI_ACT_ARTICLES;
}
