/**
 * The evaluation suites the evals bench runs on Charter and on promptfoo: the same cases, the same answer book for
 * the mock upstream, and equivalent deterministic assertions (equals, contains, regex, is-json), so both must count
 * the same passes and failures.
 */

export interface Suite {
  name: 'classification' | 'generation';
  kind: 'classification' | 'generation';
  /** Charter dataset rows, one JSON object per line */
  jsonl: string;
  /** promptfoo tests for the prompt `{{input}}` */
  promptfooTests: { vars: { input: string }; assert: { type: string; value?: string }[] }[];
  /** what the mock upstream answers to each input */
  answers: Record<string, string>;
  /** passes both tools must count */
  expectedPasses: number;
}

const LABELS = ['billing', 'outage', 'delivery', 'account', 'other'];
const TICKETS = ['I was charged twice this month', 'The app will not load', 'My parcel never arrived', 'I cannot sign in', 'Do you sell gift cards?'];

/** Support tickets with one right label each; the mock answers the right label for nine in ten. */
export function classificationSuite(cases: number): Suite {
  const rows: string[] = [];
  const tests: Suite['promptfooTests'] = [];
  const answers: Record<string, string> = {};
  let expectedPasses = 0;
  for (let i = 1; i <= cases; i++) {
    const label = LABELS[i % LABELS.length];
    const input = `Ticket ${i}: ${TICKETS[i % TICKETS.length]}. Classify it as one of: ${LABELS.join(', ')}.`;
    const right = i % 10 !== 0;
    answers[input] = right ? label : LABELS[(i + 1) % LABELS.length];
    if (right) expectedPasses++;
    rows.push(JSON.stringify({ id: `c${i}`, input, label }));
    tests.push({ vars: { input }, assert: [{ type: 'equals', value: label }] });
  }
  return { name: 'classification', kind: 'classification', jsonl: `${rows.join('\n')}\n`, promptfooTests: tests, answers, expectedPasses };
}

/** One check per case, in turn equals, contains, regex and is-json; the mock misses one case in seven. */
export function generationSuite(cases: number): Suite {
  const rows: string[] = [];
  const tests: Suite['promptfooTests'] = [];
  const answers: Record<string, string> = {};
  let expectedPasses = 0;
  for (let i = 1; i <= cases; i++) {
    const right = i % 7 !== 0;
    const ref = String(100_000 + i);
    let input: string;
    let check: { charter: string; promptfoo: string; value?: string };
    switch (i % 4) {
      case 0:
        input = `Case ${i}: reply with the code ANSWER-${ref} and nothing else.`;
        answers[input] = right ? `ANSWER-${ref}` : `ANSWER-${ref}!`;
        check = { charter: 'equals', promptfoo: 'equals', value: `ANSWER-${ref}` };
        break;
      case 1:
        input = `Case ${i}: where is order ${ref}?`;
        answers[input] = right ? `Your order ${ref} left the depot this morning.` : 'I could not find that order.';
        check = { charter: 'contains', promptfoo: 'contains', value: `order ${ref}` };
        break;
      case 2:
        input = `Case ${i}: give the reference for ticket ${ref}.`;
        answers[input] = right ? `REF-${ref}` : `REF-${ref.slice(0, 3)}`;
        check = { charter: 'regex', promptfoo: 'regex', value: '^REF-\\d{6}$' };
        break;
      default:
        input = `Case ${i}: answer in JSON with the status of ticket ${ref}.`;
        answers[input] = right ? JSON.stringify({ ticket: ref, status: 'open' }) : `{ticket: ${ref}, status: open}`;
        check = { charter: 'is_json', promptfoo: 'is-json' };
    }
    if (right) expectedPasses++;
    const value = check.value === undefined ? {} : { value: check.value };
    rows.push(JSON.stringify({ id: `g${i}`, input, assertions: [{ type: check.charter, ...value }] }));
    tests.push({ vars: { input }, assert: [{ type: check.promptfoo, ...value }] });
  }
  return { name: 'generation', kind: 'generation', jsonl: `${rows.join('\n')}\n`, promptfooTests: tests, answers, expectedPasses };
}
