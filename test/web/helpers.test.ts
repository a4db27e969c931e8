// The web app's pure helpers, without a browser: exact decimal sums and
// comparisons, the CSV filter behind "Download CSV (this table)", and the
// methodology in plain language read from the standard rule files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDecimal, sumDecimals } from '../../web/src/decimal.js';
import { filterCsv, splitFields, splitRecords } from '../../web/src/csv.js';
import { describeMethodology } from '../../web/src/methodology.js';

describe('web decimals', () => {
  it('sums money exactly (no float drift) and keeps the sign', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(sumDecimals(['911500.00', '-1000.55', '0.05'])).toBe('910499.50');
    expect(sumDecimals([])).toBe('0.00');
    expect(sumDecimals(['-0.30', '0.10'])).toBe('-0.20');
    expect(sumDecimals(['99999999999999999.99', '0.01'])).toBe('100000000000000000.00');
  });

  it('compares decimal strings by value', () => {
    expect(compareDecimal('10.00', '9.99')).toBe(1);
    expect(compareDecimal('0.4125', '0.41250')).toBe(0);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal(null, '0')).toBe(-1);
    expect(compareDecimal('0', undefined)).toBe(1);
    expect(() => compareDecimal('1e3', '0')).toThrow(/not a decimal/);
  });
});

describe('web CSV filter', () => {
  const csv =
    'group_key,group_label,period,amount\r\np1,"Acme, Inc.",2026-Q1,10.00\r\np1,"Acme, Inc.",2026-Q2,11.00\r\np2,"He said ""hi""\nthere",2026-Q2,12.00\r\n';

  it('splits records and fields with quotes, commas and newlines inside cells', () => {
    const records = splitRecords(csv);
    expect(records).toHaveLength(4);
    expect(splitFields(records[3]!)).toEqual(['p2', 'He said "hi"\nthere', '2026-Q2', '12.00']);
  });

  it('keeps the header and the records of the periods on screen, verbatim, with the same line ends', () => {
    expect(filterCsv(csv, 'period', new Set(['2026-Q2']))).toBe(
      'group_key,group_label,period,amount\r\np1,"Acme, Inc.",2026-Q2,11.00\r\np2,"He said ""hi""\nthere",2026-Q2,12.00\r\n',
    );
    expect(filterCsv(csv, 'period', new Set(['2025-Q4']))).toBe('group_key,group_label,period,amount\r\n');
    expect(filterCsv('a,b\n1,2\n', 'b', new Set(['2']))).toBe('a,b\n1,2\n');
  });
});

describe('the methodology in plain language', () => {
  it('reads the two-lane model: description, lanes, rules in order with their roles, credit models and notes', () => {
    const m = describeMethodology(readFileSync('dsl/two_lane.attr', 'utf8'));
    expect(m.title).toBe('Two-lane partner attribution');
    expect(m.description).toMatch(/^Sourced needs proof/);
    expect(m.intro[0]).toMatch(/^The two-lane partner attribution model\./);
    expect(m.lanes.map((l) => l.name)).toEqual(['source', 'influence']);
    const [source, influence] = m.lanes;
    expect(source!.hitPolicy).toMatch(/first rule, top to bottom/);
    expect(source!.rules[0]).toMatchObject({
      name: 'Registered referral with proof',
      when: 'early_origin and proof is present',
      role: 'sourced',
      credit: 'all of it to the earliest counting touch',
    });
    expect(source!.rules[1]).toMatchObject({
      name: 'Origin without proof',
      role: 'disputed',
      credit: 'no credit (the deal is held for review)',
    });
    expect(source!.rules[1]!.note).toMatch(/weekly hygiene review/);
    expect(influence!.hitPolicy).toMatch(/lowest priority number/);
    expect(influence!.rules[0]).toMatchObject({
      name: 'Late-stage motion',
      priority: '1',
      credit: 'split equally across the counting touches',
    });
    expect(m.definitions.find((d) => d.name === 'early_origin')).toMatchObject({
      means: 'action in [referral, deal_registration] and no later than 30 days after created',
      note: expect.stringMatching(/^An origin action/),
    });
  });

  it('describes every rule file of the standard library without failing', () => {
    for (const file of ['dsl/two_lane.attr', 'dsl/ecosystem_channels.attr']) {
      const m = describeMethodology(readFileSync(file, 'utf8'));
      expect(m.lanes.length, file).toBeGreaterThan(0);
      for (const lane of m.lanes) expect(lane.rules.length + (lane.fallback ? 1 : 0), `${file} ${lane.name}`).toBeGreaterThan(0);
    }
  });

  it('still answers for a broken draft (the parser never throws)', () => {
    const m = describeMethodology('ruleset x "X"\nlane source grants 100% {\n  rule "half" when action in [\n');
    expect(m.title).toBe('X');
  });
});
