// Shapley-value attribution over the units of converting journeys, with the
// characteristic function of Zhao et al. (2018), "Shapley Value Methods for
// Attribution Modeling in Online Advertising":
//
//   v(S) = sum over converting journeys J with units(J) ⊆ S of w(J)
//
// where units(J) is the set of distinct units on J's path and w(J) is 1 (for
// conversions) or J's value (for value). Order and repetition inside a path
// do not matter. v is a sum of unanimity games, so the Shapley value has the
// closed form phi_i = sum over converting J with i ∈ units(J) of w(J)/|units(J)|
// (their "simplified Shapley value"): exact for any number of units.
//
// Two general-purpose estimators of the same game are provided too, for
// checking the closed form and for characteristic functions without one:
// full enumeration of coalitions (exact, up to MAX_EXACT_PLAYERS players)
// and permutation sampling with a fixed seed and a standard error.

import { addTo, countOf, finish, type ModelResult, unitsOf, usable } from './credit.js';
import type { Journey } from './journeys.js';
import { mulberry32, shuffled } from './random.js';
import { parseAmount } from '../domain/decimal.js';
import { add, mul, ratio, type Ratio, sub, toDouble, ZERO } from '../domain/rational.js';

export const MAX_EXACT_PLAYERS = 12;

type ShapleyMethod = 'closed-form' | 'enumerate' | 'sample' | 'auto';

interface ShapleyOptions {
  /**
   * 'closed-form' (and 'auto'): exact. 'enumerate': all 2^n coalitions,
   * exact, n <= MAX_EXACT_PLAYERS. 'sample': permutation sampling.
   */
  method?: ShapleyMethod;
  /** Permutations drawn by 'sample'. Default 2000. */
  samples?: number;
  seed?: number;
}

interface ShapleyError {
  unit: string;
  /** Standard error of the sampled estimate (sd of marginal contributions / sqrt(samples)). */
  conversions: number;
  value: number;
}

interface ShapleyResult extends ModelResult {
  method: 'closed-form' | 'enumerate' | 'sample';
  samples?: number;
  seed?: number;
  /** Only for 'sample'; zero-error methods omit it. */
  standardErrors?: ShapleyError[];
}

interface Game {
  units: string[];
  coalitions: Array<{ members: number[]; count: Ratio; cents: bigint }>;
}

function gameOf(journeys: readonly Journey[]): Game {
  const units = unitsOf(journeys);
  const at = new Map(units.map((u, i) => [u, i]));
  const byKey = new Map<string, { members: number[]; count: Ratio; cents: bigint }>();
  for (const j of journeys) {
    if (!j.converted) continue;
    const members = [...new Set(j.path.map((u) => at.get(u)!))].sort((a, b) => a - b);
    const key = members.join(',');
    const c = byKey.get(key) ?? { members, count: ZERO, cents: 0n };
    const n = BigInt(countOf(j));
    c.count = add(c.count, ratio(n));
    c.cents += parseAmount(j.value) * n;
    byKey.set(key, c);
  }
  return { units, coalitions: [...byKey.values()] };
}

function closedForm(game: Game): [Map<string, Ratio>, Map<string, Ratio>] {
  const conv = new Map<string, Ratio>();
  const val = new Map<string, Ratio>();
  for (const c of game.coalitions) {
    const k = BigInt(c.members.length);
    for (const m of c.members) {
      addTo(conv, game.units[m]!, mul(c.count, ratio(1n, k)));
      addTo(val, game.units[m]!, ratio(c.cents, 100n * k));
    }
  }
  return [conv, val];
}

const factorial = (n: number): bigint => {
  let f = 1n;
  for (let i = 2n; i <= BigInt(n); i++) f *= i;
  return f;
};

/**
 * Exact Shapley values of any game on n <= MAX_EXACT_PLAYERS players, by
 * phi_i = sum over S ⊆ N\{i} of |S|!(n-|S|-1)!/n! * (v(S ∪ {i}) - v(S)),
 * with coalitions as bitmasks.
 */
export function shapleyByEnumeration(n: number, v: (mask: number) => Ratio): Ratio[] {
  if (n > MAX_EXACT_PLAYERS) throw new RangeError(`enumeration is limited to ${MAX_EXACT_PLAYERS} players, got ${n}`);
  const values = new Array<Ratio>(1 << n);
  for (let m = 0; m < 1 << n; m++) values[m] = v(m);
  const nf = factorial(n);
  const weight = Array.from({ length: n }, (_, s) => ratio(factorial(s) * factorial(n - s - 1), nf));
  const phi = new Array<Ratio>(n).fill(ZERO);
  for (let m = 0; m < 1 << n; m++) {
    let size = 0;
    for (let x = m; x; x &= x - 1) size++;
    for (let i = 0; i < n; i++) {
      if (m & (1 << i)) continue;
      phi[i] = add(phi[i]!, mul(weight[size]!, sub(values[m | (1 << i)]!, values[m]!)));
    }
  }
  return phi;
}

function enumerate(game: Game): [Map<string, Ratio>, Map<string, Ratio>] {
  const masks = game.coalitions.map((c) => c.members.reduce((m, i) => m | (1 << i), 0));
  const v =
    (pick: (c: Game['coalitions'][number]) => Ratio) =>
    (mask: number): Ratio =>
      game.coalitions.reduce((s, c, k) => ((masks[k]! & ~mask) === 0 ? add(s, pick(c)) : s), ZERO);
  const pc = shapleyByEnumeration(
    game.units.length,
    v((c) => c.count),
  );
  const pv = shapleyByEnumeration(
    game.units.length,
    v((c) => ratio(c.cents, 100n)),
  );
  return [new Map(game.units.map((u, i) => [u, pc[i]!])), new Map(game.units.map((u, i) => [u, pv[i]!]))];
}

/**
 * Permutation sampling: for each random order of the units, a coalition's
 * weight is the marginal contribution of whichever of its members comes
 * last. Every permutation hands out exactly the grand total, so estimates
 * sum to the totals exactly.
 */
function sample(game: Game, samples: number, seed: number): [Map<string, Ratio>, Map<string, Ratio>, ShapleyError[]] {
  const n = game.units.length;
  const rng = mulberry32(seed);
  const ids = Array.from({ length: n }, (_, i) => i);
  const sumC = new Array<number>(n).fill(0);
  const sqC = new Array<number>(n).fill(0);
  const sumV = new Array<number>(n).fill(0);
  const sqV = new Array<number>(n).fill(0);
  const exactC = new Array<Ratio>(n).fill(ZERO);
  const exactV = new Array<bigint>(n).fill(0n);
  const rank = new Array<number>(n).fill(0);
  const weights = game.coalitions.map((c) => ({ c: toDouble(c.count), v: Number(c.cents) / 100 }));
  for (let s = 0; s < samples; s++) {
    shuffled(rng, ids).forEach((unit, r) => {
      rank[unit] = r;
    });
    const gotC = new Array<number>(n).fill(0);
    const gotV = new Array<number>(n).fill(0);
    game.coalitions.forEach((c, k) => {
      let last = c.members[0]!;
      for (const m of c.members) if (rank[m]! > rank[last]!) last = m;
      gotC[last]! += weights[k]!.c;
      gotV[last]! += weights[k]!.v;
      exactC[last] = add(exactC[last]!, c.count);
      exactV[last]! += c.cents;
    });
    for (let i = 0; i < n; i++) {
      sumC[i]! += gotC[i]!;
      sqC[i]! += gotC[i]! ** 2;
      sumV[i]! += gotV[i]!;
      sqV[i]! += gotV[i]! ** 2;
    }
  }
  const se = (sum: number, sq: number): number => {
    if (samples < 2) return Number.POSITIVE_INFINITY;
    const mean = sum / samples;
    const variance = Math.max(0, (sq - samples * mean * mean) / (samples - 1));
    return Math.sqrt(variance / samples);
  };
  const N = BigInt(samples);
  return [
    new Map(game.units.map((u, i) => [u, mul(exactC[i]!, ratio(1n, N))])),
    new Map(game.units.map((u, i) => [u, ratio(exactV[i]!, 100n * N)])),
    game.units.map((unit, i) => ({ unit, conversions: se(sumC[i]!, sqC[i]!), value: se(sumV[i]!, sqV[i]!) })),
  ];
}

export function shapleyModel(journeys: readonly Journey[], options: ShapleyOptions = {}): ShapleyResult {
  const js = usable(journeys);
  const game = gameOf(js);
  const method = options.method === undefined || options.method === 'auto' ? 'closed-form' : options.method;
  if (method === 'closed-form') {
    const [c, v] = closedForm(game);
    return { ...finish('shapley', js, c, v), method };
  }
  if (method === 'enumerate') {
    const [c, v] = enumerate(game);
    return { ...finish('shapley', js, c, v), method };
  }
  const samples = options.samples ?? 2000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError('samples must be a positive integer');
  const [c, v, standardErrors] = sample(game, samples, seed);
  return { ...finish('shapley', js, c, v), method, samples, seed, standardErrors };
}
