// Scorecards in the reporting currency: every deal converted at the rate of
// its close day (open deals: the as-of day) or the nearest earlier one, sums
// exact and rounded once per figure; a missing rate refuses the scorecard and
// shows in the hygiene review. Every expected figure is computed by hand below.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { parseScorecardArgs, runScorecard } from '../../src/cli/commands/scorecard.js';
import { computeScorecardComparison } from '../../src/reports/compare.js';
import { scorecardToCsv, SCORECARD_CSV_HEADER } from '../../src/reports/csv.js';
import { ReportError } from '../../src/reports/errors.js';
import { computeHygiene } from '../../src/reports/hygiene/index.js';
import { computeScorecard, type Scorecard, type ScorecardInput } from '../../src/reports/scorecard.js';
import { importFxRates } from '../../src/fx/rates.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { at } from './fixture.js';
import { buildFxWorld, type FxWorld } from './fx-fixture.js';

let db: TestDatabase;
let world: FxWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await buildFxWorld(db.prisma);
  await importFxRates(
    db.sql,
    [
      { currency: 'EUR', date: '2026-01-10', rate: '1.0800' },
      { currency: 'EUR', date: '2026-02-15', rate: '1.0845' },
      { currency: 'EUR', date: '2026-03-31', rate: '1.1000' },
      { currency: 'EUR', date: '2026-04-20', rate: '1.2000' },
      { currency: 'GBP', date: '2026-02-01', rate: '1.2700' },
      { currency: 'GBP', date: '2026-03-01', rate: '1.2500' },
    ],
    'test',
  );
  // Won EUR deals, acme sources all of each: E1 closes on a rate day (1.0845), E2 on a day without a
  // rate (the earlier 2026-02-15 rate, 1.0845), E3 the day before a rate (2026-03-31 is later: ignored;
  // 1.0845). Each is 10.00 × 1.0845 = 10.845; the three sum to 32.535.
  await world.deal({
    key: 'E1',
    amount: '10.00',
    currency: 'EUR',
    stage: 'closed_won',
    created: '2026-01-05',
    closed: '2026-02-15',
    credits: [
      { partner: 'acme', lane: 'source', amount: '10.00' },
      { partner: 'acme', lane: 'influence', amount: '5.00' },
    ],
  });
  await world.deal({
    key: 'E2',
    amount: '10.00',
    currency: 'EUR',
    stage: 'closed_won',
    created: '2026-01-05',
    closed: '2026-02-20T18:00:00Z',
    credits: [{ partner: 'acme', lane: 'source', amount: '10.00' }],
  });
  await world.deal({
    key: 'E3',
    amount: '10.00',
    currency: 'EUR',
    stage: 'closed_won',
    created: '2026-01-05',
    closed: '2026-03-30T23:59:59Z',
    credits: [{ partner: 'acme', lane: 'source', amount: '10.00' }],
  });
  // GBP 1000.00 won on 2026-03-01 (rate 1.25): acme sources 600.00, beta 400.00.
  await world.deal({
    key: 'G1',
    amount: '1000.00',
    currency: 'GBP',
    stage: 'closed_won',
    created: '2026-01-05',
    closed: '2026-03-01',
    credits: [
      { partner: 'acme', lane: 'source', amount: '600.00' },
      { partner: 'beta', lane: 'source', amount: '400.00' },
    ],
  });
  // USD, the reporting currency: exactly 1, no rate needed (there is no USD rate).
  await world.deal({
    key: 'U1',
    amount: '500.00',
    currency: 'USD',
    stage: 'closed_won',
    created: '2026-01-05',
    closed: '2026-03-15',
    credits: [{ partner: 'acme', lane: 'source', amount: '500.00' }],
  });
  // Open EUR pipeline created in February: converts at the as-of day's rate.
  await world.deal({
    key: 'P1',
    amount: '2000.00',
    currency: 'EUR',
    stage: 'proposal',
    created: '2026-02-01',
    credits: [{ partner: 'acme', lane: 'source', amount: '2000.00' }],
  });
  // Investment in EUR from 2026-01-15: the rate of 2026-01-10 (1.08) → 1080.00.
  await db.prisma.partnerInvestment.create({
    data: {
      partnerId: world.partners.acme!,
      periodStart: at('2026-01-15'),
      periodEnd: at('2026-03-31'),
      amount: '1000.00',
      currency: 'EUR',
      category: 'mdf',
    },
  });
});
afterAll(async () => {
  await db?.close();
});

const Q1: ScorecardInput = {
  ruleSetKey: 'fx',
  groupBy: 'partner',
  period: 'quarter',
  from: at('2026-01-01'),
  to: at('2026-03-31'),
  reportingCurrency: 'USD',
};

function row(card: Scorecard, group: string, period = '2026-Q1') {
  const r = card.rows.find((x) => x.groupKey === group && x.period === period);
  if (!r) throw new Error(`no row ${group}/${period}`);
  return r;
}

async function refusal(input: ScorecardInput): Promise<ReportError> {
  try {
    await computeScorecard(db, input);
  } catch (err) {
    if (err instanceof ReportError) return err;
    throw err;
  }
  throw new Error('expected the scorecard to refuse');
}

describeDatabase('scorecard in the reporting currency', () => {
  it('converts each deal at its close day rate (or the nearest earlier) and rounds each figure once', async () => {
    const card = await computeScorecard(db, Q1);
    expect(card.currency).toBe('USD');
    const acme = row(card, 'acme');
    // 3 × 10.845 (E1–E3) + 600 × 1.25 (G1) + 500 × 1 (U1) = 32.535 + 750 + 500 = 1282.535 → 1282.54
    // (rounding each deal first would give 3 × 10.85 + 750 + 500 = 1282.55).
    expect(acme.sourcedRevenue).toBe('1282.54');
    // E1 influence: 5.00 × 1.0845 = 5.4225 → 5.42.
    expect(acme.influencedRevenue).toBe('5.42');
    // Involved: E1–E3 32.535 + G1 1000 × 1.25 + U1 500 = 1782.535 → 1782.54.
    expect(acme.involvedRevenue).toBe('1782.54');
    // P1 open: 2000.00 at the as-of day (default: to = 2026-03-31, rate 1.1000) = 2200.00.
    expect(acme.sourcedPipeline).toBe('2200.00');
    expect(acme.involvedPipeline).toBe('2200.00');
    // ROI: 1000.00 EUR invested from 2026-01-15 at the 2026-01-10 rate 1.08 = 1080.00; 1282.54 / 1080.00 = 1.18753… → 1.1875.
    expect(acme.roi).toEqual({ investment: '1080.00', sourced: '1.1875', influenced: '0.0050', reason: null });
    const beta = row(card, 'beta');
    // G1: 400 × 1.25 = 500.00; involved 1000 × 1.25 = 1250.00.
    expect([beta.sourcedRevenue, beta.involvedRevenue]).toEqual(['500.00', '1250.00']);

    expect(card.provenance.currency).toEqual({
      reporting: 'USD',
      converted: [
        // E1, E2, E3 at 2026-02-15; P1 at 2026-03-31; the investment at 2026-01-10.
        { currency: 'EUR', opportunities: 4, investments: 1, firstRateDate: '2026-01-10', lastRateDate: '2026-03-31' },
        { currency: 'GBP', opportunities: 1, investments: 0, firstRateDate: '2026-03-01', lastRateDate: '2026-03-01' },
      ],
    });
  });

  it('open deals use the as-of day rate, never a rate dated after it', async () => {
    // As of 2026-04-25 the latest EUR rate on or before is 2026-04-20 (1.2): 2400.00.
    expect(row(await computeScorecard(db, { ...Q1, asOf: at('2026-04-25') }), 'acme').sourcedPipeline).toBe('2400.00');
    // As of 2026-04-19 the 2026-04-20 rate is in the future: 2026-03-31 (1.1) applies.
    expect(row(await computeScorecard(db, { ...Q1, asOf: at('2026-04-19') }), 'acme').sourcedPipeline).toBe('2200.00');
    // As of 2026-03-30: the 2026-02-15 rate (1.0845): 2169.00.
    expect(row(await computeScorecard(db, { ...Q1, asOf: at('2026-03-30') }), 'acme').sourcedPipeline).toBe('2169.00');
  });

  it('exports and comparisons carry the converted figures and the currency', async () => {
    const card = await computeScorecard(db, Q1);
    const lines = scorecardToCsv(card).split('\r\n');
    const cells = Object.fromEntries(lines[1]!.split(',').map((v, i) => [SCORECARD_CSV_HEADER[i], v]));
    expect(cells).toMatchObject({
      group_key: 'acme',
      sourced_revenue: '1282.54',
      sourced_pipeline: '2200.00',
      investment: '1080.00',
      currency: 'USD',
    });
    const cmp = await computeScorecardComparison(db, Q1, {
      ruleVersionId: (await db.prisma.ruleVersion.findFirstOrThrow({ where: { sourceHash: 'hash-fx' } })).id,
    });
    expect(cmp.currency).toBe('USD');
    expect(cmp.rows.find((r) => r.groupKey === 'acme')!.sourcedRevenue).toMatchObject({
      base: '1282.54',
      candidate: '1282.54',
      delta: '0.00',
    });
  });

  it('attrib scorecard shows the reporting currency and what it converted', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    try {
      const o = parseScorecardArgs(['--ruleset', 'fx', '--from', '2026-01-01', '--to', '2026-03-31'], at('2026-12-07'), {
        reportingCurrency: 'USD',
        fiscalYearStart: 1,
      });
      expect(await runScorecard(db, o)).toBe(0);
    } finally {
      log.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toContain(
      'Amounts in USD; converted: EUR 4 deals, 1 investment at rates of 2026-01-10..2026-03-31; GBP 1 deal at the rate of 2026-03-01.',
    );
    expect(out).toMatch(/Acme SI\s+2026-Q1\s+2200\.00\s+0\.00\s+1282\.54\s+5\.42\s+1782\.54/);
  });

  it('in another reporting currency its own deals convert at 1 and the others need rates', async () => {
    // Reporting in EUR: the fx_rate rows above are not EUR rates of USD or GBP, so USD and GBP deals lack rates.
    const err = await refusal({ ...Q1, reportingCurrency: 'EUR' });
    expect(err.code).toBe('FX_RATE_MISSING');
    expect(err.missingRates.map((m) => m.currency)).toEqual(['USD']);
    // GBP has rates in the table (they are read as given, in units of the reporting currency).
    expect(err.missingRates).toEqual([{ currency: 'USD', date: '2026-03-15', opportunities: 1, investments: 0 }]);
  });

  it('refuses when a credited deal in scope has no rate, naming the currency and the earliest day lacking one', async () => {
    // CHF rates start on 2026-02-01: a deal closed on 2026-01-20 lacks one, a deal closed on 2026-02-05 does not.
    await importFxRates(db.sql, [{ currency: 'CHF', date: '2026-02-01', rate: '1.1300' }], 'test');
    await world.deal({
      key: 'C1',
      amount: '100.00',
      currency: 'CHF',
      stage: 'closed_won',
      created: '2026-01-05',
      closed: '2026-01-20',
      credits: [{ partner: 'beta', lane: 'source', amount: '100.00' }],
    });
    await world.deal({
      key: 'C2',
      amount: '100.00',
      currency: 'CHF',
      stage: 'closed_won',
      created: '2026-01-05',
      closed: '2026-02-05',
      credits: [{ partner: 'beta', lane: 'source', amount: '100.00' }],
    });
    // JPY: no rate at all; two deals closed on different days.
    await world.deal({
      key: 'J1',
      amount: '50000.00',
      currency: 'JPY',
      stage: 'closed_won',
      created: '2026-01-05',
      closed: '2026-03-20',
      credits: [{ partner: 'acme', lane: 'source', amount: '50000.00' }],
    });
    await world.deal({
      key: 'J2',
      amount: '70000.00',
      currency: 'JPY',
      stage: 'closed_won',
      created: '2026-01-05',
      closed: '2026-03-10',
      credits: [{ partner: 'beta', lane: 'influence', amount: '7000.00' }],
    });

    const err = await refusal(Q1);
    expect(err.code).toBe('FX_RATE_MISSING');
    expect(err.missingRates).toEqual([
      { currency: 'CHF', date: '2026-01-20', opportunities: 1, investments: 0 },
      { currency: 'JPY', date: '2026-03-10', opportunities: 1, investments: 0 },
      { currency: 'JPY', date: '2026-03-20', opportunities: 1, investments: 0 },
    ]);
    expect(err.message).toContain('CHF on or before 2026-01-20');
    expect(err.message).toContain('JPY on or before 2026-03-10');
    expect(err.message).toContain('attrib fx import FILE.csv');
    // Grouped otherwise the same deals are in scope: the same refusal (never a figure without them).
    expect((await refusal({ ...Q1, groupBy: 'channel' })).missingRates).toEqual(err.missingRates);
    // The CLI says the same, with the code, and exits 1.
    const cli = parseScorecardArgs(['--ruleset', 'fx', '--from', '2026-01-01', '--to', '2026-03-31'], at('2026-12-07'));
    await expect(runScorecard(db, cli)).rejects.toThrow(/^FX_RATE_MISSING: no exchange rate to USD for CHF on or before 2026-01-20/);
    // A range whose periods (and the one before) hold none of them is scored.
    const later = await computeScorecard(db, { ...Q1, from: at('2026-10-01'), to: at('2026-12-31') });
    expect(later.currency).toBe('USD');
  });

  it('the hygiene check lists the deals without a rate', async () => {
    const report = await computeHygiene(db, { asOf: at('2026-03-31'), reportingCurrency: 'USD' });
    const check = report.checks.find((c) => c.key === 'missing_fx_rate')!;
    expect(check.title).toBe('Deals without an FX rate');
    expect(check.count).toBe(3);
    expect(check.items.map((i) => [i.opportunityKey, i.detail])).toEqual([
      ['C1', '100.00 CHF (closed 2026-01-20): no CHF rate on or before 2026-01-20 to convert to USD'],
      ['J2', '70000.00 JPY (closed 2026-03-10): no JPY rate on or before 2026-03-10 to convert to USD'],
      ['J1', '50000.00 JPY (closed 2026-03-20): no JPY rate on or before 2026-03-20 to convert to USD'],
    ]);
    expect(check.action).toContain('attrib fx import FILE.csv');
    // At the end of the previous ISO week (Monday 2026-03-23) J1, J2 and C1 had all closed too.
    expect(check.previousCount).toBe(3);
    // Two weeks earlier (as of 2026-03-09) the JPY deals were open: they need the as-of day's rate (none either).
    const early = (await computeHygiene(db, { asOf: at('2026-03-09') })).checks.find((c) => c.key === 'missing_fx_rate')!;
    // (Open deals are dated by their creation, before C1's close; J1 and J2 were both created on 2026-01-05.)
    expect(early.items.map((i) => i.detail).sort()).toEqual([
      '100.00 CHF (closed 2026-01-20): no CHF rate on or before 2026-01-20 to convert to USD',
      '50000.00 JPY (open): no JPY rate on or before 2026-03-09 to convert to USD',
      '70000.00 JPY (open): no JPY rate on or before 2026-03-09 to convert to USD',
    ]);
    expect(
      early.items
        .map((i) => i.opportunityKey)
        .slice(0, 2)
        .sort(),
    ).toEqual(['J1', 'J2']);
  });

  it('after importing the missing rates the scorecard adds them up', async () => {
    await importFxRates(
      db.sql,
      [
        { currency: 'CHF', date: '2026-01-01', rate: '1.1200' },
        { currency: 'JPY', date: '2026-03-01', rate: '0.0067' },
      ],
      'test',
    );
    const card = await computeScorecard(db, Q1);
    // acme: 1282.535 + J1 50000 × 0.0067 = 335 → 1617.535 → 1617.54.
    expect(row(card, 'acme').sourcedRevenue).toBe('1617.54');
    // beta: G1 500 + C1 100 × 1.12 + C2 100 × 1.13 = 500 + 112 + 113 = 725.00; J2 influence 7000 × 0.0067 = 46.90.
    expect(row(card, 'beta').sourcedRevenue).toBe('725.00');
    expect(row(card, 'beta').influencedRevenue).toBe('46.90');
    const hygiene = await computeHygiene(db, { asOf: at('2026-03-31') });
    expect(hygiene.checks.find((c) => c.key === 'missing_fx_rate')!.count).toBe(0);
  });
});
