import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeScorecard, type Scorecard, type ScorecardRow } from '../../src/reports/scorecard.js';
import { compareScorecards, computeScorecardComparison } from '../../src/reports/compare.js';
import { compareDecimals } from '../../src/domain/decimal.js';
import { ReportError } from '../../src/reports/errors.js';
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

const range = { period: 'quarter' as const, from: at('2026-01-01'), to: at('2026-06-30') };

function row(card: Scorecard, group: string, period: string): ScorecardRow {
  const r = card.rows.find((x) => x.groupKey === group && x.period === period);
  if (!r) throw new Error(`no row ${group} ${period}; rows: ${card.rows.map((x) => `${x.groupKey}/${x.period}`).join(', ')}`);
  return r;
}

describeDatabase('scorecard', () => {
  it('scores partners per quarter against hand-computed figures', async () => {
    const card = await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'partner', ...range });
    expect(card.periods.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2']);
    expect(card.selection).toMatchObject({ kind: 'current', ruleSetKey: 'default' });
    expect(card.rows.map((r) => `${r.groupKey}/${r.period}`)).toEqual([
      'acme/2026-Q1',
      'acme/2026-Q2',
      'beta/2026-Q1',
      'beta/2026-Q2',
      'gamma/2026-Q1',
      'gamma/2026-Q2',
    ]);

    const acme = row(card, 'acme', '2026-Q1');
    expect(acme.groupLabel).toBe('Acme SI');
    // Open deals created in Q1 credited to acme: O6 source 80000 (O9 was created in Q4 2025).
    expect(acme.sourcedPipeline).toBe('80000.00');
    expect(acme.influencedPipeline).toBe('0.00');
    expect(acme.involvedPipeline).toBe('80000.00');
    // Won in Q1: O1 source 100000, influence 20000 (the non-current older run is ignored).
    expect(acme.sourcedRevenue).toBe('100000.00');
    expect(acme.influencedRevenue).toBe('20000.00');
    expect(acme.involvedRevenue).toBe('100000.00');
    // Closed in Q1 with acme credit: O1 won, O3 lost → 1/2.
    expect(acme.winRate.involved).toEqual({ won: 1, closed: 2, rate: '0.5000' });
    // No partner credit, closed in Q1: O4 won, O5 lost, O11 lost → 1/3 (alt rule set's credit on O4 ignored).
    expect(acme.winRate.other).toEqual({ won: 1, closed: 3, rate: '0.3333' });
    // O1: Jan 10 → Feb 19 = 40 days; other: O4 Jan 1 → Jan 21 = 20 days.
    expect(acme.velocity).toEqual({ involved: { days: '40.0', deals: 1 }, other: { days: '20.0', deals: 1 } });
    // Created in Q1: O1 O2 O3 O4 O5 O6 O7 O11 = 8; acme signals on O1, O3, O6 → 3/8.
    expect(acme.coverage).toEqual({ opportunities: 8, withSignals: 3, rate: '0.3750' });
    // Investment Q1 50000 + 10000 = 60000: 100000/60000 = 1.6667, 20000/60000 = 0.3333.
    expect(acme.roi).toEqual({ investment: '60000.00', sourced: '1.6667', influenced: '0.3333', reason: null });
    expect(acme.expansion).toEqual({ sourced: '0.00', influenced: '0.00', involvedRevenue: '0.00' });
    // O1 closed Feb 19 00:00, allocated 10:00 → 10 h; O3 closed Mar 1 00:00, allocated 05:00 → 5 h;
    // O6 touched Mar 10 after its allocations of Feb 21 → stale. Nearest rank of [5, 10]: p50 5, p90 10.
    expect(acme.timeToInsight).toEqual({ p50Hours: '5.00', p90Hours: '10.00', samples: 2, stale: 1 });
    // QoQ vs Q4 2025: pipeline 25000 (O9) → 80000: +55000 = +220 %; revenue 0 → 100000 (relative undefined).
    expect(acme.change.previousPeriod).toBe('2025-Q4');
    expect(acme.change.sourcedPipeline).toEqual({ previous: '25000.00', current: '80000.00', delta: '55000.00', relative: '2.2000' });
    expect(acme.change.sourcedRevenue).toEqual({ previous: '0.00', current: '100000.00', delta: '100000.00', relative: null });
    // Coverage Q4 2025: O9 is the only deal created, acme signal → 1.0000; now 0.3750 → −0.6250.
    expect(acme.change.coverage).toEqual({ previous: '1.0000', current: '0.3750', delta: '-0.6250' });
    expect(acme.ruleVersions.map((v) => [v.version, v.status, v.sourceHash])).toEqual([[1, 'published', 'hash-v1']]);

    const acmeQ2 = row(card, 'acme', '2026-Q2');
    // O8 (renewal, 60000, won May 2) gives acme influence 15000.
    expect(acmeQ2.influencedRevenue).toBe('15000.00');
    expect(acmeQ2.sourcedRevenue).toBe('0.00');
    expect(acmeQ2.involvedRevenue).toBe('60000.00');
    expect(acmeQ2.renewal).toEqual({ sourced: '0.00', influenced: '15000.00', involvedRevenue: '60000.00' });
    expect(acmeQ2.winRate.involved.rate).toBe('1.0000');
    // Nothing without partner credit closed in Q2.
    expect(acmeQ2.winRate.other).toEqual({ won: 0, closed: 0, rate: null });
    expect(acmeQ2.velocity.involved.days).toBe('30.0'); // Apr 2 → May 2
    expect(acmeQ2.coverage).toEqual({ opportunities: 2, withSignals: 1, rate: '0.5000' }); // O8, O10
    expect(acmeQ2.roi).toEqual({ investment: null, sourced: null, influenced: null, reason: 'no_investment' });
    expect(acmeQ2.timeToInsight).toEqual({ p50Hours: '36.00', p90Hours: '36.00', samples: 1, stale: 0 }); // May 2 → May 3 12:00
    expect(acmeQ2.change.sourcedPipeline).toEqual({ previous: '80000.00', current: '0.00', delta: '-80000.00', relative: '-1.0000' });

    const beta = row(card, 'beta', '2026-Q1');
    // O7's credit is disputed: on hold, so no pipeline.
    expect(beta.sourcedPipeline).toBe('0.00');
    expect(beta.influencedPipeline).toBe('0.00');
    // O1 influence 30000 + O2 influence 50000.
    expect(beta.influencedRevenue).toBe('80000.00');
    expect(beta.involvedRevenue).toBe('150000.00');
    expect(beta.expansion).toEqual({ sourced: '0.00', influenced: '50000.00', involvedRevenue: '50000.00' });
    expect(beta.velocity.involved).toEqual({ days: '50.0', deals: 2 }); // (40 + 60) / 2
    // Signals: O1, O2, O7 (disputed allocation + touch), O5 (touch only) → 4/8.
    expect(beta.coverage.rate).toBe('0.5000');
    expect(beta.timeToInsight).toMatchObject({ p50Hours: '10.00', p90Hours: '24.00', samples: 2 }); // O1 10 h, O2 24 h
    const betaQ2 = row(card, 'beta', '2026-Q2');
    // O8 source 60000 against 20000 invested: 3.0000; influence 0 → 0.0000.
    expect(betaQ2.roi).toEqual({ investment: '20000.00', sourced: '3.0000', influenced: '0.0000', reason: null });

    const gamma = row(card, 'gamma', '2026-Q1');
    // Attached with zero credit: a signal (coverage 1/8) but not involved.
    expect(gamma.coverage.rate).toBe('0.1250');
    expect(gamma.winRate.involved.closed).toBe(0);
    expect(gamma.influencedPipeline).toBe('0.00');
    expect(gamma.involvedPipeline).toBe('0.00');
  });

  it('totals per period never exceed the revenue, and lanes stay separate', async () => {
    const card = await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'period', ...range });
    expect(card.rows.map((r) => r.groupKey)).toEqual(['all', 'all']);
    const q1 = row(card, 'all', '2026-Q1');
    // Won in Q1: O1 (source 100000; influence 20000 + 30000) and O2 (influence 50000; source unattributed).
    expect(q1.sourcedRevenue).toBe('100000.00');
    expect(q1.influencedRevenue).toBe('100000.00');
    expect(q1.involvedRevenue).toBe('150000.00');
    expect(q1.sourcedPipeline).toBe('80000.00');
    expect(q1.winRate.involved).toEqual({ won: 2, closed: 3, rate: '0.6667' }); // O1, O2 won; O3 lost
    expect(q1.velocity.involved.days).toBe('50.0');
    // Signals on O1, O2, O3, O5, O6, O7 of 8 created.
    expect(q1.coverage).toEqual({ opportunities: 8, withSignals: 6, rate: '0.7500' });
    // All Q1 investment 60000: 100000 / 60000 per lane.
    expect(q1.roi).toEqual({ investment: '60000.00', sourced: '1.6667', influenced: '1.6667', reason: null });
    // Samples 5 (O3), 10 (O1), 24 (O2): p50 = 10, p90 = 24; O6 stale.
    expect(q1.timeToInsight).toEqual({ p50Hours: '10.00', p90Hours: '24.00', samples: 3, stale: 1 });
    for (const r of card.rows) {
      expect(compareDecimals(r.sourcedRevenue, r.involvedRevenue)).toBeLessThanOrEqual(0);
      expect(compareDecimals(r.influencedRevenue, r.involvedRevenue)).toBeLessThanOrEqual(0);
      expect(compareDecimals(r.sourcedPipeline, r.involvedPipeline)).toBeLessThanOrEqual(0);
    }
  });

  it('puts each allocation in exactly one channel (sums match the period totals)', async () => {
    const card = await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'channel', ...range });
    const q1 = card.rows.filter((r) => r.period === '2026-Q1');
    const pick = (k: string) => q1.find((r) => r.groupKey === k);
    expect(pick('co_sell')?.sourcedRevenue).toBe('100000.00'); // O1 source via t1
    expect(pick('services')?.influencedRevenue).toBe('20000.00'); // O1 acme influence via t3
    expect(pick('content')?.influencedRevenue).toBe('30000.00'); // O1 beta influence via t2
    expect(pick('marketplace')?.influencedRevenue).toBe('50000.00'); // O2 via t7
    expect(pick('none')?.winRate.involved).toEqual({ won: 0, closed: 1, rate: '0.0000' }); // O3, no touches listed
    const totalInfluence = q1.reduce((s, r) => s + BigInt(r.influencedRevenue.replace('.', '')), 0n);
    expect(totalInfluence).toBe(10000000n); // 100000.00, the period total: nothing counted twice
    expect(pick('co_sell')?.roi.reason).toBe('not_applicable');
  });

  it('groups by partner type', async () => {
    const card = await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'partner_type', ...range });
    expect(row(card, 'referral', '2026-Q1').influencedRevenue).toBe('80000.00');
    expect(row(card, 'system_integrator', '2026-Q1').sourcedRevenue).toBe('100000.00');
    expect(row(card, 'system_integrator', '2026-Q1').roi.investment).toBe('60000.00');
    expect(row(card, 'technology', '2026-Q1').coverage.withSignals).toBe(1);
  });

  it('scores a preview run and the draft version for comparison with the published results', async () => {
    const byRun = await computeScorecard(db, { ruleSetKey: 'default', runId: fx.runPreview, groupBy: 'partner', ...range });
    expect(byRun.selection).toMatchObject({ kind: 'run', runId: fx.runPreview, ruleVersionId: fx.v2 });
    // The preview credits only O1, all to beta as source.
    expect(row(byRun, 'beta', '2026-Q1').sourcedRevenue).toBe('100000.00');
    expect(byRun.rows.some((r) => r.groupKey === 'acme' && r.sourcedRevenue !== '0.00')).toBe(false);
    expect(byRun.ruleVersions).toEqual([{ id: fx.v2, version: null, status: 'draft', sourceHash: 'hash-v2' }]);

    const byVersion = await computeScorecard(db, { ruleSetKey: 'default', ruleVersionId: fx.v2, groupBy: 'period', ...range });
    expect(byVersion.selection).toMatchObject({ kind: 'rule_version', runId: fx.runPreview });
    expect(row(byVersion, 'all', '2026-Q1').sourcedRevenue).toBe('100000.00');
    expect(row(byVersion, 'all', '2026-Q1').influencedRevenue).toBe('0.00');

    const published = await computeScorecard(db, { ruleSetKey: 'default', ruleVersionId: fx.v1, groupBy: 'period', ...range });
    expect(row(published, 'all', '2026-Q1').influencedRevenue).toBe('100000.00');
  });

  it('compares the published results with a preview, row by row', async () => {
    const cmp = await computeScorecardComparison(db, { ruleSetKey: 'default', groupBy: 'partner', ...range }, { runId: fx.runPreview });
    expect(cmp.base.kind).toBe('current');
    expect(cmp.candidate).toMatchObject({ kind: 'run', runId: fx.runPreview });
    expect(cmp.candidateRuleVersions.map((v) => v.status)).toEqual(['draft']);
    const at = (g: string, p: string) => cmp.rows.find((r) => r.groupKey === g && r.period === p)!;
    // Published: acme sources O1 (100000); the preview credits beta instead.
    expect(at('acme', '2026-Q1').sourcedRevenue).toEqual({
      base: '100000.00',
      candidate: '0.00',
      delta: '-100000.00',
      relative: '-1.0000',
    });
    expect(at('beta', '2026-Q1').sourcedRevenue).toEqual({ base: '0.00', candidate: '100000.00', delta: '100000.00', relative: null });
    expect(at('beta', '2026-Q1').influencedRevenue.delta).toBe('-80000.00'); // the preview has no influence credit
    expect(at('acme', '2026-Q1').changed).toBe(true);
    const same = compareScorecards(
      await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'period', ...range }),
      await computeScorecard(db, { ruleSetKey: 'default', ruleVersionId: fx.v1, groupBy: 'period', ...range }),
    );
    expect(same.rows.every((r) => !r.changed)).toBe(true);
    await expect(computeScorecardComparison(db, { ruleSetKey: 'default', groupBy: 'partner', ...range }, {})).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('reports months with month-over-month change', async () => {
    const card = await computeScorecard(db, {
      ruleSetKey: 'default',
      groupBy: 'period',
      period: 'month',
      from: at('2026-02-01'),
      to: at('2026-03-31'),
    });
    expect(card.periods.map((p) => p.key)).toEqual(['2026-02', '2026-03']);
    const feb = row(card, 'all', '2026-02');
    expect(feb.sourcedRevenue).toBe('100000.00'); // O1 won Feb 19
    expect(feb.change.previousPeriod).toBe('2026-01');
    // O6 (created Feb, open) is February pipeline; January had none.
    expect(feb.change.sourcedPipeline).toEqual({ previous: '0.00', current: '80000.00', delta: '80000.00', relative: null });
    const mar = row(card, 'all', '2026-03');
    expect(mar.influencedRevenue).toBe('50000.00'); // O2 won Mar 16
    // Quarterly investments land in the quarter's first month.
    expect(mar.roi.reason).toBe('no_investment');
  });

  it('rejects bad input with typed errors', async () => {
    const base = { groupBy: 'partner' as const, ...range };
    await expect(computeScorecard(db, { ruleSetKey: 'nope', ...base })).rejects.toMatchObject({ code: 'RULE_SET_NOT_FOUND' });
    await expect(
      computeScorecard(db, { ruleSetKey: 'default', runId: '00000000-0000-0000-0000-000000000000', ...base }),
    ).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(computeScorecard(db, { ruleSetKey: 'default', ruleVersionId: fx.altV1, ...base })).rejects.toMatchObject({
      code: 'RULE_VERSION_NOT_FOUND',
    });
    await expect(
      computeScorecard(db, { ruleSetKey: 'default', ...base, from: at('2026-05-01'), to: at('2026-01-01') }),
    ).rejects.toBeInstanceOf(ReportError);
    await expect(computeScorecard(db, { ruleSetKey: 'default', ...base, groupBy: 'region' as never })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
