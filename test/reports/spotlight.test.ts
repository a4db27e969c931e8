// The spotlight report on the hand-built scorecard world (test/reports/fixture.ts).
// Journeys by partner, worked out by hand from the fixture's rows:
//   O1 won 100,000: acme (t1) > beta (t2) > acme (t3)
//   O2 won  50,000: beta (t7)
//   O5 lost:        beta (t10)
//   O8 won  60,000: beta (t8) > acme (t9)
//   O3, O11 lost and O4 won (20,000) have no touch: no journey.
// Rule credit, influence lane of rule set "default" on O1, O2, O8:
//   acme 20,000 (O1) + 15,000 (O8) = 35,000; beta 30,000 (O1) + 50,000 (O2) = 80,000.
// Markov order 1 (value removal effects, src/spotlight/README.md): start→acme 1/4,
//   start→beta 3/4; acme→beta 1/3 and acme→conversion 2/3 paying 100,000 + 60,000;
//   beta→acme 1/2, beta→conversion 1/4 paying 50,000, beta→null 1/4. Expected value
//   from acme 69,000, from beta 47,000, from start V = 52,500; without acme 9,375
//   (effect 23/28), without beta 40,000/3 (effect 47/63). Shares 207/395 and 188/395
//   of the won value: acme 110,050.63, beta 99,949.37 (cents, largest remainder).
// The model's credit is rescaled to the lane's total (115,000) to compare like for
// like: acme 115,000 × 11,005,063 / 21,000,000 = 60,265.818… → 60,265.82 (the odd
// cent by largest remainder), beta 54,734.18.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReportError } from '../../src/reports/errors.js';
import { computeSpotlight, dealDisagreements, NO_TOUCH_UNIT, ruleCreditByUnit, type SpotlightReport } from '../../src/reports/spotlight.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { at, buildScorecardFixture, type ScorecardFixture } from './fixture.js';

let db: TestDatabase;
let fx: ScorecardFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildScorecardFixture(db.prisma);
});
afterAll(async () => {
  await db?.close();
});

const row = (r: SpotlightReport, unit: string) => r.rows.find((x) => x.unit === unit);

describeDatabase('spotlight report', () => {
  it('Markov order 1 by partner: hand-computed model credit, rule credit of the influence lane, sample and counts', async () => {
    const r = await computeSpotlight(db, { ruleSetKey: 'default', model: 'markov', order: 1, by: 'partner', resamples: 50 });
    expect(r.model).toBe('markov order 1');
    expect(r.lane).toBe('influence');
    expect(r.sample).toEqual({ journeys: 4, conversions: 3, value: '210000.00' });
    expect(r.laneTotal).toBe('115000.00');
    expect(r.excluded).toEqual({ untouched: 3, untouchedWon: 1, untouchedWonValue: '20000.00' });
    expect(r.currency).toBe('USD');
    expect(r.ruleVersions).toEqual([{ id: fx.v1, number: 1, hash: 'h' }]);
    expect(row(r, 'acme')).toMatchObject({
      ruleCredit: '35000.00',
      modelCredit: '60265.82',
      difference: '-25265.82',
      journeys: 2,
      conversions: 2,
    });
    expect(row(r, 'beta')).toMatchObject({
      ruleCredit: '80000.00',
      modelCredit: '54734.18',
      difference: '25265.82',
      journeys: 4,
      conversions: 3,
    });
    expect(r.rows).toHaveLength(2);
    for (const x of r.rows) {
      const [rule, low, high] = [x.ruleCredit, x.low, x.high].map(Number);
      expect(x.diverges).toBe(rule! < low! || rule! > high!);
    }
  });

  // Deals where rules and model split differently, each deal's lane credit
  // split over its partners as the model weighs them (acme 60,265.82 : beta 54,734.18):
  //   O8 rule acme 15,000 / beta 0 → model acme 7,860.76 / beta 7,139.24 (odd cent to acme's larger remainder): moves 7,139.24
  //   O1 rule acme 20,000 / beta 30,000 → model acme 26,202.53 / beta 23,797.47: moves 6,202.53
  //   O2 beta alone: rules and model agree, not listed.
  it('lists the won deals where rules and model split the credit most differently, with exact splits', async () => {
    const r = await computeSpotlight(db, { ruleSetKey: 'default', model: 'markov', order: 1, by: 'partner', resamples: 10 });
    expect(r.deals.map((d) => [d.opportunityKey, d.credit, d.disagreement])).toEqual([
      ['O8', '15000.00', '7139.24'],
      ['O1', '50000.00', '6202.53'],
    ]);
    expect(r.deals[0]!.units).toEqual([
      { unit: 'acme', ruleCredit: '15000.00', modelCredit: '7860.76', difference: '7139.24' },
      { unit: 'beta', ruleCredit: '0.00', modelCredit: '7139.24', difference: '-7139.24' },
    ]);
    expect(r.deals[1]!.units).toEqual([
      { unit: 'acme', ruleCredit: '20000.00', modelCredit: '26202.53', difference: '-6202.53' },
      { unit: 'beta', ruleCredit: '30000.00', modelCredit: '23797.47', difference: '6202.53' },
    ]);
    const one = await computeSpotlight(db, { ruleSetKey: 'default', by: 'partner', resamples: 10, deals: 1 });
    expect(one.deals.map((d) => d.opportunityKey)).toEqual(['O8']);
    expect((await computeSpotlight(db, { ruleSetKey: 'default', by: 'partner', resamples: 10, deals: 0 })).deals).toEqual([]);
    await expect(computeSpotlight(db, { ruleSetKey: 'default', deals: 101 })).rejects.toThrow(/deals must be a whole number from 0 to 100/);
  });

  // Heuristic and Shapley credit of the won value (210,000), rescaled to the lane total:
  //   linear  acme 96,666.67 / beta 113,333.33 → of 115,000: 52,936.51 / 62,063.49
  //   first   acme 100,000 / beta 110,000      → of the source lane's 160,000: 76,190.48 / 83,809.52
  //   shapley acme 80,000 / beta 130,000       → of 115,000: 43,809.52 / 71,190.48
  it('heuristics and Shapley on the same journeys; the source lane on request', async () => {
    const linear = await computeSpotlight(db, { ruleSetKey: 'default', model: 'heuristic', heuristic: 'linear', resamples: 20 });
    expect(Object.fromEntries(linear.rows.map((x) => [x.unit, x.modelCredit]))).toEqual({ acme: '52936.51', beta: '62063.49' });
    const first = await computeSpotlight(db, {
      ruleSetKey: 'default',
      model: 'heuristic',
      heuristic: 'first',
      lane: 'source',
      resamples: 20,
    });
    expect(Object.fromEntries(first.rows.map((x) => [x.unit, [x.modelCredit, x.ruleCredit]]))).toEqual({
      acme: ['76190.48', '100000.00'],
      beta: ['83809.52', '60000.00'],
    });
    const shapley = await computeSpotlight(db, { ruleSetKey: 'default', model: 'shapley', resamples: 20 });
    expect(Object.fromEntries(shapley.rows.map((x) => [x.unit, x.modelCredit]))).toEqual({ acme: '43809.52', beta: '71190.48' });
  });

  it("by channel: rule credit placed on the contributing touches' channels, model credit on the touch channels", async () => {
    const r = await computeSpotlight(db, { ruleSetKey: 'default', model: 'heuristic', heuristic: 'first', by: 'channel', resamples: 20 });
    const credit = Object.fromEntries(r.rows.map((x) => [x.unit, [x.ruleCredit, x.modelCredit]]));
    // The model column sums exactly to the lane total.
    expect(r.rows.reduce((n, x) => n + Math.round(Number(x.modelCredit) * 100), 0)).toBe(11_500_000);
    expect(credit).toEqual({
      // First touch: co_sell 100,000, marketplace 50,000, referral 60,000 of 210,000, rescaled to 115,000.
      co_sell: ['0.00', '54761.91'],
      content: ['30000.00', '0.00'],
      services: ['20000.00', '0.00'],
      marketplace: ['50000.00', '27380.95'],
      referral: ['0.00', '32857.14'],
      integration: ['15000.00', '0.00'],
    });
  });

  it('a date window keeps only deals closed inside it (both ends inclusive)', async () => {
    const r = await computeSpotlight(db, {
      ruleSetKey: 'default',
      model: 'heuristic',
      from: at('2026-02-19'),
      to: at('2026-03-16'),
      resamples: 20,
    });
    // O1 (closed 2026-02-19) and O2 (2026-03-16) are in; O5 (2026-03-12) is lost and in; O8 (2026-05-02) is out.
    expect(r.sample).toEqual({ journeys: 3, conversions: 2, value: '150000.00' });
    expect(row(r, 'acme')!.ruleCredit).toBe('20000.00');
  });

  it('is deterministic: the same input gives the same report', async () => {
    const a = await computeSpotlight(db, { ruleSetKey: 'default', resamples: 40, seed: 7 });
    const b = await computeSpotlight(db, { ruleSetKey: 'default', resamples: 40, seed: 7 });
    expect(b).toEqual(a);
  });

  it('refuses bad input with a typed error that says what to do', async () => {
    const fails = async (input: Parameters<typeof computeSpotlight>[1], code: string, message: RegExp) => {
      const err = await computeSpotlight(db, input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReportError);
      expect((err as ReportError).code).toBe(code);
      expect((err as ReportError).message).toMatch(message);
    };
    await fails({ ruleSetKey: 'nope' }, 'RULE_SET_NOT_FOUND', /rule set "nope" does not exist/);
    await fails({ ruleSetKey: 'default', order: 5 }, 'INVALID_INPUT', /order must be 1, 2, 3 or 4/);
    await fails({ ruleSetKey: 'default', model: 'shapley', order: 2 }, 'INVALID_INPUT', /markov model only/);
    await fails({ ruleSetKey: 'default', resamples: 0 }, 'INVALID_INPUT', /resamples/);
    await fails({ ruleSetKey: 'default', from: at('2026-05-01'), to: at('2026-01-01') }, 'INVALID_INPUT', /swap them/);
    await db.prisma.opportunity.update({ where: { id: fx.opps.O2! }, data: { currency: 'EUR' } });
    try {
      await fails({ ruleSetKey: 'default' }, 'INVALID_INPUT', /2 currencies \(EUR, USD\).*--currency EUR/);
      const usd = await computeSpotlight(db, { ruleSetKey: 'default', currency: 'usd', model: 'heuristic', resamples: 10 });
      expect(usd.currency).toBe('USD');
      expect(usd.sample.value).toBe('160000.00');
    } finally {
      await db.prisma.opportunity.update({ where: { id: fx.opps.O2! }, data: { currency: 'USD' } });
    }
  });
});

it('dealDisagreements: the model split sums to the deal credit; an even split when the model gives the units nothing', () => {
  const deals = [
    {
      opportunityId: 'a',
      opportunityKey: 'A',
      units: ['x', 'y', 'z'],
      ruleByUnit: new Map([
        ['x', 100n],
        [NO_TOUCH_UNIT, 50n],
      ]),
    },
    {
      opportunityId: 'b',
      opportunityKey: 'B',
      units: ['x', 'y'],
      ruleByUnit: new Map([
        ['x', 1n],
        ['y', 1n],
      ]),
    },
  ];
  const [a, ...rest] = dealDisagreements(deals, new Map([['z', 0n]]), 10);
  expect(a!.credit).toBe('1.00');
  expect(a!.units.map((u) => u.modelCredit)).toEqual(['0.34', '0.33', '0.33']);
  expect(a!.disagreement).toBe('0.66');
  expect(rest).toEqual([]);
});

it('ruleCreditByUnit splits an allocation over its kept touches to the cent, in touch order', () => {
  const kept = new Map([
    [
      'o1',
      [
        { id: 't1', unit: 'co_sell' },
        { id: 't2', unit: 'content' },
        { id: 't3', unit: 'co_sell' },
        { id: 't4', unit: 'services' },
      ],
    ],
  ]);
  const rows = [
    { opportunity_id: 'o1', partner_key: 'p', partner_type: 'reseller', amount: '100.00', touchpoint_ids: ['t1', 't2', 't3'] },
    { opportunity_id: 'o1', partner_key: 'q', partner_type: 'referral', amount: '0.05', touchpoint_ids: '{t4,t9}' },
    { opportunity_id: 'o1', partner_key: 'q', partner_type: 'referral', amount: '7.00', touchpoint_ids: [] },
  ];
  const byChannel = ruleCreditByUnit(rows, 'channel', kept);
  // 100.00 over t1, t2, t3: 33.34, 33.33, 33.33 (the first touch takes the odd cent).
  expect(Object.fromEntries(byChannel)).toEqual({ co_sell: 6667n, content: 3333n, services: 5n, [NO_TOUCH_UNIT]: 700n });
  expect([...byChannel.values()].reduce((a, b) => a + b, 0n)).toBe(10705n);
  expect(Object.fromEntries(ruleCreditByUnit(rows, 'partner_type', kept))).toEqual({ reseller: 10000n, referral: 705n });
});
