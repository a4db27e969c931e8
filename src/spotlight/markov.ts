// Markov-chain removal-effect attribution (order 1 to 4), after the
// algorithm of ChannelAttribution (Altomare & Loris), with the conversion
// probabilities solved exactly instead of simulated. Definitions, solver and
// complexity: README.md.
//
// The chain is built once from the distinct paths (each weighted by how many
// journeys follow it), split into strongly connected components, and solved
// component by component, sinks first. A unit's removal re-solves only the
// states from which one of its states can be reached; every other state keeps
// its value.

import { addTo, countOf, finish, type ModelResult, sampleOf, unitsOf, usable } from './credit.js';
import type { Journey } from './journeys.js';
import { parseAmount } from '../domain/decimal.js';
import { add, cmp, div, formatRatio, fromDouble, isZero, mul, ratio, type Ratio, sub, sum, ZERO } from '../domain/rational.js';

export type MarkovOrder = 1 | 2 | 3 | 4;

interface MarkovOptions {
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
  /** Above the limit: Gauss–Seidel in doubles, per strongly connected component, until no value moves by more than this, relatively. Default 1e-13. */
  tolerance?: number;
  /** Sweeps of one component before giving up on convergence (throws). Default 100000. */
  maxSweeps?: number;
}

interface RemovalEffect {
  unit: string;
  /** 1 - P(conversion without the unit) / P(conversion), 6 places. */
  conversions: string;
  /** The same for expected conversion value, 6 places. */
  value: string;
}

interface MarkovResult extends ModelResult {
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

/**
 * The transient part of the chain in compressed rows. State 0 is start.
 * Counts are journey counts (integers, exact in doubles up to 2^53).
 */
interface Chain {
  n: number;
  /** Unit names by id. */
  unitNames: string[];
  unitId: Map<string, number>;
  /** States whose tuple contains each unit id. */
  statesOfUnit: number[][];
  /** Transitions to other transient states: row s is col/cnt[rowStart[s] .. rowStart[s+1]). Self-loops are in `self`. */
  rowStart: Int32Array;
  col: Int32Array;
  cnt: Float64Array;
  /** Predecessors (self-loops excluded), the same layout. */
  predStart: Int32Array;
  pred: Int32Array;
  self: Float64Array;
  /** All transitions out of the state (transient, conversion and null). */
  out: Float64Array;
  conv: Float64Array;
  cents: bigint[];
  /** `cents` in doubles, and out − self per state: what the iterative solver reads each sweep. */
  centsDouble: Float64Array;
  diag: Float64Array;
  /** States in solving order: components sinks first, each component's states contiguous. */
  order: Int32Array;
  /** Component of each state. */
  comp: Int32Array;
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

interface DistinctPath {
  path: readonly string[];
  journeys: number;
  conversions: number;
  cents: bigint;
}

/** Journeys grouped by path (after collapsing, if asked): journeys, conversions and converted cents per distinct path. */
function distinctPaths(journeys: readonly Journey[], collapseRepeats: boolean): DistinctPath[] {
  const byKey = new Map<string, DistinctPath>();
  for (const j of journeys) {
    const path = collapseRepeats ? collapse(j.path) : j.path;
    const key = JSON.stringify(path);
    let d = byKey.get(key);
    if (d === undefined) {
      d = { path, journeys: 0, conversions: 0, cents: 0n };
      byKey.set(key, d);
    }
    const w = countOf(j);
    d.journeys += w;
    if (j.converted) {
      d.conversions += w;
      d.cents += parseAmount(j.value) * BigInt(w);
    }
  }
  return [...byKey.values()];
}

function buildChain(journeys: readonly Journey[], order: number, collapseRepeats: boolean): Chain {
  const unitId = new Map<string, number>();
  const unitNames: string[] = [];
  const stateId = new Map<string, number>();
  const stateUnits: number[][] = [[]];
  const edges: Array<Map<number, number>> = [new Map()];
  const out = [0];
  const conv = [0];
  const cents = [0n];
  const intern = (u: string): number => {
    let id = unitId.get(u);
    if (id === undefined) {
      id = unitNames.length;
      unitId.set(u, id);
      unitNames.push(u);
    }
    return id;
  };
  const state = (ids: readonly number[]): number => {
    const key = ids.join(',');
    let id = stateId.get(key);
    if (id === undefined) {
      id = stateUnits.length;
      stateId.set(key, id);
      stateUnits.push([...new Set(ids)]);
      edges.push(new Map());
      out.push(0);
      conv.push(0);
      cents.push(0n);
    }
    return id;
  };
  for (const d of distinctPaths(journeys, collapseRepeats)) {
    const ids = d.path.map(intern);
    const windows = ids.length <= order ? 1 : ids.length - order + 1;
    let prev = 0;
    for (let i = 0; i < windows; i++) {
      const s = state(ids.length <= order ? ids : ids.slice(i, i + order));
      const e = edges[prev]!;
      e.set(s, (e.get(s) ?? 0) + d.journeys);
      out[prev]! += d.journeys;
      prev = s;
    }
    out[prev]! += d.journeys;
    conv[prev]! += d.conversions;
    cents[prev]! += d.cents;
  }

  const n = stateUnits.length;
  const self = new Float64Array(n);
  const rowStart = new Int32Array(n + 1);
  const inDegree = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let k = 0;
    for (const [t, c] of edges[s]!) {
      if (t === s) self[s] = c;
      else {
        k++;
        inDegree[t]!++;
      }
    }
    rowStart[s + 1] = rowStart[s]! + k;
  }
  const col = new Int32Array(rowStart[n]!);
  const cnt = new Float64Array(rowStart[n]!);
  const predStart = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) predStart[s + 1] = predStart[s]! + inDegree[s]!;
  const pred = new Int32Array(predStart[n]!);
  const predFill = predStart.slice(0, n);
  for (let s = 0, k = 0; s < n; s++)
    for (const [t, c] of edges[s]!) {
      if (t === s) continue;
      col[k] = t;
      cnt[k++] = c;
      pred[predFill[t]!++] = s;
    }
  const statesOfUnit: number[][] = unitNames.map(() => []);
  for (let s = 1; s < n; s++) for (const u of stateUnits[s]!) statesOfUnit[u]!.push(s);
  const { order: solveOrder, comp } = components(n, rowStart, col);
  return {
    n,
    unitNames,
    unitId,
    statesOfUnit,
    rowStart,
    col,
    cnt,
    predStart,
    pred,
    self,
    out: Float64Array.from(out),
    conv: Float64Array.from(conv),
    cents,
    centsDouble: Float64Array.from(cents, Number),
    diag: Float64Array.from(out, (o, s) => o - self[s]!),
    order: solveOrder,
    comp,
  };
}

/**
 * Strongly connected components (Tarjan, iterative). Tarjan closes a
 * component only after every component it reaches, so the states come out
 * sinks first: the order in which the system can be solved block by block.
 * Inside a component the states are in the order they leave Tarjan's stack
 * (latest discovered first), which sweeps successors before predecessors on
 * the paths the search followed.
 */
function components(n: number, rowStart: Int32Array, col: Int32Array): { order: Int32Array; comp: Int32Array } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const order = new Int32Array(n);
  const comp = new Int32Array(n);
  let sp = 0;
  let filled = 0;
  let next = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    const enter = (v: number): void => {
      index[v] = low[v] = next++;
      stack[sp++] = v;
      onStack[v] = 1;
      callNode[depth] = v;
      callEdge[depth++] = rowStart[v]!;
    };
    enter(root);
    while (depth > 0) {
      const v = callNode[depth - 1]!;
      const e = callEdge[depth - 1]!;
      if (e < rowStart[v + 1]!) {
        callEdge[depth - 1] = e + 1;
        const w = col[e]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      depth--;
      if (depth > 0) {
        const p = callNode[depth - 1]!;
        if (low[v]! < low[p]!) low[p] = low[v]!;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = comps;
          order[filled++] = w;
        } while (w !== v);
        comps++;
      }
    }
  }
  return { order, comp };
}

/**
 * Calls `block(from, to)` for each run of `nodes[from..to)` in one
 * component. `nodes` is a subsequence of the solving order.
 */
function forEachBlock(chain: Chain, nodes: Int32Array, count: number, block: (from: number, to: number) => void): void {
  for (let i = 0; i < count; ) {
    const c = chain.comp[nodes[i]!]!;
    let j = i + 1;
    while (j < count && chain.comp[nodes[j]!] === c) j++;
    block(i, j);
    i = j;
  }
}

/**
 * Solves, in doubles, out(s)·x(s) − Σ_t count(s,t)·x(t) = conversions(s)
 * (and the same for v with converted cents) for the states `nodes[0..count)`,
 * taken in solving order; every other state keeps the value it has in x and
 * v (0 for a removed state, its full-chain value for a state that cannot
 * reach a removed one). A state alone in its block is computed in one step;
 * a block of several states by Gauss–Seidel until no value moves by more than
 * `tol` relative to max(1, |value|).
 */
function solveDoubles(
  chain: Chain,
  nodes: Int32Array,
  count: number,
  x: Float64Array,
  v: Float64Array,
  tol: number,
  maxSweeps: number,
): void {
  const { rowStart, col, cnt, conv, centsDouble, diag } = chain;
  /** Sets x(s) and v(s) from the current values of the states s leads to; true when either moved by more than tol·max(1, |value|). */
  const relax = (s: number): boolean => {
    let px = conv[s]!;
    let pv = centsDouble[s]!;
    for (let e = rowStart[s]!; e < rowStart[s + 1]!; e++) {
      const t = col[e]!;
      px += cnt[e]! * x[t]!;
      pv += cnt[e]! * v[t]!;
    }
    const nx = px / diag[s]!;
    const nv = pv / diag[s]!;
    const moved = Math.abs(nx - x[s]!) > tol * Math.max(1, Math.abs(nx)) || Math.abs(nv - v[s]!) > tol * Math.max(1, Math.abs(nv));
    x[s] = nx;
    v[s] = nv;
    return moved;
  };
  forEachBlock(chain, nodes, count, (from, to) => {
    if (to - from === 1) {
      relax(nodes[from]!);
      return;
    }
    for (let sweep = 0; sweep < maxSweeps; sweep++) {
      // Converged when no value moved.
      let converged = true;
      for (let i = from; i < to; i++) if (relax(nodes[i]!)) converged = false;
      if (converged) return;
    }
    throw new Error(`Markov solve did not converge in ${maxSweeps} sweeps`);
  });
}

/**
 * The same system exactly, in rationals. A state alone in its block is one
 * division. A block of several states is an integer system after scaling its
 * right-hand sides to a common denominator: fraction-free forward elimination
 * (Bareiss, every division checked to be exact), then back substitution in
 * rationals.
 */
function solveExact(chain: Chain, nodes: Int32Array, count: number, x: Ratio[], v: Ratio[]): void {
  const { rowStart, col, cnt, out, self, conv, cents } = chain;
  forEachBlock(chain, nodes, count, (from, to) => {
    const m = to - from;
    const pos = new Map<number, number>();
    for (let i = from; i < to; i++) pos.set(nodes[i]!, i - from);
    const M: bigint[][] = [];
    const rx: Ratio[] = [];
    const rv: Ratio[] = [];
    for (let i = from; i < to; i++) {
      const s = nodes[i]!;
      const row = new Array<bigint>(m).fill(0n);
      row[i - from] = BigInt(out[s]! - self[s]!);
      let bx = ratio(BigInt(conv[s]!));
      let bv = ratio(cents[s]!);
      for (let e = rowStart[s]!; e < rowStart[s + 1]!; e++) {
        const t = col[e]!;
        const c = BigInt(cnt[e]!);
        const k = pos.get(t);
        if (k !== undefined) row[k]! -= c;
        else {
          if (!isZero(x[t]!)) bx = add(bx, mul(ratio(c), x[t]!));
          if (!isZero(v[t]!)) bv = add(bv, mul(ratio(c), v[t]!));
        }
      }
      M.push(row);
      rx.push(bx);
      rv.push(bv);
    }
    if (m === 1) {
      const d = ratio(M[0]![0]!);
      if (isZero(d)) throw new Error('singular chain matrix (a state that never reaches an end)');
      x[nodes[from]!] = div(rx[0]!, d);
      v[nodes[from]!] = div(rv[0]!, d);
      return;
    }
    const [yx, yv] = bareiss(M, [rx, rv]) as [Ratio[], Ratio[]];
    for (let i = 0; i < m; i++) {
      x[nodes[from + i]!] = yx[i]!;
      v[nodes[from + i]!] = yv[i]!;
    }
  });
}

const lcm = (a: bigint, b: bigint): bigint => {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
};

/** Solves M·y = r for each right-hand side column in rhs (rationals), M an integer matrix. */
function bareiss(matrix: bigint[][], rhs: Ratio[][]): Ratio[][] {
  const n = matrix.length;
  const scales = rhs.map((r) => r.reduce((d, q) => lcm(d, q.den), 1n));
  const w = n + rhs.length;
  const M = matrix.map((row, i) => row.concat(rhs.map((r, k) => (r[i]!.num * scales[k]!) / r[i]!.den)));
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
      for (let j = k + 1; j < w; j++) {
        const num = f === 0n ? pivot * ri[j]! : pivot * ri[j]! - f * rk[j]!;
        const q = num / prev;
        if (q * prev !== num) throw new Error('inexact fraction-free step');
        ri[j] = q;
      }
      ri[k] = 0n;
    }
    prev = pivot;
  }
  if (M[n - 1]![n - 1] === 0n) throw new Error('singular chain matrix (a state that never reaches an end)');
  return rhs.map((_, k) => {
    const y = new Array<Ratio>(n);
    for (let i = n - 1; i >= 0; i--) {
      const row = M[i]!;
      let acc = ratio(row[n + k]!);
      for (let j = i + 1; j < n; j++) if (row[j] !== 0n && !isZero(y[j]!)) acc = sub(acc, mul(ratio(row[j]!), y[j]!));
      y[i] = div(acc, ratio(row[i]!));
    }
    return y.map((q) => div(q, ratio(scales[k]!)));
  });
}

/**
 * For each unit: the states that contain it, and the states from which one
 * of those can be reached without passing through another (its ancestors), in
 * solving order. Only the ancestors change value when the unit is removed.
 * Calls `each(unitId, removed, ancestors, count)`; `count` is 0 when start is
 * not an ancestor (the removal changes nothing).
 */
function forEachRemoval(
  chain: Chain,
  each: (unit: number, removed: readonly number[], ancestors: Int32Array, count: number) => void,
): void {
  const { n, predStart, pred, order } = chain;
  const removedMark = new Int32Array(n).fill(-1);
  const ancestorMark = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const ancestors = new Int32Array(n);
  chain.statesOfUnit.forEach((removed, u) => {
    for (const s of removed) removedMark[s] = u;
    let head = 0;
    let tail = 0;
    for (const s of removed) queue[tail++] = s;
    while (head < tail) {
      const t = queue[head++]!;
      for (let e = predStart[t]!; e < predStart[t + 1]!; e++) {
        const p = pred[e]!;
        if (removedMark[p] === u || ancestorMark[p] === u) continue;
        ancestorMark[p] = u;
        queue[tail++] = p;
      }
    }
    let count = 0;
    if (ancestorMark[0] === u) for (let i = 0; i < n; i++) if (ancestorMark[order[i]!] === u) ancestors[count++] = order[i]!;
    each(u, removed, ancestors, count);
  });
}

/** P and V (cents) from start, then with each unit removed, by unit id. */
function solveAll(chain: Chain, exact: boolean, tol: number, maxSweeps: number): { p: Ratio; v: Ratio; without: Array<[Ratio, Ratio]> } {
  const without: Array<[Ratio, Ratio]> = [];
  if (chain.n === 1) return { p: ZERO, v: ZERO, without: chain.unitNames.map(() => [ZERO, ZERO]) };
  if (exact) {
    const x = new Array<Ratio>(chain.n).fill(ZERO);
    const v = new Array<Ratio>(chain.n).fill(ZERO);
    solveExact(chain, chain.order, chain.n, x, v);
    forEachRemoval(chain, (u, removed, ancestors, count) => {
      if (count === 0) {
        without[u] = [x[0]!, v[0]!];
        return;
      }
      const xu = x.slice();
      const vu = v.slice();
      for (const s of removed) xu[s] = vu[s] = ZERO;
      solveExact(chain, ancestors, count, xu, vu);
      without[u] = [xu[0]!, vu[0]!];
    });
    return { p: x[0]!, v: v[0]!, without };
  }
  const x = new Float64Array(chain.n);
  const v = new Float64Array(chain.n);
  solveDoubles(chain, chain.order, chain.n, x, v, tol, maxSweeps);
  const p = fromDouble(x[0]!);
  const vc = fromDouble(v[0]!);
  const xu = new Float64Array(chain.n);
  const vu = new Float64Array(chain.n);
  forEachRemoval(chain, (u, removed, ancestors, count) => {
    if (count === 0) {
      without[u] = [p, vc];
      return;
    }
    // Start from the full-chain values: removal only lowers them, and they
    // are already final for every state that is not an ancestor.
    xu.set(x);
    vu.set(v);
    for (const s of removed) xu[s] = vu[s] = 0;
    solveDoubles(chain, ancestors, count, xu, vu, tol, maxSweeps);
    without[u] = [fromDouble(xu[0]!), fromDouble(vu[0]!)];
  });
  return { p, v: vc, without };
}

const removalEffect = (base: Ratio, without: Ratio): Ratio => {
  if (isZero(base)) return ZERO;
  const re = div(sub(base, without), base);
  return cmp(re, ZERO) < 0 ? ZERO : re;
};

export function markovModel(journeys: readonly Journey[], options: MarkovOptions = {}): MarkovResult {
  const order = options.order ?? 1;
  if (![1, 2, 3, 4].includes(order)) throw new RangeError(`order must be 1..4, got ${order}`);
  const collapseRepeats = options.collapseRepeats ?? false;
  const js = usable(journeys);
  const chain = buildChain(js, order, collapseRepeats);
  const states = chain.n;
  const exact = states <= (options.exactStateLimit ?? 24);
  const solved = solveAll(chain, exact, options.tolerance ?? 1e-13, options.maxSweeps ?? 100_000);
  const { p, v: vc } = solved;
  const units = unitsOf(js);
  const reC = new Map<string, Ratio>();
  const reV = new Map<string, Ratio>();
  for (const u of units) {
    const [pu, vu] = solved.without[chain.unitId.get(u)!]!;
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
