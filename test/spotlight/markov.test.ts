// Markov removal effects against hand computations following
// ChannelAttribution's algorithm (states, start/conversion/null, removal
// sends the removed unit's states to null).
import { describe, expect, it } from 'vitest';
import { markovModel, statesOf } from '../../src/spotlight/index.js';
import { byUnit, CLASSIC, j } from './fixtures.js';

describe('markov removal effect', () => {
  it('classic example, order 1', () => {
    // Transition counts: start->c1 2, start->c2 1; c1->c2 1, c1->null 1;
    // c2->c3 2; c3->conv 1, c3->null 1.
    // P(conv) = 2/3*1/2*1*1/2 + 1/3*1*1/2 = 1/6 + 1/6 = 1/3.
    // Without c1: only start->c2->c3->conv = 1/3*1/2 = 1/6, RE = 1 - (1/6)/(1/3) = 1/2.
    // Without c2 or c3 nothing converts: RE = 1 each. Sum of REs = 5/2.
    // Credit of the 1 conversion: c1 = (1/2)/(5/2) = 1/5, c2 = c3 = 2/5.
    const r = markovModel(CLASSIC);
    expect(r.method).toBe('exact');
    expect(r.conversionProbability).toBe('0.333333333333');
    expect(r.expectedValue).toBe('333.333333');
    const re = byUnit(r.removalEffects);
    expect(re.c1).toMatchObject({ conversions: '0.500000', value: '0.500000' });
    expect(re.c2).toMatchObject({ conversions: '1.000000', value: '1.000000' });
    expect(re.c3).toMatchObject({ conversions: '1.000000', value: '1.000000' });
    const c = byUnit(r.credits);
    expect(c.c1).toMatchObject({ conversions: '0.200000', value: '200.00', conversionsExact: '1/5', valueExact: '200' });
    expect(c.c2).toMatchObject({ conversions: '0.400000', value: '400.00', conversionsExact: '2/5' });
    expect(c.c3).toMatchObject({ conversions: '0.400000', value: '400.00' });
    expect(r.sample).toEqual({ journeys: 3, conversions: 1, value: '1000.00' });
  });

  it('value removal effects weight conversions by their value', () => {
    // J1 a conv 300, J2 b conv 100, J3 a>b null.
    // Counts: start->a 2, start->b 1; a->conv 1, a->b 1; b->conv 1, b->null 1.
    // P: x_b = 1/2, x_a = 1/2 + 1/2*x_b = 3/4, P = 2/3*3/4 + 1/3*1/2 = 2/3.
    // Value (cents/100): v_b = 100/2 = 50, v_a = 300/2 + 1/2*50 = 175,
    //   V = 2/3*175 + 1/3*50 = 400/3.
    // Without a: P = 1/3*1/2 = 1/6, RE_a = 1 - (1/6)/(2/3) = 3/4;
    //   V = 1/3*50 = 50/3, REv_a = 1 - 50/400 = 7/8.
    // Without b: x_a = 1/2 (a->b goes to null), P = 2/3*1/2 = 1/3, RE_b = 1/2;
    //   v_a = 150, V = 100, REv_b = 1 - 100/(400/3) = 1/4.
    // Conversions 2: a = 2*(3/4)/(5/4) = 6/5, b = 4/5.
    // Value 400: a = 400*(7/8)/(9/8) = 2800/9 = 311.11..., b = 800/9 = 88.88...
    const r = markovModel([j('a', true, '300.00'), j('b', true, '100.00'), j('a>b', false)]);
    expect(r.conversionProbability).toBe('0.666666666667');
    expect(r.expectedValue).toBe('133.333333');
    const re = byUnit(r.removalEffects);
    expect(re.a).toEqual({ unit: 'a', conversions: '0.750000', value: '0.875000' });
    expect(re.b).toEqual({ unit: 'b', conversions: '0.500000', value: '0.250000' });
    const c = byUnit(r.credits);
    expect(c.a).toMatchObject({ conversionsExact: '6/5', conversions: '1.200000', valueExact: '2800/9', value: '311.11' });
    expect(c.b).toMatchObject({ conversionsExact: '4/5', conversions: '0.800000', valueExact: '800/9', value: '88.89' });
  });

  it('order 2: sliding pairs, a path shorter than the order is one state', () => {
    expect(statesOf(['a', 'b', 'c'], 2)).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(statesOf(['a'], 2)).toEqual([['a']]);
    expect(statesOf(['a', 'a', 'b'], 2)).toEqual([
      ['a', 'a'],
      ['a', 'b'],
    ]);
    expect(statesOf(['a', 'a', 'b'], 2, true)).toEqual([['a', 'b']]);
    // J1 c1>c2>c3 conv, J2 c1>c2 null, J3 c3 conv, J4 c2>c3 null.
    // States: (c1,c2), (c2,c3), (c3).
    // Counts: start->(c1,c2) 2, start->(c3) 1, start->(c2,c3) 1;
    //   (c1,c2)->(c2,c3) 1, (c1,c2)->null 1; (c2,c3)->conv 1, ->null 1; (c3)->conv 1.
    // P = 2/4*1/2*1/2 + 1/4*1 + 1/4*1/2 = 1/8 + 1/4 + 1/8 = 1/2.
    // Without c1: (c1,c2) gone: P = 1/4 + 1/8 = 3/8, RE = 1/4.
    // Without c2: (c1,c2),(c2,c3) gone: P = 1/4, RE = 1/2.
    // Without c3: (c2,c3),(c3) gone: P = 0, RE = 1. Sum 7/4.
    // 2 conversions: c1 = 2*(1/4)/(7/4) = 2/7, c2 = 4/7, c3 = 8/7.
    const r = markovModel([j('c1>c2>c3', true), j('c1>c2', false), j('c3', true), j('c2>c3', false)], { order: 2 });
    expect(r.states).toBe(4);
    expect(r.conversionProbability).toBe('0.500000000000');
    const c = byUnit(r.credits);
    expect([c.c1!.conversionsExact, c.c2!.conversionsExact, c.c3!.conversionsExact]).toEqual(['2/7', '4/7', '8/7']);
    expect([c.c1!.conversions, c.c2!.conversions, c.c3!.conversions]).toEqual(['0.285714', '0.571429', '1.142857']);
  });

  it('repeats: immaterial at order 1, change the states at order 2', () => {
    const js = [j('a>a>b', true), j('b>b', false), j('a', false), j('b>a>a', true)];
    const keep1 = markovModel(js, { order: 1 });
    const coll1 = markovModel(js, { order: 1, collapseRepeats: true });
    expect(keep1.credits).toEqual(coll1.credits);
    // Order 2 collapsed: a>b, b, a, b>a -> states (a,b), (b), (a), (b,a): no
    // state for (a,a) or (b,b), unlike the uncollapsed chain.
    const keep2 = markovModel(js, { order: 2 });
    const coll2 = markovModel(js, { order: 2, collapseRepeats: true });
    expect(keep2.states).toBe(6);
    expect(coll2.states).toBe(5);
    expect(coll2.collapseRepeats).toBe(true);
  });

  it('iterative solver agrees with the exact one', () => {
    const js = [
      j('a>b>c', true, '10.00'),
      j('a>c', false),
      j('b>b>a', true, '30.00'),
      j('c>a>b', false),
      j('c', true, '5.00'),
      j('b>c>a>c', true, '7.50'),
    ];
    for (const order of [1, 2, 3] as const) {
      const exact = markovModel(js, { order });
      const iter = markovModel(js, { order, exactStateLimit: 0 });
      expect(exact.method).toBe('exact');
      expect(iter.method).toBe('iterative');
      expect(iter.credits.map((c) => c.conversions)).toEqual(exact.credits.map((c) => c.conversions));
      expect(iter.credits.map((c) => c.value)).toEqual(exact.credits.map((c) => c.value));
      expect(iter.conversionProbability).toBe(exact.conversionProbability);
    }
  });

  it('no conversions: zero credit; bad order refused', () => {
    const r = markovModel([j('a>b', false), j('b', false)]);
    expect(r.credits.map((c) => [c.conversions, c.value])).toEqual([
      ['0.000000', '0.00'],
      ['0.000000', '0.00'],
    ]);
    expect(() => markovModel(CLASSIC, { order: 5 as never })).toThrow(RangeError);
  });
});
