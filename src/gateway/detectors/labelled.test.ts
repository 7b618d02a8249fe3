import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTOR_IDS } from './builtin/index.js';
import { generateLabelledCases, type LabelledCase } from './fixtures/labelled.js';
import { Scanner } from './scanner.js';

const file = new URL('./fixtures/labelled.jsonl', import.meta.url);
const cases: LabelledCase[] = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

interface Tally {
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Scores every detector on the labelled set: a finding counts only when detector and span match exactly. */
function score(scanner: Scanner): Map<string, Tally> {
  const tallies = new Map<string, Tally>(BUILTIN_DETECTOR_IDS.map((id) => [id, { support: 0, tp: 0, fp: 0, fn: 0 }]));
  for (const c of cases) {
    const expected = new Set(c.spans.map((s) => `${s.detector}:${s.start}:${s.end}`));
    for (const s of c.spans) tallies.get(s.detector)!.support++;
    const reported = new Set<string>();
    for (const f of scanner.scan(c.text)) {
      const key = `${f.detector}:${f.start}:${f.end}`;
      reported.add(key);
      if (expected.has(key)) tallies.get(f.detector)!.tp++;
      else tallies.get(f.detector)!.fp++;
    }
    for (const s of c.spans) if (!reported.has(`${s.detector}:${s.start}:${s.end}`)) tallies.get(s.detector)!.fn++;
  }
  return tallies;
}

const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);

describe('the labelled detector set', () => {
  it('is exactly what its seeded generator produces', () => {
    expect(cases).toEqual(generateLabelledCases());
  });

  it('holds at least 30 positives per detector and hard negatives', () => {
    for (const id of BUILTIN_DETECTOR_IDS) expect(cases.filter((c) => c.spans.some((s) => s.detector === id)).length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.spans.length === 0).length).toBeGreaterThanOrEqual(200);
  });

  it('reaches precision ≥ 0.95 and recall ≥ 0.90 for every detector', () => {
    const tallies = score(new Scanner());
    const rows = [...tallies].map(([id, t]) => ({
      detector: id,
      support: t.support,
      tp: t.tp,
      fp: t.fp,
      fn: t.fn,
      precision: Number(ratio(t.tp, t.tp + t.fp).toFixed(3)),
      recall: Number(ratio(t.tp, t.tp + t.fn).toFixed(3)),
    }));
    console.table(rows);
    for (const row of rows) {
      expect(row.precision, `${row.detector} precision`).toBeGreaterThanOrEqual(0.95);
      expect(row.recall, `${row.detector} recall`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
