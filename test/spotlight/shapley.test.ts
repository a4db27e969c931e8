import { describe, expect, it } from 'vitest';
import { MAX_EXACT_PLAYERS, shapleyByEnumeration, shapleyModel } from '../../src/spotlight/index.js';
import { ratio } from '../../src/domain/rational.js';
import { byUnit, j } from './fixtures.js';

// J1 {c1,c2} 100, J2 {c1} 50, J3 {c2,c3} 30, J4 c3 null.
// v: {}=0, {c1}=1, {c2}=0, {c3}=0, {c1,c2}=2, {c1,c3}=1, {c2,c3}=1, all=3.
// phi_c3 = 1/3*(v(c3)-v({})) + 1/6*(v(c1,c3)-v(c1)) + 1/6*(v(c2,c3)-v(c2)) + 1/3*(v(all)-v(c1,c2))
//        = 0 + 0 + 1/6 + 1/3 = 1/2.
// phi_c1 = 1/3*1 + 1/6*(2-0) + 1/6*(1-0) + 1/3*(3-1) = 1/3 + 1/3 + 1/6 + 2/3 = 3/2.
// phi_c2 = 3 - 3/2 - 1/2 = 1 (efficiency). Closed form agrees: c1 = 1/2 + 1, c2 = 1/2 + 1/2, c3 = 1/2.
// Value: c1 = 100/2 + 50 = 100, c2 = 100/2 + 30/2 = 65, c3 = 15.
const SMALL = [j('c1>c2', true, '100.00'), j('c1>c1', true, '50.00'), j('c3>c2', true, '30.00'), j('c3', false)];

describe('shapley', () => {
  it('exact values on a small hand-computed example, closed form and enumeration', () => {
    for (const method of ['closed-form', 'enumerate', 'auto'] as const) {
      const r = shapleyModel(SMALL, { method });
      const c = byUnit(r.credits);
      expect([c.c1!.conversionsExact, c.c2!.conversionsExact, c.c3!.conversionsExact]).toEqual(['3/2', '1', '1/2']);
      expect([c.c1!.value, c.c2!.value, c.c3!.value]).toEqual(['100.00', '65.00', '15.00']);
      expect(r.standardErrors).toBeUndefined();
    }
  });

  it('enumeration of a general game (glove game: one left, two right gloves)', () => {
    // v(S) = 1 when S holds the left glove (0) and a right glove; phi = (2/3, 1/6, 1/6).
    const phi = shapleyByEnumeration(3, (m) => ratio(m & 1 && m & 6 ? 1n : 0n));
    expect(phi).toEqual([ratio(2n, 3n), ratio(1n, 6n), ratio(1n, 6n)]);
    expect(() => shapleyByEnumeration(MAX_EXACT_PLAYERS + 1, () => ratio(0n))).toThrow(RangeError);
  });

  it('sampling stays within the reported error of the exact values on many units', () => {
    // 20 units, journeys over overlapping windows of various sizes.
    const units = Array.from({ length: 20 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const js = [];
    for (let i = 0; i < 40; i++) {
      const len = 1 + (i % 6);
      const path = Array.from({ length: len }, (_, k) => units[(i * 7 + k * 3) % 20]!);
      js.push({ path, converted: i % 5 !== 0, value: `${100 + i * 13}.25` });
    }
    const exact = byUnit(shapleyModel(js).credits);
    const sampled = shapleyModel(js, { method: 'sample', samples: 3000, seed: 7 });
    expect(sampled.samples).toBe(3000);
    const se = byUnit(sampled.standardErrors!);
    let outside2 = 0;
    for (const c of sampled.credits) {
      const dc = Math.abs(Number(c.conversions) - Number(exact[c.unit]!.conversions));
      const dv = Math.abs(Number(c.value) - Number(exact[c.unit]!.value));
      // 4 standard errors (plus rounding of the reported figures) for every unit.
      expect(dc).toBeLessThanOrEqual(4 * se[c.unit]!.conversions + 1e-6);
      expect(dv).toBeLessThanOrEqual(4 * se[c.unit]!.value + 0.01);
      if (dc > 2 * se[c.unit]!.conversions + 1e-6) outside2++;
    }
    // About 5% of units fall beyond 2 SE by chance; allow a few.
    expect(outside2).toBeLessThanOrEqual(4);
    // Every permutation hands out the whole total, so the estimate sums exactly.
    const total = sampled.credits.reduce((s, c) => s + Number(c.conversions), 0);
    expect(total).toBeCloseTo(sampled.sample.conversions, 9);
    // Same seed, same result.
    expect(shapleyModel(js, { method: 'sample', samples: 3000, seed: 7 })).toEqual(sampled);
  });
});
