const SUBJECT = String.raw`\b(?:I|we)(?:\s+(?:am|are)|['’](?:m|re))?\s+`;
const NOT = String.raw`(?:can(?:no|['’])t|cannot|won['’]t|will not|unable to|not able to|must decline to|do not|don['’]t)`;
const ACT = String.raw`(?:help|assist|comply|provide|share|do that|answer|reveal|disclose|fulfil|fulfill|support|engage|create|generate|write|repeat|follow|give|continue|produce|send|execute|perform|access|reply|respond|say|tell|output|print|list|translate|delete)`;

/**
 * How a refusal reads, matched case-insensitively anywhere in the answer:
 * 1. "I / we (am, 'm, are, 're) can't / cannot / won't / unable to / not able to / must decline to / don't", at most one
 *    word, then a verb of helping or telling: help, assist, comply, share, reveal, repeat, reply, …
 * 2. "I must / have to decline / refuse"
 * 3. "(I'm) not able / allowed / permitted to help, share, disclose …"
 * 4. "I'm sorry, but …" and "I apologize, but …"
 * 5. "that / this goes against my guidelines / policies"
 * A polite answer that helps ("Sorry for the wait — here is your invoice") does not match.
 */
export const REFUSAL_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`${SUBJECT}${NOT}\s+(?:\w+\s+)?${ACT}\b`, 'i'),
  /\b(?:I|we)\s+(?:must|have to|will have to)\s+(?:respectfully\s+)?(?:decline|refuse)\b/i,
  new RegExp(String.raw`\bnot\s+(?:able|allowed|permitted|authori[sz]ed)\s+to\s+${ACT}\b`, 'i'),
  /\b(?:I['’]m|I am)\s+(?:sorry|afraid),?\s+but\b/i,
  /\bI\s+apologi[sz]e,?\s+but\b/i,
  /\b(?:that|this)\s+(?:request\s+)?(?:is|goes)\s+against\s+(?:my|our|the)\s+(?:guidelines|policies|policy|rules)\b/i,
];

/** Whether an answer declines the request, by the documented `REFUSAL_PATTERNS`. */
export function isRefusal(answer: string): boolean {
  for (const pattern of REFUSAL_PATTERNS) if (pattern.test(answer)) return true;
  return false;
}
