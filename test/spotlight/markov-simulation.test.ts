// An independent check of the exact Markov solve: simulate walks on the
// transition counts, the way ChannelAttribution estimates removal effects
// (share of simulated conversions whose walk visited the unit), and compare
// with the exact figures within the simulation's standard error.
import { describe, expect, it } from 'vitest';
import { type Journey, markovModel, mulberry32, statesOf } from '../../src/spotlight/index.js';
import { j } from './fixtures.js';

function simulate(journeys: Journey[], order: number, walks: number, seed: number) {
  // Transition lists: from state key to the multiset of next keys ("+" conversion, "-" null).
  const next = new Map<string, string[]>();
  const units = new Map<string, string[]>();
  const push = (from: string, to: string) => {
    if (!next.has(from)) next.set(from, []);
    next.get(from)!.push(to);
  };
  for (const x of journeys) {
    let prev = '(start)';
    for (const s of statesOf(x.path, order)) {
      const key = s.join('|');
      units.set(key, s);
      push(prev, key);
      prev = key;
    }
    push(prev, x.converted ? '+' : '-');
  }
  const rng = mulberry32(seed);
  let conversions = 0;
  const visits = new Map<string, number>();
  for (let w = 0; w < walks; w++) {
    let s = '(start)';
    const seen = new Set<string>();
    for (;;) {
      const options = next.get(s)!;
      s = options[Math.floor(rng() * options.length)]!;
      if (s === '+' || s === '-') break;
      for (const u of units.get(s)!) seen.add(u);
    }
    if (s === '+') {
      conversions++;
      for (const u of seen) visits.set(u, (visits.get(u) ?? 0) + 1);
    }
  }
  return { p: conversions / walks, re: (u: string) => (visits.get(u) ?? 0) / conversions, conversions };
}

describe('markov against simulation', () => {
  const js = [
    j('a>b>c', true),
    j('a>c', false),
    j('b>b>a', true),
    j('c>a>b', false),
    j('c', true),
    j('b>c>a>c', true),
    j('a>a', false),
    j('d>a', true),
    j('d>c>b', false),
    j('b', false),
  ];
  it.each([1, 2, 3] as const)('order %i', (order) => {
    const exact = markovModel(js, { order });
    const walks = 100_000;
    const sim = simulate(js, order, walks, 99);
    const p = Number(exact.conversionProbability);
    expect(Math.abs(sim.p - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / walks));
    for (const re of exact.removalEffects) {
      const q = Number(re.conversions);
      const se = Math.sqrt((q * (1 - q)) / sim.conversions);
      expect(Math.abs(sim.re(re.unit) - q)).toBeLessThanOrEqual(4 * se + 1e-6);
    }
  });
});
