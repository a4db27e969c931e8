// dsl/two_lane.attr's classification hand-written in TypeScript with SHORT
// explanations: one line per allocation, no step per excluded touch. Same
// classification and exact allocation as the rules language, but about a
// seventh of its output, so it does less work than the product must do. It is
// in the benchmark as a transparency row ("short explanations, less output");
// the like-for-like reference is ./two-lane-typescript.ts.
import type { LaneResult, OpportunityAttribution, OpportunityFacts, TouchpointFacts } from '../../src/domain/attribution.js';
import { parseAmount } from '../../src/domain/decimal.js';
import {
  DAY_MS,
  hasProof,
  influenceByPriority,
  noCredit,
  prepareOpportunity,
  unattributed,
  type PreparedOpportunity,
} from './two-lane-shared.js';

const isOrigin = (t: TouchpointFacts) => t.action === 'referral' || t.action === 'deal_registration';
const isLateStage = (t: TouchpointFacts) =>
  t.action === 'security_review' || t.action === 'implementation_scoping' || t.action === 'executive_alignment';
const isDefinedInfluence = (t: TouchpointFacts) =>
  t.action === 'validated_intro' || t.action === 'joint_discovery' || t.action === 'buyer_recommendation';

function sourceLane(p: PreparedOpportunity, amountCents: bigint): LaneResult {
  const created = p.facts.createdAt.getTime();
  let withProof: TouchpointFacts | undefined;
  let withoutProof: TouchpointFacts | undefined;
  for (const t of p.qualifying) {
    if (!isOrigin(t) || t.occurredAt.getTime() - created > 30 * DAY_MS) continue;
    if (hasProof(t)) {
      withProof ??= t;
    } else {
      withoutProof ??= t;
    }
    if (withProof) break; // hit policy first: the first rule wins, and it selects the earliest touch
  }
  if (withProof) {
    return {
      lane: 'source',
      rule: 'Registered referral with proof',
      grantedShare: '1.000000',
      grantedAmount: formatAmount(amountCents),
      allocations: [
        {
          lane: 'source',
          partnerKey: withProof.partner.key,
          role: 'sourced',
          rule: 'Registered referral with proof',
          share: '1.000000',
          amount: formatAmount(amountCents),
          touchpointIds: [withProof.id],
          explanation: [
            {
              kind: 'rule',
              message: `Rule "Registered referral with proof" decided the source lane: earliest origin touch, first-touch credit.`,
            },
          ],
        },
      ],
    };
  }
  if (withoutProof) return noCredit('source', 'Origin without proof', 'disputed', [withoutProof]);
  return unattributed('source');
}

function formatAmount(c: bigint): string {
  const s = c.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

function influenceLane(p: PreparedOpportunity, amountCents: bigint): LaneResult {
  const late: TouchpointFacts[] = [];
  const defined: TouchpointFacts[] = [];
  const unproven: TouchpointFacts[] = [];
  for (const t of p.qualifying) {
    const diff = t.occurredAt.getTime() - p.close;
    if (diff > 0) continue;
    const lateStage = isLateStage(t);
    const definedAction = !lateStage && isDefinedInfluence(t);
    if (!lateStage && !definedAction) continue;
    const proof = hasProof(t);
    if (lateStage && proof && diff >= -90 * DAY_MS) late.push(t);
    if (definedAction && proof && diff >= -180 * DAY_MS) defined.push(t);
    if (!proof && diff >= -180 * DAY_MS) unproven.push(t);
  }
  return influenceByPriority(p, amountCents, { late, defined, unproven });
}

export function evaluateTwoLaneShort(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution {
  const p = prepareOpportunity(facts, options.asOf);
  const amountCents = parseAmount(facts.amount);
  return { opportunityKey: facts.key, lanes: [sourceLane(p, amountCents), influenceLane(p, amountCents)], excluded: p.excluded };
}
