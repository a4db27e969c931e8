// The Markov solver as first written: the chain is re-solved over every reachable
// state for each removed unit (Bareiss in BigInt up to exactStateLimit states,
// Gauss–Seidel in doubles above). Slow, kept only as the reference that
// test/spotlight/markov-fast.test.ts compares src/spotlight/markov.ts against.

import { addTo, finish, type ModelResult, sampleOf, unitsOf, usable } from '../../src/spotlight/credit.js';
import type { Journey } from '../../src/spotlight/journeys.js';
import { parseAmount } from '../../src/domain/decimal.js';
import { cmp, div, formatRatio, fromDouble, isZero, mul, ratio, type Ratio, sub, sum, ZERO } from '../../src/domain/rational.js';

export type MarkovOrder = 1 | 2 | 3 | 4;

export interface MarkovOptions {
  /** States are tuples of this many consecutive units. Default 1. */
  order?: MarkovOrder;
  /**
   * Merge runs of the same unit (a > a > b -> a > b) before building states.
   * Default false, like ChannelAttribution. Immaterial at order 1 (a repeat
   * is a self-loop, which changes no absorption probability); at order >= 2
   * it changes the states.
   */
  collapseRepeats?: boolean;
  /** Solve exactly (BigInt) when the chain has at most this many transient states, start included. Default 24 (see README: cost grows quickly). */
  exactStateLimit?: number;
  /** Above the limit: Gauss–Seidel in doubles until no value moves by more than this, relatively. Default 1e-13. */
  tolerance?: number;
  /** Sweeps before giving up on convergence (throws). Default 100000. */
  maxSweeps?: number;
}

export interface RemovalEffect {
  unit: string;
  /** 1 - P(conversion without the unit) / P(conversion), 6 places. */
  conversions: string;
  /** The same for expected conversion value, 6 places. */
  value: string;
}

export interface MarkovResult extends ModelResult {
  order: MarkovOrder;
  collapseRepeats: boolean;
  /** Transient states (start included). */
  states: number;
  method: 'exact' | 'iterative';
  /** P(conversion) from start, 12 places. */
  conversionProbability: string;
  /** Expected conversion value per journey from start, 6 places. */
  expectedValue: string;
  removalEffects: RemovalEffect[];
}

interface Chain {
  /** Unit tuple of each transient state; index 0 is the start state (empty tuple). */
  tuples: string[][];
  /** Transition counts to transient states. */
  edges: Array<Map<number, number>>;
  /** All transitions out of the state (transient, conversion and null). */
  out: number[];
  conv: number[];
  convCents: bigint[];
}

function collapse(path: readonly string[]): string[] {
  return path.filter((u, i) => i === 0 || u !== path[i - 1]);
}

/** Order-k states of one path: sliding windows of k units; a path shorter than k is one state of all its units. */
export function statesOf(path: readonly string[], order: number, collapseRepeats = false): string[][] {
  const seq = collapseRepeats ? collapse(path) : path.slice();
  if (seq.length <= order) return [seq];
  const out: string[][] = [];
  for (let i = 0; i + order <= seq.length; i++) out.push(seq.slice(i, i + order));
  return out;
}

function buildChain(journeys: readonly Journey[], order: number, collapseRepeats: boolean): Chain {
  const chain: Chain = { tuples: [[]], edges: [new Map()], out: [0], conv: [0], convCents: [0n] };
  const index = new Map<string, number>();
  const stateId = (tuple: string[]): number => {
    const key = JSON.stringify(tuple);
    let id = index.get(key);
    if (id === undefined) {
      id = chain.tuples.length;
      index.set(key, id);
      chain.tuples.push(tuple);
      chain.edges.push(new Map());
      chain.out.push(0);
      chain.conv.push(0);
      chain.convCents.push(0n);
    }
    return id;
  };
  for (const j of journeys) {
    let prev = 0;
    for (const tuple of statesOf(j.path, order, collapseRepeats)) {
      const s = stateId(tuple);
      const e = chain.edges[prev]!;
      e.set(s, (e.get(s) ?? 0) + 1);
      chain.out[prev]!++;
      prev = s;
    }
    chain.out[prev]!++;
    if (j.converted) {
      chain.conv[prev]!++;
      chain.convCents[prev]! += parseAmount(j.value);
    }
  }
  return chain;
}

/** Transient states reachable from start without entering a state that contains `removed`. */
function reachable(chain: Chain, removed: string | null): number[] {
  const alive = (s: number): boolean => removed === null || s === 0 || !chain.tuples[s]!.includes(removed);
  const seen = new Set<number>([0]);
  const stack = [0];
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const t of chain.edges[s]!.keys())
      if (!seen.has(t) && alive(t)) {
        seen.add(t);
        stack.push(t);
      }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * Solves (D - C) x = b exactly, D = diag(out), C = transition counts among
 * the kept states, b = [conversions, conversion cents]: x_s is P(conversion)
 * and expected value (cents) from s. Integer matrix, fraction-free forward
 * elimination (Bareiss): every division is exact, and is checked. The start
 * state is the last unknown, so after elimination its row alone gives x_start.
 */
function solveExact(chain: Chain, states: number[]): [Ratio, Ratio] {
  const vars = states.filter((s) => s !== 0).concat([0]);
  const n = vars.length;
  const pos = new Map(vars.map((s, i) => [s, i]));
  const M: bigint[][] = vars.map((s, i) => {
    const row = new Array<bigint>(n + 2).fill(0n);
    row[i] = BigInt(chain.out[s]!);
    for (const [t, c] of chain.edges[s]!) {
      const j = pos.get(t);
      if (j !== undefined) row[j]! -= BigInt(c);
    }
    row[n] = BigInt(chain.conv[s]!);
    row[n + 1] = chain.convCents[s]!;
    return row;
  });
  let prev = 1n;
  for (let k = 0; k < n - 1; k++) {
    let p = k;
    while (p < n && M[p]![k] === 0n) p++;
    if (p === n) throw new Error('singular chain matrix (a state that never reaches an end)');
    if (p !== k) [M[p], M[k]] = [M[k]!, M[p]!];
    const rk = M[k]!;
    const pivot = rk[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = M[i]!;
      const f = ri[k]!;
      for (let j = k + 1; j < n + 2; j++) {
        const num = f === 0n ? pivot * ri[j]! : pivot * ri[j]! - f * rk[j]!;
        const q = num / prev;
        if (q * prev !== num) throw new Error('inexact fraction-free step');
        ri[j] = q;
      }
      ri[k] = 0n;
    }
    prev = pivot;
  }
  const last = M[n - 1]!;
  if (last[n - 1] === 0n) throw new Error('singular chain matrix (a state that never reaches an end)');
  return [ratio(last[n]!, last[n - 1]!), ratio(last[n + 1]!, last[n - 1]!)];
}

/** The same system by Gauss–Seidel in doubles (self-loops folded into the diagonal). */
function solveIterative(chain: Chain, states: number[], tol: number, maxSweeps: number): [number, number] {
  const keep = new Set(states);
  const x = new Map<number, number>(states.map((s) => [s, 0]));
  const v = new Map<number, number>(states.map((s) => [s, 0]));
  const order = states.slice().reverse();
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moved = 0;
    for (const s of order) {
      let px = chain.conv[s]!;
      let pv = Number(chain.convCents[s]!);
      let diag = chain.out[s]!;
      for (const [t, c] of chain.edges[s]!) {
        if (t === s) {
          diag -= c;
          continue;
        }
        if (!keep.has(t)) continue;
        px += c * x.get(t)!;
        pv += c * v.get(t)!;
      }
      const nx = px / diag;
      const nv = pv / diag;
      moved = Math.max(moved, Math.abs(nx - x.get(s)!) / Math.max(1, Math.abs(nx)), Math.abs(nv - v.get(s)!) / Math.max(1, Math.abs(nv)));
      x.set(s, nx);
      v.set(s, nv);
    }
    if (moved <= tol) return [x.get(0)!, v.get(0)!];
  }
  throw new Error(`Markov solve did not converge in ${maxSweeps} sweeps`);
}

const removalEffect = (base: Ratio, without: Ratio): Ratio => {
  if (isZero(base)) return ZERO;
  const re = div(sub(base, without), base);
  return cmp(re, ZERO) < 0 ? ZERO : re;
};

export function referenceMarkovModel(journeys: readonly Journey[], options: MarkovOptions = {}): MarkovResult {
  const order = options.order ?? 1;
  if (![1, 2, 3, 4].includes(order)) throw new RangeError(`order must be 1..4, got ${order}`);
  const collapseRepeats = options.collapseRepeats ?? false;
  const js = usable(journeys);
  const chain = buildChain(js, order, collapseRepeats);
  const states = chain.tuples.length;
  const exact = states <= (options.exactStateLimit ?? 24);
  const tol = options.tolerance ?? 1e-13;
  const maxSweeps = options.maxSweeps ?? 100_000;
  const solve = (removed: string | null): [Ratio, Ratio] => {
    const keep = reachable(chain, removed);
    // Start alone: every step out of it is removed (or there are no journeys).
    if (keep.length === 1) return [ZERO, ZERO];
    if (exact) return solveExact(chain, keep);
    const [p, vc] = solveIterative(chain, keep, tol, maxSweeps);
    return [fromDouble(p), fromDouble(vc)];
  };
  const [p, vc] = solve(null);
  const units = unitsOf(js);
  const reC = new Map<string, Ratio>();
  const reV = new Map<string, Ratio>();
  for (const u of units) {
    const [pu, vu] = solve(u);
    reC.set(u, removalEffect(p, pu));
    reV.set(u, removalEffect(vc, vu));
  }
  const s = sampleOf(js);
  const totalC = ratio(BigInt(s.conversions));
  const totalV = ratio(s.cents, 100n);
  const sumC = sum(reC.values());
  const sumV = sum(reV.values());
  const conv = new Map<string, Ratio>();
  const val = new Map<string, Ratio>();
  for (const u of units) {
    if (!isZero(sumC)) addTo(conv, u, div(mul(totalC, reC.get(u)!), sumC));
    if (!isZero(sumV)) addTo(val, u, div(mul(totalV, reV.get(u)!), sumV));
  }
  return {
    ...finish(`markov-${order}`, js, conv, val),
    order,
    collapseRepeats,
    states,
    method: exact ? 'exact' : 'iterative',
    conversionProbability: formatRatio(p, 12, 'half-up'),
    expectedValue: formatRatio(div(vc, ratio(100n)), 6, 'half-up'),
    removalEffects: units.map((unit) => ({
      unit,
      conversions: formatRatio(reC.get(unit)!, 6, 'half-up'),
      value: formatRatio(reV.get(unit)!, 6, 'half-up'),
    })),
  };
}
