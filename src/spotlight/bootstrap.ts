// Percentile bootstrap intervals for any spotlight model: how much a unit's
// credit moves when the same number of journeys is redrawn, with
// replacement, from the ones observed.

import { type ModelResult, type SampleSize, usable } from './credit.js';
import type { Journey } from './journeys.js';
import { mulberry32, randomInt } from './random.js';
import { add, cmp, formatRatio, mul, parseRatio, ratio, type Ratio, sub, ZERO } from '../domain/rational.js';

interface BootstrapOptions {
  /** Resamples drawn. Default 200. */
  resamples?: number;
  /** Seed of the resampling stream. Default 1. */
  seed?: number;
  /** Percentiles of the interval ends, decimal strings. Default "2.5" and "97.5". */
  lowPercentile?: string;
  highPercentile?: string;
  /** Called after each resample is fitted (for progress bars). */
  onResample?: (done: number, total: number) => void;
}

interface Interval {
  /** The model's credit on all journeys (not a bootstrap average). */
  estimate: string;
  low: string;
  high: string;
}

interface UnitInterval {
  unit: string;
  /** 6 places. */
  conversions: Interval;
  /** 2 places. */
  value: Interval;
}

export interface BootstrapResult {
  model: string;
  resamples: number;
  seed: number;
  lowPercentile: string;
  highPercentile: string;
  sample: SampleSize;
  /** Units of the full-data result, in its order. */
  units: UnitInterval[];
}

/**
 * Quantile of sorted values by linear interpolation between order
 * statistics (R's type 7, numpy's default): h = (B - 1) p, the value at
 * floor(h) plus (h - floor(h)) times the gap to the next. Exact rationals.
 */
export function quantile(sorted: readonly Ratio[], p: Ratio): Ratio {
  if (sorted.length === 0) throw new RangeError('no values');
  const h = mul(ratio(BigInt(sorted.length - 1)), p);
  const lo = h.num / h.den;
  const frac = sub(h, ratio(lo));
  const a = sorted[Number(lo)]!;
  const b = sorted[Math.min(sorted.length - 1, Number(lo) + 1)]!;
  return add(a, mul(frac, sub(b, a)));
}

export function bootstrap(
  journeys: readonly Journey[],
  fit: (journeys: Journey[]) => ModelResult,
  options: BootstrapOptions = {},
): BootstrapResult {
  const resamples = options.resamples ?? 200;
  const seed = options.seed ?? 1;
  const lowPercentile = options.lowPercentile ?? '2.5';
  const highPercentile = options.highPercentile ?? '97.5';
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError('resamples must be a positive integer');
  const pLow = mul(parseRatio(lowPercentile), ratio(1n, 100n));
  const pHigh = mul(parseRatio(highPercentile), ratio(1n, 100n));
  if (cmp(pLow, ZERO) < 0 || cmp(pLow, pHigh) > 0 || cmp(pHigh, ratio(1n)) > 0) throw new RangeError('need 0 <= low <= high <= 100');
  const js = usable(journeys);
  const full = fit(js);
  const rng = mulberry32(seed);
  const draws = new Map(full.credits.map((c) => [c.unit, { c: [] as Ratio[], v: [] as Ratio[] }]));
  for (let b = 0; b < resamples; b++) {
    const pick = js.length === 0 ? [] : Array.from({ length: js.length }, () => js[randomInt(rng, js.length)]!);
    const got = new Map(fit(pick).credits.map((c) => [c.unit, c]));
    for (const [unit, d] of draws) {
      const c = got.get(unit);
      d.c.push(c ? parseRatio(c.conversions) : ZERO);
      d.v.push(c ? parseRatio(c.value) : ZERO);
    }
    options.onResample?.(b + 1, resamples);
  }
  const interval = (estimate: string, xs: Ratio[], places: number): Interval => {
    const sorted = xs.slice().sort(cmp);
    return {
      estimate,
      low: formatRatio(quantile(sorted, pLow), places, 'half-up'),
      high: formatRatio(quantile(sorted, pHigh), places, 'half-up'),
    };
  };
  return {
    model: full.model,
    resamples,
    seed,
    lowPercentile,
    highPercentile,
    sample: full.sample,
    units: full.credits.map((c) => {
      const d = draws.get(c.unit)!;
      return { unit: c.unit, conversions: interval(c.conversions, d.c, 6), value: interval(c.value, d.v, 2) };
    }),
  };
}
