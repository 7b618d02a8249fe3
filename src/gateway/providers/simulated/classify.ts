const ASKS_TO_CLASSIFY = /\b(?:classify|categori[sz]e|label|which (?:category|label|class))\b/i;
const LABEL_LIST = /\b(?:labels?|categories|classes|options|one of)\b(?:\s+(?:are|is))?\s*[:=-]?\s*\[?([^\n\]]+)/gi;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+(.+?)\s*$/;
const SEPARATOR = /\s*(?:,|\||\/|;|\bor\b)\s*/;

const clean = (label: string): string => label.trim().replace(/^["'`(]+|["'`).:]+$/g, '').trim();
const plausible = (label: string): boolean => label.length > 0 && label.length <= 40 && label.split(/\s+/).length <= 4;

/** The labels a classification prompt offers: an inline list ("Labels: billing, outage, other") or a bullet list. */
export function labelsOffered(prompt: string): string[] {
  if (!ASKS_TO_CLASSIFY.test(prompt)) return [];
  const labels: string[] = [];
  for (const match of prompt.matchAll(LABEL_LIST)) {
    const inline = match[1].split(SEPARATOR).map(clean).filter(plausible);
    if (inline.length >= 2) {
      labels.push(...inline);
      break;
    }
    const after = prompt.slice((match.index ?? 0) + match[0].length).split('\n').slice(1);
    for (const line of after) {
      const bullet = BULLET.exec(line);
      if (!bullet) break;
      if (plausible(clean(bullet[1]))) labels.push(clean(bullet[1]));
    }
    if (labels.length >= 2) break;
  }
  return [...new Set(labels)].length >= 2 ? [...new Set(labels)] : [];
}

/**
 * Picks a label deterministically. With a hidden expected label it is right with probability `accuracy` (decided by
 * the seeded draw), otherwise it picks one of the other labels; without one, it picks by the draw alone.
 */
export function chooseLabel(labels: readonly string[], expected: string | undefined, accuracy: number, random: () => number): string {
  const draw = random();
  const pick = random();
  const right = expected === undefined ? -1 : labels.findIndex((l) => l.toLowerCase() === expected.trim().toLowerCase());
  if (right === -1) return labels[Math.floor(pick * labels.length)];
  if (draw < accuracy || labels.length === 1) return labels[right];
  const others = labels.filter((_, i) => i !== right);
  return others[Math.floor(pick * others.length)];
}
