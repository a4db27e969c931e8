// The hygiene review's "spotlight disagreements" section on the hand-built
// scorecard world (test/reports/fixture.ts), with the spotlight's figures
// worked out by hand in test/reports/spotlight.test.ts:
//   Markov order 1 by partner, all deals (as of 2026-06-30): model acme 60,265.82 : beta 54,734.18
//   O8 rule acme 15,000 / beta 0 → model 7,860.76 / 7,139.24: moves 7,139.24
//   O1 rule acme 20,000 / beta 30,000 → model 26,202.53 / 23,797.47: moves 6,202.53
//   O2 beta alone: agrees, not listed.
// As of 2026-03-31 (O8 not yet closed), heuristic linear by partner:
//   journeys O1 won 100,000 (acme, beta, acme), O2 won 50,000 (beta), O5 lost (beta)
//   linear value credit acme 66,666.67, beta 83,333.33 (of 150,000), rescaled to the
//   influence lane's 100,000 (O1 20,000 + 30,000, O2 50,000): 10,000,000 cents ×
//   6,666,667 / 15,000,000 = 4,444,444.67 → acme 44,444.45 (largest remainder), beta 55,555.55.
//   O1's 50,000 split 4,444,445 : 5,555,555 → 2,222,222.5 / 2,777,777.5 cents, the tie's
//   cent to the earlier unit (acme): acme 22,222.23, beta 27,777.77; moves 2,222.23.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseHygieneArgs, renderHygieneTable } from '../../src/cli/commands/hygiene.js';
import { computeHygiene, DEFAULT_DISAGREEMENTS } from '../../src/reports/hygiene/index.js';
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

describeDatabase('hygiene: spotlight disagreements', () => {
  it('says why the section is empty when several rule sets have current results', async () => {
    const r = await computeHygiene(db, { asOf: at('2026-06-30') });
    expect(r.disagreements).toMatchObject({
      status: 'several_rule_sets',
      ruleSetKey: null,
      candidates: ['alt', 'default'],
      deals: [],
      model: 'markov order 1',
      by: 'partner',
      lane: 'influence',
      currency: 'USD',
      closedBy: '2026-06-30',
      limit: DEFAULT_DISAGREEMENTS,
    });
    expect(r.disagreements.reason).toBe('2 rule sets have current results (alt, default): choose one (--ruleset KEY, GraphQL ruleSetKey).');
    // Not a counted check: the totals are the checks' alone.
    expect(r.totals.count).toBe(r.checks.reduce((n, c) => n + c.count, 0));
  });

  it("lists the won deals where rule and model credit disagree most, with ids, splits and gaps (the review's rule set)", async () => {
    const r = await computeHygiene(db, { asOf: at('2026-06-30'), ruleSetKey: 'default' });
    const d = r.disagreements;
    expect(d).toMatchObject({ status: 'compared', reason: null, ruleSetKey: 'default', candidates: [], model: 'markov order 1' });
    expect(d.sample).toEqual({ journeys: 4, conversions: 3, value: '210000.00' });
    expect(d.deals.map((x) => [x.opportunityKey, x.opportunityId, x.credit, x.disagreement])).toEqual([
      ['O8', fx.opps.O8, '15000.00', '7139.24'],
      ['O1', fx.opps.O1, '50000.00', '6202.53'],
    ]);
    expect(d.deals[0]!.units).toEqual([
      { unit: 'acme', ruleCredit: '15000.00', modelCredit: '7860.76', difference: '7139.24' },
      { unit: 'beta', ruleCredit: '0.00', modelCredit: '7139.24', difference: '-7139.24' },
    ]);
    const one = await computeHygiene(db, { asOf: at('2026-06-30'), disagreements: { ruleSetKey: 'default', limit: 1 } });
    expect(one.disagreements.deals.map((x) => x.opportunityKey)).toEqual(['O8']);
    expect(one.ruleSetKey).toBeNull(); // the section's rule set does not scope the checks
  });

  it('reads deals closed by the review day, with the chosen model', async () => {
    const r = await computeHygiene(db, { asOf: at('2026-03-31'), ruleSetKey: 'default', disagreements: { model: 'heuristic' } });
    const d = r.disagreements;
    expect(d.model).toBe('heuristic linear');
    expect(d.sample).toEqual({ journeys: 3, conversions: 2, value: '150000.00' });
    expect(d.deals).toEqual([
      {
        opportunityId: fx.opps.O1,
        opportunityKey: 'O1',
        credit: '50000.00',
        disagreement: '2222.23',
        units: [
          { unit: 'acme', ruleCredit: '20000.00', modelCredit: '22222.23', difference: '-2222.23' },
          { unit: 'beta', ruleCredit: '30000.00', modelCredit: '27777.77', difference: '2222.23' },
        ],
      },
    ]);
  });

  it('says why when the rule set has no current results, or no credit in the lane; refuses bad options', async () => {
    await db.prisma.ruleSet.create({ data: { key: 'unrun', name: 'Never run' } });
    const unrun = await computeHygiene(db, { asOf: at('2026-06-30'), ruleSetKey: 'unrun' });
    expect(unrun.disagreements).toMatchObject({ status: 'no_current_results', ruleSetKey: 'unrun', deals: [] });
    expect(unrun.disagreements.reason).toContain('rule set "unrun" has no current results: publish a version and run it');
    // "alt" credits only O4 (source lane, no touch): nothing in the influence lane to compare.
    const alt = await computeHygiene(db, { asOf: at('2026-06-30'), ruleSetKey: 'alt' });
    expect(alt.disagreements).toMatchObject({ status: 'compared', ruleSetKey: 'alt', deals: [] });
    expect(alt.disagreements.reason).toBe(
      'rule set "alt" gives no influence credit on touches of the 3 won deal(s) the model saw: nothing to compare.',
    );
    await expect(computeHygiene(db, { asOf: at('2026-06-30'), disagreements: { ruleSetKey: 'nope' } })).rejects.toMatchObject({
      code: 'RULE_SET_NOT_FOUND',
    });
    await expect(computeHygiene(db, { asOf: at('2026-06-30'), disagreements: { limit: 101 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(computeHygiene(db, { asOf: at('2026-06-30'), disagreements: { model: 'shapley', order: 2 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describeDatabase('attrib hygiene: the disagreements section', () => {
  it("parses the section's flags and prints one row per deal, then its units", async () => {
    const o = parseHygieneArgs([
      '--as-of',
      '2026-06-30',
      '--ruleset',
      'default',
      '--disagreements',
      '2',
      '--disagreement-model',
      'markov',
      '--disagreement-order',
      '1',
      '--disagreement-by',
      'partner',
    ]);
    expect(o.input.disagreements).toEqual({ model: 'markov', order: 1, by: 'partner', limit: 2 });
    expect(() => parseHygieneArgs(['--disagreement-by', 'team'])).toThrow(
      /--disagreement-by must be one of partner, channel, action, partner_type/,
    );
    const text = renderHygieneTable(await computeHygiene(db, o.input));
    expect(text).toContain(
      'Won deals where rule and model credit disagree most — rule set default, markov order 1 by partner, influence lane, USD deals closed by 2026-06-30 (3 won of 4 closed deals with touches)',
    );
    expect(text).toMatch(new RegExp(`O8\\s+${fx.opps.O8}\\s+15000\\.00\\s+7139\\.24`));
    expect(text).toMatch(/acme\s+15000\.00 \/ 7860\.76\s+7139\.24/);
    const several = renderHygieneTable(await computeHygiene(db, { asOf: at('2026-06-30') }));
    expect(several).toContain('2 rule sets have current results (alt, default): choose one');
  });
});
