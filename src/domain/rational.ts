// Exact rationals over BigInt, for what decimals cannot hold exactly (a third
// of a lane, a Markov removal effect, a Shapley value). Decimal strings in and
// out through the one parser and formatter of `decimal.ts`; a rational becomes
// a decimal only by a named rounding mode.
import { type LargestRemainderOptions, type RoundingMode, divide, formatDecimal, largestRemainder, readDecimal } from './decimal.js';

/** num / den in lowest terms, den > 0. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) {
    [a, b] = [b, a % b];
  }
  return a;
}

export function ratio(num: bigint, den = 1n): Ratio {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ZERO: Ratio = { num: 0n, den: 1n };
export const ONE: Ratio = { num: 1n, den: 1n };
export const add = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.num, a.den * b.den);
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den, a.den * b.num);
export const cmp = (a: Ratio, b: Ratio): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isZero = (a: Ratio): boolean => a.num === 0n;
export function sum(xs: Iterable<Ratio>): Ratio {
  let s = ZERO;
  for (const x of xs) s = add(s, x);
  return s;
}

/** Exact value of a finite double (every double is a dyadic rational). */
export function fromDouble(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  return e >= 0 ? ratio(sign * (mant << BigInt(e))) : ratio(sign * mant, 1n << BigInt(-e));
}

/** Nearest double (for sampling statistics and display, never for credit sums). */
export function toDouble(a: Ratio): number {
  const scale = 10n ** 18n;
  return Number((a.num * scale) / a.den) / 1e18;
}

/** "125000.50", "40", "-0.5" → the exact rational (DecimalError on anything else). */
export function parseRatio(text: string): Ratio {
  const { units, places } = readDecimal(text);
  return ratio(units, 10n ** BigInt(places));
}

/** The rational rounded to an integer by `mode`. */
export function roundRatio(a: Ratio, mode: RoundingMode): bigint {
  return divide(a.num, a.den, mode);
}

/** The rational as a decimal string with `places` places, rounded by `mode`. */
export function formatRatio(a: Ratio, places: number, mode: RoundingMode): string {
  return formatDecimal(divide(a.num * 10n ** BigInt(places), a.den, mode), places);
}

/** "n/d" (or "n" when whole): the exact value, for comparisons in tests and audits. */
export const ratioToString = (a: Ratio): string => (a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`);

/**
 * largestRemainder() over non-negative rational weights: the weights are
 * brought to a common denominator first, so the parts are those of the exact
 * proportions. Same options and tie rule.
 */
export function largestRemainderOfRatios(total: bigint, weights: readonly Ratio[], options?: LargestRemainderOptions): bigint[] {
  let den = 1n;
  for (const w of weights) den = (den / gcd(den, w.den)) * w.den;
  return largestRemainder(
    total,
    weights.map((w) => (w.num * den) / w.den),
    options,
  );
}
