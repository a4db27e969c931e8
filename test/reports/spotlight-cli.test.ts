// `attrib spotlight`: flags checked before the database opens, and the CSV
// contract (header exactly as documented, spreadsheet-safe unit cells).
import { describe, expect, it } from 'vitest';
import { parseSpotlightArgs, renderSpotlightTable } from '../../src/cli/commands/spotlight.js';
import { CliError } from '../../src/cli/command.js';
import { spotlightToCsv } from '../../src/reports/csv.js';
import type { SpotlightReport } from '../../src/reports/spotlight.js';

const report: SpotlightReport = {
  ruleSetKey: 'two_lane',
  lane: 'influence',
  model: 'markov order 1',
  by: 'partner',
  from: null,
  to: null,
  currency: 'USD',
  resamples: 200,
  seed: 1,
  sample: { journeys: 4, conversions: 3, value: '210000.00' },
  laneTotal: '115000.00',
  excluded: { untouched: 3, untouchedWon: 1, untouchedWonValue: '20000.00' },
  ruleVersions: [{ id: 'v', number: 1, hash: 'abcdef0123456789' }],
  rows: [
    {
      unit: '=cmd',
      ruleCredit: '35000.00',
      modelCredit: '60265.82',
      difference: '-25265.82',
      low: '40000.00',
      high: '70000.00',
      journeys: 2,
      conversions: 2,
      diverges: true,
    },
    {
      unit: 'beta, inc',
      ruleCredit: '80000.00',
      modelCredit: '54734.18',
      difference: '25265.82',
      low: '45000.00',
      high: '90000.00',
      journeys: 4,
      conversions: 3,
      diverges: false,
    },
  ],
  deals: [
    {
      opportunityId: 'o8',
      opportunityKey: 'O8',
      credit: '15000.00',
      disagreement: '7139.24',
      units: [
        { unit: 'beta, inc', ruleCredit: '0.00', modelCredit: '7139.24', difference: '-7139.24' },
        { unit: '=cmd', ruleCredit: '15000.00', modelCredit: '7860.76', difference: '7139.24' },
      ],
    },
  ],
};

describe('attrib spotlight', () => {
  it('parses every flag into the report input', () => {
    expect(
      parseSpotlightArgs([
        '--ruleset',
        'two_lane',
        '--model',
        'markov',
        '--order',
        '2',
        '--by',
        'partner_type',
        '--lane',
        'source',
        '--from',
        '2026-01-01',
        '--to',
        '2026-06-30',
        '--currency',
        'eur',
        '--resamples',
        '50',
        '--seed',
        '9',
        '--format',
        'csv',
      ]),
    ).toEqual({
      input: {
        ruleSetKey: 'two_lane',
        model: 'markov',
        order: 2,
        by: 'partner_type',
        lane: 'source',
        from: new Date('2026-01-01T00:00:00.000Z'),
        to: new Date('2026-06-30T00:00:00.000Z'),
        currency: 'eur',
        resamples: 50,
        seed: 9,
      },
      format: 'csv',
      databaseUrl: undefined,
    });
  });

  it('refuses bad flags with what to do', () => {
    const fails = (argv: string[], message: RegExp) => {
      expect(() => parseSpotlightArgs(argv)).toThrow(CliError);
      expect(() => parseSpotlightArgs(argv)).toThrow(message);
    };
    fails([], /--ruleset KEY is required/);
    fails(['--ruleset', 'x', '--model', 'neural'], /--model must be one of markov, shapley, heuristic/);
    fails(['--ruleset', 'x', '--by', 'region'], /--by must be one of partner, channel, action, partner_type/);
    fails(['--ruleset', 'x', '--model', 'shapley', '--order', '2'], /--order applies to --model markov only/);
    fails(['--ruleset', 'x', '--heuristic', 'first'], /--heuristic applies to --model heuristic only/);
    fails(['--ruleset', 'x', '--resamples', '1.5'], /--resamples must be a whole number/);
    fails(['--ruleset', 'x', '--from', '2026-13-01'], /is not a date/);
  });

  it('writes the documented CSV header and neutralises text cells', () => {
    const lines = spotlightToCsv(report).split('\r\n');
    expect(lines[0]).toBe('unit,rule_credit,model_credit,difference,low,high,journeys,conversions,diverges');
    expect(lines[1]).toBe("'=cmd,35000.00,60265.82,-25265.82,40000.00,70000.00,2,2,true");
    expect(lines[2]).toBe('"beta, inc",80000.00,54734.18,25265.82,45000.00,90000.00,4,3,false');
    expect(lines[3]).toBe('');
  });

  it('prints the sample, the rule versions and the spotlight caveat with the table', () => {
    const text = renderSpotlightTable(report);
    expect(text).toContain('rule versions: v1 (abcdef012345)');
    expect(text).toContain('Sample: 4 journeys, 3 won, value 210000.00');
    expect(text).toContain('1 of 2 diverge');
    expect(text).toContain('not a judge');
  });
});
