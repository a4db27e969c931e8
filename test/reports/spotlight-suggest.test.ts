// attrib spotlight suggest: weights from the model's credit per journey, a
// draft that checks and tests clean as written, and what it refuses.
import { describe, expect, it } from 'vitest';
import { checkRules, formatRules, runRuleTests } from '../../src/dsl/index.js';
import { DEFAULT_VOCABULARY } from '../../src/domain/taxonomy.js';
import type { SpotlightReport, SpotlightRow } from '../../src/reports/spotlight.js';
import { SuggestError, suggestRuleFile, suggestWeights } from '../../src/reports/spotlight-suggest.js';

const row = (unit: string, modelCredit: string, journeys: number): SpotlightRow => ({
  unit,
  ruleCredit: '0.00',
  modelCredit,
  difference: '0.00',
  low: modelCredit,
  high: modelCredit,
  journeys,
  conversions: 1,
  diverges: false,
});

function report(rows: SpotlightRow[], by: SpotlightReport['by'] = 'channel'): SpotlightReport {
  return {
    ruleSetKey: 'two_lane',
    lane: 'influence',
    model: 'markov order 1',
    by,
    from: null,
    to: null,
    currency: 'USD',
    resamples: 200,
    seed: 1,
    sample: { journeys: 10, conversions: 6, value: '100000.00' },
    laneTotal: '100000.00',
    excluded: { untouched: 0, untouchedWon: 0, untouchedWonValue: '0.00' },
    ruleVersions: [{ id: 'v', number: 3, hash: 'abcdef0123456789' }],
    rows,
    deals: [],
  };
}

describe('spotlight suggest', () => {
  // Σ credit 100,000.00 over Σ journeys 10 = 10,000 per journey on average.
  //   co_sell 60,000 / 4 = 15,000 → 1.50; content 10,000 / 4 = 2,500 → 0.25; referral 30,000 / 2 = 15,000 → 1.50.
  const rows = [row('co_sell', '60000.00', 4), row('content', '10000.00', 4), row('referral', '30000.00', 2)];

  it('weighs each unit by its model credit per journey relative to the average, heaviest first', () => {
    expect(suggestWeights(report(rows)).map((w) => [w.unit, w.weight])).toEqual([
      ['co_sell', '1.50'],
      ['referral', '1.50'],
      ['content', '0.25'],
    ]);
  });

  it('rounds half-up to two places', () => {
    // 1/3 of the credit on 1 of 2 journeys → (1/3) / (1/2) = 0.666… → 0.67; 2/3 on 1 → 1.333… → 1.33.
    expect(suggestWeights(report([row('a_one', '1.00', 1), row('b_two', '2.00', 1)])).map((w) => w.weight)).toEqual(['1.33', '0.67']);
  });

  it('writes a draft that names its source, checks clean, is formatted and passes its own test', () => {
    const { source } = suggestRuleFile(report(rows), { today: '2026-12-07', vocabulary: DEFAULT_VOCABULARY });
    expect(source).toContain('-- DRAFT suggested by `attrib spotlight suggest` on 2026-12-07. Not in effect');
    expect(source).toContain('rule set two_lane, influence lane (rule versions: v3 (abcdef012345))');
    expect(source).toContain('--   content 0.25: model credit 10000.00 (interval 10000.00 – 10000.00) over 4 journeys');
    expect(source).toContain('ruleset two_lane_suggested ');
    expect(source).toContain('    weight channel co_sell 1.50, referral 1.50, content 0.25\n');
    // Heaviest (co_sell 1.50) and lightest (content 0.25) share 10,000.00: 6/7 and 1/7.
    expect(source).toContain('expect partner acme amount 8571.43 in lane influence');
    expect(source).toContain('expect partner globex amount 1428.57 in lane influence');
    expect(checkRules(source).diagnostics).toEqual([]);
    expect(formatRules(source).text).toBe(source);
    const tests = runRuleTests(source);
    expect(tests.ok).toBe(true);
    expect(tests.results).toHaveLength(1);
  });

  it('by action, the other touch field comes from the taxonomy', () => {
    const { source } = suggestRuleFile(report([row('joint_discovery', '70000.00', 3), row('webinar', '30000.00', 7)], 'action'), {
      today: '2026-12-07',
      vocabulary: DEFAULT_VOCABULARY,
      ruleSetKey: 'action_weights',
    });
    expect(source).toContain('ruleset action_weights ');
    expect(source).toContain('weight action joint_discovery 2.33, webinar 0.43');
    expect(source).toContain('given touch t1 { partner acme action joint_discovery channel co_sell on 2026-02-01 }');
    expect(runRuleTests(source).ok).toBe(true);
  });

  it('refuses partners as a unit and a report without model credit', () => {
    expect(() => suggestRuleFile(report(rows, 'partner'), { today: '2026-12-07', vocabulary: DEFAULT_VOCABULARY })).toThrow(
      /by channel or action, not by partner/,
    );
    expect(() => suggestWeights(report([row('co_sell', '0.00', 3)]))).toThrow(SuggestError);
    expect(() => suggestWeights(report([]))).toThrow(/nothing to suggest/);
  });
});
