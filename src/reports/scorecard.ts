// Partner scorecards: the KPIs leadership uses to decide which partners and
// motions create revenue, computed from the credit allocations of one rule set.
//
// DEFINITIONS (also in the README). All periods are UTC months or quarters
// of the fiscal year (`fiscalYearStart`, src/reports/periods.ts); amounts are
// exact decimals in the reporting currency, summed in SQL numeric; ratios are
// decimal strings with 4 places (half-up); day counts have 1 place, hours 2.
//
// Currency: each credited deal's amounts are multiplied (numeric × numeric,
//   unrounded) by the rate of its close day (open deals: `asOf`, default
//   `to`), or the nearest earlier rate in fx_rate; exactly 1 in the reporting
//   currency. Each figure is rounded to cents once, after summing. An amount
//   entering a figure without a rate refuses the scorecard (FX_RATE_MISSING,
//   listing currency and day); investments convert at their period_start.
//
// Results used ("the selection"):
//   - default: the current allocations (is_current) of the rule set;
//   - ruleVersionId: that version's current allocations, or, when it has none
//     (a draft or preview), the allocations of its latest succeeded run;
//   - runId: exactly that run's allocations (e.g. a preview run).
//   Run the scorecard twice (published vs preview) to compare rule versions.
// Credited allocation: an allocation of the selection that names a partner
//   and whose role is not `unattributed` or `disputed` (disputed credit is on
//   hold until governance resolves it).
// Partner-involved opportunity (for a group): the group holds a credited
//   allocation with a non-zero amount on it. "Other" opportunities are those
//   on which no partner at all holds such credit (the same baseline for every
//   group).
// Group of an allocation: partner → its partner key; partner_type → the
//   partner's type; channel (motion) → the channel of the allocation's earliest
//   contributing touchpoint ("none" when it lists none), so every allocation
//   lands in exactly one channel and nothing is double counted; period → "all".
// Sourced / influenced pipeline: sum of credited amounts in the source /
//   influence lane on opportunities still open (the outcome of their stage is open),
//   in the period of the opportunity's created_at. `involvedPipeline` is the
//   open amount of the group's involved opportunities (each counted once).
// Sourced / influenced revenue: the same on won opportunities (a stage with outcome won), in the
//   period of closed_at. Lanes are never added together: each lane's figure is
//   at most `involvedRevenue` (the closed-won amount of the involved deals),
//   because a lane grants at most 100% of an opportunity.
// Win rate: won / (won + lost) among opportunities closed in the period,
//   involved vs other.
// Deal velocity: mean days from created_at to closed_at of the opportunities
//   won in the period, involved vs other.
// Coverage: opportunities created in the period with a partner signal from
//   the group / all opportunities created in the period. A signal is any
//   allocation of the selection naming a partner (any role, including
//   attached and disputed) or a live touchpoint logged on the opportunity.
// Partner ROI: sourced revenue / investment and influenced revenue /
//   investment, per lane (lanes are not added). Investment: PartnerInvestment
//   amounts whose period_start lies in the period (a quarterly investment
//   lands in its quarter's first month on a monthly scorecard). Null with a
//   reason when there is no investment, it is zero, or the grouping (channel)
//   has no investment.
// Expansion / renewal influence: sourced and influenced revenue on closed-won
//   opportunities of type expansion / renewal.
// Time-to-insight: per involved opportunity, hours from its event (closed_at
//   for closed deals, else its latest live touch) to the newest selected
//   allocation on it, for events in the period; p50 and p90 are nearest-rank
//   percentiles (observed values). Opportunities whose allocations predate the
//   event are counted as `stale` (not yet recomputed) instead.
// Change: each money figure and coverage vs the same group's previous period
//   (QoQ for quarters, MoM for months).
// Provenance: every row lists the rule versions whose allocations produced
//   it; the scorecard lists every version used.
//
// Modules: scorecard/types.ts (shapes), scorecard/selection.ts (which allocations,
// shared SQL), scorecard/queries.ts (the aggregates), scorecard/figures.ts (rows → figures).
import type { ReportDb } from './db.js';
import { queryInfluenceAccuracy } from './influence-accuracy.js';
import { isoDate, periodsBetween, shiftPeriod } from './periods.js';
import { changesBetween, currencyProvenance, figuresOf, refs } from './scorecard/figures.js';
import { loadVersions, queryBaseline, queryCoverage, queryFacts, queryInvestments } from './scorecard/queries.js';
import { fiscalStartOf, type Params, reportingCurrencyOf, resolveSelection, selectionCte, validateInput } from './scorecard/selection.js';
import type { Scorecard, ScorecardInput, ScorecardRow } from './scorecard/types.js';
import { queryRollupBaseline, queryRollupFacts } from './scorecard/rollup-queries.js';
import { queryRows } from './db.js';
import { ReportError } from './errors.js';
import type { ResolvedSelection } from './scorecard/selection.js';

export type {
  ScorecardGroupBy,
  ScorecardInput,
  FxConversion,
  RuleVersionRef,
  ScorecardSelection,
  RateFigure,
  VelocityFigure,
  LaneRevenue,
  ScorecardRow,
  Scorecard,
} from './scorecard/types.js';
export { SCORECARD_GROUP_BYS } from './scorecard/types.js';

/**
 * Whether the facts and the baseline come from report_rollup: the selection
 * is current credit and the rule set's rollup is built (report_rollup_state;
 * every write path keeps it from then on), unless `source: 'direct'`.
 */
async function readsRollup(db: ReportDb, resolved: ResolvedSelection, input: ScorecardInput): Promise<boolean> {
  if (input.source === 'direct') return false;
  const built =
    resolved.rollupCondition !== null &&
    (await queryRows(db, 'SELECT 1 FROM report_rollup_state WHERE rule_set_id = $1::uuid', [resolved.ruleSetId])).length > 0;
  if (!built && input.source === 'rollup') {
    throw new ReportError(
      'INVALID_INPUT',
      resolved.rollupCondition === null
        ? 'source "rollup" serves current credit only: a run (or a version scored through its latest run) reads the allocation rows; use source "direct".'
        : `the rule set "${input.ruleSetKey}" has no report rollup yet (its next run's switch builds it); use source "direct".`,
    );
  }
  return built;
}

export async function computeScorecard(db: ReportDb, input: ScorecardInput): Promise<Scorecard> {
  validateInput(input);
  const resolved = await resolveSelection(db, input);
  const fiscalYearStart = fiscalStartOf(input);
  const periods = periodsBetween(input.from, input.to, input.period, fiscalYearStart);
  const previous = shiftPeriod(periods[0]!, input.period, -1, fiscalYearStart);
  const range = { start: previous.start, end: periods[periods.length - 1]!.end };

  const rollup = await readsRollup(db, resolved, input);
  const [facts, baseline, coverage, investments, influenceAccuracy] = await Promise.all([
    rollup ? queryRollupFacts(db, resolved, input, range) : queryFacts(db, resolved, input, range),
    rollup ? queryRollupBaseline(db, resolved, input, range) : queryBaseline(db, resolved, input, range),
    queryCoverage(db, resolved, input, range),
    input.groupBy === 'channel' ? Promise.resolve([]) : queryInvestments(db, input, range),
    queryInfluenceAccuracy(db, (p) => selectionCte(p as Params, resolved), periods),
  ]);

  const versionIds = new Set<string>();
  for (const f of facts) for (const id of f.ruleVersionIds) versionIds.add(id);
  for (const b of baseline) for (const id of b.ruleVersionIds) versionIds.add(id);
  const versions = await loadVersions(db, [...versionIds]);

  const labels = new Map<string, string>();
  for (const r of [...facts, ...coverage.byGroup, ...investments]) {
    if (!labels.has(r.groupKey)) labels.set(r.groupKey, r.groupLabel);
  }
  if (input.groupBy === 'period') labels.set('all', 'All partners');

  const key = (g: string, p: string) => `${g}\u0000${p}`;
  const factsBy = new Map(facts.map((f) => [key(f.groupKey, f.period), f]));
  const coverageBy = new Map(coverage.byGroup.map((c) => [key(c.groupKey, c.period), c]));
  const investmentBy = new Map(investments.map((i) => [key(i.groupKey, i.period), i]));
  const baselineBy = new Map(baseline.map((b) => [b.period, b]));

  const rows: ScorecardRow[] = [];
  const groups = [...labels.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
  for (const [groupKey, groupLabel] of groups) {
    const figuresAt = (period: (typeof periods)[number]) =>
      figuresOf(
        input,
        groupKey,
        period,
        factsBy.get(key(groupKey, period.key)),
        coverageBy.get(key(groupKey, period.key)),
        coverage.totals.get(period.key) ?? 0,
        investmentBy.get(key(groupKey, period.key)),
        baselineBy.get(period.key),
      );
    let prior = figuresAt(previous);
    for (const period of periods) {
      const current = figuresAt(period);
      const ids = new Set([
        ...(factsBy.get(key(groupKey, period.key))?.ruleVersionIds ?? []),
        ...(baselineBy.get(period.key)?.ruleVersionIds ?? []),
      ]);
      rows.push({
        groupKey,
        groupLabel,
        ...current,
        change: changesBetween(prior, current, shiftPeriod(period, input.period, -1, fiscalYearStart).key),
        ruleVersions: refs(versions, ids),
      });
      prior = current;
    }
  }

  return {
    selection: resolved.selection,
    groupBy: input.groupBy,
    period: input.period,
    from: isoDate(input.from),
    to: isoDate(input.to),
    fiscalYearStart,
    currency: reportingCurrencyOf(input),
    provenance: { currency: currencyProvenance(reportingCurrencyOf(input), facts, investments) },
    periods: periods.map((p) => ({ key: p.key, start: isoDate(p.start), end: isoDate(p.end) })),
    rows,
    ruleVersions: [...versions.values()].sort((a, b) => (a.version ?? Infinity) - (b.version ?? Infinity) || a.id.localeCompare(b.id)),
    influenceAccuracy,
  };
}
