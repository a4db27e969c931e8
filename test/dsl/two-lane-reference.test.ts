// The benchmark's "hand-written TypeScript" reference (bench/rules/two-lane-typescript.ts)
// must do the same work as the compiled dsl/two_lane.attr: the same
// OpportunityAttribution, byte for byte once serialised, explanations included.
// If either side changes, this fails, so the benchmark cannot silently compare
// unequal work. (The benchmark checks it again on every timed opportunity.)
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFacts } from '../../bench/lib/facts.js';
import { evaluateTwoLane } from '../../bench/rules/two-lane-typescript.js';
import type { OpportunityFacts, TouchpointFacts } from '../../src/domain/attribution.js';
import { compileRules } from '../../src/dsl/index.js';
import { AS_OF, factsArb } from './support/facts.js';
import { ROOT } from './support/files.js';

const compiled = compileRules(readFileSync(`${ROOT}dsl/two_lane.attr`, 'utf8'));
if (!compiled.ok) throw new Error('dsl/two_lane.attr does not compile');
const rules = compiled.rules;

function expectSameJson(facts: OpportunityFacts, asOf: Date): void {
  expect(JSON.stringify(evaluateTwoLane(facts, { asOf }))).toBe(JSON.stringify(rules.evaluate(facts, { asOf })));
}

const DAY = 86_400_000;

describe('hand-written two_lane reference', () => {
  it('gives byte-identical JSON to the rules language on random opportunities', () => {
    fc.assert(
      fc.property(factsArb, (facts) => expectSameJson(facts, AS_OF)),
      { numRuns: 1000 },
    );
  });

  it('gives byte-identical JSON on opportunities built to hit every rule of both lanes', () => {
    // Touches around the 30-day origin window and the 90/180-day influence windows.
    const actions = [
      'referral',
      'deal_registration',
      'security_review',
      'executive_alignment',
      'validated_intro',
      'joint_discovery',
      'webinar',
    ] as const;
    const touchArb = fc.record({
      action: fc.constantFrom(...actions),
      partner: fc.constantFrom('acme', 'globex', 'initech'),
      day: fc.oneof(fc.constantFrom(0, 30, 31, -90, -91, -180, -181), fc.integer({ min: -200, max: 40 })),
      fromClose: fc.boolean(),
      proof: fc.constantFrom<string | null>(null, 'notes', '   ', ' x'),
      accountLevel: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
    });
    const oppArb = fc.record({
      touches: fc.array(touchArb, { maxLength: 12 }),
      open: fc.boolean(),
      length: fc.integer({ min: 0, max: 300 }),
      cents: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
      onAccount: fc.subarray(['acme', 'globex', 'umbrella']),
    });
    const created = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(oppArb, (o) => {
        const close = o.open ? AS_OF.getTime() : created + o.length * DAY;
        const partner = (key: string) => ({ key, name: key, type: 'other' as const, tier: 'gold' as const });
        const touchpoints: TouchpointFacts[] = o.touches.map((t, i) => ({
          id: `tp-${i}`,
          source: 'crm',
          externalId: `e${i}`,
          partner: partner(t.partner),
          action: t.action,
          channel: 'co_sell',
          occurredAt: new Date((t.fromClose ? close : created) + t.day * DAY),
          proof: t.proof,
          owner: null,
          nextJointStep: null,
          engagementDepth: null,
          stageAtTouch: null,
          accountLevel: t.accountLevel,
        }));
        const facts: OpportunityFacts = {
          id: 'o',
          key: 'OPP-1',
          name: 'n',
          type: 'new_business',
          amount: `${o.cents / 100n}.${String(o.cents % 100n).padStart(2, '0')}`,
          currency: 'USD',
          stage: o.open ? 'proposal' : 'closed_won',
          createdAt: new Date(created),
          closedAt: o.open ? null : new Date(close),
          account: {
            key: 'a',
            name: 'a',
            domain: null,
            segment: null,
            region: null,
            partners: o.onAccount.map((k) => ({ partner: partner(k), since: new Date(created - 400 * DAY), until: null })),
          },
          touchpoints,
        };
        expectSameJson(facts, AS_OF);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives byte-identical JSON on the benchmark data set', () => {
    const asOf = new Date(Date.UTC(2026, 0, 1));
    for (const facts of generateFacts({ opportunities: 3_000, touchpointsPerOpportunity: 10, seed: 7 })) expectSameJson(facts, asOf);
  });
});
