// Exact decimals: the one parser, formatter, rounding and largest-remainder
// allocation for money (2 places), shares (6 places) and every other decimal
// figure. A decimal travels as a string ("125000.50", "0.400000") and is
// computed on as a BigInt of units scaled by 10^places (12345050n at 2 places
// is "123450.50"); nothing passes through a float. Exact rationals, which
// build on this parser and formatter, are in `rational.ts`.

/** Places of money amounts (cents). */
export const AMOUNT_PLACES = 2;
/** Places of shares (micro-units: 1.000000 is the whole). */
const SHARE_PLACES = 6;
/** The whole (100 %) as share units. */
export const SHARE_ONE = 10n ** BigInt(SHARE_PLACES);

/**
 * How a value between two units becomes one of them:
 * - `half-up`: to the nearest, a tie away from zero (0.5 → 1, -0.5 → -1);
 * - `half-even`: to the nearest, a tie to the even unit (0.5 → 0, 1.5 → 2, -0.5 → 0);
 * - `down`: toward zero (truncation: 0.9 → 0, -0.9 → 0);
 * - `floor`: toward minus infinity (0.9 → 0, -0.1 → -1).
 */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'floor';

/** A decimal string that cannot be read, or more places than allowed. */
export class DecimalError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'DecimalError';
  }
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
const pow10 = (places: number): bigint => 10n ** BigInt(places);

/** numerator / denominator as an integer, rounded by `mode`. */
export function divide(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const q = numerator / denominator; // toward zero
  const r = numerator % denominator; // sign of the numerator
  if (r === 0n || mode === 'down') return q;
  if (mode === 'floor') return numerator < 0n ? q - 1n : q;
  const away = numerator < 0n ? q - 1n : q + 1n;
  const twice = 2n * abs(r);
  if (twice < denominator) return q;
  if (twice > denominator) return away;
  if (mode === 'half-up') return away;
  return q % 2n === 0n ? q : away;
}

/** Units scaled by 10^from rescaled to 10^to (exact when `to >= from`). */
export function rescale(units: bigint, from: number, to: number, mode: RoundingMode): bigint {
  return to >= from ? units * pow10(to - from) : divide(units, pow10(from - to), mode);
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a decimal string exactly, at the places it is written with
 * ("-12.50" → units -1250n, places 2). Syntax as parseDecimal().
 */
export function readDecimal(text: string): { units: bigint; places: number } {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new DecimalError(`"${text}" is not a decimal number`);
  const frac = m[3] ?? '';
  const units = BigInt(m[2]! + frac);
  return { units: m[1] ? -units : units, places: frac.length };
}

/**
 * Reads a decimal string ("125000.50", "-3", "0.4"; surrounding white space
 * ignored; no exponent, no "+", no leading or trailing dot) as units scaled by
 * 10^places. Without `rounding` the value must fit `places` exactly (trailing
 * zeros beyond are fine: "1.500" is 150 at 2 places); with it, extra places
 * are rounded by that mode. Throws DecimalError naming the text.
 */
export function parseDecimal(text: string, places: number, rounding?: RoundingMode): bigint {
  // Fast path for the form the database and the engine hand over: digits, a
  // dot and exactly `places` digits, at most 15 digits (exact in a double).
  const n = text.length;
  if (places > 0 && n <= 16 && n >= places + 2 && text.charCodeAt(n - places - 1) === 46) {
    let units = 0;
    let i = 0;
    for (; i < n; i++) {
      if (i === n - places - 1) continue;
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      units = units * 10 + d;
    }
    if (i === n) return BigInt(units);
  }
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new DecimalError(`"${text}" is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  let units: bigint;
  if (frac.length <= places) {
    units = BigInt(whole! + frac.padEnd(places, '0'));
  } else if (rounding === undefined) {
    if (!/^0*$/.test(frac.slice(places))) throw new DecimalError(`"${text}" has more than ${places} decimal places`);
    units = BigInt(whole! + frac.slice(0, places));
  } else {
    return divide(BigInt(whole! + frac) * (sign ? -1n : 1n), pow10(frac.length - places), rounding);
  }
  return sign ? -units : units;
}

/** Units scaled by 10^places as a decimal string with exactly `places` places (12345n, 2 → "123.45"). */
export function formatDecimal(units: bigint, places: number): string {
  const neg = units < 0n;
  const digits = abs(units)
    .toString()
    .padStart(places + 1, '0');
  const body = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg ? `-${body}` : body;
}

/** Money: "1234.50" → cents (exact, at most 2 places) and back. */
export const parseAmount = (text: string): bigint => parseDecimal(text, AMOUNT_PLACES);
export const formatAmount = (cents: bigint): string => formatDecimal(cents, AMOUNT_PLACES);
/** Shares: "0.4" → 400000n share units (exact, at most 6 places) and back ("0.400000"). */
export const parseShare = (text: string): bigint => parseDecimal(text, SHARE_PLACES);
export const formatShare = (units: bigint): string => formatDecimal(units, SHARE_PLACES);

/**
 * A decimal object (the database driver's Decimal: anything whose toFixed() gives normal notation).
 * amountString/shareString give the text of its toFixed(2)/toFixed(6), except that a value rounding to
 * zero is "0.00", never "-0.00" (amount and share columns hold 2 and 6 places: nothing is rounded).
 */
interface DecimalValue {
  toFixed(): string;
}
/** A decimal object as money text, 2 places (half-up beyond): Decimal(125000.5) → "125000.50". */
export const amountString = (value: DecimalValue): string => normalizeDecimal(value.toFixed(), AMOUNT_PLACES, 'half-up');
/** A decimal object as share text, 6 places (half-up beyond): Decimal(0.4) → "0.400000". */
export const shareString = (value: DecimalValue): string => normalizeDecimal(value.toFixed(), SHARE_PLACES, 'half-up');

/** A decimal string rewritten with exactly `places` places ("0.4" → "0.400000" at 6). */
export function normalizeDecimal(text: string, places: number, rounding?: RoundingMode): string {
  return formatDecimal(parseDecimal(text, places, rounding), places);
}

/** a - b on decimal strings, each read at `places` (rounded by `rounding` if given). */
export function subtractDecimals(a: string, b: string, places: number, rounding?: RoundingMode): string {
  return formatDecimal(parseDecimal(a, places, rounding) - parseDecimal(b, places, rounding), places);
}

/** The sum of decimal strings, each read at `places` (rounded by `rounding` if given). */
export function sumDecimals(values: readonly string[], places: number, rounding?: RoundingMode): string {
  let total = 0n;
  for (const v of values) total += parseDecimal(v, places, rounding);
  return formatDecimal(total, places);
}

/** The sum of units. */
export function sumUnits(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Compares two decimal strings exactly, whatever their places: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const x = readDecimal(a);
  const y = readDecimal(b);
  const l = rescale(x.units, x.places, Math.max(x.places, y.places), 'down');
  const r = rescale(y.units, y.places, Math.max(x.places, y.places), 'down');
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * numerator / denominator as a decimal string with `places` places, rounded by
 * `mode`, or null when the denominator is zero. Strings are read at
 * `inputPlaces` (rounded half-up beyond them); integers exactly.
 */
export function quotient(
  numerator: string | number | bigint,
  denominator: string | number | bigint,
  places: number,
  mode: RoundingMode,
  inputPlaces = 6,
): string | null {
  const read = (v: string | number | bigint): bigint =>
    typeof v === 'string' ? parseDecimal(v, inputPlaces, 'half-up') : BigInt(v) * pow10(inputPlaces);
  const d = read(denominator);
  if (d === 0n) return null;
  return formatDecimal(divide(read(numerator) * pow10(places), d, mode), places);
}

/** Cents × share units → cents, rounded half-even (the engine's rule for a lane's granted amount). */
export function applyShare(amountCents: bigint, shareUnits: bigint): bigint {
  return divide(amountCents * shareUnits, SHARE_ONE, 'half-even');
}

export interface LargestRemainderOptions {
  /**
   * Breaks ties between equal remainders: the part with the smaller key (by
   * UTF-16 code units, as `<` compares strings) gets the unit first. One key
   * per weight. Without keys, the part with the lower index does.
   */
  tieKeys?: readonly string[];
  /**
   * All weights zero: `refuse` (the default) gives zero parts for a zero
   * total and throws RangeError for any other; `zeros` gives zero parts
   * whatever the total (which is then not distributed).
   */
  allZero?: 'refuse' | 'zeros';
}

/**
 * Splits `total` units over non-negative integer weights by the
 * largest-remainder method: part i = floor(total × w_i / W), W the sum of the
 * weights; the units left over go one each to the parts with the largest
 * remainders (total × w_i - part_i × W). Tie rule: among equal remainders the
 * smaller tie key when `tieKeys` is given, else (and among equal keys) the
 * lower index. The parts sum to exactly `total`; a zero weight gets zero.
 */
export function largestRemainder(total: bigint, weights: readonly bigint[], options: LargestRemainderOptions = {}): bigint[] {
  const n = weights.length;
  if (n === 0) return [];
  const keys = options.tieKeys;
  if (keys && keys.length !== n) throw new RangeError('largestRemainder: one tie key per weight');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const W = sumUnits(weights);
  if (W === 0n) {
    if (total !== 0n && options.allZero !== 'zeros') throw new RangeError('cannot apportion a non-zero total over zero weights');
    return weights.map(() => 0n);
  }
  const parts: bigint[] = new Array<bigint>(n);
  const rem: bigint[] = new Array<bigint>(n);
  let left = total;
  for (let i = 0; i < n; i++) {
    const x = total * weights[i]!;
    const q = divide(x, W, 'floor');
    parts[i] = q;
    rem[i] = x - q * W;
    left -= q;
  }
  if (left > 0n) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      if (rem[a]! !== rem[b]!) return rem[a]! > rem[b]! ? -1 : 1;
      if (keys && keys[a] !== keys[b]) return keys[a]! < keys[b]! ? -1 : 1;
      return a - b;
    });
    for (let k = 0; left > 0n; k = (k + 1) % n, left--) parts[order[k]!]! += 1n;
  }
  return parts;
}
