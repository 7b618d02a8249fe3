import type { PriorityInputs, PriorityView } from './schema.js';

/**
 * Value against feasibility, each a weighted mean on 1–5, combined as 60 % value and 40 % feasibility into 0–100.
 * Complexity and risk count against feasibility (a 5 contributes like a 1). The breakdown shows each factor's share.
 */
const FACTORS = [
  { factor: 'impact', side: 'value', weight: 0.5, invert: false },
  { factor: 'strategicFit', side: 'value', weight: 0.3, invert: false },
  { factor: 'reach', side: 'value', weight: 0.2, invert: false },
  { factor: 'dataReadiness', side: 'feasibility', weight: 0.4, invert: false },
  { factor: 'complexity', side: 'feasibility', weight: 0.3, invert: true },
  { factor: 'risk', side: 'feasibility', weight: 0.3, invert: true },
] as const;
const SIDE_WEIGHT = { value: 0.6, feasibility: 0.4 } as const;

const round1 = (n: number) => Math.round(n * 10) / 10;

export function priorityScore(inputs: PriorityInputs): PriorityView {
  const sides = { value: 0, feasibility: 0 };
  const breakdown = FACTORS.map(({ factor, side, weight, invert }) => {
    const input = inputs[factor];
    const normalised = ((invert ? 6 - input : input) - 1) / 4; // 0..1
    sides[side] += weight * normalised;
    return { factor, side, input, weight, contribution: round1(100 * SIDE_WEIGHT[side] * weight * normalised) };
  });
  return {
    score: round1(100 * (SIDE_WEIGHT.value * sides.value + SIDE_WEIGHT.feasibility * sides.feasibility)),
    value: round1(100 * sides.value),
    feasibility: round1(100 * sides.feasibility),
    breakdown,
  };
}
