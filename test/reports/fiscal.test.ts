// Fiscal calendars: quarters follow ATTRIB_FISCAL_YEAR_START, a fiscal year is
// named by the calendar year it ends in, months stay calendar months; and a
// scorecard grouped by fiscal quarter, against figures computed by hand from
// test/reports/fixture.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScorecardArgs } from '../../src/cli/commands/scorecard.js';
import { CliError } from '../../src/cli/command.js';
import { fiscalYearOf, parsePeriodKey, periodOf, periodsBetween, shiftPeriod } from '../../src/reports/periods.js';
import { computeScorecard, type Scorecard } from '../../src/reports/scorecard.js';
import { ReportError } from '../../src/reports/errors.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { at, buildScorecardFixture } from './fixture.js';

const d = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
const span = (p: { key: string; start: Date; end: Date }) =>
  `${p.key} ${p.start.toISOString().slice(0, 10)}..${p.end.toISOString().slice(0, 10)}`;

describe('fiscal periods', () => {
  it('a February fiscal year: FY2027 runs Feb 2026 – Jan 2027, FY2027-Q1 is Feb–Apr 2026', () => {
    expect(span(periodOf(d('2026-02-01'), 'quarter', 2))).toBe('FY2027-Q1 2026-02-01..2026-05-01');
    expect(span(periodOf(d('2026-04-30T23:59:59.999Z'), 'quarter', 2))).toBe('FY2027-Q1 2026-02-01..2026-05-01');
    expect(span(periodOf(d('2026-05-01'), 'quarter', 2))).toBe('FY2027-Q2 2026-05-01..2026-08-01');
    expect(span(periodOf(d('2026-12-15'), 'quarter', 2))).toBe('FY2027-Q4 2026-11-01..2027-02-01');
    expect(span(periodOf(d('2027-01-31T23:59:59.999Z'), 'quarter', 2))).toBe('FY2027-Q4 2026-11-01..2027-02-01');
  });

  it('Jan 31 and Feb 1 fall in different fiscal years and quarters', () => {
    expect(periodOf(d('2026-01-31T23:59:59.999Z'), 'quarter', 2).key).toBe('FY2026-Q4');
    expect(periodOf(d('2026-02-01T00:00:00.000Z'), 'quarter', 2).key).toBe('FY2027-Q1');
    expect(fiscalYearOf(d('2026-01-31T23:59:59.999Z'), 2)).toBe(2026);
    expect(fiscalYearOf(d('2026-02-01'), 2)).toBe(2027);
    // A December start: Dec 2025 – Nov 2026 is FY2026.
    expect(fiscalYearOf(d('2025-12-01'), 12)).toBe(2026);
    expect(span(periodOf(d('2025-12-01'), 'quarter', 12))).toBe('FY2026-Q1 2025-12-01..2026-03-01');
    expect(periodOf(d('2026-11-30'), 'quarter', 12).key).toBe('FY2026-Q4');
    // A July start (a common government year): Jul 2026 – Jun 2027 is FY2027.
    expect(periodOf(d('2026-07-01'), 'quarter', 7).key).toBe('FY2027-Q1');
    expect(periodOf(d('2026-06-30'), 'quarter', 7).key).toBe('FY2026-Q4');
  });

  it('a January fiscal year keeps the calendar labels; months are calendar months under any fiscal year', () => {
    expect(periodOf(d('2026-02-01'), 'quarter', 1).key).toBe('2026-Q1');
    expect(periodOf(d('2026-02-01'), 'quarter').key).toBe('2026-Q1');
    expect(fiscalYearOf(d('2026-12-31'), 1)).toBe(2026);
    expect(span(periodOf(d('2026-03-31'), 'month', 2))).toBe('2026-03 2026-03-01..2026-04-01');
  });

  it('shifts and ranges follow the fiscal quarters', () => {
    expect(shiftPeriod(periodOf(d('2026-02-10'), 'quarter', 2), 'quarter', -1, 2).key).toBe('FY2026-Q4');
    expect(shiftPeriod(periodOf(d('2026-12-10'), 'quarter', 2), 'quarter', 1, 2).key).toBe('FY2028-Q1');
    expect(periodsBetween(d('2026-01-15'), d('2026-05-01'), 'quarter', 2).map(span)).toEqual([
      'FY2026-Q4 2025-11-01..2026-02-01',
      'FY2027-Q1 2026-02-01..2026-05-01',
      'FY2027-Q2 2026-05-01..2026-08-01',
    ]);
  });

  it('parses period labels: months, fiscal quarters, and calendar quarters only in a January year', () => {
    expect(span(parsePeriodKey('FY2027-Q1', 2).period)).toBe('FY2027-Q1 2026-02-01..2026-05-01');
    expect(span(parsePeriodKey('FY2027-Q4', 2).period)).toBe('FY2027-Q4 2026-11-01..2027-02-01');
    expect(parsePeriodKey('FY2026-Q1', 12).period.start.toISOString().slice(0, 10)).toBe('2025-12-01');
    expect(parsePeriodKey('2026-03', 2)).toMatchObject({ unit: 'month', period: { key: '2026-03' } });
    expect(span(parsePeriodKey('2026-Q2').period)).toBe('2026-Q2 2026-04-01..2026-07-01');
    expect(parsePeriodKey('FY2026-Q2', 1).period.key).toBe('2026-Q2');
    expect(() => parsePeriodKey('2026-Q1', 2)).toThrow('ambiguous');
    expect(() => parsePeriodKey('2026-13', 2)).toThrow('is not a period');
    expect(() => parsePeriodKey('FY2027-Q5', 2)).toThrow('is not a period');
    expect(() => periodOf(d('2026-01-01'), 'quarter', 13)).toThrow(RangeError);
  });

  it('the CLI takes a period label and the fiscal start from the settings', () => {
    const fy = { reportingCurrency: 'USD', fiscalYearStart: 2 };
    const o = parseScorecardArgs(['--ruleset', 'default', '--period-key', 'FY2027-Q1'], d('2026-12-07'), fy);
    expect([o.period, o.from.toISOString().slice(0, 10), o.to.toISOString().slice(0, 10)]).toEqual(['quarter', '2026-02-01', '2026-04-30']);
    // Default range: the last four fiscal quarters up to today, FY2027-Q1 … FY2027-Q4 (which holds 2026-12-07);
    // in calendar quarters it would start on 2026-01-01.
    expect(parseScorecardArgs(['--ruleset', 'default'], d('2026-12-07'), fy).from.toISOString().slice(0, 10)).toBe('2026-02-01');
    expect(() => parseScorecardArgs(['--ruleset', 'default', '--period-key', '2026-Q1'], d('2026-12-07'), fy)).toThrow(CliError);
    expect(() =>
      parseScorecardArgs(['--ruleset', 'default', '--period-key', 'FY2027-Q1', '--from', '2026-01-01'], d('2026-12-07'), fy),
    ).toThrow('drop --from');
  });
});

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await buildScorecardFixture(db.prisma);
});
afterAll(async () => {
  await db?.close();
});

function row(card: Scorecard, period: string) {
  const r = card.rows.find((x) => x.period === period);
  if (!r) throw new Error(`no row ${period}; rows: ${card.rows.map((x) => x.period).join(', ')}`);
  return r;
}

describeDatabase('scorecard by fiscal quarter', () => {
  it('groups deals into February-start fiscal quarters (hand-computed from the fixture)', async () => {
    const card = await computeScorecard(db, {
      ruleSetKey: 'default',
      groupBy: 'period',
      period: 'quarter',
      from: at('2026-02-01'),
      to: at('2026-07-31'),
      fiscalYearStart: 2,
    });
    expect(card.fiscalYearStart).toBe(2);
    expect(card.periods).toEqual([
      { key: 'FY2027-Q1', start: '2026-02-01', end: '2026-05-01' },
      { key: 'FY2027-Q2', start: '2026-05-01', end: '2026-08-01' },
    ]);
    const q1 = row(card, 'FY2027-Q1');
    // Won Feb–Apr 2026 with credit: O1 (Feb 19: acme source 100000, influence acme 20000 + beta 30000) and
    // O2 (Mar 16: beta influence 50000; its source lane is unattributed).
    expect([q1.sourcedRevenue, q1.influencedRevenue, q1.involvedRevenue]).toEqual(['100000.00', '100000.00', '150000.00']);
    // Closed with credit: O1 won, O2 won, O3 lost (Mar 1) → 2/3. Without: O5 lost (Mar 12) → 0/1.
    // (Calendar Q1 would also hold O4 won Jan 21 and O11 lost Jan 25: they belong to FY2026-Q4.)
    expect(q1.winRate).toEqual({ involved: { won: 2, closed: 3, rate: '0.6667' }, other: { won: 0, closed: 1, rate: '0.0000' } });
    // Created Feb 1 00:00 (O3, on the boundary) … Apr 30: O3 O5 O6 O7 O8 O10 = 6; signals on O3 O5 O6 O7 O8 = 5.
    expect(q1.coverage).toEqual({ opportunities: 6, withSignals: 5, rate: '0.8333' });
    // Open pipeline created in the quarter: O6 acme source 80000. Previous quarter FY2026-Q4 (Nov–Jan): O9 25000.
    expect(q1.sourcedPipeline).toBe('80000.00');
    expect(q1.change.previousPeriod).toBe('FY2026-Q4');
    expect(q1.change.sourcedPipeline).toEqual({ previous: '25000.00', current: '80000.00', delta: '55000.00', relative: '2.2000' });
    // FY2026-Q4 coverage: created O9 (Nov 10), O4, O11, O1, O2 (January) = 5, all but O4 and O11 with a signal.
    expect(q1.change.coverage.previous).toBe('0.6000');

    const q2 = row(card, 'FY2027-Q2');
    // O8 (won May 2): beta source 60000, acme influence 15000.
    expect([q2.sourcedRevenue, q2.influencedRevenue, q2.involvedRevenue]).toEqual(['60000.00', '15000.00', '60000.00']);
  });

  it('the same data in calendar quarters keeps the calendar labels and groups O4 into 2026-Q1', async () => {
    const card = await computeScorecard(db, {
      ruleSetKey: 'default',
      groupBy: 'period',
      period: 'quarter',
      from: at('2026-02-01'),
      to: at('2026-07-31'),
    });
    expect(card.fiscalYearStart).toBe(1);
    expect(card.periods.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(row(card, '2026-Q1').winRate.other).toEqual({ won: 1, closed: 3, rate: '0.3333' });
  });

  it('monthly scorecards are calendar months under a fiscal year', async () => {
    const card = await computeScorecard(db, {
      ruleSetKey: 'default',
      groupBy: 'period',
      period: 'month',
      from: at('2026-01-01'),
      to: at('2026-02-28'),
      fiscalYearStart: 2,
    });
    expect(card.periods.map((p) => p.key)).toEqual(['2026-01', '2026-02']);
    expect(row(card, '2026-02').sourcedRevenue).toBe('100000.00');
  });

  it('refuses a fiscal year start that is not a month', async () => {
    await expect(
      computeScorecard(db, {
        ruleSetKey: 'default',
        groupBy: 'period',
        period: 'quarter',
        from: at('2026-02-01'),
        to: at('2026-07-31'),
        fiscalYearStart: 0,
      }),
    ).rejects.toThrow(ReportError);
  });
});
