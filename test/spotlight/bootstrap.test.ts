import { describe, expect, it } from 'vitest';
import { bootstrap, divergences, heuristicModel, type Journey, markovModel, quantile } from '../../src/spotlight/index.js';
import { ratio } from '../../src/domain/rational.js';
import { byUnit, j } from './fixtures.js';

const many = (): Journey[] => {
  const out: Journey[] = [];
  for (let i = 0; i < 60; i++) {
    const path = i % 3 === 0 ? 'a>b' : i % 3 === 1 ? 'b>c' : 'a>c>b';
    out.push(j(path, i % 2 === 0, i % 2 === 0 ? `${1000 + i}.00` : '0.00'));
  }
  out.push(j('d', false));
  return out;
};

describe('bootstrap', () => {
  it('type-7 percentiles, exact', () => {
    const xs = [0n, 1n, 2n, 3n, 4n].map((n) => ratio(n));
    // h = 4 * 0.025 = 0.1 -> 0 + 0.1 * (1 - 0); h = 4 * 0.975 = 3.9 -> 3 + 0.9.
    expect(quantile(xs, ratio(1n, 40n))).toEqual(ratio(1n, 10n));
    expect(quantile(xs, ratio(39n, 40n))).toEqual(ratio(39n, 10n));
    expect(quantile(xs, ratio(1n))).toEqual(ratio(4n));
  });

  it('reports sample size, the full-data estimate and an interval per unit', () => {
    const js = many();
    const fit = (x: Journey[]) => markovModel(x);
    const b = bootstrap(js, fit, { resamples: 200, seed: 11 });
    expect(b).toMatchObject({ model: 'markov-1', resamples: 200, seed: 11, lowPercentile: '2.5', highPercentile: '97.5' });
    expect(b.sample).toEqual({ journeys: 61, conversions: 30, value: markovModel(js).sample.value });
    const full = byUnit(markovModel(js).credits);
    for (const u of b.units) {
      expect(u.conversions.estimate).toBe(full[u.unit]!.conversions);
      expect(u.value.estimate).toBe(full[u.unit]!.value);
      expect(Number(u.conversions.low)).toBeLessThanOrEqual(Number(u.conversions.high));
      expect(Number(u.value.low)).toBeLessThanOrEqual(Number(u.value.high));
    }
    const units = byUnit(b.units);
    // d is only on a lost journey, and last: no credit in any resample.
    expect(units.d!.conversions).toEqual({ estimate: '0.000000', low: '0.000000', high: '0.000000' });
    // a real unit has a non-degenerate interval around its estimate.
    expect(Number(units.a!.conversions.low)).toBeLessThan(Number(units.a!.conversions.estimate));
    expect(Number(units.a!.conversions.high)).toBeGreaterThan(Number(units.a!.conversions.estimate));
    expect(bootstrap(js, fit, { resamples: 200, seed: 11 })).toEqual(b);
    expect(bootstrap(js, fit, { resamples: 200, seed: 12 })).not.toEqual(b);
  });

  it('refuses nonsense options', () => {
    const fit = (x: Journey[]) => heuristicModel(x, 'first');
    expect(() => bootstrap(many(), fit, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrap(many(), fit, { lowPercentile: '60', highPercentile: '40' })).toThrow(RangeError);
  });
});

describe('divergence', () => {
  const model = {
    model: 'markov-1',
    resamples: 200,
    seed: 1,
    lowPercentile: '2.5',
    highPercentile: '97.5',
    sample: { journeys: 10, conversions: 4, value: '1000.00' },
    units: [
      {
        unit: 'a',
        conversions: { estimate: '2.000000', low: '1.500000', high: '2.500000' },
        value: { estimate: '500.00', low: '400.00', high: '600.00' },
      },
      {
        unit: 'b',
        conversions: { estimate: '2.000000', low: '1.000000', high: '3.000000' },
        value: { estimate: '500.00', low: '450.00', high: '550.00' },
      },
    ],
  };

  it('flags rule credit outside the closed interval, with the difference rule - model', () => {
    const d = divergences({ a: '600.00', b: '700', c: '1.5' }, model);
    expect(d).toEqual([
      { unit: 'a', rule: '600.00', model: '500.00', low: '400.00', high: '600.00', difference: '100.00', diverges: false },
      { unit: 'b', rule: '700.00', model: '500.00', low: '450.00', high: '550.00', difference: '200.00', diverges: true },
      { unit: 'c', rule: '1.50', model: '0.00', low: '0.00', high: '0.00', difference: '1.50', diverges: true },
    ]);
  });

  it('on conversions, and a unit the rules never credit counts as zero', () => {
    const d = divergences(new Map([['a', '1.2']]), model, 'conversions');
    expect(d).toEqual([
      { unit: 'a', rule: '1.200000', model: '2.000000', low: '1.500000', high: '2.500000', difference: '-0.800000', diverges: true },
      { unit: 'b', rule: '0.000000', model: '2.000000', low: '1.000000', high: '3.000000', difference: '-2.000000', diverges: true },
    ]);
  });
});
