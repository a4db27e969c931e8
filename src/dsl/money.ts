// Exact arithmetic for credit: rationals over BigInt, decimal strings in and
// out, and largest-remainder rounding so parts always sum to the whole.

export interface Ratio { num: bigint; den: bigint }

const abs = (a: bigint): bigint => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b !== 0n) { [a, b] = [b, a % b]; }
  return a;
}

export function ratio(num: bigint, den = 1n): Ratio {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) { num = -num; den = -den; }
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
export const sum = (xs: Ratio[]): Ratio => xs.reduce(add, ZERO);
export const min = (a: Ratio, b: Ratio): Ratio => (cmp(a, b) <= 0 ? a : b);

/** Exact value of a finite double (every double is a dyadic rational). */
export function fromDouble(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return ZERO;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074; else { mant |= 1n << 52n; e = exp - 1075; }
  return e >= 0 ? ratio(sign * (mant << BigInt(e))) : ratio(sign * mant, 1n << BigInt(-e));
}

export const toDouble = (a: Ratio): number => {
  // Scale to keep precision for huge numerators/denominators.
  const scale = 10n ** 18n;
  return Number((a.num * scale) / a.den) / 1e18;
};

/** "125000.50" or "40" or "1.5" -> exact rational. Throws on anything else. */
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(text: string): Ratio {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal number: "${text}"`);
  const frac = m[3] ?? '';
  const num = BigInt(m[2]! + frac) * (m[1] ? -1n : 1n);
  return ratio(num, 10n ** BigInt(frac.length));
}

/** Round half away from zero to an integer. */
export function roundHalfUp(a: Ratio): bigint {
  const n = abs(a.num);
  const q = (2n * n + a.den) / (2n * a.den);
  return a.num < 0n ? -q : q;
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Integer units (cents, micro-shares) -> decimal string with `places` places. */
export function formatUnits(units: bigint, places: number): string {
  const neg = units < 0n;
  const s = abs(units).toString().padStart(places + 1, '0');
  const body = places > 0 ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
  return neg ? `-${body}` : body;
}

/** A money string ("1234.5", "1234.50") -> integer cents, exactly. */
export function toCents(amount: string): bigint {
  // Fast path for the form the database and the engine hand over ("1234.50":
  // digits, a dot, two digits; at most 15 digits, so exact in a double).
  const n = amount.length;
  if (n >= 4 && n <= 16 && amount.charCodeAt(n - 3) === 46) {
    let cents = 0;
    let i = 0;
    for (; i < n; i++) {
      if (i === n - 3) continue;
      const d = amount.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      cents = cents * 10 + d;
    }
    if (i === n) return BigInt(cents);
  }
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw new RangeError(`not a decimal number: "${amount}"`);
  const frac = m[3] ?? '';
  // Places beyond the second must be zeros ("1.500" is 150 cents).
  if (frac.length > 2 && !/^0*$/.test(frac.slice(2))) throw new RangeError(`amount has more than two decimal places: "${amount}"`);
  const cents = BigInt(m[2]! + frac.slice(0, 2).padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export const formatCents = (cents: bigint): string => formatUnits(cents, 2);

/** A fraction -> decimal string with `places` places (half-up). */
export function formatRatio(a: Ratio, places: number): string {
  return formatUnits(roundHalfUp(mul(a, ratio(10n ** BigInt(places)))), places);
}

/**
 * Splits `total` integer units over keyed weights by the largest-remainder
 * method: each key gets floor(total * w / W); the units left over go one by
 * one to the largest remainders, ties broken by key (ascending). The parts
 * always sum to exactly `total`. Weights must be >= 0 and not all zero.
 */
export function largestRemainder(total: bigint, weights: Array<{ key: string; weight: Ratio }>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (weights.length === 0) return out;
  // Common denominator: integer weights W_i with the same ratios.
  let den = 1n;
  for (const w of weights) den = (den / gcd(den, w.weight.den)) * w.weight.den;
  const ints = weights.map((w) => ({ key: w.key, w: (w.weight.num * den) / w.weight.den }));
  const W = ints.reduce((s, x) => s + x.w, 0n);
  if (W <= 0n) throw new RangeError('weights must not all be zero');
  let given = 0n;
  const rema: Array<{ key: string; rem: bigint }> = [];
  for (const x of ints) {
    const q = floorDiv(total * x.w, W);
    out.set(x.key, q);
    given += q;
    rema.push({ key: x.key, rem: total * x.w - q * W });
  }
  let left = total - given;
  rema.sort((a, b) => (a.rem > b.rem ? -1 : a.rem < b.rem ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; left > 0n; i = (i + 1) % rema.length, left--) {
    const k = rema[i]!.key;
    out.set(k, out.get(k)! + 1n);
  }
  return out;
}
