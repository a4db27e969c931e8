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
import type { ReportDb } from './db.js';
import { asCount, asDate, queryRows } from './db.js';
import { quotient, subtractDecimals } from '../domain/decimal.js';
import { type Change, change } from './change.js';
import { queryInfluenceAccuracy, type InfluenceAccuracyFigure } from './influence-accuracy.js';
import { ReportError, type MissingFxRate } from './errors.js';
import type { Period, PeriodUnit } from './periods.js';
import { isoDate, periodOf, periodsBetween, shiftPeriod } from './periods.js';

export type ScorecardGroupBy = 'partner' | 'partner_type' | 'channel' | 'period';
export const SCORECARD_GROUP_BYS: readonly ScorecardGroupBy[] = ['partner', 'partner_type', 'channel', 'period'];

export interface ScorecardInput {
  ruleSetKey: string;
  /** Score this rule version's results instead of the current ones. */
  ruleVersionId?: string;
  /** Score exactly this run's allocations (e.g. a preview run). */
  runId?: string;
  groupBy: ScorecardGroupBy;
  period: PeriodUnit;
  /** First day (inclusive); the scorecard covers every period touching [from, to]. */
  from: Date;
  /** Last day (inclusive). */
  to: Date;
  /** The month (1–12) the fiscal year starts in; quarters follow it (default 1: calendar quarters). */
  fiscalYearStart?: number;
  /** ISO 4217 code every money figure is converted to (default USD; ATTRIB_REPORTING_CURRENCY at the edges). */
  reportingCurrency?: string;
  /** Open deals convert at this day's rate (default: `to`). */
  asOf?: Date;
}

/** Deals (and investments) of one currency converted to the reporting currency, and the days of the rates used. */
export interface FxConversion {
  currency: string;
  opportunities: number;
  investments: number;
  /** Earliest and latest day of the rates used (a rate applies from its day until the next one). */
  firstRateDate: string;
  lastRateDate: string;
}

export interface CurrencyProvenance {
  /** The reporting currency every money figure is in. */
  reporting: string;
  /** What was converted, per currency (none when every amount is in the reporting currency). */
  converted: FxConversion[];
}

export interface RuleVersionRef {
  id: string;
  /** null for a draft version (preview). */
  version: number | null;
  status: string;
  sourceHash: string;
}

export interface ScorecardSelection {
  kind: 'current' | 'rule_version' | 'run';
  ruleSetKey: string;
  ruleVersionId: string | null;
  runId: string | null;
}

export interface RateFigure {
  won: number;
  closed: number;
  /** won / closed, 4 places; null when nothing closed. */
  rate: string | null;
}

export interface VelocityFigure {
  /** Mean days created → closed over won deals, 1 place; null without won deals. */
  days: string | null;
  deals: number;
}

export interface LaneRevenue {
  sourced: string;
  influenced: string;
  /** Closed-won amount of the involved opportunities (each once). */
  involvedRevenue: string;
}

export interface RoiFigure {
  /** Sum of the period's investments; null when none is recorded. */
  investment: string | null;
  /** sourced revenue / investment, 4 places. */
  sourced: string | null;
  /** influenced revenue / investment, 4 places. */
  influenced: string | null;
  /** Why the ROI is null: no_investment, zero_investment, not_applicable. */
  reason: string | null;
}

export interface TimeToInsightFigure {
  p50Hours: string | null;
  p90Hours: string | null;
  samples: number;
  /** Involved opportunities whose allocations predate their latest event. */
  stale: number;
}

export interface ScorecardChanges {
  /** The previous period's key ("2026-Q1"). */
  previousPeriod: string;
  sourcedPipeline: Change;
  influencedPipeline: Change;
  sourcedRevenue: Change;
  influencedRevenue: Change;
  /** Coverage change in ratio points (4 places); null when either side has no opportunities. */
  coverage: { previous: string | null; current: string | null; delta: string | null };
}

export interface ScorecardRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  sourcedPipeline: string;
  influencedPipeline: string;
  involvedPipeline: string;
  sourcedRevenue: string;
  influencedRevenue: string;
  involvedRevenue: string;
  winRate: { involved: RateFigure; other: RateFigure };
  velocity: { involved: VelocityFigure; other: VelocityFigure };
  coverage: { opportunities: number; withSignals: number; rate: string | null };
  roi: RoiFigure;
  expansion: LaneRevenue;
  renewal: LaneRevenue;
  timeToInsight: TimeToInsightFigure;
  change: ScorecardChanges;
  /** The rule versions whose allocations produced this row's figures. */
  ruleVersions: RuleVersionRef[];
}

export interface Scorecard {
  selection: ScorecardSelection;
  groupBy: ScorecardGroupBy;
  period: PeriodUnit;
  from: string;
  to: string;
  /** The month (1–12) the fiscal year starts in; quarters follow it. */
  fiscalYearStart: number;
  /** The reporting currency of every money figure (ISO 4217). */
  currency: string;
  provenance: { currency: CurrencyProvenance };
  periods: { key: string; start: string; end: string }[];
  rows: ScorecardRow[];
  /** Every rule version whose allocations the scorecard used. */
  ruleVersions: RuleVersionRef[];
  /** Per period: the share of partner-credited won deals whose credit stood (src/reports/influence-accuracy.ts). */
  influenceAccuracy: InfluenceAccuracyFigure[];
}

interface ResolvedSelection {
  selection: ScorecardSelection;
  ruleSetId: string;
  /** SQL condition over `ca` (credit_allocation) and its parameters. */
  condition: (p: Params) => string;
}

/** Positional SQL parameters. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const ZERO = '0.00';
const OPEN = `o.outcome = 'open'`;

export async function computeScorecard(db: ReportDb, input: ScorecardInput): Promise<Scorecard> {
  validateInput(input);
  const resolved = await resolveSelection(db, input);
  const fiscalYearStart = fiscalStartOf(input);
  const periods = periodsBetween(input.from, input.to, input.period, fiscalYearStart);
  const previous = shiftPeriod(periods[0]!, input.period, -1, fiscalYearStart);
  const range = { start: previous.start, end: periods[periods.length - 1]!.end };

  const [facts, baseline, coverage, investments, influenceAccuracy] = await Promise.all([
    queryFacts(db, resolved, input, range),
    queryBaseline(db, resolved, input, range),
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
    let prior = figuresOf(
      input,
      groupKey,
      previous,
      factsBy.get(key(groupKey, previous.key)),
      coverageBy.get(key(groupKey, previous.key)),
      coverage.totals.get(previous.key) ?? 0,
      investmentBy.get(key(groupKey, previous.key)),
      baselineBy.get(previous.key),
    );
    for (const period of periods) {
      const current = figuresOf(
        input,
        groupKey,
        period,
        factsBy.get(key(groupKey, period.key)),
        coverageBy.get(key(groupKey, period.key)),
        coverage.totals.get(period.key) ?? 0,
        investmentBy.get(key(groupKey, period.key)),
        baselineBy.get(period.key),
      );
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

function validateInput(input: ScorecardInput): void {
  if (!input.ruleSetKey) throw new ReportError('INVALID_INPUT', 'ruleSetKey is required: name the rule set to score, e.g. "default".');
  if (!['partner', 'partner_type', 'channel', 'period'].includes(input.groupBy)) {
    throw new ReportError('INVALID_INPUT', `groupBy "${String(input.groupBy)}" is not one of partner, partner_type, channel, period.`);
  }
  if (input.period !== 'month' && input.period !== 'quarter') {
    throw new ReportError('INVALID_INPUT', `period "${String(input.period)}" is not one of month, quarter.`);
  }
  if (
    !(input.from instanceof Date) ||
    Number.isNaN(input.from.getTime()) ||
    !(input.to instanceof Date) ||
    Number.isNaN(input.to.getTime())
  ) {
    throw new ReportError('INVALID_INPUT', 'from and to must be valid dates (YYYY-MM-DD).');
  }
  if (input.to.getTime() < input.from.getTime()) {
    throw new ReportError('INVALID_INPUT', `to (${isoDate(input.to)}) is before from (${isoDate(input.from)}); swap them.`);
  }
  if (
    input.fiscalYearStart !== undefined &&
    (!Number.isInteger(input.fiscalYearStart) || input.fiscalYearStart < 1 || input.fiscalYearStart > 12)
  ) {
    throw new ReportError(
      'INVALID_INPUT',
      `fiscalYearStart ${String(input.fiscalYearStart)} is not a month: use 1 (January) to 12 (December), see ATTRIB_FISCAL_YEAR_START.`,
    );
  }
  if (input.reportingCurrency !== undefined && !/^[A-Z]{3}$/.test(input.reportingCurrency)) {
    throw new ReportError(
      'INVALID_INPUT',
      `reportingCurrency "${input.reportingCurrency}" is not a 3-letter ISO 4217 code such as USD (ATTRIB_REPORTING_CURRENCY).`,
    );
  }
  if (input.asOf !== undefined && (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime()))) {
    throw new ReportError('INVALID_INPUT', 'asOf must be a valid date (YYYY-MM-DD).');
  }
  if (input.ruleVersionId && input.runId) {
    throw new ReportError('INVALID_INPUT', 'give either ruleVersionId or runId, not both: a run already names its rule version.');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolveSelection(db: ReportDb, input: ScorecardInput): Promise<ResolvedSelection> {
  const sets = await queryRows<{ id: string }>(db, 'SELECT id::text AS id FROM rule_set WHERE key = $1', [input.ruleSetKey]);
  const ruleSetId = sets[0]?.id;
  if (!ruleSetId) {
    throw new ReportError(
      'RULE_SET_NOT_FOUND',
      `rule set "${input.ruleSetKey}" does not exist; list rule sets with the ruleSets query or check the key.`,
    );
  }
  const base: ScorecardSelection = { kind: 'current', ruleSetKey: input.ruleSetKey, ruleVersionId: null, runId: null };

  if (input.runId) {
    const runs = UUID.test(input.runId)
      ? await queryRows<{ id: string; rule_version_id: string }>(
          db,
          `SELECT r.id::text AS id, r.rule_version_id::text AS rule_version_id FROM attribution_run r
        JOIN rule_version v ON v.id = r.rule_version_id WHERE r.id = $1::uuid AND v.rule_set_id = $2::uuid`,
          [input.runId, ruleSetId],
        )
      : [];
    const run = runs[0];
    if (!run) throw new ReportError('RUN_NOT_FOUND', `run ${input.runId} does not exist in rule set "${input.runId && input.ruleSetKey}".`);
    return {
      ruleSetId,
      selection: { ...base, kind: 'run', runId: run.id, ruleVersionId: run.rule_version_id },
      condition: (p) => `ca.run_id = ${p.add(run.id)}::uuid`,
    };
  }

  if (input.ruleVersionId) {
    const found = UUID.test(input.ruleVersionId)
      ? await queryRows<{ id: string; current: number; latest_run: string | null }>(
          db,
          `SELECT v.id::text AS id,
              (SELECT count(*)::int FROM credit_allocation ca WHERE ca.rule_version_id = v.id AND ca.is_current) AS current,
              (SELECT r.id::text FROM attribution_run r WHERE r.rule_version_id = v.id AND r.status = 'succeeded'
                ORDER BY r.finished_at DESC NULLS LAST, r.created_at DESC LIMIT 1) AS latest_run
         FROM rule_version v WHERE v.id = $1::uuid AND v.rule_set_id = $2::uuid`,
          [input.ruleVersionId, ruleSetId],
        )
      : [];
    const version = found[0];
    if (!version) {
      throw new ReportError(
        'RULE_VERSION_NOT_FOUND',
        `rule version ${input.ruleVersionId} does not exist in rule set "${input.ruleSetKey}".`,
      );
    }
    if (asCount(version.current) > 0) {
      return {
        ruleSetId,
        selection: { ...base, kind: 'rule_version', ruleVersionId: version.id },
        condition: (p) => `ca.is_current AND ca.rule_version_id = ${p.add(version.id)}::uuid`,
      };
    }
    const runId = version.latest_run;
    if (!runId) {
      throw new ReportError(
        'NO_RESULTS_FOR_VERSION',
        `rule version ${version.id} has no results yet: run a preview first (attrib run --preview) and score that run.`,
      );
    }
    return {
      ruleSetId,
      selection: { ...base, kind: 'rule_version', ruleVersionId: version.id, runId },
      condition: (p) => `ca.run_id = ${p.add(runId)}::uuid`,
    };
  }

  return { ruleSetId, selection: base, condition: () => 'ca.is_current' };
}

/** The selected allocations of the rule set, as a CTE named `sel`. */
function selectionCte(p: Params, resolved: ResolvedSelection): string {
  return `sel AS (
    SELECT ca.id, ca.opportunity_id, ca.partner_id, ca.lane::text AS lane, ca.role, ca.amount,
           ca.rule_version_id, ca.created_at, ca.contributing_touchpoint_ids
      FROM credit_allocation ca
      JOIN rule_version rv ON rv.id = ca.rule_version_id
     WHERE rv.rule_set_id = ${p.add(resolved.ruleSetId)}::uuid AND ${resolved.condition(p)}
  )`;
}

/** Group key and label of an allocation row `s` joined to `partner p`. */
function allocationGroup(groupBy: ScorecardGroupBy): { key: string; label: string; join: string } {
  switch (groupBy) {
    case 'partner':
      return { key: 'p.key', label: 'p.name', join: '' };
    case 'partner_type':
      return { key: 'p.type::text', label: 'p.type::text', join: '' };
    case 'channel':
      return {
        key: `COALESCE(ch.channel::text, 'none')`,
        label: `COALESCE(ch.channel::text, 'none')`,
        join: `LEFT JOIN LATERAL (SELECT t.channel FROM touchpoint t WHERE t.id = ANY(s.contributing_touchpoint_ids)
               ORDER BY t.occurred_at, t.id LIMIT 1) ch ON true`,
      };
    case 'period':
      return { key: `'all'`, label: `'All partners'`, join: '' };
  }
}

/**
 * Group key and label of a touchpoint row `t` joined to `partner p`, and the
 * touch columns the key depends on (`distinct`: coverage first reduces the
 * touches to distinct (those columns, opportunity) pairs on narrow ids).
 */
function touchGroup(groupBy: ScorecardGroupBy): { key: string; label: string; distinct: string } {
  switch (groupBy) {
    case 'partner':
      return { key: 'p.key', label: 'p.name', distinct: 't.partner_id' };
    case 'partner_type':
      return { key: 'p.type::text', label: 'p.type::text', distinct: 't.partner_id' };
    case 'channel':
      return { key: 't.channel::text', label: 't.channel::text', distinct: 't.partner_id, t.channel' };
    case 'period':
      return { key: `'all'`, label: `'All partners'`, distinct: 't.partner_id' };
  }
}

interface FactRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  sourcedPipeline: string;
  influencedPipeline: string;
  involvedPipeline: string;
  sourcedRevenue: string;
  influencedRevenue: string;
  involvedRevenue: string;
  expansion: LaneRevenue;
  renewal: LaneRevenue;
  closedInvolved: number;
  wonInvolved: number;
  velocityInvolved: string | null;
  p50: string | null;
  p90: string | null;
  ttiSamples: number;
  ttiStale: number;
  ruleVersionIds: string[];
  /** "currency day rate_day|- opportunity_id" of the converted deals (see queryFacts). */
  conversions: string[];
}

interface Range {
  start: Date;
  end: Date;
}

function reportingCurrencyOf(input: ScorecardInput): string {
  return input.reportingCurrency ?? 'USD';
}

interface Conversion {
  currency: string;
  day: string;
  rateDay: string | null;
  id: string;
}

function parseConversions(items: readonly string[]): Conversion[] {
  return items.map((item) => {
    const [currency, day, rateDay, id] = item.split(' ');
    return { currency: currency!, day: day!, rateDay: rateDay === '-' ? null : rateDay!, id: id! };
  });
}

/**
 * What the scorecard converted, per currency; throws FX_RATE_MISSING when any
 * amount that enters a figure has no rate on or before its day: a figure is
 * never computed with an amount dropped or taken at 1.
 */
function currencyProvenance(reporting: string, facts: readonly FactRow[], investments: readonly InvestmentRow[]): CurrencyProvenance {
  const deals = new Map<string, Conversion>();
  for (const f of facts) for (const c of parseConversions(f.conversions)) deals.set(c.id, c);
  const invested = new Map<string, Conversion>();
  for (const i of investments) for (const c of parseConversions(i.conversions)) invested.set(c.id, c);

  const missing = new Map<string, MissingFxRate>();
  const converted = new Map<string, FxConversion>();
  const note = (c: Conversion, kind: 'opportunities' | 'investments') => {
    if (c.rateDay === null) {
      const key = `${c.currency} ${c.day}`;
      const m = missing.get(key) ?? { currency: c.currency, date: c.day, opportunities: 0, investments: 0 };
      m[kind]++;
      missing.set(key, m);
      return;
    }
    const x = converted.get(c.currency) ?? {
      currency: c.currency,
      opportunities: 0,
      investments: 0,
      firstRateDate: c.rateDay,
      lastRateDate: c.rateDay,
    };
    x[kind]++;
    if (c.rateDay < x.firstRateDate) x.firstRateDate = c.rateDay;
    if (c.rateDay > x.lastRateDate) x.lastRateDate = c.rateDay;
    converted.set(c.currency, x);
  };
  for (const c of deals.values()) note(c, 'opportunities');
  for (const c of invested.values()) note(c, 'investments');

  if (missing.size > 0) {
    const list = [...missing.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
    const byCurrency = new Map<string, MissingFxRate[]>();
    for (const m of list) byCurrency.set(m.currency, [...(byCurrency.get(m.currency) ?? []), m]);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const parts = [...byCurrency.entries()].map(([currency, ms]) => {
      const deals = ms.reduce((n, m) => n + m.opportunities, 0);
      const inv = ms.reduce((n, m) => n + m.investments, 0);
      const what = [deals ? count(deals, 'deal') : '', inv ? count(inv, 'investment') : ''].filter(Boolean).join(' and ');
      return `${currency} on or before ${ms[0]!.date} (the earliest day lacking one; ${what})`;
    });
    throw new ReportError(
      'FX_RATE_MISSING',
      `no exchange rate to ${reporting} for ${parts.join(', ')}: every amount is converted to the reporting currency and none is dropped or taken at 1. ` +
        `Import the rates with attrib fx import FILE.csv (header currency,date,rate) or the importFxRates mutation, then score again; ` +
        `the hygiene check missing_fx_rate lists the deals.`,
      list,
    );
  }
  return { reporting, converted: [...converted.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

function fiscalStartOf(input: ScorecardInput): number {
  return input.fiscalYearStart ?? 1;
}

/**
 * SQL for the start (timestamptz) of the period containing a timestamptz
 * expression: the UTC month, or the quarter of the fiscal year (the
 * timestamp shifted back by the months the fiscal year starts late, truncated
 * to its calendar quarter, shifted forward again). Same periods as periodOf.
 */
function periodTrunc(p: Params, input: ScorecardInput): (ts: string) => string {
  const unit = p.add(input.period);
  const shift = `make_interval(months => ${p.add(fiscalStartOf(input) - 1)}::int)`;
  return (ts) => `((date_trunc(${unit}, ((${ts}) AT TIME ZONE 'UTC') - ${shift}) + ${shift}) AT TIME ZONE 'UTC')`;
}

async function queryFacts(db: ReportDb, resolved: ResolvedSelection, input: ScorecardInput, range: Range): Promise<FactRow[]> {
  const p = new Params();
  const g = allocationGroup(input.groupBy);
  const sel = selectionCte(p, resolved);
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rep = `${p.add(reportingCurrencyOf(input))}::text`;
  const asOf = p.add(isoDate(input.asOf ?? input.to));
  const money = (expr: string) => `COALESCE(${expr}, 0)::numeric(18,2)::text`;
  const sql = `
  WITH ${sel},
  credited AS (
    SELECT ${g.key} AS group_key, min(${g.label}) AS group_label, s.opportunity_id,
           sum(s.amount) FILTER (WHERE s.lane = 'source') AS src,
           sum(s.amount) FILTER (WHERE s.lane = 'influence') AS inf,
           bool_or(s.amount > 0) AS involved,
           max(s.created_at) AS alloc_at,
           string_agg(DISTINCT s.rule_version_id::text, ',') AS rvs
      FROM sel s JOIN partner p ON p.id = s.partner_id ${g.join}
     WHERE s.role NOT IN ('unattributed', 'disputed')
     GROUP BY 1, s.opportunity_id
  ),
  -- The event each involved deal's time-to-insight is measured from: its
  -- close, or (open deals) its latest live touch. Once per deal, joined (not
  -- a correlated subquery, which the planner repeated for every use of it).
  events AS (
    SELECT o.id, CASE WHEN o.outcome <> 'open' THEN o.closed_at ELSE lt.at END AS at
      FROM opportunity o
      LEFT JOIN LATERAL (
        SELECT max(t.occurred_at) AS at FROM touchpoint t WHERE t.opportunity_id = o.id AND t.deleted_at IS NULL
      ) lt ON ${OPEN}
     WHERE o.id IN (SELECT opportunity_id FROM credited WHERE involved)
  ),
  -- The exchange rate of each credited deal in the range (src/reports/README.md,
  -- Currencies): its own currency's rate on its close day (open deals: the
  -- as-of day), else the nearest earlier rate (one backward probe of
  -- fx_rate's primary key); exactly 1 in the reporting currency; NULL when no
  -- rate is on or before that day (the scorecard then refuses).
  fx AS (
    SELECT o.id, o.currency, rd.day, r.date AS rate_day,
           CASE WHEN o.currency = ${rep} THEN 1::numeric ELSE r.rate END AS rate
      FROM opportunity o
     CROSS JOIN LATERAL (
       SELECT CASE WHEN ${OPEN} OR o.closed_at IS NULL THEN ${asOf}::date ELSE (o.closed_at AT TIME ZONE 'UTC')::date END AS day
     ) rd
      LEFT JOIN LATERAL (
        SELECT f.rate, f.date FROM fx_rate f WHERE f.currency = o.currency AND f.date <= rd.day ORDER BY f.date DESC LIMIT 1
      ) r ON o.currency <> ${rep}
     WHERE o.id IN (SELECT opportunity_id FROM credited)
       AND CASE WHEN ${OPEN} THEN o.created_at ELSE o.closed_at END >= ${start}
       AND CASE WHEN ${OPEN} THEN o.created_at ELSE o.closed_at END < ${end}
  ),
  -- Money columns are converted per deal (numeric × numeric, unrounded) and
  -- rounded to cents once, at the end of each figure.
  facts AS (
    SELECT c.group_key, c.group_label, ${trunc(`o.created_at`)} AS period, 'pipeline' AS kind,
           c.src * fx.rate AS src, c.inf * fx.rate AS inf, c.involved, o.amount * fx.rate AS opp_amount, o.type::text AS type,
           NULL::boolean AS won, NULL::numeric AS days, NULL::numeric AS latency, c.rvs,
           o.id AS opp_id, fx.currency, fx.day, fx.rate_day, fx.rate IS NULL AS no_rate
      FROM credited c JOIN opportunity o ON o.id = c.opportunity_id JOIN fx ON fx.id = o.id
     WHERE ${OPEN} AND o.created_at >= ${start} AND o.created_at < ${end}
    UNION ALL
    SELECT c.group_key, c.group_label, ${trunc(`o.closed_at`)}, 'closed',
           c.src * fx.rate, c.inf * fx.rate, c.involved, o.amount * fx.rate, o.type::text,
           o.outcome = 'won', extract(epoch FROM (o.closed_at - o.created_at)) / 86400, NULL, c.rvs,
           o.id, fx.currency, fx.day, fx.rate_day, fx.rate IS NULL
      FROM credited c JOIN opportunity o ON o.id = c.opportunity_id JOIN fx ON fx.id = o.id
     WHERE o.outcome <> 'open' AND o.closed_at >= ${start} AND o.closed_at < ${end}
    UNION ALL
    SELECT c.group_key, c.group_label, ${trunc(`ev.at`)}, 'tti',
           NULL, NULL, c.involved, NULL, NULL, NULL, NULL,
           extract(epoch FROM (c.alloc_at - ev.at)) / 3600, c.rvs,
           NULL::uuid, NULL::text, NULL::date, NULL::date, false
      FROM credited c JOIN events ev ON ev.id = c.opportunity_id
     WHERE c.involved AND ev.at >= ${start} AND ev.at < ${end}
  )
  SELECT group_key, min(group_label) AS group_label, period,
    ${money(`sum(src) FILTER (WHERE kind = 'pipeline')`)} AS sourced_pipeline,
    ${money(`sum(inf) FILTER (WHERE kind = 'pipeline')`)} AS influenced_pipeline,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'pipeline' AND involved)`)} AS involved_pipeline,
    ${money(`sum(src) FILTER (WHERE kind = 'closed' AND won)`)} AS sourced_revenue,
    ${money(`sum(inf) FILTER (WHERE kind = 'closed' AND won)`)} AS influenced_revenue,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'closed' AND won AND involved)`)} AS involved_revenue,
    ${money(`sum(src) FILTER (WHERE kind = 'closed' AND won AND type = 'expansion')`)} AS expansion_sourced,
    ${money(`sum(inf) FILTER (WHERE kind = 'closed' AND won AND type = 'expansion')`)} AS expansion_influenced,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'closed' AND won AND involved AND type = 'expansion')`)} AS expansion_revenue,
    ${money(`sum(src) FILTER (WHERE kind = 'closed' AND won AND type = 'renewal')`)} AS renewal_sourced,
    ${money(`sum(inf) FILTER (WHERE kind = 'closed' AND won AND type = 'renewal')`)} AS renewal_influenced,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'closed' AND won AND involved AND type = 'renewal')`)} AS renewal_revenue,
    count(*) FILTER (WHERE kind = 'closed' AND involved)::int AS closed_involved,
    count(*) FILTER (WHERE kind = 'closed' AND involved AND won)::int AS won_involved,
    round(avg(days) FILTER (WHERE kind = 'closed' AND involved AND won), 1)::text AS velocity_involved,
    round(percentile_disc(0.5) WITHIN GROUP (ORDER BY latency) FILTER (WHERE kind = 'tti' AND latency >= 0), 2)::text AS p50,
    round(percentile_disc(0.9) WITHIN GROUP (ORDER BY latency) FILTER (WHERE kind = 'tti' AND latency >= 0), 2)::text AS p90,
    count(*) FILTER (WHERE kind = 'tti' AND latency >= 0)::int AS tti_samples,
    count(*) FILTER (WHERE kind = 'tti' AND latency < 0)::int AS tti_stale,
    string_agg(rvs, ',') AS rvs,
    -- Deals whose amount enters a figure (open, or won) in another currency:
    -- "currency day rate_day id" with the rate's day, or without one (missing).
    string_agg(DISTINCT currency || ' ' || day::text || ' ' || COALESCE(rate_day::text, '-') || ' ' || opp_id::text, ',')
      FILTER (WHERE currency <> ${rep} AND (kind = 'pipeline' OR (kind = 'closed' AND won))) AS conversions
  FROM facts GROUP BY group_key, period`;
  const rows = await queryRows<Record<string, unknown>>(db, sql, p.values);
  return rows.map((r) => ({
    groupKey: String(r.group_key),
    groupLabel: String(r.group_label),
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    sourcedPipeline: String(r.sourced_pipeline),
    influencedPipeline: String(r.influenced_pipeline),
    involvedPipeline: String(r.involved_pipeline),
    sourcedRevenue: String(r.sourced_revenue),
    influencedRevenue: String(r.influenced_revenue),
    involvedRevenue: String(r.involved_revenue),
    expansion: {
      sourced: String(r.expansion_sourced),
      influenced: String(r.expansion_influenced),
      involvedRevenue: String(r.expansion_revenue),
    },
    renewal: { sourced: String(r.renewal_sourced), influenced: String(r.renewal_influenced), involvedRevenue: String(r.renewal_revenue) },
    closedInvolved: asCount(r.closed_involved),
    wonInvolved: asCount(r.won_involved),
    velocityInvolved: r.velocity_involved === null ? null : String(r.velocity_involved),
    p50: r.p50 === null ? null : String(r.p50),
    p90: r.p90 === null ? null : String(r.p90),
    ttiSamples: asCount(r.tti_samples),
    ttiStale: asCount(r.tti_stale),
    ruleVersionIds: r.rvs ? [...new Set(String(r.rvs).split(','))] : [],
    conversions: r.conversions ? String(r.conversions).split(',') : [],
  }));
}

interface BaselineRow {
  period: string;
  closed: number;
  won: number;
  velocity: string | null;
  ruleVersionIds: string[];
}

/** Win rate and velocity of opportunities no partner holds credit on. */
async function queryBaseline(db: ReportDb, resolved: ResolvedSelection, input: ScorecardInput, range: Range): Promise<BaselineRow[]> {
  const p = new Params();
  const sel = selectionCte(p, resolved);
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    WITH ${sel},
    involved AS (
      SELECT DISTINCT opportunity_id FROM sel
       WHERE partner_id IS NOT NULL AND role NOT IN ('unattributed', 'disputed') AND amount > 0
    ),
    versions AS (SELECT opportunity_id, string_agg(DISTINCT rule_version_id::text, ',') AS rvs FROM sel GROUP BY 1)
    SELECT ${trunc(`o.closed_at`)} AS period,
           count(*)::int AS closed,
           count(*) FILTER (WHERE o.outcome = 'won')::int AS won,
           round(avg(extract(epoch FROM (o.closed_at - o.created_at)) / 86400) FILTER (WHERE o.outcome = 'won'), 1)::text AS velocity,
           string_agg(v.rvs, ',') AS rvs
      FROM opportunity o
      LEFT JOIN versions v ON v.opportunity_id = o.id
     WHERE o.outcome <> 'open' AND o.closed_at >= ${start} AND o.closed_at < ${end}
       AND NOT EXISTS (SELECT 1 FROM involved i WHERE i.opportunity_id = o.id)
     GROUP BY 1`,
    p.values,
  );
  return rows.map((r) => ({
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    closed: asCount(r.closed),
    won: asCount(r.won),
    velocity: r.velocity === null ? null : String(r.velocity),
    ruleVersionIds: r.rvs ? [...new Set(String(r.rvs).split(','))] : [],
  }));
}

interface CoverageRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  withSignals: number;
}

async function queryCoverage(
  db: ReportDb,
  resolved: ResolvedSelection,
  input: ScorecardInput,
  range: Range,
): Promise<{ byGroup: CoverageRow[]; totals: Map<string, number> }> {
  const p = new Params();
  const sel = selectionCte(p, resolved);
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const ga = allocationGroup(input.groupBy);
  const gt = touchGroup(input.groupBy);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    WITH ${sel},
    created AS (
      SELECT o.id, ${trunc(`o.created_at`)} AS period FROM opportunity o
       WHERE o.created_at >= ${start} AND o.created_at < ${end}
    ),
    signals AS (
      SELECT ${ga.key} AS group_key, ${ga.label} AS group_label, s.opportunity_id
        FROM sel s JOIN created c0 ON c0.id = s.opportunity_id JOIN partner p ON p.id = s.partner_id ${ga.join}
      UNION
      SELECT ${gt.key}, ${gt.label}, t.opportunity_id
        FROM (SELECT DISTINCT ${gt.distinct}, t.opportunity_id
                FROM touchpoint t JOIN created c1 ON c1.id = t.opportunity_id
               WHERE t.deleted_at IS NULL) t
        JOIN partner p ON p.id = t.partner_id
    )
    SELECT NULL AS group_key, NULL AS group_label, c.period, count(*)::int AS n FROM created c GROUP BY c.period
    UNION ALL
    SELECT s.group_key, min(s.group_label), c.period, count(DISTINCT c.id)::int
      FROM signals s JOIN created c ON c.id = s.opportunity_id
     GROUP BY s.group_key, c.period`,
    p.values,
  );
  const totals = new Map<string, number>();
  const byGroup: CoverageRow[] = [];
  for (const r of rows) {
    const period = periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key;
    if (r.group_key === null) totals.set(period, asCount(r.n));
    else byGroup.push({ groupKey: String(r.group_key), groupLabel: String(r.group_label), period, withSignals: asCount(r.n) });
  }
  return { byGroup, totals };
}

interface InvestmentRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  amount: string;
  /** "currency period_start rate_day|- investment_id" of the converted investments. */
  conversions: string[];
}

async function queryInvestments(db: ReportDb, input: ScorecardInput, range: Range): Promise<InvestmentRow[]> {
  const p = new Params();
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rep = `${p.add(reportingCurrencyOf(input))}::text`;
  const g = touchGroup(input.groupBy);
  // Each investment converts at the rate of its period_start (or the nearest earlier one).
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    SELECT ${g.key} AS group_key, min(${g.label}) AS group_label,
           ${trunc(`(i.period_start::timestamp AT TIME ZONE 'UTC')`)} AS period,
           sum(i.amount * r.rate)::numeric(18,2)::text AS amount,
           string_agg(DISTINCT i.currency || ' ' || i.period_start::text || ' ' || COALESCE(r.rate_day::text, '-') || ' ' || i.id::text, ',')
             FILTER (WHERE i.currency <> ${rep}) AS conversions
      FROM partner_investment i JOIN partner p ON p.id = i.partner_id
      LEFT JOIN LATERAL (
        SELECT f.rate, f.date AS rate_day FROM fx_rate f WHERE f.currency = i.currency AND f.date <= i.period_start ORDER BY f.date DESC LIMIT 1
      ) fr ON i.currency <> ${rep}
     CROSS JOIN LATERAL (SELECT CASE WHEN i.currency = ${rep} THEN 1::numeric ELSE fr.rate END AS rate, fr.rate_day) r
     WHERE (i.period_start::timestamp AT TIME ZONE 'UTC') >= ${start}
       AND (i.period_start::timestamp AT TIME ZONE 'UTC') < ${end}
     GROUP BY 1, 3`,
    p.values,
  );
  return rows.map((r) => ({
    groupKey: String(r.group_key),
    groupLabel: String(r.group_label),
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    amount: String(r.amount),
    conversions: r.conversions ? String(r.conversions).split(',') : [],
  }));
}

async function loadVersions(db: ReportDb, ids: string[]): Promise<Map<string, RuleVersionRef>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; version: number | null; status: string; source_hash: string }>(
    db,
    `SELECT id::text AS id, version, status::text AS status, source_hash FROM rule_version WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, version: r.version === null ? null : Number(r.version), status: r.status, sourceHash: r.source_hash },
    ]),
  );
}

function refs(versions: Map<string, RuleVersionRef>, ids: Iterable<string>): RuleVersionRef[] {
  const out: RuleVersionRef[] = [];
  for (const id of ids) {
    const v = versions.get(id);
    if (v) out.push(v);
  }
  return out.sort((a, b) => (a.version ?? Infinity) - (b.version ?? Infinity) || a.id.localeCompare(b.id));
}

type PeriodFigures = Omit<ScorecardRow, 'groupKey' | 'groupLabel' | 'change' | 'ruleVersions'>;

function figuresOf(
  input: ScorecardInput,
  groupKey: string,
  period: Period,
  f: FactRow | undefined,
  cov: CoverageRow | undefined,
  createdTotal: number,
  inv: InvestmentRow | undefined,
  base: BaselineRow | undefined,
): PeriodFigures {
  void groupKey;
  const sourcedRevenue = f?.sourcedRevenue ?? ZERO;
  const influencedRevenue = f?.influencedRevenue ?? ZERO;
  const withSignals = cov?.withSignals ?? 0;
  return {
    period: period.key,
    periodStart: isoDate(period.start),
    periodEnd: isoDate(period.end),
    sourcedPipeline: f?.sourcedPipeline ?? ZERO,
    influencedPipeline: f?.influencedPipeline ?? ZERO,
    involvedPipeline: f?.involvedPipeline ?? ZERO,
    sourcedRevenue,
    influencedRevenue,
    involvedRevenue: f?.involvedRevenue ?? ZERO,
    winRate: {
      involved: rate(f?.wonInvolved ?? 0, f?.closedInvolved ?? 0),
      other: rate(base?.won ?? 0, base?.closed ?? 0),
    },
    velocity: {
      involved: { days: f?.velocityInvolved ?? null, deals: f?.wonInvolved ?? 0 },
      other: { days: base?.velocity ?? null, deals: base?.won ?? 0 },
    },
    coverage: { opportunities: createdTotal, withSignals, rate: quotient(withSignals, createdTotal, 4, 'half-up') },
    roi: roi(input.groupBy, inv?.amount ?? null, sourcedRevenue, influencedRevenue),
    expansion: f?.expansion ?? { sourced: ZERO, influenced: ZERO, involvedRevenue: ZERO },
    renewal: f?.renewal ?? { sourced: ZERO, influenced: ZERO, involvedRevenue: ZERO },
    timeToInsight: { p50Hours: f?.p50 ?? null, p90Hours: f?.p90 ?? null, samples: f?.ttiSamples ?? 0, stale: f?.ttiStale ?? 0 },
  };
}

function rate(won: number, closed: number): RateFigure {
  return { won, closed, rate: quotient(won, closed, 4, 'half-up') };
}

function roi(groupBy: ScorecardGroupBy, investment: string | null, sourced: string, influenced: string): RoiFigure {
  if (groupBy === 'channel') return { investment: null, sourced: null, influenced: null, reason: 'not_applicable' };
  if (investment === null) return { investment: null, sourced: null, influenced: null, reason: 'no_investment' };
  const s = quotient(sourced, investment, 4, 'half-up');
  if (s === null) return { investment, sourced: null, influenced: null, reason: 'zero_investment' };
  return { investment, sourced: s, influenced: quotient(influenced, investment, 4, 'half-up'), reason: null };
}

function changesBetween(prior: PeriodFigures, current: PeriodFigures, previousPeriod: string): ScorecardChanges {
  const prevCov = prior.coverage.rate;
  const curCov = current.coverage.rate;
  return {
    previousPeriod,
    sourcedPipeline: change(prior.sourcedPipeline, current.sourcedPipeline),
    influencedPipeline: change(prior.influencedPipeline, current.influencedPipeline),
    sourcedRevenue: change(prior.sourcedRevenue, current.sourcedRevenue),
    influencedRevenue: change(prior.influencedRevenue, current.influencedRevenue),
    coverage: {
      previous: prevCov,
      current: curCov,
      delta: prevCov !== null && curCov !== null ? subtractDecimals(curCov, prevCov, 4, 'half-up') : null,
    },
  };
}
