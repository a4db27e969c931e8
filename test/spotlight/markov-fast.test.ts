// The component-by-component solver of src/spotlight/markov.ts against the
// reference that re-solves the whole chain per removed unit
// (markov-reference.ts): identical exact results, and iterative results
// within the documented tolerance, on random journeys at orders 1–4.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Journey, markovModel, type MarkovOrder } from '../../src/spotlight/index.js';
import { formatDecimal } from '../../src/domain/decimal.js';
import { referenceMarkovModel } from './markov-reference.js';

const journey = fc
  .record({
    path: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 6 }),
    converted: fc.boolean(),
    cents: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  })
  .map(({ path, converted, cents }): Journey => ({ path, converted, value: formatDecimal(converted ? cents : 0n, 2) }));
const journeys = fc.array(journey, { minLength: 1, maxLength: 14 });
const orders = fc.constantFrom<MarkovOrder>(1, 2, 3, 4);

describe('markov solver against the reference', () => {
  it('exact: every field identical, exact credits included', () => {
    fc.assert(
      fc.property(journeys, orders, fc.boolean(), (js, order, collapseRepeats) => {
        const opts = { order, collapseRepeats, exactStateLimit: 40 };
        expect(markovModel(js, opts)).toEqual(referenceMarkovModel(js, opts));
      }),
      { numRuns: 80 },
    );
  });

  it('iterative: same method and states, P and removal effects within tolerance', () => {
    fc.assert(
      fc.property(journeys, orders, (js, order) => {
        const opts = { order, exactStateLimit: 0 };
        const fast = markovModel(js, opts);
        const ref = referenceMarkovModel(js, opts);
        expect([fast.method, fast.states, fast.sample]).toEqual([ref.method, ref.states, ref.sample]);
        expect(Math.abs(Number(fast.conversionProbability) - Number(ref.conversionProbability))).toBeLessThan(1e-11);
        fast.removalEffects.forEach((re, k) => {
          expect(re.unit).toBe(ref.removalEffects[k]!.unit);
          expect(Math.abs(Number(re.conversions) - Number(ref.removalEffects[k]!.conversions))).toBeLessThanOrEqual(1.01e-6);
          expect(Math.abs(Number(re.value) - Number(ref.removalEffects[k]!.value))).toBeLessThanOrEqual(1.01e-6);
        });
      }),
      { numRuns: 80 },
    );
  });

  it('a journey with count n weighs as n copies of it', () => {
    fc.assert(
      fc.property(journeys, fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 14, maxLength: 14 }), orders, (js, counts, order) => {
        const weighted = js.map((x, i) => ({ ...x, count: counts[i]! }));
        const copies = js.flatMap((x, i) => Array.from({ length: counts[i]! }, () => x));
        const opts = { order, exactStateLimit: 40 };
        expect(markovModel(weighted, opts)).toEqual(referenceMarkovModel(copies, opts));
      }),
      { numRuns: 40 },
    );
  });
});
