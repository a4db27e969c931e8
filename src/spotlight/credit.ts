// The result shape every spotlight model returns, and the one rounding rule
// they share.

import type { Journey } from './journeys.js';
import { formatDecimal, parseAmount } from '../domain/decimal.js';
import { add, largestRemainderOfRatios, type Ratio, ratioToString, ZERO } from '../domain/rational.js';

interface UnitCredit {
  unit: string;
  /** Conversions credited, 6 places; the column sums to `sample.conversions` exactly. */
  conversions: string;
  /** Value credited, 2 places; the column sums to `sample.value` exactly. */
  value: string;
  /** The unrounded credit as "n/d" (exact rational, or the dyadic value of a sampled estimate). */
  conversionsExact: string;
  valueExact: string;
}

export interface SampleSize {
  /** Journeys the model used (non-empty paths; an entry counts `count` times). */
  journeys: number;
  conversions: number;
  /** Total converted value, 2 places. */
  value: string;
}

export interface ModelResult {
  model: string;
  /** One entry per unit seen in any journey, sorted by unit name. */
  credits: UnitCredit[];
  sample: SampleSize;
}

/** How many journeys the entry stands for: `count`, default 1. */
export const countOf = (j: Journey): number => j.count ?? 1;

/**
 * Journeys with at least one step: the only ones a model can credit. A
 * `count` that is not a positive safe integer is refused (RangeError).
 */
export function usable(journeys: readonly Journey[]): Journey[] {
  for (const j of journeys)
    if (j.count !== undefined && !(Number.isSafeInteger(j.count) && j.count > 0))
      throw new RangeError(`journey count must be a positive integer, got ${j.count}`);
  return journeys.filter((j) => j.path.length > 0);
}

export function sampleOf(journeys: readonly Journey[]): SampleSize & { cents: bigint } {
  let count = 0;
  let conversions = 0;
  let cents = 0n;
  for (const j of journeys) {
    const n = countOf(j);
    count += n;
    if (j.converted) {
      conversions += n;
      cents += parseAmount(j.value) * BigInt(n);
    }
  }
  return { journeys: count, conversions, value: formatDecimal(cents, 2), cents };
}

export function unitsOf(journeys: readonly Journey[]): string[] {
  const set = new Set<string>();
  for (const j of journeys) for (const u of j.path) set.add(u);
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function addTo(map: Map<string, Ratio>, key: string, x: Ratio): void {
  map.set(key, add(map.get(key) ?? ZERO, x));
}

/**
 * Rounds exact credit to the reported columns. Rule: conversions to
 * micro-conversions (6 places) and value to cents, each column by largest
 * remainder over the units in name order (ties to the earlier name), so each
 * column sums exactly to the sample total and a unit with zero exact credit
 * gets exactly zero.
 */
export function finish(
  model: string,
  journeys: readonly Journey[],
  conv: ReadonlyMap<string, Ratio>,
  val: ReadonlyMap<string, Ratio>,
): ModelResult {
  const units = unitsOf(journeys);
  const s = sampleOf(journeys);
  const cw = units.map((u) => conv.get(u) ?? ZERO);
  const vw = units.map((u) => val.get(u) ?? ZERO);
  const micro = largestRemainderOfRatios(BigInt(s.conversions) * 1_000_000n, cw);
  const cents = largestRemainderOfRatios(s.cents, vw);
  return {
    model,
    credits: units.map((unit, i) => ({
      unit,
      conversions: formatDecimal(micro[i]!, 6),
      value: formatDecimal(cents[i]!, 2),
      conversionsExact: ratioToString(cw[i]!),
      valueExact: ratioToString(vw[i]!),
    })),
    sample: { journeys: s.journeys, conversions: s.conversions, value: s.value },
  };
}
