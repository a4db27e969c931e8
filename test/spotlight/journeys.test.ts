import { describe, expect, it } from 'vitest';
import { buildJourneys, fromOpportunityFacts, type SpotlightOpportunity, type SpotlightTouch } from '../../src/spotlight/index.js';

const t = (at: string, externalId: string, partnerKey: string, extra: Partial<SpotlightTouch> = {}): SpotlightTouch => ({
  occurredAt: new Date(at),
  externalId,
  partnerKey,
  channel: `ch-${partnerKey}`,
  action: `act-${partnerKey}`,
  partnerType: `type-${partnerKey}`,
  ...extra,
});

const opp = (
  key: string,
  stage: string,
  closedAt: string | null,
  touches: SpotlightTouch[],
  amount = '120000.00',
): SpotlightOpportunity => ({
  key,
  stage,
  amount,
  closedAt: closedAt ? new Date(closedAt) : null,
  touches,
});

describe('journeys', () => {
  it('orders by occurredAt then externalId and drops touches after the close', () => {
    const set = buildJourneys([
      opp('o1', 'closed_won', '2026-03-01T00:00:00Z', [
        t('2026-02-01T00:00:00Z', 'z', 'p3'),
        t('2026-01-01T00:00:00Z', 'b', 'p2'),
        t('2026-01-01T00:00:00Z', 'a', 'p1'),
        t('2026-03-01T00:00:00Z', 'c', 'p4'), // at the close: kept
        t('2026-03-01T00:00:00.001Z', 'd', 'p5'), // after the close: dropped
      ]),
    ]);
    expect(set.journeys).toEqual([{ key: 'o1', path: ['p1', 'p2', 'p3', 'p4'], converted: true, value: '120000.00' }]);
  });

  it('won converts with its amount, lost is a null journey, open deals are left out', () => {
    const set = buildJourneys([
      opp('won', 'closed_won', '2026-03-01T00:00:00Z', [t('2026-01-01T00:00:00Z', 'a', 'p1')], '99.5'),
      opp('lost', 'closed_lost', '2026-03-01T00:00:00Z', [t('2026-01-01T00:00:00Z', 'a', 'p2')]),
      opp('open', 'negotiation', null, [t('2026-01-01T00:00:00Z', 'a', 'p3')]),
      opp('bare', 'closed_won', '2026-03-01T00:00:00Z', [t('2026-04-01T00:00:00Z', 'a', 'p3')], '10.00'),
      opp('gone', 'closed_lost', '2026-03-01T00:00:00Z', [t('2026-01-01T00:00:00Z', 'a', 'p3', { live: false })]),
    ]);
    expect(set.journeys).toEqual([
      { key: 'won', path: ['p1'], converted: true, value: '99.50' },
      { key: 'lost', path: ['p2'], converted: false, value: '0.00' },
    ]);
    expect(set.excluded).toEqual({ open: 1, untouched: 2, untouchedWon: 1, untouchedWonValue: '10.00' });
  });

  it('refuses amounts that cannot be conversion values', () => {
    const touch = [t('2026-01-01T00:00:00Z', 'a', 'p1')];
    expect(() => buildJourneys([opp('neg', 'closed_won', '2026-03-01T00:00:00Z', touch, '-5.00')])).toThrow(RangeError);
    expect(() => buildJourneys([opp('frac', 'closed_won', '2026-03-01T00:00:00Z', touch, '5.001')])).toThrow(RangeError);
    expect(buildJourneys([opp('lost', 'closed_lost', '2026-03-01T00:00:00Z', touch, '-5.00')]).journeys).toHaveLength(1);
  });

  it('the unit is selectable', () => {
    const o = [
      opp('o', 'closed_won', '2026-03-01T00:00:00Z', [t('2026-01-02T00:00:00Z', 'x', 'p2'), t('2026-01-01T00:00:00Z', 'y', 'p1')]),
    ];
    expect(buildJourneys(o, 'partner').journeys[0]!.path).toEqual(['p1', 'p2']);
    expect(buildJourneys(o, 'channel').journeys[0]!.path).toEqual(['ch-p1', 'ch-p2']);
    expect(buildJourneys(o, 'action').journeys[0]!.path).toEqual(['act-p1', 'act-p2']);
    expect(buildJourneys(o, 'partnerType').journeys[0]!.path).toEqual(['type-p1', 'type-p2']);
    expect(buildJourneys(o, 'channel').unit).toBe('channel');
  });

  it('adapts the engine facts', () => {
    const partner = { key: 'acme', name: 'Acme', type: 'reseller' as const, tier: 'gold' as const };
    const s = fromOpportunityFacts({
      id: 'id',
      key: 'OPP-1',
      name: 'n',
      type: 'new_business',
      amount: '5.00',
      currency: 'USD',
      stage: 'closed_won',
      createdAt: new Date(0),
      closedAt: new Date(1000),
      account: { key: 'a', name: 'a', domain: null, segment: null, region: null, partners: [] },
      touchpoints: [
        {
          id: 't',
          source: 's',
          externalId: 'e1',
          partner,
          action: 'referral',
          channel: 'co_sell',
          occurredAt: new Date(10),
          proof: null,
          owner: null,
          nextJointStep: null,
          engagementDepth: null,
          stageAtTouch: null,
          accountLevel: false,
        },
      ],
    });
    expect(s).toEqual({
      key: 'OPP-1',
      stage: 'closed_won',
      outcome: 'won',
      amount: '5.00',
      closedAt: new Date(1000),
      touches: [
        {
          id: 't',
          occurredAt: new Date(10),
          externalId: 'e1',
          partnerKey: 'acme',
          channel: 'co_sell',
          action: 'referral',
          partnerType: 'reseller',
        },
      ],
    });
  });
});
