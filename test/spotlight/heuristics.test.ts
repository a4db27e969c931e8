import { describe, expect, it } from 'vitest';
import { heuristicModels } from '../../src/spotlight/index.js';
import { byUnit, CLASSIC, j } from './fixtures.js';

describe('heuristics', () => {
  it('classic example: first, last, linear', () => {
    const h = heuristicModels(CLASSIC);
    // Only c1>c2>c3 converts (1000.00).
    expect(byUnit(h.first.credits).c1).toMatchObject({ conversions: '1.000000', value: '1000.00' });
    expect(byUnit(h.first.credits).c3).toMatchObject({ conversions: '0.000000', value: '0.00' });
    expect(byUnit(h.last.credits).c3).toMatchObject({ conversions: '1.000000', value: '1000.00' });
    // Linear: 1/3 each; 1,000,000 micro-conversions split 333,333.33 each:
    // the one left over goes to the earliest name (c1). Same for cents.
    expect(h.linear.credits.map((c) => [c.unit, c.conversions, c.value, c.conversionsExact])).toEqual([
      ['c1', '0.333334', '333.34', '1/3'],
      ['c2', '0.333333', '333.33', '1/3'],
      ['c3', '0.333333', '333.33', '1/3'],
    ]);
  });

  it('linear counts steps, not distinct units', () => {
    const h = heuristicModels([j('a>b>a>c', true, '100.00')]);
    expect(byUnit(h.linear.credits).a).toMatchObject({ conversionsExact: '1/2', value: '50.00' });
    expect(byUnit(h.linear.credits).b).toMatchObject({ conversionsExact: '1/4', value: '25.00' });
  });
});
