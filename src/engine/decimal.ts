// Exact fixed-point arithmetic for money (2 places) and shares (6 places).
// Values are bigints scaled by 10^places; strings in and out, never floats.

export const AMOUNT_PLACES = 2;
export const SHARE_PLACES = 6;
export const SHARE_ONE = 10n ** BigInt(SHARE_PLACES);

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses "123.4" into a bigint scaled to `places`; refuses more precision than `places`. */
export function parseFixed(value: string, places: number): bigint {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) throw new RangeError(`"${value}" is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > places) {
    throw new RangeError(`"${value}" has more than ${places} decimal places`);
  }
  const scaled = BigInt(whole!) * 10n ** BigInt(places) + BigInt((trimmed.padEnd(places, '0')) || '0');
  return sign ? -scaled : scaled;
}

/** Formats a scaled bigint with exactly `places` decimals. */
export function formatFixed(value: bigint, places: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(places);
  const whole = abs / base;
  const frac = abs % base;
  const text = places > 0 ? `${whole}.${frac.toString().padStart(places, '0')}` : `${whole}`;
  return negative ? `-${text}` : text;
}

export const parseAmount = (v: string): bigint => parseFixed(v, AMOUNT_PLACES);
export const parseShare = (v: string): bigint => parseFixed(v, SHARE_PLACES);
export const formatAmount = (v: bigint): string => formatFixed(v, AMOUNT_PLACES);
export const formatShare = (v: bigint): string => formatFixed(v, SHARE_PLACES);

/** Normalises any decimal string to `places` (e.g. DB "0.4" → "0.400000"). */
export function normalizeFixed(value: string, places: number): string {
  return formatFixed(parseFixed(value, places), places);
}

/** Integer division rounding half to even (banker's rounding). */
export function divRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) { numerator = -numerator; denominator = -denominator; }
  const q = numerator / denominator;
  const r = numerator % denominator;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < denominator) return q;
  const away = numerator < 0n ? q - 1n : q + 1n;
  if (twice > denominator) return away;
  return q % 2n === 0n ? q : away;
}

/** amount (cents) × share (micro-units) → cents, half-even. */
export function applyShare(amountCents: bigint, shareMicros: bigint): bigint {
  return divRoundHalfEven(amountCents * shareMicros, SHARE_ONE);
}

/**
 * Splits `total` into parts proportional to `weights` so that the parts sum to
 * exactly `total` (largest-remainder method). Ties in the remainder go to the
 * earlier index, so the result is deterministic for a given order.
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const parts = weights.map((w) => (total * w) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (let k = 0; left > 0n; k = (k + 1) % order.length) {
    parts[order[k]!.i]! += 1n;
    left -= 1n;
  }
  return parts;
}

export function sum(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}
