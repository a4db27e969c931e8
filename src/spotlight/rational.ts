// Exact rationals over BigInt for the spotlight models, decimal strings in
// and out, and largest-remainder apportionment so rounded parts sum to the
// rounded whole. Self-contained: the model layer imports nothing outside
// src/domain.

export interface Rat { readonly n: bigint; readonly d: bigint }

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b !== 0n) { [a, b] = [b, a % b]; }
  return a;
}

export function rat(n: bigint, d = 1n): Rat {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const R0: Rat = { n: 0n, d: 1n };
export const R1: Rat = { n: 1n, d: 1n };
export const radd = (a: Rat, b: Rat): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const rsub = (a: Rat, b: Rat): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const rmul = (a: Rat, b: Rat): Rat => rat(a.n * b.n, a.d * b.d);
export const rdiv = (a: Rat, b: Rat): Rat => rat(a.n * b.d, a.d * b.n);
export const rcmp = (a: Rat, b: Rat): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const rsum = (xs: Iterable<Rat>): Rat => { let s = R0; for (const x of xs) s = radd(s, x); return s; };
export const rIsZero = (a: Rat): boolean => a.n === 0n;

/** Nearest double (for sampling statistics and reporting, never for credit sums). */
export function toNumber(a: Rat): number {
  const scale = 10n ** 18n;
  return Number((a.n * scale) / a.d) / 1e18;
}

/** Exact value of a finite double (every double is a dyadic rational). */
export function fromNumber(x: number): Rat {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return R0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074; else { mant |= 1n << 52n; e = exp - 1075; }
  return e >= 0 ? rat(sign * (mant << BigInt(e))) : rat(sign * mant, 1n << BigInt(-e));
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "120000.00", "3", "-0.5" -> exact rational. Throws on anything else. */
export function parseDecimal(text: string): Rat {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal number: "${text}"`);
  const frac = m[3] ?? '';
  return rat(BigInt(m[2]! + frac) * (m[1] ? -1n : 1n), 10n ** BigInt(frac.length));
}

/** Money string -> integer cents; more than two non-zero places is an error. */
export function toCents(amount: string): bigint {
  const r = rmul(parseDecimal(amount), rat(100n));
  if (r.d !== 1n) throw new RangeError(`amount has more than two decimal places: "${amount}"`);
  return r.n;
}

/** Round half away from zero to an integer. */
export function roundHalfAway(a: Rat): bigint {
  const q = (2n * abs(a.n) + a.d) / (2n * a.d);
  return a.n < 0n ? -q : q;
}

/** Integer units -> decimal string with `places` places (123456n, 2 -> "1234.56"). */
export function formatUnits(units: bigint, places: number): string {
  const neg = units < 0n;
  const s = abs(units).toString().padStart(places + 1, '0');
  const body = places > 0 ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
  return neg ? `-${body}` : body;
}

/** Rational -> decimal string with `places` places, half away from zero. */
export function formatRat(a: Rat, places: number): string {
  return formatUnits(roundHalfAway(rmul(a, rat(10n ** BigInt(places)))), places);
}

/** "n/d" (or "n" when whole): the exact value, for comparisons in tests and audits. */
export const ratToString = (a: Rat): string => (a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`);

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/**
 * Splits `total` integer units over non-negative weights by largest
 * remainder: part i = floor(total * w_i / W), the leftover units go one each
 * to the largest remainders, ties to the lower index. Parts sum to `total`
 * exactly; a zero weight always gets zero. All weights zero -> all parts zero
 * (and `total` must then be zero).
 */
export function apportion(total: bigint, weights: readonly Rat[]): bigint[] {
  if (weights.length === 0) return [];
  let den = 1n;
  for (const w of weights) {
    if (w.n < 0n) throw new RangeError('weights must be >= 0');
    den = (den / gcd(den, w.d)) * w.d;
  }
  const ints = weights.map((w) => (w.n * den) / w.d);
  const W = ints.reduce((s, x) => s + x, 0n);
  if (W === 0n) {
    if (total !== 0n) throw new RangeError('cannot apportion a non-zero total over zero weights');
    return ints.map(() => 0n);
  }
  const parts = ints.map((w) => floorDiv(total * w, W));
  let left = total - parts.reduce((s, x) => s + x, 0n);
  const order = ints.map((w, i) => ({ i, rem: total * w - parts[i]! * W }))
    .sort((a, b) => (a.rem > b.rem ? -1 : a.rem < b.rem ? 1 : a.i - b.i));
  for (let k = 0; left > 0n; k++, left--) parts[order[k % order.length]!.i]! += 1n;
  return parts;
}
