// Exact decimal arithmetic for report figures. Money and ratios travel as
// decimal strings ("1234.50", "0.4000"); arithmetic happens on BigInt scaled
// integers so no figure ever passes through a float.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A decimal string as a BigInt scaled by 10^places (half-up beyond `places`). */
export function toScaled(value: string, places: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new TypeError(`not a decimal number: "${value}"`);
  const [, neg, int, frac = ''] = m;
  const kept = frac.slice(0, places).padEnd(places, '0');
  let scaled = BigInt(int! + kept);
  const next = frac.charCodeAt(places);
  if (!Number.isNaN(next) && next >= 53 /* '5' */) scaled += 1n;
  return neg && scaled !== 0n ? -scaled : scaled;
}

/** A scaled BigInt back to a decimal string with exactly `places` places. */
export function fromScaled(scaled: bigint, places: number): string {
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = places > 0 ? `.${digits.slice(digits.length - places)}` : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** Exact a - b on decimal strings, result with `places` places. */
export function subtract(a: string, b: string, places = 2): string {
  return fromScaled(toScaled(a, places) - toScaled(b, places), places);
}

/** Exact sum of decimal strings with `places` places. */
export function sum(values: readonly string[], places = 2): string {
  let total = 0n;
  for (const v of values) total += toScaled(v, places);
  return fromScaled(total, places);
}

/** Integer division of scaled values rounded half away from zero. */
function divRound(num: bigint, den: bigint): bigint {
  const neg = (num < 0n) !== (den < 0n);
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/**
 * numerator / denominator as a decimal string with `places` places (half-up),
 * or null when the denominator is zero. Inputs are decimal strings or integers.
 */
export function ratio(numerator: string | number | bigint, denominator: string | number | bigint, places = 4): string | null {
  const inPlaces = 6;
  const n = typeof numerator === 'string' ? toScaled(numerator, inPlaces) : BigInt(numerator) * 10n ** BigInt(inPlaces);
  const d = typeof denominator === 'string' ? toScaled(denominator, inPlaces) : BigInt(denominator) * 10n ** BigInt(inPlaces);
  if (d === 0n) return null;
  return fromScaled(divRound(n * 10n ** BigInt(places), d), places);
}

/** Compares two decimal strings: -1, 0 or 1. */
export function compare(a: string, b: string, places = 6): number {
  const x = toScaled(a, places);
  const y = toScaled(b, places);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Change between two figures: delta and relative change (null when previous is 0). */
export interface Change {
  previous: string;
  current: string;
  delta: string;
  /** (current - previous) / previous, 4 places ("0.2500" = +25 %); null when previous is zero. */
  relative: string | null;
}

export function change(previous: string, current: string, places = 2): Change {
  const delta = subtract(current, previous, places);
  return { previous, current, delta, relative: ratio(delta, previous, 4) };
}
