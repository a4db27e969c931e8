// Stage 6: the runtime. Evaluates one opportunity against compiled lanes and
// returns an OpportunityAttribution with a plain-language trace. Pure and
// deterministic: no clock reads (open opportunities measure windows from the
// caller's asOf), no I/O, no randomness.
import type {
  AllocationResult, ExplanationStep, LaneResult, OpportunityAttribution, OpportunityFacts, TouchpointFacts,
} from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { allocateLane, applyCap, applyFloor, type Adjustment } from './allocate.js';
import { describeTouch, isoDate, type CompiledCondition, type TouchContext } from './conditions.js';
import type { CreditSpec } from './literals.js';
import { add, cmp, div, formatRatio, mul, ratio, sum, toCents, toDouble, ZERO, type Ratio } from './money.js';
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
}

export interface CompiledOtherwise {
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

export interface EvaluateOptions { asOf?: Date }

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

const pct = (r: Ratio): string => `${formatRatio(mul(r, ratio(100n)), 4).replace(/\.?0+$/, '')}%`;
const num = (r: Ratio): string => {
  const s = toDouble(r).toFixed(6).replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
};

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
  contexts: Map<TouchpointFacts, TouchContext>;
  close: Date;
  closeNote: string | null;
  accountPartners: Set<string>;
  excluded: ExplanationStep[];
}

/** The facts handed to evaluate() cannot be attributed (bad amount or dates): fix the data. */
export class InvalidFactsError extends Error {
  readonly code = 'INVALID_FACTS';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFactsError';
  }
}

function validAmount(facts: OpportunityFacts): bigint {
  let cents: bigint;
  try { cents = toCents(facts.amount); } catch {
    throw new InvalidFactsError(`opportunity ${facts.key}: amount "${facts.amount}" is not a decimal with at most two places; fix it in the source system`);
  }
  if (cents < 0n) throw new InvalidFactsError(`opportunity ${facts.key}: amount ${facts.amount} is negative; credit is only computed for non-negative amounts`);
  return cents;
}

const validDate = (d: Date | null): boolean => d === null || (d instanceof Date && !Number.isNaN(d.getTime()));

function prepare(facts: OpportunityFacts, options: EvaluateOptions): Prepared {
  const amountCents = validAmount(facts);
  if (!validDate(facts.createdAt) || facts.createdAt === null || !validDate(facts.closedAt)) {
    throw new InvalidFactsError(`opportunity ${facts.key}: created or closed date is not a valid date`);
  }
  if (options.asOf !== undefined && !validDate(options.asOf)) throw new InvalidFactsError('the as-of date is not a valid date');
  const badTouch = facts.touchpoints.find((t) => !validDate(t.occurredAt) || t.occurredAt === null);
  if (badTouch) throw new InvalidFactsError(`opportunity ${facts.key}: touch ${badTouch.externalId} has no valid occurred-at date`);
  const ordered = orderTouches(facts.touchpoints);
  const qualifying: TouchpointFacts[] = [];
  const excluded: ExplanationStep[] = [];
  for (const t of ordered) {
    const why = disqualification(t, facts.closedAt);
    if (why === null) { qualifying.push(t); continue; }
    excluded.push({
      kind: 'excluded', touchpointId: t.id, data: { reason: why },
      message: why === 'account-level'
        ? `${describeTouch(t)} was logged on the account, not on this opportunity, so it does not count`
        : `${describeTouch(t)} happened after the opportunity closed on ${isoDate(facts.closedAt!)}, so it does not count`,
    });
  }
  let close: Date;
  let closeNote: string | null = null;
  if (facts.closedAt) close = facts.closedAt;
  else if (options.asOf) { close = options.asOf; closeNote = `the opportunity is open, so windows "before close" are measured from ${isoDate(close)} (as of)`; }
  else {
    const latest = qualifying[qualifying.length - 1]?.occurredAt ?? facts.createdAt;
    close = latest;
    closeNote = `the opportunity is open and no as-of date was given, so windows "before close" are measured from the latest touch (${isoDate(close)})`;
  }
  const accountPartners = accountPartnersAt(facts, close);
  const contexts = new Map<TouchpointFacts, TouchContext>();
  for (const t of qualifying) contexts.set(t, { touch: t, opportunity: facts, close, accountPartners });
  return { facts, amountCents, qualifying, contexts, close, closeNote, accountPartners, excluded };
}

function modelLabel(rule: CompiledRule, index: number, n: number): string {
  switch (rule.credit.kind) {
    case 'first_touch': return index === 0 ? 'first touch' : 'not the first touch';
    case 'last_touch': return index === n - 1 ? 'last touch' : 'not the last touch';
    case 'linear': return `1 of ${n} touches`;
    case 'u_shaped': case 'w_shaped': return `position ${index + 1} of ${n}`;
    case 'time_decay': return `half-life ${rule.credit.halfLifeDays} days`;
    case 'even': return 'equal split between partners';
    case 'none': return 'no credit';
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

function evaluateLane(lane: CompiledLane, p: Prepared, excluded: ExplanationStep[]): LaneResult {
  const matchedBy = lane.rules.map((r) => (r.when ? p.qualifying.filter((t) => r.when!.test(p.contexts.get(t)!)) : p.qualifying));
  const winnerIndex = matchedBy.findIndex((m) => m.length > 0);
  const laneText = `lane ${lane.lane}`;
  if (winnerIndex < 0) return unmatchedLane(lane, p, excluded);
  const rule = lane.rules[winnerIndex]!;
  const matched = matchedBy[winnerIndex]!;
  const ruleSteps: ExplanationStep[] = [];
  const policyText = lane.policy === 'priority' ? `hit policy priority, priority ${rule.priority}` : `hit policy ${lane.policy}`;
  ruleSteps.push({
    kind: 'rule', data: { lane: lane.lane, rule: rule.name, policy: lane.policy },
    message: `Rule "${rule.name}" decided the ${laneText} (${policyText}): ${matched.length} of ${p.qualifying.length} qualifying touches met ${rule.conditionText ? `\`${rule.conditionText}\`` : 'it (no condition)'}.`,
  });
  const alsoMatched = lane.rules.filter((_, i) => i !== winnerIndex && matchedBy[i]!.length > 0).map((r) => `"${r.name}"`);
  if (alsoMatched.length > 0) {
    ruleSteps.push({
      kind: 'note', data: { alsoMatched },
      message: lane.policy === 'unique'
        ? `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched, which hit policy unique does not expect; "${rule.name}" was applied because it comes first. Review the rule set.`
        : `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched but "${rule.name}" takes precedence under ${policyText}.`,
    });
  }
  if (p.closeNote && rule.conditionText?.includes('close')) ruleSteps.push({ kind: 'note', message: p.closeNote });
  // Touches of this lane that did not match the winning rule.
  const when = rule.when;
  if (when) {
    const matchedSet = new Set(matched);
    for (const t of p.qualifying) {
      if (matchedSet.has(t)) continue;
      excluded.push(excludedStep(t.id, { lane: lane.lane, rule: rule.name }, `${laneText}, rule "${rule.name}": ${describeTouch(t)} does not count because ${when.why(p.contexts.get(t)!)}`));
    }
  }
  let selected = matched;
  if (rule.select !== 'all' && matched.length > 1) {
    selected = rule.select === 'earliest' ? [matched[0]!] : [matched[matched.length - 1]!];
    for (const t of matched) {
      if (t === selected[0]) continue;
      excluded.push(excludedStep(t.id, { lane: lane.lane, rule: rule.name }, `${laneText}, rule "${rule.name}": ${describeTouch(t)} matched, but the rule selects only the ${rule.select} touch`));
    }
  }
  const base = baseWeights(rule, selected, p.facts.closedAt);
  const steps = new Map<string, ExplanationStep[]>();
  const stepsOf = (k: string) => { let s = steps.get(k); if (!s) { s = []; steps.set(k, s); } return s; };
  const touchIds = new Map<string, string[]>();
  const weights: Ratio[] = selected.map((t, i) => {
    let w = base[i] ?? ZERO;
    const parts: string[] = [];
    for (const cw of rule.weights) {
      const f = cw.factor(t, p.facts);
      if (f) { w = mul(w, f.factor); parts.push(`×${num(f.factor)} for ${f.label}`); }
    }
    return w;
  });
  const total = sum(weights);
  selected.forEach((t, i) => {
    const w = weights[i]!;
    const b = base[i] ?? ZERO;
    const factorParts: string[] = [];
    for (const cw of rule.weights) {
      const f = cw.factor(t, p.facts);
      if (f) factorParts.push(`×${num(f.factor)} for ${f.label}`);
    }
    if (w.num === 0n && rule.credit.kind !== 'none') {
      excluded.push(excludedStep(t.id, { lane: lane.lane, rule: rule.name }, `${laneText}, rule "${rule.name}": ${describeTouch(t)} gets no weight under ${rule.creditText} (${modelLabel(rule, i, selected.length)}${factorParts.length ? `, ${factorParts.join(', ')}` : ''})`));
      return;
    }
    const ids = touchIds.get(t.partner.key) ?? [];
    ids.push(t.id);
    touchIds.set(t.partner.key, ids);
    const ofLane = total.num > 0n ? div(w, total) : ZERO;
    for (const cw of rule.weights) {
      const f = cw.factor(t, p.facts);
      if (f) {
        stepsOf(t.partner.key).push({
          kind: 'weight', touchpointId: t.id, data: { factor: num(f.factor), dimension: cw.text },
          message: `${describeTouch(t)} weighs ×${num(f.factor)} because of ${f.label}`,
        });
      }
    }
    stepsOf(t.partner.key).push({
      kind: 'included', touchpointId: t.id,
      data: { baseWeight: num(b), weight: num(ofLane) },
      message: `${describeTouch(t)} counts: ${rule.creditText} weight ${num(b)} (${modelLabel(rule, i, selected.length)})${factorParts.length ? `, ${factorParts.join(', ')}` : ''} → ${pct(ofLane)} of the lane`,
    });
  });
  // Partner fractions of the lane.
  let fractions = new Map<string, Ratio>();
  const order: string[] = [];
  selected.forEach((t, i) => {
    const k = t.partner.key;
    if (!fractions.has(k)) { fractions.set(k, ZERO); order.push(k); }
    if (total.num > 0n) fractions.set(k, add(fractions.get(k)!, div(weights[i]!, total)));
  });
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
          stepsOf(k).push({
            kind: 'cap', data: { before: num(was), after: num(f) },
            message: `received part of the excess of capped partners: ${pct(was)} → ${pct(f)} of the lane`,
          });
        }
      }
    }
  } else {
    fractions = new Map([...fractions].map(([k]) => [k, ZERO]));
  }
  for (const a of adjustments) {
    stepsOf(a.partnerKey).push({
      kind: a.kind, data: { before: num(a.before), after: num(a.after) },
      message: a.kind === 'cap'
        ? `capped at ${pct(rule.cap!)} of the lane (was ${pct(a.before)}); the excess went to the other partners in proportion`
        : `raised to the floor of ${pct(rule.floor!)} of the lane (was ${pct(a.before)}), taken from partners above the floor in proportion`,
    });
  }
  const alloc = allocateLane(p.amountCents, lane.grants, fractions);
  const allocations: AllocationResult[] = [];
  const byKey = new Map(alloc.partners.map((x) => [x.partnerKey, x]));
  const partnerKeys = rule.credit.kind === 'none' || total.num === 0n ? order : order.filter((k) => byKey.has(k));
  for (const k of partnerKeys) {
    const a = byKey.get(k);
    const exact = a ? mul(mul(lane.grants, a.fraction), ratio(p.amountCents, 100n)) : ZERO;
    const explanation = [...ruleSteps, ...(steps.get(k) ?? [])];
    if (a) {
      const exactCents = mul(exact, ratio(100n));
      if (exactCents.den !== 1n || exactCents.num !== a.cents) {
        explanation.push({
          kind: 'rounding', data: { exact: num(exact) },
          message: `exact credit ${num(exact)} rounded to ${a.amount} so the lane adds up to the cent (largest remainder, ties by partner key)`,
        });
      }
    } else if (rule.credit.kind === 'none') {
      explanation.push({ kind: 'note', message: `rule "${rule.name}" records the role ${rule.role} but grants no credit` });
    }
    allocations.push({
      lane: lane.lane, partnerKey: k, role: rule.role,
      share: a?.share ?? '0.000000', amount: a?.amount ?? '0.00', rule: rule.name,
      touchpointIds: touchIds.get(k) ?? selected.filter((t) => t.partner.key === k).map((t) => t.id),
      explanation,
    });
  }
  // Partners present on the account but not credited by the winning rule
  // keep the otherwise role (e.g. attached): present, no meaningful action.
  const o = lane.otherwise;
  if (o?.accountPartners) {
    const named = new Set(allocations.map((a) => a.partnerKey));
    for (const k of [...p.accountPartners].sort()) {
      if (named.has(k)) continue;
      allocations.push({
        lane: lane.lane, partnerKey: k, role: o.role, share: '0.000000', amount: '0.00', rule: 'otherwise', touchpointIds: [],
        explanation: [{
          kind: 'rule', data: { lane: lane.lane, rule: 'otherwise' },
          message: `${k} is on the account (${isoDate(p.close)}) but earned no credit under rule "${rule.name}", so it is ${o.role} by the lane's otherwise clause; ${o.role} carries no credit here.`,
        }],
      });
    }
  }
  allocations.sort((x, y) => Number(y.amount) - Number(x.amount) || (x.partnerKey! < y.partnerKey! ? -1 : x.partnerKey! > y.partnerKey! ? 1 : 0));
  return {
    lane: lane.lane, grantedShare: alloc.grantedShare, grantedAmount: alloc.grantedAmount, rule: rule.name, allocations,
  };
}

function unmatchedLane(lane: CompiledLane, p: Prepared, excluded: ExplanationStep[]): LaneResult {
  const laneText = `lane ${lane.lane}`;
  for (const t of p.qualifying) {
    const reasons = lane.rules.filter((r) => r.when).map((r) => `"${r.name}": ${r.when!.why(p.contexts.get(t)!)}`);
    if (reasons.length === 0) continue;
    excluded.push(excludedStep(t.id, { lane: lane.lane }, `${laneText}: ${describeTouch(t)} meets no rule — ${reasons.join('; ')}`));
  }
  const noMatch = lane.rules.length === 0
    ? `The ${laneText} has no rules.`
    : `No rule of the ${laneText} matched any of the ${p.qualifying.length} qualifying touches.`;
  const o = lane.otherwise;
  const partners = o?.accountPartners
    ? [...p.accountPartners].sort()
    : [];
  if (o && (!o.accountPartners || partners.length > 0)) {
    if (o.accountPartners) {
      const fractions = new Map(partners.map((k) => [k, o.credit === 'even' ? ratio(1n, BigInt(partners.length)) : ZERO]));
      const alloc = o.credit === 'even' ? allocateLane(p.amountCents, lane.grants, fractions) : null;
      const byKey = new Map((alloc?.partners ?? []).map((x) => [x.partnerKey, x]));
      return {
        lane: lane.lane, rule: 'otherwise',
        grantedShare: alloc?.grantedShare ?? '0.000000', grantedAmount: alloc?.grantedAmount ?? '0.00',
        allocations: partners.map((k) => ({
          lane: lane.lane, partnerKey: k, role: o.role, rule: 'otherwise', touchpointIds: [],
          share: byKey.get(k)?.share ?? '0.000000', amount: byKey.get(k)?.amount ?? '0.00',
          explanation: [
            { kind: 'rule', message: `${noMatch} ${k} is on the account (${isoDate(p.close)}), so it is ${o.role} by the lane's otherwise clause.`, data: { lane: lane.lane, rule: 'otherwise' } },
            { kind: 'note', message: o.credit === 'even' ? `the lane is split evenly between the ${partners.length} partners on the account` : `${o.role} carries no credit` },
          ],
        })),
      };
    }
    return {
      lane: lane.lane, rule: 'otherwise', grantedShare: '0.000000', grantedAmount: '0.00',
      allocations: [{
        lane: lane.lane, partnerKey: null, role: o.role, rule: 'otherwise', share: '0.000000', amount: '0.00', touchpointIds: [],
        explanation: [{ kind: 'rule', message: `${noMatch} The otherwise clause makes it ${o.role}; no credit is granted.`, data: { lane: lane.lane } }],
      }],
    };
  }
  const why = o?.accountPartners ? `${noMatch} No partner is on the account either.` : noMatch;
  return {
    lane: lane.lane, rule: null, grantedShare: '0.000000', grantedAmount: '0.00',
    allocations: [{
      lane: lane.lane, partnerKey: null, role: 'unattributed', rule: '(no rule matched)', share: '0.000000', amount: '0.00', touchpointIds: [],
      explanation: [{ kind: 'rule', message: `${why} The lane is unattributed.`, data: { lane: lane.lane } }],
    }],
  };
}

/** Evaluates compiled lanes for one opportunity. */
export function evaluateLanes(lanes: readonly CompiledLane[], facts: OpportunityFacts, options: EvaluateOptions = {}): OpportunityAttribution {
  const p = prepare(facts, options);
  const excluded = [...p.excluded];
  const results = lanes.map((l) => evaluateLane(l, p, excluded));
  return { opportunityKey: facts.key, lanes: results, excluded };
}

