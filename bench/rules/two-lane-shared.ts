// The parts of dsl/two_lane.attr that are not classification: ordering and
// qualification of touches, the close date windows measure from, the
// influence lane's hit policy over what each rule matched, and exact
// allocation (largest remainder on integer weights, ties by partner key).
// Shared by the short hand-written TypeScript and the json-rules-engine
// versions (the like-for-like reference, ./two-lane-typescript.ts, shares
// nothing: it is measured against the rules language as a whole) so
// the benchmark compares how each one *classifies*.
import type { AllocationResult, ExplanationStep, LaneResult, OpportunityFacts, TouchpointFacts } from '../../src/domain/attribution.js';
import type { Lane } from '../../src/domain/enums.js';
import { formatDecimal, largestRemainder } from '../../src/domain/decimal.js';

export const DAY_MS = 86_400_000;

export interface PreparedOpportunity {
  facts: OpportunityFacts;
  /** Touches on the opportunity (not the account) up to the close, ordered by time then external id. */
  qualifying: TouchpointFacts[];
  excluded: ExplanationStep[];
  /** closed_at, else asOf. */
  close: number;
  /** Partner keys on the account at the close, sorted. */
  accountPartners: string[];
}

export function prepareOpportunity(facts: OpportunityFacts, asOf: Date): PreparedOpportunity {
  const ordered = [...facts.touchpoints].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
  );
  const closedAt = facts.closedAt?.getTime() ?? null;
  const qualifying: TouchpointFacts[] = [];
  const excluded: ExplanationStep[] = [];
  for (const t of ordered) {
    if (t.accountLevel)
      excluded.push({
        kind: 'excluded',
        touchpointId: t.id,
        message: `${t.action} by ${t.partner.key} was logged on the account`,
        data: { reason: 'account-level' },
      });
    else if (closedAt !== null && t.occurredAt.getTime() > closedAt)
      excluded.push({
        kind: 'excluded',
        touchpointId: t.id,
        message: `${t.action} by ${t.partner.key} happened after the close`,
        data: { reason: 'after-close' },
      });
    else qualifying.push(t);
  }
  const close = closedAt ?? asOf.getTime();
  const partners = new Set<string>();
  for (const ap of facts.account.partners) {
    if (ap.since.getTime() <= close && (ap.until === null || ap.until.getTime() >= close)) partners.add(ap.partner.key);
  }
  return { facts, qualifying, excluded, close, accountPartners: [...partners].sort() };
}

export function hasProof(t: TouchpointFacts): boolean {
  return t.proof !== null && t.proof.trim() !== '';
}

const ZERO_SHARE = '0.000000';
const ZERO_AMOUNT = '0.00';

export function unattributed(lane: Lane): LaneResult {
  return {
    lane,
    rule: null,
    grantedShare: ZERO_SHARE,
    grantedAmount: ZERO_AMOUNT,
    allocations: [
      {
        lane,
        partnerKey: null,
        role: 'unattributed',
        rule: '(no rule matched)',
        share: ZERO_SHARE,
        amount: ZERO_AMOUNT,
        touchpointIds: [],
        explanation: [{ kind: 'rule', message: `No rule of the ${lane} lane matched. The lane is unattributed.` }],
      },
    ],
  };
}

/** Partners on the account get `role` with no credit (the lane's otherwise clause). */
function otherwiseForAccountPartners(lane: Lane, role: string, p: PreparedOpportunity): LaneResult {
  if (p.accountPartners.length === 0) return unattributed(lane);
  return {
    lane,
    rule: 'otherwise',
    grantedShare: ZERO_SHARE,
    grantedAmount: ZERO_AMOUNT,
    allocations: p.accountPartners.map((k) => ({
      lane,
      partnerKey: k,
      role,
      rule: 'otherwise',
      share: ZERO_SHARE,
      amount: ZERO_AMOUNT,
      touchpointIds: [],
      explanation: [{ kind: 'rule', message: `No rule of the ${lane} lane matched; ${k} is on the account, so it is ${role}.` }],
    })),
  };
}

/** A rule that records a role and grants nothing ("credit none"). */
export function noCredit(lane: Lane, rule: string, role: string, touches: readonly TouchpointFacts[]): LaneResult {
  const byPartner = new Map<string, string[]>();
  for (const t of touches) {
    const ids = byPartner.get(t.partner.key);
    if (ids) ids.push(t.id);
    else byPartner.set(t.partner.key, [t.id]);
  }
  const allocations: AllocationResult[] = [];
  for (const [k, ids] of byPartner) {
    allocations.push({
      lane,
      partnerKey: k,
      role,
      rule,
      share: ZERO_SHARE,
      amount: ZERO_AMOUNT,
      touchpointIds: ids,
      explanation: [{ kind: 'rule', message: `Rule "${rule}" decided the ${lane} lane: ${role}, no credit.` }],
    });
  }
  return { lane, rule, grantedShare: ZERO_SHARE, grantedAmount: ZERO_AMOUNT, allocations };
}

/**
 * Linear credit over `touches` (each touch one equal weight; a partner's
 * weight is its touch count) for a lane granting 100% of the amount.
 */
export function linearCredit(lane: Lane, rule: string, role: string, touches: readonly TouchpointFacts[], amountCents: bigint): LaneResult {
  const keys: string[] = [];
  const counts: bigint[] = [];
  const ids: string[][] = [];
  const index = new Map<string, number>();
  for (const t of touches) {
    let i = index.get(t.partner.key);
    if (i === undefined) {
      i = keys.length;
      index.set(t.partner.key, i);
      keys.push(t.partner.key);
      counts.push(0n);
      ids.push([]);
    }
    counts[i]! += 1n;
    ids[i]!.push(t.id);
  }
  const micros = largestRemainder(1_000_000n, counts, { tieKeys: keys });
  const amounts = largestRemainder(amountCents, counts, { tieKeys: keys });
  const n = touches.length;
  const allocations: AllocationResult[] = keys.map((k, i) => ({
    lane,
    partnerKey: k,
    role,
    rule,
    share: formatDecimal(micros[i]!, 6),
    amount: formatDecimal(amounts[i]!, 2),
    touchpointIds: ids[i]!,
    explanation: [{ kind: 'rule', message: `Rule "${rule}" decided the ${lane} lane: ${counts[i]} of ${n} touches, linear credit.` }],
  }));
  allocations.sort((x, y) => (x.amount === y.amount ? (x.partnerKey! < y.partnerKey! ? -1 : 1) : Number(y.amount) - Number(x.amount)));
  return { lane, rule, grantedShare: '1.000000', grantedAmount: formatDecimal(amountCents, 2), allocations };
}

/** Account partners the winning rule did not name keep the otherwise role, with no credit. */
function withAccountPartners(result: LaneResult, role: string, p: PreparedOpportunity): LaneResult {
  const named = new Set(result.allocations.map((a) => a.partnerKey));
  for (const k of p.accountPartners) {
    if (named.has(k)) continue;
    result.allocations.push({
      lane: result.lane,
      partnerKey: k,
      role,
      rule: 'otherwise',
      share: ZERO_SHARE,
      amount: ZERO_AMOUNT,
      touchpointIds: [],
      explanation: [
        { kind: 'rule', message: `${k} is on the account but earned no credit under rule "${result.rule}", so it is ${role}.` },
      ],
    });
  }
  return result;
}

/** The touches of each influence rule, in order (empty: the rule matched none). */
export interface InfluenceMatches {
  late: readonly TouchpointFacts[];
  defined: readonly TouchpointFacts[];
  unproven: readonly TouchpointFacts[];
}

/**
 * The influence lane's hit policy priority over the touches each rule
 * matched: the matching rule with the lowest priority decides, account
 * partners it does not name are attached.
 */
export function influenceByPriority(p: PreparedOpportunity, amountCents: bigint, m: InfluenceMatches): LaneResult {
  if (m.late.length)
    return withAccountPartners(linearCredit('influence', 'Late-stage motion', 'assisted_close', m.late, amountCents), 'attached', p);
  if (m.defined.length)
    return withAccountPartners(linearCredit('influence', 'Defined partner action', 'influenced', m.defined, amountCents), 'attached', p);
  if (m.unproven.length) return withAccountPartners(noCredit('influence', 'Action without proof', 'disputed', m.unproven), 'attached', p);
  return otherwiseForAccountPartners('influence', 'attached', p);
}
