// Generates OpportunityFacts (src/domain/attribution.ts) in memory for the
// rule-evaluation benchmark: deterministic for a seed, so the compiled rules
// language, the hand-written TypeScript and json-rules-engine all classify
// exactly the same opportunities. The mix is chosen to exercise every branch
// of a two-lane model: sourcing actions, influence actions inside and outside
// the window, late-stage assists, missing proof, account-level touches,
// attached-only accounts and opportunities with no partner at all.
import type { OpportunityFacts, PartnerFacts, TouchpointFacts } from '../../src/domain/attribution.js';
import {
  ACTION_TYPES,
  CHANNELS,
  OPPORTUNITY_STAGES,
  OPPORTUNITY_TYPES,
  PARTNER_TIERS,
  PARTNER_TYPES,
  type Channel,
} from '../../src/domain/enums.js';
import { CHANNEL_OF_ACTION } from '../../src/seed/vocabulary.js';
import { seededRandom } from './prng.js';

const DAY = 86_400_000;
const EPOCH = Date.UTC(2025, 0, 1);

/** The seed's channel of each action (none: a channel at random), but a validated intro is co-selling here. */
const CHANNEL_OF: Readonly<Record<string, Channel | null>> = { ...CHANNEL_OF_ACTION, validated_intro: 'co_sell' };

export function uuidFor(kind: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${hex}`;
}

export interface FactsOptions {
  opportunities: number;
  touchpointsPerOpportunity: number;
  partners?: number;
  seed?: number;
}

export function generateFacts(options: FactsOptions): OpportunityFacts[] {
  const rnd = seededRandom(options.seed ?? 42);
  const partners: PartnerFacts[] = [];
  for (let i = 0; i < (options.partners ?? 200); i++) {
    partners.push({
      key: `P-${String(i).padStart(5, '0')}`,
      name: `Partner ${i}`,
      type: rnd.pick(PARTNER_TYPES),
      tier: rnd.pick(PARTNER_TIERS),
    });
  }
  const out: OpportunityFacts[] = [];
  let touchSeq = 0;
  for (let i = 0; i < options.opportunities; i++) {
    const createdAt = new Date(EPOCH + rnd.int(0, 300) * DAY);
    const stage = rnd.pick(OPPORTUNITY_STAGES);
    const closed = stage === 'closed_won' || stage === 'closed_lost';
    const closedAt = closed ? new Date(createdAt.getTime() + rnd.int(10, 200) * DAY) : null;
    const accountPartners = rnd.chance(0.4)
      ? [{ partner: rnd.pick(partners), since: new Date(createdAt.getTime() - rnd.int(0, 400) * DAY), until: null }]
      : [];
    // ~1 in 8 opportunities have no touches at all (unattributed / attached only).
    const k = rnd.chance(0.125) ? 0 : Math.max(1, options.touchpointsPerOpportunity + rnd.int(-3, 3));
    const touchpoints: TouchpointFacts[] = [];
    const oppPartners = [rnd.pick(partners), rnd.pick(partners), rnd.pick(partners)];
    for (let t = 0; t < k; t++) {
      const action = rnd.pick(ACTION_TYPES);
      const offsetDays = rnd.int(-120, closed ? Math.round((closedAt!.getTime() - createdAt.getTime()) / DAY) + 30 : 200);
      const hasProof = rnd.chance(0.85);
      touchpoints.push({
        id: uuidFor(2, ++touchSeq),
        source: 'bench',
        externalId: `T-${touchSeq}`,
        partner: rnd.pick(oppPartners),
        action,
        channel: CHANNEL_OF[action] ?? rnd.pick(CHANNELS),
        occurredAt: new Date(createdAt.getTime() + offsetDays * DAY + rnd.int(0, DAY - 1)),
        proof: hasProof ? `https://crm.example/notes/${touchSeq}` : null,
        owner: rnd.chance(0.9) ? `owner${rnd.int(1, 40)}@example.com` : null,
        nextJointStep: rnd.chance(0.7) ? 'joint account plan' : null,
        engagementDepth: rnd.chance(0.8) ? rnd.int(1, 5) : null,
        stageAtTouch: rnd.chance(0.7) ? rnd.pick(OPPORTUNITY_STAGES) : null,
        accountLevel: rnd.chance(0.1),
      });
    }
    out.push({
      id: uuidFor(1, i + 1),
      key: `OPP-${String(i + 1).padStart(7, '0')}`,
      name: `Opportunity ${i + 1}`,
      type: rnd.pick(OPPORTUNITY_TYPES),
      amount: `${rnd.int(1_000, 2_000_000)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
      currency: 'USD',
      stage,
      createdAt,
      closedAt,
      account: {
        key: `ACC-${i % 5000}`,
        name: `Account ${i % 5000}`,
        domain: `acc${i % 5000}.example`,
        segment: rnd.pick(['smb', 'mid_market', 'enterprise']),
        region: rnd.pick(['amer', 'emea', 'apac']),
        partners: accountPartners,
      },
      touchpoints,
    });
  }
  return out;
}

export function countTouchpoints(facts: readonly OpportunityFacts[]): number {
  let n = 0;
  for (const f of facts) n += f.touchpoints.length;
  return n;
}
