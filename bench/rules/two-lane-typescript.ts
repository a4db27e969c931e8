// dsl/two_lane.attr hand-written in TypeScript: the practical speed limit for
// the rules language, doing the SAME work. The product requires every
// allocation to explain itself, so this returns the same
// OpportunityAttribution as the compiled rule file, byte for byte once
// serialised: every allocation, every explanation step and every excluded
// touch with its reason, in the same order with the same wording
// (test/dsl/two-lane-reference.test.ts proves it on generated facts, and the
// benchmark checks it on every opportunity before timing).
//
// Written the way an engineer would hand-code this one rule file: each
// touch's facts (origin action, windows, proof) are read once, the rules are
// plain boolean expressions, a touch's description is composed once and only
// when an explanation mentions it, and reasons are composed only for touches
// that are excluded. It shares nothing with the rules language's runtime;
// money, decimal formatting and largest remainder come from src/domain/decimal.ts.
import type {
  AllocationResult,
  ExplanationStep,
  LaneResult,
  OpportunityAttribution,
  OpportunityFacts,
  TouchpointFacts,
} from '../../src/domain/attribution.js';
import type { Lane } from '../../src/domain/enums.js';
import { formatAmount, formatDecimal, largestRemainder, parseAmount } from '../../src/domain/decimal.js';

const DAY_MS = 86_400_000;

const SOURCE_WITH_PROOF = 'Registered referral with proof';
const SOURCE_WITHOUT_PROOF = 'Origin without proof';
const LATE_STAGE = 'Late-stage motion';
const DEFINED_ACTION = 'Defined partner action';
const WITHOUT_PROOF = 'Action without proof';

const NOT_ORIGIN = ', not one of referral, deal_registration';
const NOT_LATE_STAGE = ', not one of security_review, implementation_scoping, executive_alignment';
const NOT_DEFINED = ', not one of validated_intro, joint_discovery, buyer_recommendation';

const ZERO_SHARE = '0.000000';
const ZERO_AMOUNT = '0.00';
const FULL_SHARE = '1.000000';

/** One qualifying touch with the facts the rules read, computed once. */
interface Touch {
  t: TouchpointFacts;
  proof: boolean;
  /** early_origin: referral or deal registration no later than 30 days after created. */
  origin: boolean;
  early: boolean;
  late: boolean;
  defined: boolean;
  /** occurred_at - close, in ms. */
  sinceClose: number;
  within90: boolean;
  within180: boolean;
  /** "referral by acme on 2026-01-05", composed on first use. */
  desc: string | undefined;
}

const TWO = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** YYYY-MM-DD in UTC. */
function day(d: Date): string {
  const y = d.getUTCFullYear();
  if (y < 1000 || y > 9999) return d.toISOString().slice(0, 10);
  return `${y}-${TWO[d.getUTCMonth() + 1]!}-${TWO[d.getUTCDate()]!}`;
}

function describe(x: Touch): string {
  if (x.desc === undefined) x.desc = `${x.t.action} by ${x.t.partner.key} on ${day(x.t.occurredAt)}`;
  return x.desc;
}

function hasText(v: string | null): boolean {
  return v !== null && v.trim() !== '';
}

/** "3 days", "1 day", "42.5 days" (tenths when not whole). */
function days(ms: number): string {
  const n = Math.abs(ms) / DAY_MS;
  const text = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return text === '1' ? '1 day' : `${text} days`;
}

function relative(diff: number, anchor: 'close' | 'creation'): string {
  if (diff === 0) return `on the ${anchor} date`;
  return `${days(diff)} ${diff < 0 ? 'before' : 'after'} ${anchor}`;
}

/** A number as explanations show it: 6 places of its exact value num/den, trailing zeros dropped. */
function shown(num: bigint, den: bigint): string {
  const s = (Number((num * 1_000_000_000_000_000_000n) / den) / 1e18).toFixed(6).replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
}

/** 1/n of the lane as a percentage: 4 places (half up), trailing zeros dropped. */
function percentOfLane(n: number): string {
  const units = Math.floor((2_000_000 + n) / (2 * n)); // 10^6 / n, rounded half up: ten-thousandths of a percent
  const s = `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}`.replace(/\.?0+$/, '');
  return `${s}%`;
}

// ---- the reasons a touch does not meet a rule -----------------------------

function notEarlyOrigin(x: Touch, created: number): string {
  if (!x.origin) return `not early_origin: action is ${x.t.action}${NOT_ORIGIN}`;
  return `not early_origin: ${x.t.action} on ${day(x.t.occurredAt)} was ${relative(x.t.occurredAt.getTime() - created, 'creation')}; the rule needs no later than 30 days after creation`;
}

const whyNotSourceWithProof = (x: Touch, created: number): string =>
  x.origin && x.early ? 'proof is missing' : notEarlyOrigin(x, created);
const whyNotSourceWithoutProof = (x: Touch, created: number): string =>
  x.origin && x.early ? 'proof is present' : notEarlyOrigin(x, created);

const outsideWindow = (x: Touch, span: number): string =>
  `${x.t.action} on ${day(x.t.occurredAt)} was ${relative(x.sinceClose, 'close')}; the window is ${span} days before close`;

function whyNotLateStage(x: Touch): string {
  if (!x.late) return `not late_stage_motion: action is ${x.t.action}${NOT_LATE_STAGE}`;
  if (!x.within90) return outsideWindow(x, 90);
  return 'proof is missing';
}

function whyNotDefinedAction(x: Touch): string {
  if (!x.defined) return `not defined_influence: action is ${x.t.action}${NOT_DEFINED}`;
  if (!x.within180) return outsideWindow(x, 180);
  return 'proof is missing';
}

function whyNotWithoutProof(x: Touch): string {
  if (!x.late && !x.defined) {
    return `not late_stage_motion: action is ${x.t.action}${NOT_LATE_STAGE}, and not defined_influence: action is ${x.t.action}${NOT_DEFINED}`;
  }
  if (!x.within180) return outsideWindow(x, 180);
  return 'proof is present';
}

// ---- one opportunity ------------------------------------------------------

interface Opportunity {
  facts: OpportunityFacts;
  amountCents: bigint;
  touches: Touch[];
  excluded: ExplanationStep[];
  close: Date;
  /** Set when the opportunity is open: windows before close are measured from the as-of date. */
  closeNote: string | null;
  /** Partner keys on the account at the close, sorted. */
  accountPartners: string[];
}

function prepare(facts: OpportunityFacts, asOf: Date): Opportunity {
  const ordered = [...facts.touchpoints].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
  );
  const closedAt = facts.closedAt;
  const close = closedAt ?? asOf;
  const closeMs = close.getTime();
  const created = facts.createdAt.getTime();
  const touches: Touch[] = [];
  const excluded: ExplanationStep[] = [];
  for (const t of ordered) {
    const at = t.occurredAt.getTime();
    if (t.accountLevel || (closedAt !== null && at > closedAt.getTime())) {
      const desc = `${t.action} by ${t.partner.key} on ${day(t.occurredAt)}`;
      excluded.push(
        t.accountLevel
          ? {
              kind: 'excluded',
              touchpointId: t.id,
              data: { reason: 'account-level' },
              message: `${desc} was logged on the account, not on this opportunity, so it does not count`,
            }
          : {
              kind: 'excluded',
              touchpointId: t.id,
              data: { reason: 'after-close' },
              message: `${desc} happened after the opportunity closed on ${day(closedAt!)}, so it does not count`,
            },
      );
      continue;
    }
    const a = t.action;
    const sinceClose = at - closeMs;
    touches.push({
      t,
      proof: hasText(t.proof),
      origin: a === 'referral' || a === 'deal_registration',
      early: at - created <= 30 * DAY_MS,
      late: a === 'security_review' || a === 'implementation_scoping' || a === 'executive_alignment',
      defined: a === 'validated_intro' || a === 'joint_discovery' || a === 'buyer_recommendation',
      sinceClose,
      within90: sinceClose <= 0 && sinceClose >= -90 * DAY_MS,
      within180: sinceClose <= 0 && sinceClose >= -180 * DAY_MS,
      desc: undefined,
    });
  }
  const partners = new Set<string>();
  for (const ap of facts.account.partners) {
    if (ap.since.getTime() <= closeMs && (ap.until === null || ap.until.getTime() >= closeMs)) partners.add(ap.partner.key);
  }
  return {
    facts,
    amountCents: parseAmount(facts.amount),
    touches,
    excluded,
    close,
    closeNote: closedAt === null ? `the opportunity is open, so windows "before close" are measured from ${day(asOf)} (as of)` : null,
    accountPartners: [...partners].sort(),
  };
}

/** The steps every allocation of a decided lane starts with. */
function ruleSteps(
  lane: Lane,
  rule: string,
  policy: 'first' | 'priority',
  policyText: string,
  matched: number,
  qualifying: number,
  condition: string,
  alsoMatched: string[],
  closeNote: string | null,
): ExplanationStep[] {
  const steps: ExplanationStep[] = [
    {
      kind: 'rule',
      data: { lane, rule, policy },
      message: `Rule "${rule}" decided the lane ${lane} (${policyText}): ${matched} of ${qualifying} qualifying touches met \`${condition}\`.`,
    },
  ];
  if (alsoMatched.length > 0) {
    steps.push({
      kind: 'note',
      data: { alsoMatched },
      message: `${alsoMatched.length === 1 ? 'Rule' : 'Rules'} ${alsoMatched.join(', ')} also matched but "${rule}" takes precedence under ${policyText}.`,
    });
  }
  if (closeNote !== null) steps.push({ kind: 'note', message: closeNote });
  return steps;
}

/** Steps for the touches of a lane the winning rule did not match. */
function excludeUnmatched(o: Opportunity, lane: Lane, rule: string, matches: boolean[], why: (x: Touch) => string): void {
  const data = { lane, rule };
  const prefix = `lane ${lane}, rule "${rule}": `;
  for (let i = 0; i < o.touches.length; i++) {
    if (matches[i]) continue;
    const x = o.touches[i]!;
    o.excluded.push({ kind: 'excluded', touchpointId: x.t.id, data, message: `${prefix}${describe(x)} does not count because ${why(x)}` });
  }
}

/** Steps for touches no rule of the lane matched. */
function excludeAll(o: Opportunity, lane: Lane, why: (x: Touch) => string): void {
  const data = { lane };
  for (const x of o.touches) {
    o.excluded.push({ kind: 'excluded', touchpointId: x.t.id, data, message: `lane ${lane}: ${describe(x)} meets no rule — ${why(x)}` });
  }
}

function unattributed(lane: Lane, message: string): LaneResult {
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
        explanation: [{ kind: 'rule', message, data: { lane } }],
      },
    ],
  };
}

/** A "select earliest" rule of the source lane won: the earliest matching touch is the one that counts. */
function sourceDecided(
  o: Opportunity,
  rule: string,
  withProof: boolean,
  matches: boolean[],
  matched: number,
  alsoMatched: string[],
): LaneResult {
  const created = o.facts.createdAt.getTime();
  const condition = withProof ? 'early_origin and proof is present' : 'early_origin and proof is missing';
  const steps = ruleSteps('source', rule, 'first', 'hit policy first', matched, o.touches.length, condition, alsoMatched, null);
  excludeUnmatched(
    o,
    'source',
    rule,
    matches,
    withProof ? (x) => whyNotSourceWithProof(x, created) : (x) => whyNotSourceWithoutProof(x, created),
  );
  const first = matches.indexOf(true);
  const data = { lane: 'source', rule };
  for (let i = first + 1; i < o.touches.length; i++) {
    if (!matches[i]) continue;
    const x = o.touches[i]!;
    o.excluded.push({
      kind: 'excluded',
      touchpointId: x.t.id,
      data,
      message: `lane source, rule "${rule}": ${describe(x)} matched, but the rule selects only the earliest touch`,
    });
  }
  const x = o.touches[first]!;
  const key = x.t.partner.key;
  if (withProof) {
    const amount = formatAmount(o.amountCents);
    steps.push({
      kind: 'included',
      touchpointId: x.t.id,
      data: { baseWeight: '1', weight: '1' },
      message: `${describe(x)} counts: first_touch weight 1 (first touch) → 100% of the lane`,
    });
    return {
      lane: 'source',
      grantedShare: FULL_SHARE,
      grantedAmount: amount,
      rule,
      allocations: [
        { lane: 'source', partnerKey: key, role: 'sourced', share: FULL_SHARE, amount, rule, touchpointIds: [x.t.id], explanation: steps },
      ],
    };
  }
  steps.push(
    {
      kind: 'included',
      touchpointId: x.t.id,
      data: { baseWeight: '0', weight: '0' },
      message: `${describe(x)} counts: none weight 0 (no credit) → 0% of the lane`,
    },
    { kind: 'note', message: `rule "${rule}" records the role disputed but grants no credit` },
  );
  return {
    lane: 'source',
    grantedShare: ZERO_SHARE,
    grantedAmount: ZERO_AMOUNT,
    rule,
    allocations: [
      {
        lane: 'source',
        partnerKey: key,
        role: 'disputed',
        share: ZERO_SHARE,
        amount: ZERO_AMOUNT,
        rule,
        touchpointIds: [x.t.id],
        explanation: steps,
      },
    ],
  };
}

function sourceLane(o: Opportunity): LaneResult {
  const n = o.touches.length;
  const withProof: boolean[] = new Array<boolean>(n);
  let matched = 0;
  let unprovenSeen = false;
  for (let i = 0; i < n; i++) {
    const x = o.touches[i]!;
    const earlyOrigin = x.origin && x.early;
    withProof[i] = earlyOrigin && x.proof;
    if (withProof[i]) matched++;
    else if (earlyOrigin) unprovenSeen = true;
  }
  if (matched > 0) {
    return sourceDecided(o, SOURCE_WITH_PROOF, true, withProof, matched, unprovenSeen ? [`"${SOURCE_WITHOUT_PROOF}"`] : []);
  }
  if (unprovenSeen) {
    const withoutProof = o.touches.map((x) => x.origin && x.early && !x.proof);
    return sourceDecided(o, SOURCE_WITHOUT_PROOF, false, withoutProof, withoutProof.filter(Boolean).length, []);
  }
  const created = o.facts.createdAt.getTime();
  excludeAll(
    o,
    'source',
    (x) =>
      `"${SOURCE_WITH_PROOF}": ${whyNotSourceWithProof(x, created)}; "${SOURCE_WITHOUT_PROOF}": ${whyNotSourceWithoutProof(x, created)}`,
  );
  return unattributed('source', `No rule of the lane source matched any of the ${n} qualifying touches. The lane is unattributed.`);
}

/** Partners in the order of their first matched touch, with their touches. */
function byPartner(o: Opportunity, matches: boolean[]): { keys: string[]; touches: Touch[][]; n: number } {
  const keys: string[] = [];
  const touches: Touch[][] = [];
  const index = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < o.touches.length; i++) {
    if (!matches[i]) continue;
    const x = o.touches[i]!;
    n++;
    const k = x.t.partner.key;
    let p = index.get(k);
    if (p === undefined) {
      p = keys.length;
      index.set(k, p);
      keys.push(k);
      touches.push([]);
    }
    touches[p]!.push(x);
  }
  return { keys, touches, n };
}

const byAmountThenKey = (x: AllocationResult, y: AllocationResult): number =>
  Number(y.amount) - Number(x.amount) || (x.partnerKey! < y.partnerKey! ? -1 : x.partnerKey! > y.partnerKey! ? 1 : 0);

/** A rule of the influence lane won (credit linear, or none for the rule without proof). */
function influenceDecided(
  o: Opportunity,
  rule: string,
  priority: number,
  condition: string,
  role: string,
  linear: boolean,
  matches: boolean[],
  alsoMatched: string[],
  why: (x: Touch) => string,
): LaneResult {
  const policyText = `hit policy priority, priority ${priority}`;
  const { keys, touches, n } = byPartner(o, matches);
  const common = ruleSteps('influence', rule, 'priority', policyText, n, o.touches.length, condition, alsoMatched, o.closeNote);
  excludeUnmatched(o, 'influence', rule, matches, why);
  const allocations: AllocationResult[] = [];
  let grantedShare = ZERO_SHARE;
  let grantedAmount = ZERO_AMOUNT;
  if (linear) {
    const weight = shown(1n, BigInt(n));
    const percent = percentOfLane(n);
    const counts = touches.map((ts) => ts.length);
    const weights = counts.map((c) => BigInt(c));
    const micros = largestRemainder(1_000_000n, weights, { tieKeys: keys });
    const cents = largestRemainder(o.amountCents, weights, { tieKeys: keys });
    grantedShare = FULL_SHARE;
    grantedAmount = formatAmount(o.amountCents);
    for (let p = 0; p < keys.length; p++) {
      const explanation = [...common];
      for (const x of touches[p]!) {
        explanation.push({
          kind: 'included',
          touchpointId: x.t.id,
          data: { baseWeight: weight, weight },
          message: `${describe(x)} counts: linear weight ${weight} (1 of ${n} touches) → ${percent} of the lane`,
        });
      }
      // Exact credit is count/n of the amount; say so when it had to be rounded to the cent.
      const exactHundredths = BigInt(counts[p]!) * o.amountCents;
      const amount = formatAmount(cents[p]!);
      if (exactHundredths % BigInt(n) !== 0n || exactHundredths / BigInt(n) !== cents[p]!) {
        const exact = shown(exactHundredths, 100n * BigInt(n));
        explanation.push({
          kind: 'rounding',
          data: { exact },
          message: `exact credit ${exact} rounded to ${amount} so the lane adds up to the cent (largest remainder, ties by partner key)`,
        });
      }
      allocations.push({
        lane: 'influence',
        partnerKey: keys[p]!,
        role,
        share: formatDecimal(micros[p]!, 6),
        amount,
        rule,
        touchpointIds: touches[p]!.map((x) => x.t.id),
        explanation,
      });
    }
  } else {
    const note: ExplanationStep = { kind: 'note', message: `rule "${rule}" records the role ${role} but grants no credit` };
    for (let p = 0; p < keys.length; p++) {
      const explanation = [...common];
      for (const x of touches[p]!) {
        explanation.push({
          kind: 'included',
          touchpointId: x.t.id,
          data: { baseWeight: '0', weight: '0' },
          message: `${describe(x)} counts: none weight 0 (no credit) → 0% of the lane`,
        });
      }
      explanation.push(note);
      allocations.push({
        lane: 'influence',
        partnerKey: keys[p]!,
        role,
        share: ZERO_SHARE,
        amount: ZERO_AMOUNT,
        rule,
        touchpointIds: touches[p]!.map((x) => x.t.id),
        explanation,
      });
    }
  }
  // The lane's otherwise clause: partners on the account the rule did not credit are attached.
  const onAccountSince = day(o.close);
  for (const k of o.accountPartners) {
    if (keys.includes(k)) continue;
    allocations.push({
      lane: 'influence',
      partnerKey: k,
      role: 'attached',
      share: ZERO_SHARE,
      amount: ZERO_AMOUNT,
      rule: 'otherwise',
      touchpointIds: [],
      explanation: [
        {
          kind: 'rule',
          data: { lane: 'influence', rule: 'otherwise' },
          message: `${k} is on the account (${onAccountSince}) but earned no credit under rule "${rule}", so it is attached by the lane's otherwise clause; attached carries no credit here.`,
        },
      ],
    });
  }
  allocations.sort(byAmountThenKey);
  return { lane: 'influence', grantedShare, grantedAmount, rule, allocations };
}

function influenceLane(o: Opportunity): LaneResult {
  const n = o.touches.length;
  const late = o.touches.map((x) => x.late && x.within90 && x.proof);
  const defined = o.touches.map((x) => x.defined && x.within180 && x.proof);
  const unproven = o.touches.map((x) => (x.late || x.defined) && x.within180 && !x.proof);
  const anyLate = late.includes(true);
  const anyDefined = defined.includes(true);
  const anyUnproven = unproven.includes(true);
  if (anyLate) {
    const also = [...(anyDefined ? [`"${DEFINED_ACTION}"`] : []), ...(anyUnproven ? [`"${WITHOUT_PROOF}"`] : [])];
    return influenceDecided(
      o,
      LATE_STAGE,
      1,
      'late_stage_motion and within 90 days before close and proof is present',
      'assisted_close',
      true,
      late,
      also,
      whyNotLateStage,
    );
  }
  if (anyDefined) {
    const also = anyUnproven ? [`"${WITHOUT_PROOF}"`] : [];
    return influenceDecided(
      o,
      DEFINED_ACTION,
      2,
      'defined_influence and within 180 days before close and proof is present',
      'influenced',
      true,
      defined,
      also,
      whyNotDefinedAction,
    );
  }
  if (anyUnproven) {
    return influenceDecided(
      o,
      WITHOUT_PROOF,
      3,
      '(late_stage_motion or defined_influence) and within 180 days before close and proof is missing',
      'disputed',
      false,
      unproven,
      [],
      whyNotWithoutProof,
    );
  }
  excludeAll(
    o,
    'influence',
    (x) =>
      `"${LATE_STAGE}": ${whyNotLateStage(x)}; "${DEFINED_ACTION}": ${whyNotDefinedAction(x)}; "${WITHOUT_PROOF}": ${whyNotWithoutProof(x)}`,
  );
  const noMatch = `No rule of the lane influence matched any of the ${n} qualifying touches.`;
  if (o.accountPartners.length === 0)
    return unattributed('influence', `${noMatch} No partner is on the account either. The lane is unattributed.`);
  const onAccountSince = day(o.close);
  return {
    lane: 'influence',
    rule: 'otherwise',
    grantedShare: ZERO_SHARE,
    grantedAmount: ZERO_AMOUNT,
    allocations: o.accountPartners.map((k) => ({
      lane: 'influence',
      partnerKey: k,
      role: 'attached',
      rule: 'otherwise',
      touchpointIds: [],
      share: ZERO_SHARE,
      amount: ZERO_AMOUNT,
      explanation: [
        {
          kind: 'rule',
          message: `${noMatch} ${k} is on the account (${onAccountSince}), so it is attached by the lane's otherwise clause.`,
          data: { lane: 'influence', rule: 'otherwise' },
        },
        { kind: 'note', message: 'attached carries no credit' },
      ],
    })),
  };
}

export function evaluateTwoLane(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution {
  const o = prepare(facts, options.asOf);
  const source = sourceLane(o);
  const influence = influenceLane(o);
  return { opportunityKey: facts.key, lanes: [source, influence], excluded: o.excluded };
}
