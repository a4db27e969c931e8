// The built-in credit models, as exact functions over ordered touches.
//
// Semantics (checked against an independent reference in the tests):
// - a touch qualifies when it is logged on the opportunity (not the account)
//   and occurred on or before the close (every touch when still open);
// - touches are ordered by occurred_at, then external_id;
// - each model returns one weight per touch; the weights sum to 1;
// - a partner's credit is the sum of its touches' weights.
import type { OpportunityFacts, TouchpointFacts } from '../domain/attribution.js';
import { formatAmount, formatDecimal, parseAmount } from '../domain/decimal.js';
import { add, div, fromDouble, largestRemainderOfRatios, ONE, ratio, sub, sum, ZERO, type Ratio } from '../domain/rational.js';

export const DAY_MS = 86_400_000;

export type BuiltinModel =
  | { kind: 'first_touch' }
  | { kind: 'last_touch' }
  | { kind: 'linear' }
  | { kind: 'u_shaped'; first: Ratio; middle: Ratio; last: Ratio }
  | { kind: 'w_shaped'; first: Ratio; middle: Ratio; last: Ratio }
  | { kind: 'time_decay'; halfLifeDays: number };

export const U_SHAPED_DEFAULT = { first: ratio(40n, 100n), middle: ratio(20n, 100n), last: ratio(40n, 100n) };
export const W_SHAPED_DEFAULT = { first: ratio(30n, 100n), middle: ratio(30n, 100n), last: ratio(30n, 100n) };

/** Orders touches by occurred_at, then external_id (a stable, total order). */
export function orderTouches<T extends Pick<TouchpointFacts, 'occurredAt' | 'externalId'>>(touches: readonly T[]): T[] {
  const n = touches.length;
  if (n > 32) {
    return [...touches].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
    );
  }
  // Few touches (the usual case): a stable insertion sort on times read once.
  const out = touches.slice();
  const times: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) times[i] = out[i]!.occurredAt.getTime();
  for (let i = 1; i < n; i++) {
    const t = out[i]!;
    const ms = times[i]!;
    let j = i - 1;
    while (j >= 0 && (times[j]! > ms || (times[j] === ms && out[j]!.externalId > t.externalId))) {
      out[j + 1] = out[j]!;
      times[j + 1] = times[j]!;
      j--;
    }
    out[j + 1] = t;
    times[j + 1] = ms;
  }
  return out;
}

/** Why a touch does not qualify for any model, or null when it does. */
export function disqualification(t: TouchpointFacts, closedAt: Date | null): 'account-level' | 'after-close' | null {
  if (t.accountLevel) return 'account-level';
  if (closedAt !== null && t.occurredAt.getTime() > closedAt.getTime()) return 'after-close';
  return null;
}

/** The touches that count for the standard models, in model order. */
function qualifyingTouches(facts: Pick<OpportunityFacts, 'touchpoints' | 'closedAt'>): TouchpointFacts[] {
  return orderTouches(facts.touchpoints.filter((t) => disqualification(t, facts.closedAt) === null));
}

const normalize = (ws: Ratio[]): Ratio[] => {
  const total = sum(ws);
  return total.num === 0n ? ws.map(() => ZERO) : ws.map((w) => div(w, total));
};

function firstTouchWeights(n: number): Ratio[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? ONE : ZERO));
}

function lastTouchWeights(n: number): Ratio[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? ONE : ZERO));
}

function linearWeights(n: number): Ratio[] {
  return Array.from({ length: n }, () => ratio(1n, BigInt(n)));
}

/** Position-based: first and last get their share, the rest split evenly. 1 touch: 100%; 2: first/last only. */
function uShapedWeights(n: number, p = U_SHAPED_DEFAULT): Ratio[] {
  if (n === 0) return [];
  if (n === 1) return [ONE];
  if (n === 2) return normalize([p.first, p.last]);
  const each = div(p.middle, ratio(BigInt(n - 2)));
  return normalize(Array.from({ length: n }, (_, i) => (i === 0 ? p.first : i === n - 1 ? p.last : each)));
}

/** Index of the W-shaped middle milestone among n >= 4 ordered touches. */
const wShapedMiddleIndex = (n: number): number => Math.floor((n - 1) / 2);

/**
 * W-shaped: first touch, the middle milestone (index floor((n-1)/2)) and the
 * last touch get their shares (default 30% each); the remainder (10%) is
 * split evenly over the other touches. 1 touch: 100%; 2: 50/50; 3: the three
 * milestone shares, normalised.
 */
function wShapedWeights(n: number, p = W_SHAPED_DEFAULT): Ratio[] {
  if (n === 0) return [];
  if (n === 1) return [ONE];
  if (n === 2) return normalize([p.first, p.last]);
  if (n === 3) return normalize([p.first, p.middle, p.last]);
  const mid = wShapedMiddleIndex(n);
  const rest = sub(ONE, add(add(p.first, p.middle), p.last));
  const each = rest.num > 0n ? div(rest, ratio(BigInt(n - 3))) : ZERO;
  return normalize(Array.from({ length: n }, (_, i) => (i === 0 ? p.first : i === n - 1 ? p.last : i === mid ? p.middle : each)));
}

/** The date time decay measures from: the close, or the latest touch when open. */
function decayReference(touches: readonly Pick<TouchpointFacts, 'occurredAt'>[], closedAt: Date | null): Date | null {
  if (closedAt) return closedAt;
  let latest: Date | null = null;
  for (const t of touches) if (!latest || t.occurredAt.getTime() > latest.getTime()) latest = t.occurredAt;
  return latest;
}

/** Raw (unnormalised) time-decay weight 2^(-d/H), d in days (fractional). */
function decayFactor(occurredAt: Date, reference: Date, halfLifeDays: number): number {
  const d = (reference.getTime() - occurredAt.getTime()) / DAY_MS;
  return 2 ** (-d / halfLifeDays);
}

/** Time decay: each touch weighs 2^(-d/H), then the weights are normalised. */
function timeDecayWeights(touches: readonly Pick<TouchpointFacts, 'occurredAt'>[], closedAt: Date | null, halfLifeDays: number): Ratio[] {
  const ref = decayReference(touches, closedAt);
  if (!ref) return [];
  return normalize(touches.map((t) => fromDouble(decayFactor(t.occurredAt, ref, halfLifeDays))));
}

/** One weight per (already ordered) touch for a built-in model; sums to 1. */
export function modelWeights(model: BuiltinModel, touches: readonly TouchpointFacts[], closedAt: Date | null): Ratio[] {
  const n = touches.length;
  switch (model.kind) {
    case 'first_touch':
      return firstTouchWeights(n);
    case 'last_touch':
      return lastTouchWeights(n);
    case 'linear':
      return linearWeights(n);
    case 'u_shaped':
      return uShapedWeights(n, model);
    case 'w_shaped':
      return wShapedWeights(n, model);
    case 'time_decay':
      return timeDecayWeights(touches, closedAt, model.halfLifeDays);
  }
}

/** Sums touch weights per partner (a partner appears once, whatever its touch count). */
function partnerCredit(touches: readonly TouchpointFacts[], weights: readonly Ratio[]): Map<string, Ratio> {
  const out = new Map<string, Ratio>();
  touches.forEach((t, i) => {
    const w = weights[i] ?? ZERO;
    out.set(t.partner.key, add(out.get(t.partner.key) ?? ZERO, w));
  });
  return out;
}

interface ModelCredit {
  partnerKey: string;
  share: string;
  amount: string;
  weight: Ratio;
}

/**
 * A built-in model applied to a whole opportunity with a 100% lane: the
 * partner shares (6 places) and amounts (cents, largest remainder, ties by
 * partner key), sorted by partner key. Amounts sum exactly to the opportunity amount.
 */
export function standardModelCredit(
  model: BuiltinModel,
  facts: Pick<OpportunityFacts, 'touchpoints' | 'closedAt' | 'amount'>,
): ModelCredit[] {
  const touches = qualifyingTouches(facts);
  if (touches.length === 0) return [];
  const credit = partnerCredit(touches, modelWeights(model, touches, facts.closedAt));
  const weights = [...credit].filter(([, w]) => w.num > 0n).map(([key, weight]) => ({ key, weight }));
  const byKey = { tieKeys: weights.map((w) => w.key) };
  const cents = largestRemainderOfRatios(
    parseAmount(facts.amount),
    weights.map((w) => w.weight),
    byKey,
  );
  const micros = largestRemainderOfRatios(
    1_000_000n,
    weights.map((w) => w.weight),
    byKey,
  );
  return weights
    .map((w, i) => ({
      partnerKey: w.key,
      weight: w.weight,
      share: formatDecimal(micros[i]!, 6),
      amount: formatAmount(cents[i]!),
    }))
    .sort((a, b) => (a.partnerKey < b.partnerKey ? -1 : a.partnerKey > b.partnerKey ? 1 : 0));
}
