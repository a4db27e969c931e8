// Exact decimal strings ("125000.00", "-0.4125") compared and summed with
// BigInt at a fixed scale: never through floats.
const SCALE = 6;

function toScaled(value: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  const n = BigInt(m[2]! + frac);
  return m[1] ? -n : n;
}

function fromScaled(n: bigint, places: number): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(SCALE + 1, '0');
  const int = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE).slice(0, places);
  return `${negative ? '-' : ''}${int}${places > 0 ? `.${frac}` : ''}`;
}

/** a < b: -1, equal: 0, a > b: 1 (null sorts first). */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  const x = toScaled(a);
  const y = toScaled(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact sum, with `places` decimals (2 for money). */
export function sumDecimals(values: readonly string[], places = 2): string {
  let total = 0n;
  for (const v of values) total += toScaled(v);
  return fromScaled(total, places);
}
