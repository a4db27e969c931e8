// The exact-decimal module: parser, formatter, rounding modes, largest
// remainder, and the rationals built on them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountString,
  applyShare,
  compareDecimals,
  DecimalError,
  divide,
  formatDecimal,
  largestRemainder,
  normalizeDecimal,
  parseAmount,
  parseDecimal,
  parseShare,
  quotient,
  readDecimal,
  rescale,
  shareString,
  subtractDecimals,
  sumDecimals,
  type RoundingMode,
} from '../../src/domain/decimal.js';
import { formatRatio, largestRemainderOfRatios, parseRatio, ratio, roundRatio } from '../../src/domain/rational.js';
import { Decimal } from '../../src/generated/prisma/internal/prismaNamespace.js';

const MODES: RoundingMode[] = ['half-up', 'half-even', 'down', 'floor'];

/** The reference: round n/d by mode using only comparisons of exact integers. */
function reference(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  // floor by search around the truncated quotient
  let f = n / d;
  while (f * d > n) f -= 1n;
  while ((f + 1n) * d <= n) f += 1n;
  const rem2 = 2n * (n - f * d); // 2 × the distance above floor, in units of 1/d
  if (rem2 === 0n) return f;
  switch (mode) {
    case 'floor':
      return f;
    case 'down':
      return n < 0n ? f + 1n : f;
    case 'half-up':
      return rem2 < d ? f : rem2 > d ? f + 1n : n < 0n ? f : f + 1n;
    case 'half-even':
      return rem2 < d ? f : rem2 > d ? f + 1n : f % 2n === 0n ? f : f + 1n;
  }
}

describe('parseDecimal / formatDecimal', () => {
  it('reads and writes the usual forms', () => {
    expect(parseDecimal('125000.50', 2)).toBe(12500050n);
    expect(parseDecimal('-3', 2)).toBe(-300n);
    expect(parseDecimal(' 0.4 ', 6)).toBe(400000n);
    expect(parseDecimal('1.500', 2)).toBe(150n);
    expect(parseDecimal('007.10', 2)).toBe(710n);
    expect(parseDecimal('12345678901234567890.12', 2)).toBe(1234567890123456789012n);
    expect(formatDecimal(12345n, 2)).toBe('123.45');
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
    expect(formatDecimal(0n, 6)).toBe('0.000000');
    expect(formatDecimal(42n, 0)).toBe('42');
    expect(normalizeDecimal('0.4', 6)).toBe('0.400000');
  });

  it('round-trips any units at any places', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 10 }), (units, places) => {
        const text = formatDecimal(units, places);
        expect(text).toMatch(places > 0 ? /^-?\d+\.\d+$/ : /^-?\d+$/);
        expect(parseDecimal(text, places)).toBe(units);
        for (const mode of MODES) expect(parseDecimal(text, places, mode)).toBe(units);
        expect(readDecimal(text)).toEqual({ units, places });
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the fast path and the general path to the same value', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 13 }), fc.integer({ min: 1, max: 6 }), (n, places) => {
        const text = formatDecimal(BigInt(n), places);
        expect(parseDecimal(text, places)).toBe(BigInt(n));
        expect(parseDecimal(` ${text}`, places)).toBe(BigInt(n));
      }),
    );
  });

  it('refuses what is not a decimal, naming the text', () => {
    for (const bad of ['', ' ', 'abc', '1.', '.5', '+1', '1e3', '1.2.3', '--1', '1,5', 'NaN']) {
      expect(() => parseDecimal(bad, 2)).toThrow(DecimalError);
      expect(() => parseDecimal(bad, 2)).toThrow(`"${bad}" is not a decimal number`);
    }
    expect(() => parseDecimal('1.234', 2)).toThrow('"1.234" has more than 2 decimal places');
    expect(() => parseShare('0.1234567')).toThrow('"0.1234567" has more than 6 decimal places');
    expect(() => parseAmount('x')).toThrow(RangeError);
    expect(() => parseRatio('1/2')).toThrow('"1/2" is not a decimal number');
  });

  it('rounds extra places only when a mode is named', () => {
    expect(parseDecimal('0.125', 2, 'half-up')).toBe(13n);
    expect(parseDecimal('0.125', 2, 'half-even')).toBe(12n);
    expect(parseDecimal('0.135', 2, 'half-even')).toBe(14n);
    expect(parseDecimal('-0.125', 2, 'half-up')).toBe(-13n);
    expect(parseDecimal('-0.125', 2, 'half-even')).toBe(-12n);
    expect(parseDecimal('0.129', 2, 'down')).toBe(12n);
    expect(parseDecimal('-0.129', 2, 'down')).toBe(-12n);
    expect(parseDecimal('-0.121', 2, 'floor')).toBe(-13n);
    expect(parseDecimal('-0.004', 2, 'half-up')).toBe(0n);
    expect(formatDecimal(parseDecimal('-0.004', 2, 'half-up'), 2)).toBe('0.00');
  });
});

describe('rounding modes', () => {
  it('break ties and round negatives as documented', () => {
    const cases: Array<[bigint, bigint, Record<RoundingMode, bigint>]> = [
      [5n, 10n, { 'half-up': 1n, 'half-even': 0n, down: 0n, floor: 0n }],
      [15n, 10n, { 'half-up': 2n, 'half-even': 2n, down: 1n, floor: 1n }],
      [25n, 10n, { 'half-up': 3n, 'half-even': 2n, down: 2n, floor: 2n }],
      [-5n, 10n, { 'half-up': -1n, 'half-even': 0n, down: 0n, floor: -1n }],
      [-15n, 10n, { 'half-up': -2n, 'half-even': -2n, down: -1n, floor: -2n }],
      [-25n, 10n, { 'half-up': -3n, 'half-even': -2n, down: -2n, floor: -3n }],
      [9n, 10n, { 'half-up': 1n, 'half-even': 1n, down: 0n, floor: 0n }],
      [-1n, 10n, { 'half-up': 0n, 'half-even': 0n, down: 0n, floor: -1n }],
      [7n, -2n, { 'half-up': -4n, 'half-even': -4n, down: -3n, floor: -4n }],
    ];
    for (const [n, d, want] of cases) for (const mode of MODES) expect([n, d, mode, divide(n, d, mode)]).toEqual([n, d, mode, want[mode]]);
    expect(() => divide(1n, 0n, 'half-up')).toThrow('division by zero');
  });

  it('agree with the reference definition', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: -1000n, max: 1000n }).filter((d) => d !== 0n),
        fc.constantFrom(...MODES),
        (n, d, mode) => {
          expect(divide(n, d, mode)).toBe(reference(n, d, mode));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('apply to rescaling, quotients, shares and rationals', () => {
    expect(rescale(12345n, 4, 2, 'half-up')).toBe(123n);
    expect(rescale(12350n, 4, 2, 'half-even')).toBe(124n);
    expect(rescale(123n, 2, 4, 'down')).toBe(12300n);
    expect(quotient('100000.00', '60000.00', 4, 'half-up')).toBe('1.6667');
    expect(quotient(1, 8, 2, 'half-up')).toBe('0.13');
    expect(quotient(1, 8, 2, 'half-even')).toBe('0.12');
    expect(quotient('1', '0', 4, 'half-up')).toBeNull();
    // 1 cent at 50 %: half-even keeps 0 cents, 3 cents at 50 % gives 2.
    expect(applyShare(1n, 500000n)).toBe(0n);
    expect(applyShare(3n, 500000n)).toBe(2n);
    expect(roundRatio(ratio(-1n, 2n), 'half-up')).toBe(-1n);
    expect(roundRatio(ratio(-1n, 2n), 'half-even')).toBe(0n);
    expect(formatRatio(ratio(2n, 3n), 4, 'half-up')).toBe('0.6667');
    expect(formatRatio(ratio(2n, 3n), 4, 'down')).toBe('0.6666');
    expect(formatRatio(parseRatio('-0.125'), 2, 'half-up')).toBe('-0.13');
  });

  it('reads driver decimals (toFixed in normal notation) at their scale', () => {
    const value = (text: string) => ({ toFixed: () => text });
    expect(amountString(value('125000.5'))).toBe('125000.50');
    expect(amountString(value('0.005'))).toBe('0.01');
    expect(shareString(value('0.4'))).toBe('0.400000');
    expect(shareString(value('1'))).toBe('1.000000');
    // The same text as the driver's own Decimal#toFixed (decimal.js, half-up), tiny and huge values included.
    for (const text of ['0.005', '-0.005', '0.0000015', '1e-7', '12345678901234567.125', '-0.125']) {
      expect([amountString(new Decimal(text)), shareString(new Decimal(text))]).toEqual([
        new Decimal(text).toFixed(2),
        new Decimal(text).toFixed(6),
      ]);
    }
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 9 }), (units, places) => {
        const d = new Decimal(formatDecimal(units, places));
        // decimal.js keeps the sign of a value that rounds to zero ("-0.00"); a decimal string never has a
        // negative zero. Amount and share columns hold 2 and 6 places, so no value read from them rounds to zero.
        const negativeZero = (text: string) => /^-0\.0+$/.test(text);
        if (!negativeZero(d.toFixed(2))) expect(amountString(d)).toBe(d.toFixed(2));
        else expect(amountString(d)).toBe('0.00');
        if (!negativeZero(d.toFixed(6))) expect(shareString(d)).toBe(d.toFixed(6));
        else expect(shareString(d)).toBe('0.000000');
        if (places <= 2) expect(amountString(d)).toBe(d.toFixed(2));
        if (places <= 6) expect(shareString(d)).toBe(d.toFixed(6));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('string arithmetic and comparison', () => {
  it('adds, subtracts and compares exactly', () => {
    expect(sumDecimals(['0.10', '0.20'], 2)).toBe('0.30');
    expect(subtractDecimals('0.00', '80000.00', 2)).toBe('-80000.00');
    expect(subtractDecimals('0.125', '0', 2, 'half-up')).toBe('0.13');
    expect(compareDecimals('1.5', '1.50')).toBe(0);
    expect(compareDecimals('-0.01', '0')).toBe(-1);
    expect(compareDecimals('0.0000001', '0')).toBe(1);
    expect(compareDecimals('10', '9.999')).toBe(1);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        (a, pa, b, pb) => {
          const p = Math.max(pa, pb);
          const x = a * 10n ** BigInt(p - pa);
          const y = b * 10n ** BigInt(p - pb);
          expect(compareDecimals(formatDecimal(a, pa), formatDecimal(b, pb))).toBe(x < y ? -1 : x > y ? 1 : 0);
        },
      ),
    );
  });
});

describe('largestRemainder', () => {
  const weightsArb = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 10 })
    .filter((ws) => ws.some((w) => w > 0n));

  it('sums exactly to the total and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), weightsArb, (total, weights) => {
        const parts = largestRemainder(total, weights);
        const W = weights.reduce((a, b) => a + b, 0n);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        parts.forEach((p, i) => {
          const floor = divide(total * weights[i]!, W, 'floor');
          expect(p === floor || p === floor + 1n).toBe(true);
          if (weights[i] === 0n) expect(p).toBe(0n);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the leftover units to the largest remainders, ties by key or else by index', () => {
    // 100 over three equal weights: one unit left, a three-way tie.
    expect(largestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(largestRemainder(100n, [1n, 1n, 1n], { tieKeys: ['b', 'a', 'c'] })).toEqual([33n, 34n, 33n]);
    expect(largestRemainder(101n, [1n, 1n, 1n], { tieKeys: ['b', 'a', 'c'] })).toEqual([34n, 34n, 33n]);
    // Equal keys fall back to the index; keys compare by code unit ('B' < 'a').
    expect(largestRemainder(1n, [1n, 1n], { tieKeys: ['x', 'x'] })).toEqual([1n, 0n]);
    expect(largestRemainder(1n, [1n, 1n], { tieKeys: ['a', 'B'] })).toEqual([0n, 1n]);
    // A larger remainder beats a smaller key: 10 over 1:2 → 3.33 / 6.67.
    expect(largestRemainder(10n, [1n, 2n], { tieKeys: ['a', 'b'] })).toEqual([3n, 7n]);
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), weightsArb, fc.boolean(), (total, weights, keyed) => {
        const keys = weights.map((_, i) => `k${(weights.length - i) % 3}`);
        const t = BigInt(total);
        const parts = largestRemainder(t, weights, keyed ? { tieKeys: keys } : {});
        const W = weights.reduce((a, b) => a + b, 0n);
        const rem = weights.map((w) => (t * w) % W);
        const up = parts.map((p, i) => p - (t * weights[i]!) / W === 1n);
        // Every part that got a unit ranks before every part that did not.
        const rank = (i: number, j: number) =>
          rem[i]! !== rem[j]! ? (rem[i]! > rem[j]! ? -1 : 1) : keyed && keys[i] !== keys[j] ? (keys[i]! < keys[j]! ? -1 : 1) : i - j;
        for (let i = 0; i < parts.length; i++)
          for (let j = 0; j < parts.length; j++) {
            if (up[i] && !up[j]) expect(rank(i, j)).toBeLessThan(0);
          }
      }),
      { numRuns: 1000 },
    );
  });

  it('handles all-zero weights as asked and refuses negative weights', () => {
    expect(largestRemainder(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(() => largestRemainder(5n, [0n, 0n])).toThrow('cannot apportion a non-zero total over zero weights');
    expect(largestRemainder(5n, [0n, 0n], { allZero: 'zeros' })).toEqual([0n, 0n]);
    expect(() => largestRemainder(5n, [2n, -1n])).toThrow('weights must not be negative');
    expect(() => largestRemainder(5n, [1n], { tieKeys: ['a', 'b'] })).toThrow('one tie key per weight');
    expect(largestRemainder(5n, [])).toEqual([]);
  });

  it('splits rational weights like their integer equivalents', () => {
    expect(largestRemainderOfRatios(100n, [ratio(1n, 3n), ratio(1n, 3n), ratio(1n, 3n)], { tieKeys: ['b', 'a', 'c'] })).toEqual([
      33n,
      34n,
      33n,
    ]);
    fc.assert(
      fc.property(
        fc.nat({ max: 10 ** 9 }),
        fc
          .array(fc.tuple(fc.nat({ max: 50 }), fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 6 })
          .filter((ws) => ws.some(([n]) => n > 0)),
        (total, ws) => {
          const rats = ws.map(([n, d]) => ratio(BigInt(n), BigInt(d)));
          const L = 27720n; // lcm(1..12)
          const ints = ws.map(([n, d]) => (BigInt(n) * L) / BigInt(d));
          expect(largestRemainderOfRatios(BigInt(total), rats)).toEqual(largestRemainder(BigInt(total), ints));
        },
      ),
    );
  });
});
