// fast-check arbitraries for opportunities and touches, shared by the
// property, reference and fuzz tests of the rules language.
import fc from 'fast-check';
import type { OpportunityFacts, PartnerFacts, TouchpointFacts } from '../../../src/domain/attribution.js';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES, PARTNER_TIERS, PARTNER_TYPES } from '../../../src/domain/enums.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);
export const PARTNER_KEYS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];

export const partnerArb: fc.Arbitrary<PartnerFacts> = fc
  .record({
    key: fc.constantFrom(...PARTNER_KEYS),
    type: fc.constantFrom(...PARTNER_TYPES),
    tier: fc.constantFrom(...PARTNER_TIERS),
  })
  .map((p) => ({ ...p, name: p.key.toUpperCase() }));

function touchArb(partners: PartnerFacts[]): fc.Arbitrary<TouchpointFacts> {
  return fc
    .record({
      partner: fc.constantFrom(...partners),
      action: fc.constantFrom(...ACTION_TYPES),
      channel: fc.constantFrom(...CHANNELS),
      day: fc.integer({ min: -60, max: 260 }),
      hour: fc.integer({ min: 0, max: 23 }),
      proof: fc.option(fc.constantFrom('https://crm/x', 'note'), { nil: null }),
      depth: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      stage: fc.option(fc.constantFrom(...OPPORTUNITY_STAGES), { nil: null }),
      accountLevel: fc.boolean(),
      ext: fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', 'b', 'c', '1', '2') }),
    })
    .map((t) => ({
      id: `tp-${t.ext}-${t.day}-${t.hour}-${t.partner.key}`,
      source: 'crm',
      externalId: t.ext,
      partner: t.partner,
      action: t.action,
      channel: t.channel,
      occurredAt: new Date(BASE + t.day * DAY + t.hour * 3_600_000),
      proof: t.proof,
      owner: null,
      nextJointStep: null,
      engagementDepth: t.depth,
      stageAtTouch: t.stage,
      accountLevel: t.accountLevel,
    }));
}

export const amountArb = fc
  .oneof(fc.bigInt({ min: 0n, max: 100_000_000n }), fc.constantFrom(0n, 1n, 2n, 3n, 7n, 100n, 99_999n))
  .map((cents) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`);

export const factsArb: fc.Arbitrary<OpportunityFacts> = fc
  .uniqueArray(partnerArb, { minLength: 1, maxLength: 5, selector: (p) => p.key })
  .chain((partners) =>
    fc
      .record({
        amount: amountArb,
        createdDay: fc.integer({ min: -30, max: 30 }),
        closedDay: fc.option(fc.integer({ min: 0, max: 240 }), { nil: null }),
        touches: fc.array(touchArb(partners), { maxLength: 9 }),
        accountPartners: fc.subarray(partners),
      })
      .map((o) => {
        // External ids must be unique per opportunity for a total order.
        const seen = new Set<string>();
        const touchpoints = o.touches.filter((t) => !seen.has(t.externalId) && seen.add(t.externalId) !== undefined);
        return {
          id: 'opp-1',
          key: 'OPP-1',
          name: 'Generated',
          type: 'new_business' as const,
          amount: o.amount,
          currency: 'USD',
          stage: o.closedDay === null ? ('proposal' as const) : ('closed_won' as const),
          createdAt: new Date(BASE + o.createdDay * DAY),
          closedAt: o.closedDay === null ? null : new Date(BASE + o.closedDay * DAY),
          account: {
            key: 'acc-1',
            name: 'Account',
            domain: null,
            segment: 'enterprise',
            region: 'emea',
            partners: o.accountPartners.map((p) => ({ partner: p, since: new Date(BASE - 400 * DAY), until: null })),
          },
          touchpoints,
        };
      }),
  );

export const AS_OF = new Date(Date.UTC(2026, 5, 30));
