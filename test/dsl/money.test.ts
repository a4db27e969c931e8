// Exact money: rationals, largest remainder, caps and floors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLane, applyCap, applyFloor } from '../../src/dsl/index.js';
import { parseAmount } from '../../src/domain/decimal.js';
import { fromDouble, largestRemainderOfRatios, parseRatio, ratio, sum, cmp, formatRatio, type Ratio } from '../../src/domain/rational.js';

describe('money', () => {
  it('largest remainder sums exactly and breaks ties by key', () => {
    const third = ratio(1n, 3n);
    expect(largestRemainderOfRatios(100n, [third, third, third], { tieKeys: ['b', 'a', 'c'] })).toEqual([33n, 34n, 33n]);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }).filter((ws) => ws.some((w) => w > 0)),
        (total, ws) => {
          const parts = largestRemainderOfRatios(
            total,
            ws.map((w) => ratio(BigInt(w))),
            { tieKeys: ws.map((_, i) => `p${i}`) },
          );
          const W = ws.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          ws.forEach((w, i) => {
            const exact = (Number(total) * w) / W;
            expect(Math.abs(Number(parts[i]!) - exact)).toBeLessThan(1.000001);
          });
        },
      ),
    );
  });

  it('converts doubles exactly', () => {
    expect(fromDouble(0.5)).toEqual(ratio(1n, 2n));
    expect(fromDouble(0.1)).toEqual(ratio(3602879701896397n, 36028797018963968n));
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).filter((x) => x === 0 || Math.abs(x) > 1e-12),
        (x) => {
          const r = fromDouble(x);
          // Exact: num / den reproduces the double bit for bit.
          expect(Number(r.num) / Number(r.den)).toBe(x === 0 ? 0 : x);
        },
      ),
    );
  });

  it('parses and formats decimals without floats', () => {
    expect(parseAmount('1234.5')).toBe(123450n);
    expect(parseAmount('0.07')).toBe(7n);
    expect(() => parseAmount('1.234')).toThrow(/more than 2 decimal places/);
    expect(formatRatio(parseRatio('0.6666665'), 6, 'half-up')).toBe('0.666667');
  });

  it('caps redistribute the excess and floors lift small partners', () => {
    const f = new Map<string, Ratio>([
      ['a', ratio(7n, 10n)],
      ['b', ratio(2n, 10n)],
      ['c', ratio(1n, 10n)],
    ]);
    const capped = applyCap(f, ratio(1n, 2n), []);
    expect(capped.get('a')).toEqual(ratio(1n, 2n));
    expect(capped.get('b')).toEqual(ratio(1n, 3n));
    expect(capped.get('c')).toEqual(ratio(1n, 6n));
    expect(cmp(sum([...capped.values()]), ratio(1n))).toBe(0);
    const floored = applyFloor(f, ratio(15n, 100n), []);
    expect(floored.get('c')).toEqual(ratio(15n, 100n));
    expect(cmp(sum([...floored.values()]), ratio(1n))).toBe(0);
    // A lone partner capped at 60%: the lane grants only 60%.
    const lone = allocateLane(1000000n, ratio(1n), applyCap(new Map([['a', ratio(1n)]]), ratio(3n, 5n), []));
    expect([lone.grantedShare, lone.grantedAmount, lone.partners[0]!.amount]).toEqual(['0.600000', '6000.00', '6000.00']);
  });
});
