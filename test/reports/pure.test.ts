import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scorecardToCsv, SCORECARD_CSV_HEADER } from '../../src/reports/csv.js';
import { csvField } from '../../src/domain/csv.js';
import { compareDecimals, formatDecimal, parseDecimal, quotient, subtractDecimals, sumDecimals } from '../../src/domain/decimal.js';
import { change } from '../../src/reports/change.js';
import { isoWeekOf, parseDate, periodOf, periodsBetween, shiftPeriod } from '../../src/reports/periods.js';
import type { Scorecard } from '../../src/reports/scorecard.js';
import { percent, renderTable } from '../../src/reports/table.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('exact decimals', () => {
  it('computes ratios half-up without floats', () => {
    expect(quotient('100000.00', '60000.00', 4, 'half-up')).toBe('1.6667');
    expect(quotient('20000.00', '60000.00', 4, 'half-up')).toBe('0.3333');
    expect(quotient(2, 3, 4, 'half-up')).toBe('0.6667');
    expect(quotient(1, 8, 4, 'half-up')).toBe('0.1250');
    expect(quotient('-80000.00', '80000.00', 4, 'half-up')).toBe('-1.0000');
    expect(quotient('0.00005', '1', 4, 'half-up')).toBe('0.0001'); // half rounds away from zero
    expect(quotient('1', '0.00', 4, 'half-up')).toBeNull();
    expect(quotient(0, 0, 4, 'half-up')).toBeNull();
  });

  it('adds and subtracts money exactly (no 0.1 + 0.2 drift)', () => {
    expect(sumDecimals(['0.10', '0.20'], 2, 'half-up')).toBe('0.30');
    expect(subtractDecimals('0.00', '80000.00', 2, 'half-up')).toBe('-80000.00');
    expect(change('25000.00', '80000.00')).toEqual({ previous: '25000.00', current: '80000.00', delta: '55000.00', relative: '2.2000' });
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { maxLength: 50 }), (cents) => {
        const text = cents.map((c) => formatDecimal(c, 2));
        expect(parseDecimal(sumDecimals(text, 2, 'half-up'), 2, 'half-up')).toBe(cents.reduce((a, b) => a + b, 0n));
      }),
    );
    expect(compareDecimals('1.5', '1.50')).toBe(0);
    expect(compareDecimals('-0.01', '0')).toBe(-1);
  });
});

describe('periods', () => {
  it('buckets months and quarters in UTC and lists ranges', () => {
    expect(periodOf(new Date('2026-03-31T23:59:59Z'), 'quarter').key).toBe('2026-Q1');
    expect(periodOf(new Date('2026-04-01T00:00:00Z'), 'quarter').key).toBe('2026-Q2');
    expect(shiftPeriod(periodOf(d('2026-01-15'), 'quarter'), 'quarter', -1).key).toBe('2025-Q4');
    expect(shiftPeriod(periodOf(d('2026-01-15'), 'month'), 'month', -1).key).toBe('2025-12');
    expect(periodsBetween(d('2025-11-20'), d('2026-02-01'), 'month').map((p) => p.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(() => periodsBetween(d('2026-02-01'), d('2026-01-01'), 'month')).toThrow(RangeError);
  });

  it('computes ISO weeks, including year boundaries', () => {
    expect(isoWeekOf(d('2026-03-18')).key).toBe('2026-W12');
    expect(isoWeekOf(d('2026-03-16')).start.toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(isoWeekOf(d('2026-03-22')).key).toBe('2026-W12'); // Sunday
    expect(isoWeekOf(d('2021-01-03')).key).toBe('2020-W53');
    expect(isoWeekOf(d('2026-12-31')).key).toBe('2026-W53');
    expect(isoWeekOf(d('2027-01-01')).key).toBe('2026-W53');
    expect(isoWeekOf(d('2025-12-29')).key).toBe('2026-W01');
  });

  it('parses dates strictly', () => {
    expect(parseDate('2026-02-28').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(() => parseDate('2026-02-30')).toThrow(/invalid date "2026-02-30"/);
    expect(() => parseDate('yesterday')).toThrow(RangeError);
  });
});

describe('CSV and tables', () => {
  it('quotes fields and defuses spreadsheet formulas in text columns', () => {
    expect(csvField('Acme, Inc.', true)).toBe('"Acme, Inc."');
    expect(csvField('say "hi"', true)).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")', true)).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-80000.00')).toBe('-80000.00');
    expect(csvField(null)).toBe('');
  });

  it('writes one line per row under the stable header', () => {
    const row = {
      groupKey: 'acme',
      groupLabel: 'Acme, Inc.',
      period: '2026-Q1',
      periodStart: '2026-01-01',
      periodEnd: '2026-04-01',
      sourcedPipeline: '80000.00',
      influencedPipeline: '0.00',
      involvedPipeline: '80000.00',
      sourcedRevenue: '100000.00',
      influencedRevenue: '20000.00',
      involvedRevenue: '100000.00',
      winRate: { involved: { won: 1, closed: 2, rate: '0.5000' }, other: { won: 0, closed: 0, rate: null } },
      velocity: { involved: { days: '40.0', deals: 1 }, other: { days: null, deals: 0 } },
      coverage: { opportunities: 8, withSignals: 3, rate: '0.3750' },
      roi: { investment: null, sourced: null, influenced: null, reason: 'no_investment' },
      expansion: { sourced: '0.00', influenced: '0.00', involvedRevenue: '0.00' },
      renewal: { sourced: '0.00', influenced: '0.00', involvedRevenue: '0.00' },
      timeToInsight: { p50Hours: '5.00', p90Hours: '10.00', samples: 2, stale: 1 },
      change: {
        previousPeriod: '2025-Q4',
        sourcedPipeline: change('25000.00', '80000.00'),
        influencedPipeline: change('0.00', '0.00'),
        sourcedRevenue: change('0.00', '100000.00'),
        influencedRevenue: change('0.00', '20000.00'),
        coverage: { previous: '1.0000', current: '0.3750', delta: '-0.6250' },
      },
      ruleVersions: [
        { id: 'a', version: 1, status: 'published', sourceHash: 'h' },
        { id: 'b', version: null, status: 'draft', sourceHash: 'h2' },
      ],
    };
    const card = {
      groupBy: 'partner',
      currency: 'EUR',
      rows: [row],
      selection: { ruleSetKey: 'default' },
      influenceAccuracy: [{ period: row.period, deals: 4, stood: 3, rate: '0.7500' }],
    } as unknown as Scorecard;
    const lines = scorecardToCsv(card).split('\r\n');
    expect(lines[0]).toBe(SCORECARD_CSV_HEADER.join(','));
    expect(lines[2]).toBe('');
    const cells = lines[1]!.replace('"Acme, Inc."', 'ACME').split(',');
    expect(cells).toHaveLength(SCORECARD_CSV_HEADER.length);
    const at = (name: (typeof SCORECARD_CSV_HEADER)[number]) => cells[SCORECARD_CSV_HEADER.indexOf(name)];
    expect(at('group_label')).toBe('ACME');
    expect(at('sourced_revenue')).toBe('100000.00');
    expect(at('win_rate_other')).toBe('');
    expect(at('roi_note')).toBe('no_investment');
    expect(at('sourced_pipeline_change')).toBe('55000.00');
    expect(at('coverage_change')).toBe('-0.6250');
    expect([at('influence_accuracy'), at('influence_accuracy_deals'), at('influence_accuracy_stood')]).toEqual(['0.7500', '4', '3']);
    expect(at('rule_versions')).toBe('v1;draft:b');
    expect(at('currency')).toBe('EUR');
  });

  it('renders aligned tables and percentages', () => {
    expect(percent('0.3750')).toBe('37.5%');
    expect(percent('1.0000')).toBe('100%');
    expect(percent('-0.6250')).toBe('-62.5%');
    expect(percent('0.0000')).toBe('0%');
    expect(percent(null)).toBeNull();
    expect(
      renderTable(
        [{ header: 'a' }, { header: 'n', align: 'right' }],
        [
          ['xx', 5],
          ['y', null],
        ],
      ),
    ).toBe('a   n\n--  -\nxx  5\ny   –');
  });
});
