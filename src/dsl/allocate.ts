// Turning partner weights into exact shares and amounts: caps and floors on
// exact fractions, then largest-remainder rounding to micro-shares and cents.
import { formatDecimal, largestRemainder } from '../domain/decimal.js';
import { add, cmp, div, largestRemainderOfRatios, mul, ratio, roundRatio, sub, sum, ZERO, ONE, type Ratio } from '../domain/rational.js';

export interface Adjustment {
  partnerKey: string;
  kind: 'cap' | 'floor';
  before: Ratio;
  after: Ratio;
}

/** Fractions of the lane per partner, each capped at `cap`; excess goes to the others in proportion. */
export function applyCap(fractions: Map<string, Ratio>, cap: Ratio, log: Adjustment[]): Map<string, Ratio> {
  const out = new Map(fractions);
  const fixed = new Set<string>();
  for (let round = 0; round <= out.size; round++) {
    let excess = ZERO;
    for (const [k, f] of out) {
      if (!fixed.has(k) && cmp(f, cap) > 0) {
        excess = add(excess, sub(f, cap));
        log.push({ partnerKey: k, kind: 'cap', before: fractions.get(k)!, after: cap });
        out.set(k, cap);
        fixed.add(k);
      }
    }
    if (excess.num === 0n) break;
    const free = [...out].filter(([k, f]) => !fixed.has(k) && f.num > 0n);
    const freeTotal = sum(free.map(([, f]) => f));
    if (free.length === 0 || freeTotal.num === 0n) break; // nobody can take it: the lane grants less
    for (const [k, f] of free) out.set(k, add(f, mul(excess, div(f, freeTotal))));
  }
  return out;
}

/** Raises every credited partner to at least `floor`, taking from those above it in proportion. */
export function applyFloor(fractions: Map<string, Ratio>, floor: Ratio, log: Adjustment[]): Map<string, Ratio> {
  const entries = [...fractions].filter(([, f]) => f.num > 0n);
  if (entries.length === 0 || floor.num === 0n) return fractions;
  const total = sum(entries.map(([, f]) => f));
  if (cmp(mul(floor, ratio(BigInt(entries.length))), total) >= 0) {
    // Not enough to go round: everyone gets an equal part.
    const even = div(total, ratio(BigInt(entries.length)));
    const out = new Map(fractions);
    for (const [k, f] of entries) {
      if (cmp(f, even) !== 0) log.push({ partnerKey: k, kind: 'floor', before: f, after: even });
      out.set(k, even);
    }
    return out;
  }
  const out = new Map(fractions);
  // Iterate: raising some partners may push others below the floor.
  const raised = new Set<string>();
  for (let round = 0; round <= entries.length; round++) {
    const below = [...out].filter(([k, f]) => f.num > 0n && !raised.has(k) && cmp(f, floor) < 0);
    if (below.length === 0) break;
    let need = ZERO;
    for (const [k, f] of below) {
      need = add(need, sub(floor, f));
      log.push({ partnerKey: k, kind: 'floor', before: fractions.get(k)!, after: floor });
      out.set(k, floor);
      raised.add(k);
    }
    const donors = [...out].filter(([k, f]) => !raised.has(k) && cmp(f, floor) > 0);
    const room = sum(donors.map(([, f]) => sub(f, floor)));
    for (const [k, f] of donors) out.set(k, sub(f, mul(need, div(sub(f, floor), room))));
  }
  return out;
}

export interface PartnerAllocation {
  partnerKey: string;
  fraction: Ratio;
  share: string;
  amount: string;
  cents: bigint;
}

export interface LaneAllocation {
  /** Fraction of the opportunity the lane actually grants (<= the lane's percentage). */
  granted: Ratio;
  grantedShare: string;
  grantedAmount: string;
  partners: PartnerAllocation[];
}

/**
 * Allocates a lane: `laneShare` of the opportunity split by partner
 * `fractions` (of the lane, summing to <= 1). Shares (6 places) and amounts
 * (cents) use largest remainder, ties by partner key, so they sum exactly to
 * the lane's granted share and amount.
 */
export function allocateLane(amountCents: bigint, laneShare: Ratio, fractions: Map<string, Ratio>): LaneAllocation {
  const credited = [...fractions].filter(([, f]) => f.num > 0n).map(([key, weight]) => ({ key, weight }));
  const used = sum(credited.map((c) => c.weight));
  const granted = mul(laneShare, cmp(used, ONE) > 0 ? ONE : used);
  const grantedMicro = roundRatio(mul(granted, ratio(1_000_000n)), 'half-up');
  const grantedCents = roundRatio(mul(granted, ratio(amountCents)), 'half-up');
  const byKey = { tieKeys: credited.map((c) => c.key) };
  const micros = largestRemainderOfRatios(
    grantedMicro,
    credited.map((c) => c.weight),
    byKey,
  );
  const cents = largestRemainderOfRatios(
    grantedCents,
    credited.map((c) => c.weight),
    byKey,
  );
  return {
    granted,
    grantedShare: formatDecimal(grantedMicro, 6),
    grantedAmount: formatDecimal(grantedCents, 2),
    partners: credited.map((c, i) => ({
      partnerKey: c.key,
      fraction: c.weight,
      share: formatDecimal(micros[i]!, 6),
      amount: formatDecimal(cents[i]!, 2),
      cents: cents[i]!,
    })),
  };
}

/**
 * Splits `total` units over integer weights by largest remainder (ties by
 * key): the same parts as largestRemainder() (src/domain/decimal.ts) with the
 * partner keys as tie keys. Plain numbers while total x sum(weights) is a safe
 * integer, largestRemainder() otherwise.
 */
export function splitByUnits(total: bigint, credited: ReadonlyArray<{ key: string; units: number }>): bigint[] {
  let W = 0;
  for (const c of credited) W += c.units;
  if (W <= 0) throw new RangeError('weights must not all be zero');
  const n = credited.length;
  if (n === 1) return [total]; // one partner takes every unit
  const order: number[] = [];
  const t = Number(total);
  if (total >= 0n && t <= Number.MAX_SAFE_INTEGER / W) {
    const parts: number[] = [];
    const rem: number[] = [];
    let given = 0;
    for (let i = 0; i < n; i++) {
      const x = t * credited[i]!.units;
      let q = Math.floor(x / W);
      // The division is rounded; correct q to the exact floor.
      if (q * W > x) q -= 1;
      else if ((q + 1) * W <= x) q += 1;
      parts.push(q);
      rem.push(x - q * W);
      given += q;
      order.push(i);
    }
    let left = t - given;
    if (left > 0) {
      order.sort((a, b) => rem[b]! - rem[a]! || (credited[a]!.key < credited[b]!.key ? -1 : credited[a]!.key > credited[b]!.key ? 1 : 0));
      for (let i = 0; left > 0; i = (i + 1) % n, left--) parts[order[i]!]! += 1;
    }
    return parts.map((x) => BigInt(x));
  }
  return largestRemainder(
    total,
    credited.map((c) => BigInt(c.units)),
    { tieKeys: credited.map((c) => c.key) },
  );
}

/**
 * allocateLane() for integer partner weights (units of a whole of
 * `totalUnits`, e.g. touch counts): the lane grants `laneShare` in full when
 * anything is credited. Same shares and amounts as allocateLane() with the
 * fractions units/totalUnits.
 */
export function allocateLaneByUnits(
  amountCents: bigint,
  laneShare: Ratio,
  credited: ReadonlyArray<{ key: string; units: number }>,
  totalUnits: number,
): LaneAllocation {
  if (credited.length === 0 || totalUnits <= 0) {
    return { granted: ZERO, grantedShare: formatDecimal(0n, 6), grantedAmount: formatDecimal(0n, 2), partners: [] };
  }
  // A lane granting 100% (the usual case) grants the whole amount: no rational arithmetic.
  const whole100 = laneShare.num === laneShare.den;
  const grantedMicro = whole100 ? 1_000_000n : roundRatio(mul(laneShare, ratio(1_000_000n)), 'half-up');
  const grantedCents = whole100 ? amountCents : roundRatio(mul(laneShare, ratio(amountCents)), 'half-up');
  const micros = splitByUnits(grantedMicro, credited);
  const cents = splitByUnits(grantedCents, credited);
  const whole = BigInt(totalUnits);
  return {
    granted: laneShare,
    grantedShare: formatDecimal(grantedMicro, 6),
    grantedAmount: formatDecimal(grantedCents, 2),
    partners: credited.map((c, i) => ({
      partnerKey: c.key,
      fraction: ratio(BigInt(c.units), whole),
      share: formatDecimal(micros[i]!, 6),
      amount: formatDecimal(cents[i]!, 2),
      cents: cents[i]!,
    })),
  };
}
