// Stage 6: the runtime. Evaluates one opportunity against compiled lanes and
// returns an OpportunityAttribution with a plain-language trace. Pure and
// deterministic: no clock reads (open opportunities measure windows from the
// caller's asOf), no I/O, no randomness.
//
// Performance notes (measured with `npm run bench -- --only rules`, against a
// hand-written TypeScript version of dsl/two_lane.attr that returns the same
// JSON, explanations included): each rule's condition test is one generated
// function (codegen.ts); each lane makes one pass per rule over the
// qualifying touches (rules after the winner stop at their first match);
// per-touch contexts and descriptions are built once per opportunity; texts
// that do not depend on the facts are composed once per compiled lane
// (LanePlan), and reasons fixed by a few values ("action is webinar, not one
// of …") and each day's date once per value (text-cache.ts, bounded); the
// credit of first_touch / last_touch / linear / none rules without weights,
// caps or floors is split on integer counts (integerCredit, with an integer
// rounding check), every other rule on exact rationals (exactCredit), and the
// two are property-tested to give the same JSON. Explanation text is composed
// eagerly: the engine serialises every step, and per-object getters cost the
// garbage collector more than the text. Serialising the explanation document
// (about 8 KB of JSON per opportunity) costs several times the evaluation.
import type {
  AllocationResult,
  ExplanationStep,
  LaneResult,
  OpportunityAttribution,
  OpportunityFacts,
  TouchpointFacts,
} from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import {
  allocateLane,
  allocateLaneByUnits,
  applyCap,
  applyFloor,
  type Adjustment,
  type LaneAllocation,
  type PartnerAllocation,
} from './allocate.js';
import { describeTouch, isoDate, type CompiledCondition, type TouchContext } from './conditions.js';
import type { CreditSpec } from './literals.js';
import { parseAmount } from '../domain/decimal.js';
import { add, cmp, div, formatRatio, mul, ONE, ratio, sum, toDouble, ZERO, type Ratio } from '../domain/rational.js';
import { cachedText, CombinedText } from './text-cache.js';
import { disqualification, modelWeights, orderTouches } from './models.js';
import type { WeightDimension } from './schema.js';

export interface CompiledWeight {
  dimension: WeightDimension;
  text: string;
  /** The factor for a touch, and the entry that gave it (null when none matched: factor 1). */
  factor(t: TouchpointFacts, o: OpportunityFacts): { factor: Ratio; label: string } | null;
}

export interface CompiledRule {
  name: string;
  priority: number | null;
  conditionText: string | null;
  when: CompiledCondition | null;
  role: string;
  select: 'all' | 'earliest' | 'latest';
  credit: CreditSpec;
  creditText: string;
  weights: CompiledWeight[];
  cap: Ratio | null;
  floor: Ratio | null;
  /** Chosen at compile time from the rule's structure: see hasIntegerCredit. */
  integerCredit: boolean;
}

interface CompiledOtherwise {
  role: string;
  accountPartners: boolean;
  credit: 'none' | 'even';
}

export interface CompiledLane {
  lane: Lane;
  grants: Ratio;
  policy: 'first' | 'priority' | 'unique';
  /** Rules in the order the hit policy tries them. */
  rules: CompiledRule[];
  otherwise: CompiledOtherwise | null;
}

export interface EvaluateOptions {
  asOf?: Date;
}

/**
 * An explanation step of an excluded touch: `{ kind, touchpointId, data, message }`
 * in that key order (the order JSON.stringify writes). The message is composed
 * here, eagerly: the engine serialises every step it stores, so deferring the
 * text would only move the work (and per-object getters cost the garbage
 * collector far more than the text itself).
 */
function excludedStep(touchpointId: string, data: Record<string, unknown>, message: string): ExplanationStep {
  return { kind: 'excluded', touchpointId, data, message };
}

/** A fraction as a percentage for explanations: 4 places, trailing zeros dropped ("33.3333%"). */
const pct = (r: Ratio): string => `${formatRatio(mul(r, ratio(100n)), 4, 'half-up').replace(/\.?0+$/, '')}%`;
/** A weight or fraction for explanations: 6 places, trailing zeros dropped. */
const num = (r: Ratio): string => {
  const s = toDouble(r)
    .toFixed(6)
    .replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
};
/** num() of numerator / denominator (den > 0), without reducing the fraction first: the same text. */
const numOf = (numerator: bigint, denominator: bigint): string => num({ num: numerator, den: denominator });

function accountPartnersAt(o: OpportunityFacts, at: Date): Set<string> {
  const out = new Set<string>();
  for (const ap of o.account.partners) {
    if (ap.since.getTime() <= at.getTime() && (ap.until === null || ap.until.getTime() >= at.getTime())) out.add(ap.partner.key);
  }
  return out;
}

interface Prepared {
  facts: OpportunityFacts;
  amountCents: bigint;
  qualifying: TouchpointFacts[];
  /** One context per qualifying touch (same index). */
  contexts: TouchContext[];
  /** describeTouch of each qualifying touch, filled on first use. */
  described: Array<string | undefined>;
  close: Date;
  closeNote: string | null;
  accountPartners: Set<string>;
  /** The same partner keys, sorted (the order of otherwise allocations). */
  accountPartnersSorted: string[];
  excluded: ExplanationStep[];
}

/** The facts handed to evaluate() cannot be attributed (bad amount or dates): fix the data. */
class InvalidFactsError extends Error {
  readonly code = 'INVALID_FACTS';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFactsError';
  }
}

function validAmount(facts: OpportunityFacts): bigint {
  let cents: bigint;
  try {
    cents = parseAmount(facts.amount);
  } catch {
    throw new InvalidFactsError(
      `opportunity ${facts.key}: amount "${facts.amount}" is not a decimal with at most two places; fix it in the source system`,
    );
  }
  if (cents < 0n)
    throw new InvalidFactsError(
      `opportunity ${facts.key}: amount ${facts.amount} is negative; credit is only computed for non-negative amounts`,
    );
  return cents;
}

const validDate = (d: Date | null): boolean => d === null || (d instanceof Date && !Number.isNaN(d.getTime()));

function prepare(facts: OpportunityFacts, options: EvaluateOptions): Prepared {
  const amountCents = validAmount(facts);
  if (!validDate(facts.createdAt) || facts.createdAt === null || !validDate(facts.closedAt)) {
    throw new InvalidFactsError(`opportunity ${facts.key}: created or closed date is not a valid date`);
  }
  if (options.asOf !== undefined && !validDate(options.asOf)) throw new InvalidFactsError('the as-of date is not a valid date');
  for (const t of facts.touchpoints) {
    const at = t.occurredAt;
    const ms = at instanceof Date ? at.getTime() : NaN;
    if (Number.isNaN(ms)) {
      // null, not a Date, or an invalid Date
      throw new InvalidFactsError(`opportunity ${facts.key}: touch ${t.externalId} has no valid occurred-at date`);
    }
  }
  const ordered = orderTouches(facts.touchpoints);
  const qualifying: TouchpointFacts[] = [];
  const excluded: ExplanationStep[] = [];
  for (const t of ordered) {
    const why = disqualification(t, facts.closedAt);
    if (why === null) {
      qualifying.push(t);
      continue;
    }
    excluded.push({
      kind: 'excluded',
      touchpointId: t.id,
      data: { reason: why },
      message:
        why === 'account-level'
          ? `${describeTouch(t)} was logged on the account, not on this opportunity, so it does not count`
          : `${describeTouch(t)} happened after the opportunity closed on ${isoDate(facts.closedAt!)}, so it does not count`,
    });
  }
  let close: Date;
  let closeNote: string | null = null;
  if (facts.closedAt) close = facts.closedAt;
  else if (options.asOf) {
    close = options.asOf;
    closeNote = `the opportunity is open, so windows "before close" are measured from ${isoDate(close)} (as of)`;
  } else {
    const latest = qualifying[qualifying.length - 1]?.occurredAt ?? facts.createdAt;
    close = latest;
    closeNote = `the opportunity is open and no as-of date was given, so windows "before close" are measured from the latest touch (${isoDate(close)})`;
  }
  const accountPartners = accountPartnersAt(facts, close);
  const contexts: TouchContext[] = [];
  for (const t of qualifying) contexts.push({ touch: t, opportunity: facts, close, accountPartners });
  return {
    facts,
    amountCents,
    qualifying,
    contexts,
    described: new Array<string | undefined>(qualifying.length),
    close,
    closeNote,
    accountPartners,
    accountPartnersSorted: accountPartners.size > 0 ? [...accountPartners].sort() : [],
    excluded,
  };
}

function modelLabel(rule: CompiledRule, index: number, n: number): string {
  switch (rule.credit.kind) {
    case 'first_touch':
      return index === 0 ? 'first touch' : 'not the first touch';
    case 'last_touch':
      return index === n - 1 ? 'last touch' : 'not the last touch';
    case 'linear':
      return `1 of ${n} touches`;
    case 'u_shaped':
    case 'w_shaped':
      return `position ${index + 1} of ${n}`;
    case 'time_decay':
      return `half-life ${rule.credit.halfLifeDays} days`;
    case 'even':
      return 'equal split between partners';
    case 'none':
      return 'no credit';
  }
}

function baseWeights(rule: CompiledRule, touches: TouchpointFacts[], closedAt: Date | null): Ratio[] {
  const spec = rule.credit;
  if (spec.kind === 'none') return touches.map(() => ZERO);
  if (spec.kind === 'even') {
    const counts = new Map<string, number>();
    for (const t of touches) counts.set(t.partner.key, (counts.get(t.partner.key) ?? 0) + 1);
    return touches.map((t) => ratio(1n, BigInt(counts.size * counts.get(t.partner.key)!)));
  }
  return modelWeights(spec, touches, closedAt);
}

/** Which credit paths evaluate may use (tests force the exact path to compare both). */
interface EvaluatePaths {
  /** Integer weights for first_touch / last_touch / linear / none without weights, caps or floors. */
  integerCredit: boolean;
}
const ALL_PATHS: EvaluatePaths = { integerCredit: true };

/** The integer-weight credit path applies (chosen from the rule's structure, never from the facts). */
export function hasIntegerCredit(rule: CompiledRule): boolean {
  const k = rule.credit.kind;
  return (
    (k === 'first_touch' || k === 'last_touch' || k === 'linear' || k === 'none') &&
    rule.weights.length === 0 &&
    rule.cap === null &&
    rule.floor === null
  );
}

/** The text of qualifying touch i ("referral by acme on 2026-01-05"), composed once per evaluation. */
function described(p: Prepared, i: number): string {
  let s = p.described[i];
  if (s === undefined) {
    s = describeTouch(p.qualifying[i]!);
    p.described[i] = s;
  }
  return s;
}

/** `data` of the steps of touches a lane's winning rule left out. */
type ExcludedData = { lane: Lane; rule: string };

/** What a winning rule's credit model hands back to evaluateLane. */
interface Credit {
  /** Partner keys in order of their first selected touch. */
  order: string[];
  /** A partner's own steps and counted touch ids (undefined when it has none). */
  steps: PartnerLookup<ExplanationStep[]>;
  touchIds: PartnerLookup<string[]>;
  alloc: LaneAllocation;
  /** true when the rule grants nothing (credit none, or every weight zero). */
  noCredit: boolean;
  /** The partner's exact credit in money (num() text) when its amount had to be rounded to the cent, else null. */
  rounded(a: PartnerAllocation, index: number): string | null;
}

interface PartnerLookup<T> {
  get(partnerKey: string): T | undefined;
}

/**
 * Lists per partner for the few partners of one lane: parallel arrays with a
 * linear search, cheaper than Maps at this size.
 */
class PartnerLists<T> implements PartnerLookup<T[]> {
  constructor(
    private readonly keys: readonly string[],
    private readonly lists: readonly T[][],
  ) {}
  get(partnerKey: string): T[] | undefined {
    const list = this.lists[this.keys.indexOf(partnerKey)];
    return list !== undefined && list.length > 0 ? list : undefined;
  }
}

function pushStep(steps: Map<string, ExplanationStep[]>, k: string, step: ExplanationStep): void {
  const s = steps.get(k);
  if (s) s.push(step);
  else steps.set(k, [step]);
}

function pushId(ids: Map<string, string[]>, k: string, id: string): void {
  const s = ids.get(k);
  if (s) s.push(id);
  else ids.set(k, [id]);
}

/** num(1/n) and pct(1/n): the weight and lane share of one of n linear touches, composed once per n. */
const oneInShown = cachedText((n: number) => num(ratio(1n, BigInt(n))));
const oneInPercent = cachedText((n: number) => pct(ratio(1n, BigInt(n))));

const NUM_ONE = num(ONE);
const NUM_ZERO = num(ZERO);
const PCT_ONE = pct(ONE);
const PCT_ZERO = pct(ZERO);

/**
 * first_touch / last_touch / linear / none with no weights, caps or floors:
 * every touch weighs 1 or 0, so a partner's fraction of the lane is
 * (its weighted touches) / (all weighted touches) and the lane is split by
 * largest remainder on those integer counts. Same results as exactCredit
 * (property-tested), without rational arithmetic per touch.
 */
function integerCredit(
  rule: CompiledRule,
  lane: CompiledLane,
  p: Prepared,
  selected: number[],
  excluded: ExplanationStep[],
  excludedData: ExcludedData,
): Credit {
  const q = p.qualifying;
  const n = selected.length;
  const kind = rule.credit.kind;
  const laneText = `lane ${lane.lane}`;
  // Shown weights, the same for every weighted touch of the lane.
  const linearShown = kind === 'linear' ? oneInShown(n) : NUM_ONE;
  const baseShown = kind === 'none' ? NUM_ZERO : linearShown;
  const ofLaneShown = baseShown;
  const ofLanePct = kind === 'none' ? PCT_ZERO : kind === 'linear' ? oneInPercent(n) : PCT_ONE;
  const order: string[] = [];
  const counts: number[] = [];
  const stepLists: ExplanationStep[][] = [];
  const idLists: string[][] = [];
  let weighted = 0;
  for (let j = 0; j < n; j++) {
    const i = selected[j]!;
    const t = q[i]!;
    const k = t.partner.key;
    let x = order.indexOf(k);
    if (x < 0) {
      x = order.length;
      order.push(k);
      counts.push(0);
      stepLists.push([]);
      idLists.push([]);
    }
    const w = kind === 'linear' ? 1 : kind === 'first_touch' ? (j === 0 ? 1 : 0) : kind === 'last_touch' ? (j === n - 1 ? 1 : 0) : 0;
    if (w === 0 && kind !== 'none') {
      excluded.push(
        excludedStep(
          t.id,
          excludedData,
          `${laneText}, rule "${rule.name}": ${described(p, i)} gets no weight under ${rule.creditText} (${modelLabel(rule, j, n)})`,
        ),
      );
      continue;
    }
    idLists[x]!.push(t.id);
    counts[x]! += w;
    weighted += w;
    stepLists[x]!.push({
      kind: 'included',
      touchpointId: t.id,
      data: { baseWeight: w === 0 ? NUM_ZERO : baseShown, weight: w === 0 ? NUM_ZERO : ofLaneShown },
      message: `${described(p, i)} counts: ${rule.creditText} weight ${w === 0 ? NUM_ZERO : baseShown} (${modelLabel(rule, j, n)}) → ${w === 0 ? PCT_ZERO : ofLanePct} of the lane`,
    });
  }
  const steps = new PartnerLists(order, stepLists);
  const touchIds = new PartnerLists(order, idLists);
  const credited: Array<{ key: string; units: number }> = [];
  for (let x = 0; x < order.length; x++) if (counts[x]! > 0) credited.push({ key: order[x]!, units: counts[x]! });
  const alloc = allocateLaneByUnits(p.amountCents, lane.grants, credited, weighted);
  const grants = lane.grants;
  const total = BigInt(weighted);
  return {
    order,
    steps,
    touchIds,
    alloc,
    noCredit: weighted === 0,
    // Exact credit in cents is grants x units / total x amount; integer arithmetic decides whether it was rounded.
    rounded: (a, index) => {
      const exactNum = grants.num * BigInt(credited[index]!.units) * p.amountCents;
      const exactDen = grants.den * total;
      if (exactNum % exactDen === 0n && exactNum / exactDen === a.cents) return null;
      return numOf(exactNum, exactDen * 100n);
    },
  };
}

/** Any credit model, weights, caps and floors: exact rational arithmetic. */
function exactCredit(
  rule: CompiledRule,
  lane: CompiledLane,
  p: Prepared,
  selected: number[],
  excluded: ExplanationStep[],
  excludedData: ExcludedData,
): Credit {
  const q = p.qualifying;
  const laneText = `lane ${lane.lane}`;
  const touches = selected.map((i) => q[i]!);
  const n = touches.length;
  const base = baseWeights(rule, touches, p.facts.closedAt);
  const steps = new Map<string, ExplanationStep[]>();
  const touchIds = new Map<string, string[]>();
  // Each weight line's factor for each touch, computed once.
  const applied: Array<Array<{ cw: CompiledWeight; factor: Ratio; label: string; shown: string }>> = [];
  const weights: Ratio[] = [];
  for (let j = 0; j < n; j++) {
    const t = touches[j]!;
    let w = base[j] ?? ZERO;
    const fs: Array<{ cw: CompiledWeight; factor: Ratio; label: string; shown: string }> = [];
    for (const cw of rule.weights) {
      const f = cw.factor(t, p.facts);
      if (f) {
        w = mul(w, f.factor);
        fs.push({ cw, factor: f.factor, label: f.label, shown: num(f.factor) });
      }
    }
    applied.push(fs);
    weights.push(w);
  }
  const total = sum(weights);
  for (let j = 0; j < n; j++) {
    const t = touches[j]!;
    const i = selected[j]!;
    const w = weights[j]!;
    const b = base[j] ?? ZERO;
    const fs = applied[j]!;
    const factorText = fs.length ? `, ${fs.map((f) => `×${f.shown} for ${f.label}`).join(', ')}` : '';
    if (w.num === 0n && rule.credit.kind !== 'none') {
      excluded.push(
        excludedStep(
          t.id,
          excludedData,
          `${laneText}, rule "${rule.name}": ${described(p, i)} gets no weight under ${rule.creditText} (${modelLabel(rule, j, n)}${factorText})`,
        ),
      );
      continue;
    }
    const k = t.partner.key;
    pushId(touchIds, k, t.id);
    const ofLane = total.num > 0n ? div(w, total) : ZERO;
    for (const f of fs) {
      pushStep(steps, k, {
        kind: 'weight',
        touchpointId: t.id,
        data: { factor: f.shown, dimension: f.cw.text },
        message: `${described(p, i)} weighs ×${f.shown} because of ${f.label}`,
      });
    }
    pushStep(steps, k, {
      kind: 'included',
      touchpointId: t.id,
      data: { baseWeight: num(b), weight: num(ofLane) },
      message: `${described(p, i)} counts: ${rule.creditText} weight ${num(b)} (${modelLabel(rule, j, n)})${factorText} → ${pct(ofLane)} of the lane`,
    });
  }
  // Partner fractions of the lane.
  let fractions = new Map<string, Ratio>();
  const order: string[] = [];
  for (let j = 0; j < n; j++) {
    const k = touches[j]!.partner.key;
    if (!fractions.has(k)) {
      fractions.set(k, ZERO);
      order.push(k);
    }
    if (total.num > 0n) fractions.set(k, add(fractions.get(k)!, div(weights[j]!, total)));
  }
  const adjustments: Adjustment[] = [];
  if (rule.credit.kind !== 'none' && total.num > 0n) {
    if (rule.floor) fractions = applyFloor(fractions, rule.floor, adjustments);
    if (rule.cap) {
      const before = fractions;
      fractions = applyCap(fractions, rule.cap, adjustments);
      const capped = new Set(adjustments.filter((a) => a.kind === 'cap').map((a) => a.partnerKey));
      for (const [k, f] of fractions) {
        const was = before.get(k) ?? ZERO;
        if (!capped.has(k) && cmp(f, was) > 0) {
          pushStep(steps, k, {
            kind: 'cap',
            data: { before: num(was), after: num(f) },
            message: `received part of the excess of capped partners: ${pct(was)} → ${pct(f)} of the lane`,
          });
        }
      }
    }
  } else {
    fractions = new Map([...fractions].map(([k]) => [k, ZERO]));
  }
  for (const a of adjustments) {
    pushStep(steps, a.partnerKey, {
      kind: a.kind,
      data: { before: num(a.before), after: num(a.after) },
      message:
        a.kind === 'cap'
          ? `capped at ${pct(rule.cap!)} of the lane (was ${pct(a.before)}); the excess went to the other partners in proportion`
          : `raised to the floor of ${pct(rule.floor!)} of the lane (was ${pct(a.before)}), taken from partners above the floor in proportion`,
    });
  }
  const alloc = allocateLane(p.amountCents, lane.grants, fractions);
  const grants = lane.grants;
  return {
    order,
    steps,
    touchIds,
    alloc,
    noCredit: rule.credit.kind === 'none' || total.num === 0n,
    rounded: (a) => {
      const exact = mul(mul(grants, a.fraction), ratio(p.amountCents, 100n));
      const exactCents = mul(exact, ratio(100n));
      return exactCents.den !== 1n || exactCents.num !== a.cents ? num(exact) : null;
    },
  };
}

/** Texts of a lane that do not depend on the facts, composed on its first evaluation. */
interface LanePlan {
  /** Per rule (hit-policy order): `lane X, rule "R": ` */
  excludedPrefix: string[];
  /** Per rule: "hit policy …" as explanations name it. */
  policyText: string[];
  /** Per rule: ` does not count because ${why}`, cached by why when the rule's condition is stable. */
  doesNotCount: Array<(why: string) => string>;
  /** ` meets no rule — "A": …; "B": …` for a touch no rule of the lane matched. */
  meetsNoRule: (ctx: TouchContext) => string;
}

const lanePlans = new WeakMap<CompiledLane, LanePlan>();

function planOf(lane: CompiledLane): LanePlan {
  let plan = lanePlans.get(lane);
  if (plan) return plan;
  const laneText = `lane ${lane.lane}`;
  const withCondition = lane.rules.filter((r) => r.when);
  const names = withCondition.map((r) => `"${r.name}": `);
  const whys = withCondition.map((r) => r.when!.why);
  const composeNoRule = (texts: readonly string[]): string => {
    let out = ' meets no rule — ';
    for (let r = 0; r < texts.length; r++) out += (r > 0 ? '; ' : '') + names[r]! + texts[r]!;
    return out;
  };
  let meetsNoRule: LanePlan['meetsNoRule'];
  if (withCondition.every((r) => r.when!.stable)) {
    const combined = new CombinedText(composeNoRule);
    const texts: string[] = new Array<string>(whys.length);
    meetsNoRule = (ctx) => {
      for (let r = 0; r < whys.length; r++) texts[r] = whys[r]!(ctx);
      return combined.get(texts);
    };
  } else {
    meetsNoRule = (ctx) => {
      let out = ' meets no rule — ';
      for (let r = 0; r < whys.length; r++) out += (r > 0 ? '; ' : '') + names[r]! + whys[r]!(ctx);
      return out;
    };
  }
  const compose = (why: string) => ` does not count because ${why}`;
  plan = {
    excludedPrefix: lane.rules.map((r) => `${laneText}, rule "${r.name}": `),
    policyText: lane.rules.map((r) =>
      lane.policy === 'priority' ? `hit policy priority, priority ${r.priority}` : `hit policy ${lane.policy}`,
    ),
    doesNotCount: lane.rules.map((r) => (r.when?.stable ? cachedText(compose) : compose)),
    meetsNoRule,
  };
  lanePlans.set(lane, plan);
  return plan;
}

function evaluateLane(lane: CompiledLane, p: Prepared, excluded: ExplanationStep[], paths: EvaluatePaths): LaneResult {
  const q = p.qualifying;
  const nq = q.length;
  const contexts = p.contexts;
  const rules = lane.rules;
  // One pass per rule over the qualifying touches: indices of the matches.
  // Once a rule has won, later rules only need to know whether they match at
  // all (for the "also matched" note), so their pass stops at the first match.
  const matchedBy: number[][] = [];
  let winnerIndex = -1;
  for (let r = 0; r < rules.length; r++) {
    const when = rules[r]!.when;
    const m: number[] = [];
    const decided = winnerIndex >= 0;
    if (when) {
      const test = when.test;
      for (let i = 0; i < nq; i++) {
        if (test(contexts[i]!)) {
          m.push(i);
          if (decided) break;
        }
      }
    } else {
      for (let i = 0; i < nq; i++) {
        m.push(i);
        if (decided) break;
      }
    }
    matchedBy.push(m);
    if (winnerIndex < 0 && m.length > 0) winnerIndex = r;
  }
  const plan = planOf(lane);
  if (winnerIndex < 0) return unmatchedLane(lane, p, excluded, plan);
  const laneText = `lane ${lane.lane}`;
  const rule = rules[winnerIndex]!;
  const matched = matchedBy[winnerIndex]!;
  const ruleSteps: ExplanationStep[] = [];
  const policyText = plan.policyText[winnerIndex]!;
  ruleSteps.push({
    kind: 'rule',
    data: { lane: lane.lane, rule: rule.name, policy: lane.policy },
    message: `Rule "${rule.name}" decided the ${laneText} (${policyText}): ${matched.length} of ${nq} qualifying touches met ${rule.conditionText ? `\`${rule.conditionText}\`` : 'it (no condition)'}.`,
  });
  const alsoMatched: string[] = [];
  for (let r = 0; r < rules.length; r++) if (r !== winnerIndex && matchedBy[r]!.length > 0) alsoMatched.push(`"${rules[r]!.name}"`);
  if (alsoMatched.length > 0) {
    ruleSteps.push({
      kind: 'note',
      data: { alsoMatched },
      message:
        lane.policy === 'unique'
          ? `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched, which hit policy unique does not expect; "${rule.name}" was applied because it comes first. Review the rule set.`
          : `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched but "${rule.name}" takes precedence under ${policyText}.`,
    });
  }
  if (p.closeNote && rule.conditionText?.includes('close')) ruleSteps.push({ kind: 'note', message: p.closeNote });
  // Touches of this lane that did not match the winning rule. Their steps
  // share one (read-only) data object: the same JSON, fewer allocations.
  const excludedData: ExcludedData = { lane: lane.lane, rule: rule.name };
  const when = rule.when;
  if (when) {
    const prefix = plan.excludedPrefix[winnerIndex]!;
    const doesNotCount = plan.doesNotCount[winnerIndex]!;
    const why = when.why;
    let next = 0;
    for (let i = 0; i < nq; i++) {
      if (next < matched.length && matched[next] === i) {
        next++;
        continue;
      }
      excluded.push(excludedStep(q[i]!.id, excludedData, prefix + described(p, i) + doesNotCount(why(contexts[i]!))));
    }
  }
  let selected = matched;
  if (rule.select !== 'all' && matched.length > 1) {
    const keep = rule.select === 'earliest' ? matched[0]! : matched[matched.length - 1]!;
    const kept = q[keep]!;
    selected = [keep];
    for (const i of matched) {
      if (q[i] === kept) continue;
      excluded.push(
        excludedStep(
          q[i]!.id,
          excludedData,
          `${laneText}, rule "${rule.name}": ${described(p, i)} matched, but the rule selects only the ${rule.select} touch`,
        ),
      );
    }
  }
  const credit =
    paths.integerCredit && rule.integerCredit
      ? integerCredit(rule, lane, p, selected, excluded, excludedData)
      : exactCredit(rule, lane, p, selected, excluded, excludedData);
  const { alloc, steps, touchIds, order } = credit;
  const allocations: AllocationResult[] = [];
  const credited = alloc.partners;
  const indexOf = (k: string): number => {
    for (let x = 0; x < credited.length; x++) if (credited[x]!.partnerKey === k) return x;
    return -1;
  };
  for (const k of order) {
    const index = indexOf(k);
    if (index < 0 && !credit.noCredit) continue;
    const a = index < 0 ? undefined : credited[index]!;
    const own = steps.get(k);
    const explanation = ruleSteps.slice();
    if (own) for (let s = 0; s < own.length; s++) explanation.push(own[s]!);
    if (a) {
      const exact = credit.rounded(a, index);
      if (exact !== null) {
        explanation.push({
          kind: 'rounding',
          data: { exact },
          message: `exact credit ${exact} rounded to ${a.amount} so the lane adds up to the cent (largest remainder, ties by partner key)`,
        });
      }
    } else if (rule.credit.kind === 'none') {
      explanation.push({ kind: 'note', message: `rule "${rule.name}" records the role ${rule.role} but grants no credit` });
    }
    allocations.push({
      lane: lane.lane,
      partnerKey: k,
      role: rule.role,
      share: a?.share ?? '0.000000',
      amount: a?.amount ?? '0.00',
      rule: rule.name,
      touchpointIds: touchIds.get(k) ?? selected.filter((i) => q[i]!.partner.key === k).map((i) => q[i]!.id),
      explanation,
    });
  }

  // Partners present on the account but not credited by the winning rule
  // keep the otherwise role (e.g. attached): present, no meaningful action.
  const o = lane.otherwise;
  if (o?.accountPartners && p.accountPartnersSorted.length > 0) {
    const named = allocations.length;
    for (const k of p.accountPartnersSorted) {
      let isNamed = false;
      for (let x = 0; x < named; x++)
        if (allocations[x]!.partnerKey === k) {
          isNamed = true;
          break;
        }
      if (isNamed) continue;
      allocations.push({
        lane: lane.lane,
        partnerKey: k,
        role: o.role,
        share: '0.000000',
        amount: '0.00',
        rule: 'otherwise',
        touchpointIds: [],
        explanation: [
          {
            kind: 'rule',
            data: { lane: lane.lane, rule: 'otherwise' },
            message: `${k} is on the account (${isoDate(p.close)}) but earned no credit under rule "${rule.name}", so it is ${o.role} by the lane's otherwise clause; ${o.role} carries no credit here.`,
          },
        ],
      });
    }
  }
  if (allocations.length > 1) {
    allocations.sort(
      (x, y) => Number(y.amount) - Number(x.amount) || (x.partnerKey! < y.partnerKey! ? -1 : x.partnerKey! > y.partnerKey! ? 1 : 0),
    );
  }
  return {
    lane: lane.lane,
    grantedShare: alloc.grantedShare,
    grantedAmount: alloc.grantedAmount,
    rule: rule.name,
    allocations,
  };
}

function unmatchedLane(lane: CompiledLane, p: Prepared, excluded: ExplanationStep[], plan: LanePlan): LaneResult {
  const laneText = `lane ${lane.lane}`;
  if (lane.rules.some((r) => r.when)) {
    const prefix = `${laneText}: `;
    const data = { lane: lane.lane };
    const meetsNoRule = plan.meetsNoRule;
    for (let i = 0; i < p.qualifying.length; i++) {
      excluded.push(excludedStep(p.qualifying[i]!.id, data, prefix + described(p, i) + meetsNoRule(p.contexts[i]!)));
    }
  }
  const noMatch =
    lane.rules.length === 0
      ? `The ${laneText} has no rules.`
      : `No rule of the ${laneText} matched any of the ${p.qualifying.length} qualifying touches.`;
  const o = lane.otherwise;
  const partners = o?.accountPartners ? p.accountPartnersSorted : [];
  if (o && (!o.accountPartners || partners.length > 0)) {
    if (o.accountPartners) {
      const fractions = new Map(partners.map((k) => [k, o.credit === 'even' ? ratio(1n, BigInt(partners.length)) : ZERO]));
      const alloc = o.credit === 'even' ? allocateLane(p.amountCents, lane.grants, fractions) : null;
      const byKey = new Map((alloc?.partners ?? []).map((x) => [x.partnerKey, x]));
      return {
        lane: lane.lane,
        rule: 'otherwise',
        grantedShare: alloc?.grantedShare ?? '0.000000',
        grantedAmount: alloc?.grantedAmount ?? '0.00',
        allocations: partners.map((k) => ({
          lane: lane.lane,
          partnerKey: k,
          role: o.role,
          rule: 'otherwise',
          touchpointIds: [],
          share: byKey.get(k)?.share ?? '0.000000',
          amount: byKey.get(k)?.amount ?? '0.00',
          explanation: [
            {
              kind: 'rule',
              message: `${noMatch} ${k} is on the account (${isoDate(p.close)}), so it is ${o.role} by the lane's otherwise clause.`,
              data: { lane: lane.lane, rule: 'otherwise' },
            },
            {
              kind: 'note',
              message:
                o.credit === 'even'
                  ? `the lane is split evenly between the ${partners.length} partners on the account`
                  : `${o.role} carries no credit`,
            },
          ],
        })),
      };
    }
    return {
      lane: lane.lane,
      rule: 'otherwise',
      grantedShare: '0.000000',
      grantedAmount: '0.00',
      allocations: [
        {
          lane: lane.lane,
          partnerKey: null,
          role: o.role,
          rule: 'otherwise',
          share: '0.000000',
          amount: '0.00',
          touchpointIds: [],
          explanation: [
            {
              kind: 'rule',
              message: `${noMatch} The otherwise clause makes it ${o.role}; no credit is granted.`,
              data: { lane: lane.lane },
            },
          ],
        },
      ],
    };
  }
  const why = o?.accountPartners ? `${noMatch} No partner is on the account either.` : noMatch;
  return {
    lane: lane.lane,
    rule: null,
    grantedShare: '0.000000',
    grantedAmount: '0.00',
    allocations: [
      {
        lane: lane.lane,
        partnerKey: null,
        role: 'unattributed',
        rule: '(no rule matched)',
        share: '0.000000',
        amount: '0.00',
        touchpointIds: [],
        explanation: [{ kind: 'rule', message: `${why} The lane is unattributed.`, data: { lane: lane.lane } }],
      },
    ],
  };
}

/** Evaluates compiled lanes for one opportunity. */
export function evaluateLanes(
  lanes: readonly CompiledLane[],
  facts: OpportunityFacts,
  options: EvaluateOptions = {},
  paths: EvaluatePaths = ALL_PATHS,
): OpportunityAttribution {
  const p = prepare(facts, options);
  const excluded = p.excluded; // a fresh array per evaluation
  const results: LaneResult[] = [];
  for (const l of lanes) results.push(evaluateLane(l, p, excluded, paths));
  return { opportunityKey: facts.key, lanes: results, excluded };
}
