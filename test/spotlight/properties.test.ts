// Invariants of every model on random journeys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bootstrap,
  heuristicModel,
  type Journey,
  markovModel,
  type MarkovOrder,
  type ModelResult,
  shapleyModel,
} from '../../src/spotlight/index.js';
import { formatDecimal, parseAmount } from '../../src/domain/decimal.js';

const UNITS = ['a', 'b', 'c', 'd', 'e'];

const journey = fc
  .record({
    path: fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }),
    converted: fc.boolean(),
    cents: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  })
  .map(({ path, converted, cents }): Journey => ({ path, converted, value: formatDecimal(converted ? cents : 0n, 2) }));

const journeys = fc.array(journey, { minLength: 1, maxLength: 10 });

type Fit = (js: Journey[]) => ModelResult;
const MODELS: Array<[string, Fit]> = [
  ['first', (js) => heuristicModel(js, 'first')],
  ['last', (js) => heuristicModel(js, 'last')],
  ['linear', (js) => heuristicModel(js, 'linear')],
  ['shapley', (js) => shapleyModel(js)],
  ['shapley-sampled', (js) => shapleyModel(js, { method: 'sample', samples: 50, seed: 3 })],
  ...([1, 2, 3, 4] as MarkovOrder[]).flatMap(
    (order): Array<[string, Fit]> => [
      [`markov-${order}`, (js) => markovModel(js, { order, exactStateLimit: 100 })],
      [`markov-${order}-collapsed`, (js) => markovModel(js, { order, collapseRepeats: true, exactStateLimit: 100 })],
    ],
  ),
];

const micro = (s: string): bigint => BigInt(s.replace('.', ''));

describe.each(MODELS)('%s', (_name, fit) => {
  it('credit sums exactly to total conversions and total value', () => {
    fc.assert(
      fc.property(journeys, (js) => {
        const r = fit(js);
        const conv = js.filter((x) => x.converted);
        expect(r.sample.journeys).toBe(js.length);
        expect(r.sample.conversions).toBe(conv.length);
        expect(r.credits.reduce((s, c) => s + micro(c.conversions), 0n)).toBe(BigInt(conv.length) * 1_000_000n);
        const cents = conv.reduce((s, x) => s + parseAmount(x.value), 0n);
        expect(r.credits.reduce((s, c) => s + parseAmount(c.value), 0n)).toBe(cents);
        expect(r.sample.value).toBe(formatDecimal(cents, 2));
      }),
      { numRuns: 60 },
    );
  });

  it('same input, same seed: same output', () => {
    fc.assert(
      fc.property(journeys, (js) => {
        expect(fit(js)).toEqual(fit(structuredClone(js)));
      }),
      { numRuns: 20 },
    );
  });
});

describe('units without a converting journey', () => {
  const direct = MODELS.filter(([n]) => !n.startsWith('markov'));
  it.each(direct)('%s gives zero to a unit on no converting journey', (_n, fit) => {
    fc.assert(
      fc.property(journeys, fc.constantFrom(...UNITS), (js, u) => {
        const r = fit(js);
        const credited = js.some((x) => x.converted && x.path.includes(u));
        const c = r.credits.find((x) => x.unit === u);
        if (!credited && c) expect([c.conversions, c.value]).toEqual(['0.000000', '0.00']);
      }),
      { numRuns: 60 },
    );
  });

  it('markov gives zero to a unit from which the chain cannot convert (only ever the last step of lost journeys)', () => {
    fc.assert(
      fc.property(journeys, fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom<MarkovOrder>(1, 2, 3, 4), (js, picks, order) => {
        const lost = js.map((_x, i) => i).filter((i) => !js[i]!.converted);
        const withZ = js.map((x) => ({ ...x, path: x.path.slice() }));
        for (const p of picks) if (lost.length > 0) withZ[lost[p % lost.length]!]!.path.push('z');
        const z = markovModel(withZ, { order, exactStateLimit: 100 }).credits.find((c) => c.unit === 'z');
        if (z) expect([z.conversions, z.value]).toEqual(['0.000000', '0.00']);
      }),
      { numRuns: 60 },
    );
  });

  it('markov can credit a unit seen only on lost journeys: the chain recombines paths', () => {
    // x>u>y lost, y won: the chain has start->x->u->y->conversion, so removing u
    // lowers P(conversion) and u gets credit. A property of the model, reported as is.
    const r = markovModel([
      { path: ['x', 'u', 'y'], converted: false, value: '0.00' },
      { path: ['y'], converted: true, value: '10.00' },
    ]);
    expect(r.credits.find((c) => c.unit === 'u')!.conversions).not.toBe('0.000000');
  });
});

describe('renaming units permutes credit', () => {
  const exactModels = MODELS.filter(([n]) => n !== 'shapley-sampled');
  it.each(exactModels)('%s', (_n, fit) => {
    fc.assert(
      fc.property(journeys, fc.shuffledSubarray(UNITS, { minLength: UNITS.length, maxLength: UNITS.length }), (js, perm) => {
        const rename = new Map(UNITS.map((u, i) => [u, `q${perm[i]}`]));
        const renamed = js.map((x) => ({ ...x, path: x.path.map((u) => rename.get(u)!) }));
        const a = new Map(fit(js).credits.map((c) => [rename.get(c.unit)!, [c.conversionsExact, c.valueExact]]));
        const b = new Map(fit(renamed).credits.map((c) => [c.unit, [c.conversionsExact, c.valueExact]]));
        expect(b).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });
});

describe('markov solvers', () => {
  it('the exact (fraction-free) and iterative solutions agree', () => {
    fc.assert(
      fc.property(journeys, fc.constantFrom<MarkovOrder>(1, 2, 3), (js, order) => {
        const e = markovModel(js, { order, exactStateLimit: 1000 });
        const i = markovModel(js, { order, exactStateLimit: 0 });
        expect(Math.abs(Number(e.conversionProbability) - Number(i.conversionProbability))).toBeLessThan(1e-11);
        e.removalEffects.forEach((re, k) => {
          expect(Math.abs(Number(re.conversions) - Number(i.removalEffects[k]!.conversions))).toBeLessThanOrEqual(1.01e-6);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('bootstrap determinism', () => {
  it('same journeys, same seed: same intervals', () => {
    fc.assert(
      fc.property(journeys, (js) => {
        const fit = (x: Journey[]) => markovModel(x);
        expect(bootstrap(js, fit, { resamples: 20, seed: 5 })).toEqual(bootstrap(js, fit, { resamples: 20, seed: 5 }));
      }),
      { numRuns: 10 },
    );
  });
});

describe('empty input', () => {
  it.each(MODELS)('%s returns no credit and a zero sample', (_n, fit) => {
    expect(fit([])).toMatchObject({ credits: [], sample: { journeys: 0, conversions: 0, value: '0.00' } });
    expect(fit([{ path: [], converted: true, value: '5.00' }]).sample.journeys).toBe(0);
  });
});

describe('shapley closed form', () => {
  it('equals full coalition enumeration of the same game', () => {
    fc.assert(
      fc.property(journeys, (js) => {
        const pick = (r: ModelResult) => r.credits.map((c) => [c.unit, c.conversionsExact, c.valueExact]);
        expect(pick(shapleyModel(js, { method: 'enumerate' }))).toEqual(pick(shapleyModel(js, { method: 'closed-form' })));
      }),
      { numRuns: 60 },
    );
  });
});
