// `scorecard`: the dashboard KPIs per partner, partner type, channel or period
// (pipeline and revenue per lane, win rate, velocity, coverage, ROI, time to
// insight, change vs the previous period), computed by src/reports.
import type { InfluenceAccuracyFigure } from '../../reports/influence-accuracy.js';
import {
  computeScorecard,
  type FxConversion,
  type ScorecardInput,
  type RateFigure,
  type LaneRevenue,
  type ScorecardRow,
  type Scorecard,
  type RuleVersionRef,
  type VelocityFigure,
} from '../../reports/scorecard.js';
import type { Change } from '../../reports/change.js';
import { reportKey } from '../../reports/snapshot-cache.js';
import type { ReportSettings } from '../../reports/settings.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { optionalIdOf } from '../common/ids.js';
import { REPORT_ERRORS, reportCall } from './common.js';
import { InputValidationError } from '../../ingest/index.js';
import { encodeGlobalID } from '@pothos/plugin-relay';

export const GroupByEnum = builder.enumType('ScorecardGroupBy', {
  description: 'What one scorecard row stands for (within a period).',
  values: {
    partner: { description: 'One row per partner.' },
    partner_type: { description: 'One row per partner-type taxonomy key.' },
    channel: {
      description:
        'One row per channel: the channel of each allocation\'s earliest contributing touch ("none" without one), so channel totals add up to the period total.',
    },
    period: { description: 'A single "all" row per period.' },
  } as const,
});
export const PeriodUnitEnum = builder.enumType('PeriodUnit', {
  description: 'The length of a scorecard period (UTC).',
  values: {
    month: { description: 'Calendar months, e.g. "2026-03".' },
    quarter: { description: 'Fiscal quarters (ATTRIB_FISCAL_YEAR_START), e.g. "2026-Q1" or "FY2027-Q1".' },
  } as const,
});

const Rate = builder.objectRef<RateFigure>('RateFigure').implement({
  description: 'A win rate: won / closed among deals closed in the period.',
  fields: (t) => ({
    won: t.exposeInt('won', { description: 'Deals won in the period.' }),
    closed: t.exposeInt('closed', { description: 'Deals won or lost in the period.' }),
    rate: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'won / closed, 4 places ("0.2500" = 25 %); null when no deal closed.',
      resolve: (r) => r.rate,
    }),
  }),
});
const Velocity = builder.objectRef<VelocityFigure>('VelocityFigure').implement({
  description: 'Deal velocity: how long won deals took.',
  fields: (t) => ({
    days: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Mean days created → closed over won deals, 1 place; null when none was won.',
      resolve: (v) => v.days,
    }),
    deals: t.exposeInt('deals', { description: 'Won deals the mean is over.' }),
  }),
});
const Lanes = builder.objectRef<LaneRevenue>('LaneRevenue').implement({
  description: 'Revenue per lane on one kind of won deal (expansion or renewal), in the reporting currency, 2 places.',
  fields: (t) => ({
    sourced: t.field({ type: 'Decimal', description: 'Credited revenue in the sourced lane.', resolve: (l) => l.sourced }),
    influenced: t.field({
      type: 'Decimal',
      description: 'Credited revenue in the influenced lane (never added to sourced).',
      resolve: (l) => l.influenced,
    }),
    involvedRevenue: t.field({
      type: 'Decimal',
      description: 'Won amount of the deals the group is involved in, each counted once.',
      resolve: (l) => l.involvedRevenue,
    }),
  }),
});
const ChangeRef = builder.objectRef<Change>('DecimalChange').implement({
  description: "A figure against the same group's previous period (QoQ or MoM).",
  fields: (t) => ({
    previous: t.field({ type: 'Decimal', description: 'The figure in the previous period.', resolve: (c) => c.previous }),
    current: t.field({ type: 'Decimal', description: 'The figure in this period.', resolve: (c) => c.current }),
    delta: t.field({ type: 'Decimal', description: 'current − previous.', resolve: (c) => c.delta }),
    relative: t.field({
      type: 'Decimal',
      nullable: true,
      description: '(current - previous) / previous, 4 places ("0.2500" = +25 %); null when previous is zero.',
      resolve: (c) => c.relative,
    }),
  }),
});
export const VersionRef = builder.objectRef<RuleVersionRef>('ScorecardRuleVersion').implement({
  description: 'A rule version whose allocations produced figures (provenance).',
  fields: (t) => ({
    id: t.id({ description: 'Global id of the RuleVersion.', resolve: (v) => encodeGlobalID('RuleVersion', v.id) }),
    number: t.int({ nullable: true, description: 'Its number in the rule set; null for a draft.', resolve: (v) => v.version }),
    status: t.exposeString('status', { description: 'draft, published or retired.' }),
    sourceHash: t.exposeString('sourceHash', { description: 'SHA-256 hex of its rules source.' }),
  }),
});

const Row = builder.objectRef<ScorecardRow>('ScorecardRow').implement({
  description:
    'The KPIs of one group in one period. Money is in the reporting currency (Scorecard.currency), 2 places; ratios have 4 places; lanes are never added together. Definitions: src/reports/README.md.',
  fields: (t) => {
    const decimalOrNull = (description: string, resolve: (r: ScorecardRow) => string | null) =>
      t.field({ type: 'Decimal', nullable: true, description, resolve });
    const change = (figure: 'sourcedRevenue' | 'influencedRevenue' | 'sourcedPipeline' | 'influencedPipeline') =>
      t.field({ type: ChangeRef, description: `${figure} against the previous period.`, resolve: (r) => r.change[figure] });
    return {
      groupKey: t.exposeString('groupKey', {
        description: 'The group: a partner key, partner-type key, channel key ("none" without a touch) or "all".',
      }),
      groupLabel: t.exposeString('groupLabel', { description: "The group's display name (partner name, taxonomy label)." }),
      period: t.exposeString('period', { description: 'Period key, e.g. "2026-Q1", "FY2027-Q1" or "2026-03".' }),
      periodStart: t.exposeString('periodStart', { description: 'First day of the period (YYYY-MM-DD, inclusive).' }),
      periodEnd: t.exposeString('periodEnd', { description: 'Day after the period (YYYY-MM-DD, exclusive).' }),
      sourcedPipeline: t.expose('sourcedPipeline', {
        type: 'Decimal',
        description: 'Credited sourced-lane amount on open deals created in the period.',
      }),
      influencedPipeline: t.expose('influencedPipeline', {
        type: 'Decimal',
        description: 'Credited influenced-lane amount on open deals created in the period.',
      }),
      involvedPipeline: t.expose('involvedPipeline', {
        type: 'Decimal',
        description: 'Open amount of the deals the group holds credit on, each counted once.',
      }),
      sourcedRevenue: t.expose('sourcedRevenue', {
        type: 'Decimal',
        description: 'Credited sourced-lane amount on deals won in the period (by close date).',
      }),
      influencedRevenue: t.expose('influencedRevenue', {
        type: 'Decimal',
        description: 'Credited influenced-lane amount on deals won in the period.',
      }),
      involvedRevenue: t.expose('involvedRevenue', {
        type: 'Decimal',
        description: 'Won amount of the deals the group holds credit on, each counted once; each lane is at most this.',
      }),
      winRateInvolved: t.field({
        type: Rate,
        description: 'Win rate of the deals the group is involved in.',
        resolve: (r) => r.winRate.involved,
      }),
      winRateOther: t.field({
        type: Rate,
        description: 'Win rate of deals no partner holds credit on (the same baseline for every group).',
        resolve: (r) => r.winRate.other,
      }),
      velocityInvolved: t.field({
        type: Velocity,
        description: 'Velocity of the involved deals won in the period.',
        resolve: (r) => r.velocity.involved,
      }),
      velocityOther: t.field({
        type: Velocity,
        description: 'Velocity of won deals no partner holds credit on.',
        resolve: (r) => r.velocity.other,
      }),
      coverageOpportunities: t.int({ description: 'Deals created in the period.', resolve: (r) => r.coverage.opportunities }),
      coverageWithSignals: t.int({
        description: 'Of those, deals with a partner signal from the group (an allocation naming a partner, or a live touch).',
        resolve: (r) => r.coverage.withSignals,
      }),
      coverageRate: decimalOrNull(
        'coverageWithSignals / coverageOpportunities, 4 places; null when no deal was created.',
        (r) => r.coverage.rate,
      ),
      roiInvestment: decimalOrNull(
        'Investment in the group (partner investments whose period starts in this period), 2 places; null when there is none or the grouping is by channel (see roiReason).',
        (r) => r.roi.investment,
      ),
      roiSourced: decimalOrNull('sourcedRevenue / investment, 4 places; null with roiReason.', (r) => r.roi.sourced),
      roiInfluenced: decimalOrNull('influencedRevenue / investment, 4 places; null with roiReason.', (r) => r.roi.influenced),
      roiReason: t.string({
        nullable: true,
        description: 'Why the ROI is null: no_investment, zero_investment or not_applicable; null when it is computed.',
        resolve: (r) => r.roi.reason,
      }),
      expansion: t.field({ type: Lanes, description: 'Revenue on won expansion deals.', resolve: (r) => r.expansion }),
      renewal: t.field({ type: Lanes, description: 'Revenue on won renewal deals.', resolve: (r) => r.renewal }),
      timeToInsightP50Hours: decimalOrNull(
        "Median hours from a deal's event (close, or latest touch while open) to its newest allocation, 2 places; null without deals.",
        (r) => r.timeToInsight.p50Hours,
      ),
      timeToInsightP90Hours: decimalOrNull(
        '90th percentile of the same hours (nearest rank), 2 places; null without deals.',
        (r) => r.timeToInsight.p90Hours,
      ),
      staleOpportunities: t.int({
        description: 'Deals whose allocations are older than their event (not yet recomputed).',
        resolve: (r) => r.timeToInsight.stale,
      }),
      previousPeriod: t.string({ description: 'Key of the period the changes compare with.', resolve: (r) => r.change.previousPeriod }),
      sourcedRevenueChange: change('sourcedRevenue'),
      influencedRevenueChange: change('influencedRevenue'),
      sourcedPipelineChange: change('sourcedPipeline'),
      influencedPipelineChange: change('influencedPipeline'),
      ruleVersions: t.field({
        type: [VersionRef],
        description: 'The rule versions whose allocations produced this row.',
        resolve: (r) => r.ruleVersions,
      }),
    };
  },
});

const FxConversionRef = builder.objectRef<FxConversion>('ScorecardFxConversion').implement({
  description: 'Amounts of one currency converted to the reporting currency, and the days of the rates used.',
  fields: (t) => ({
    currency: t.exposeString('currency', { description: 'The converted currency (ISO 4217).' }),
    opportunities: t.exposeInt('opportunities', { description: 'Deals in that currency converted.' }),
    investments: t.exposeInt('investments', { description: 'Partner investments in that currency converted.' }),
    firstRateDate: t.exposeString('firstRateDate', { description: 'Day of the earliest rate used (YYYY-MM-DD).' }),
    lastRateDate: t.exposeString('lastRateDate', { description: 'Day of the latest rate used (YYYY-MM-DD).' }),
  }),
});

const InfluenceAccuracyRef = builder.objectRef<InfluenceAccuracyFigure>('InfluenceAccuracy').implement({
  description:
    "Agreement between teams (target at least 90%): of the won deals closed in the period on which the rules credit a partner, the share whose credit stood (no dispute upheld), and, where reps declared partner roles in the CRM, the share where the rules' role agrees.",
  fields: (t) => ({
    period: t.exposeString('period', { description: 'Period key, e.g. "2026-Q1" or "FY2027-Q1".' }),
    deals: t.exposeInt('deals', { description: 'Won deals closed in the period with partner credit from the selected results.' }),
    stood: t.exposeInt('stood', { description: 'Of those, deals with no approved dispute.' }),
    rate: t.exposeString('rate', {
      nullable: true,
      description: 'stood / deals as a decimal string with 4 places ("0.9500"); null without such deals.',
    }),
    declaredDeals: t.exposeInt('declaredDeals', {
      description:
        "Of deals, those where a credited partner's latest live touch on the deal (up to the close) with a declared role declares one (touchpoint declaredRole, from the CRM).",
    }),
    agreedDeals: t.exposeInt('agreedDeals', {
      description:
        "Of declaredDeals, those where every credited partner's declared role is among the roles the rules gave that partner on the deal.",
    }),
    roleAgreement: t.exposeString('roleAgreement', {
      nullable: true,
      description:
        'agreedDeals / declaredDeals as a decimal string with 4 places ("0.8750"): how often the rules\' role agrees with the rep-declared one; null without declarations.',
    }),
  }),
});

const ScorecardRef = builder.objectRef<Scorecard>('Scorecard').implement({
  description: 'Partner ecosystem KPIs from the credit in force (or from one rule version or run).',
  fields: (t) => ({
    groupBy: t.field({ type: GroupByEnum, description: 'What each row stands for.', resolve: (s) => s.groupBy }),
    period: t.field({ type: PeriodUnitEnum, description: 'Month or quarter.', resolve: (s) => s.period }),
    from: t.exposeString('from', { description: 'The requested first day (YYYY-MM-DD).' }),
    to: t.exposeString('to', { description: 'The requested last day (YYYY-MM-DD, inclusive).' }),
    currency: t.string({
      description:
        'The reporting currency (ISO 4217, ATTRIB_REPORTING_CURRENCY) of every money figure. Deals convert at the rate of their close day (open deals: asOf), or the nearest earlier one.',
      resolve: (s) => s.currency,
    }),
    fxConversions: t.field({
      type: [FxConversionRef],
      description: 'Per currency, the deals and investments converted to `currency` (empty when every amount is already in it).',
      resolve: (s) => s.provenance.currency.converted,
    }),
    fiscalYearStart: t.exposeInt('fiscalYearStart', {
      description:
        'The month (1–12) the fiscal year starts in (ATTRIB_FISCAL_YEAR_START); quarters follow it: "FY2027-Q1", or "2026-Q1" when it is 1.',
    }),
    periods: t.stringList({
      description: 'The period keys covered, in order: every whole period from the one containing `from` to the one containing `to`.',
      resolve: (s) => s.periods.map((p) => p.key),
    }),
    rows: t.field({ type: [Row], description: 'One row per group and period.', resolve: (s) => s.rows }),
    ruleVersions: t.field({
      type: [VersionRef],
      description: 'Every rule version whose allocations produced a figure.',
      resolve: (s) => s.ruleVersions,
    }),
    influenceAccuracy: t.field({
      type: [InfluenceAccuracyRef],
      description: 'Per period: the share of partner-credited won deals whose credit stood (src/reports/README.md).',
      resolve: (s) => s.influenceAccuracy,
    }),
  }),
});

/** The arguments of `scorecard`, `scorecardCsv` and `scorecardComparison` (one selection of results, one grouping, one window). */
interface ScorecardArgs {
  ruleSetKey: string;
  groupBy?: 'partner' | 'partner_type' | 'channel' | 'period' | null;
  period?: 'month' | 'quarter' | null;
  from: Date;
  to: Date;
  ruleVersionId?: string | number | null;
  runId?: string | number | null;
  asOf?: Date | null;
}

type QueryFieldBuilder = Parameters<Parameters<typeof builder.queryFields>[0]>[0];

/** Declares the scorecard arguments on a query field (same names, defaults and descriptions everywhere). */
export const scorecardArgs = (t: QueryFieldBuilder) => ({
  ruleSetKey: t.arg.string({ required: true, description: 'The rule set whose credit is scored.' }),
  groupBy: t.arg({ type: GroupByEnum, required: false, defaultValue: 'partner', description: 'What a row stands for.' }),
  period: t.arg({ type: PeriodUnitEnum, required: false, defaultValue: 'quarter', description: 'Month or (fiscal) quarter.' }),
  from: t.arg({ type: 'Date', required: true, description: 'First day (YYYY-MM-DD); its whole period is included.' }),
  to: t.arg({ type: 'Date', required: true, description: 'Last day (YYYY-MM-DD, not before from); its whole period is included.' }),
  ruleVersionId: t.arg.id({ required: false, description: "Score this version's results instead of the credit in force." }),
  runId: t.arg.id({ required: false, description: 'Score exactly this run (e.g. a preview).' }),
  asOf: t.arg({
    type: 'Date',
    required: false,
    description: "Open deals convert to the reporting currency at this day's rate (default: `to`).",
  }),
});

/** The report input of scorecard arguments: defaults applied, global ids decoded, the window checked. */
export function scorecardInput(args: ScorecardArgs, settings: ReportSettings): ScorecardInput {
  if (args.from > args.to) throw new InputValidationError([{ path: 'to', message: 'must not be before from' }]);
  return {
    ruleSetKey: args.ruleSetKey,
    groupBy: args.groupBy ?? 'partner',
    period: args.period ?? 'quarter',
    from: args.from,
    to: args.to,
    fiscalYearStart: settings.fiscalYearStart,
    reportingCurrency: settings.reportingCurrency,
    asOf: args.asOf ?? undefined,
    ruleVersionId: optionalIdOf(args.ruleVersionId == null ? null : String(args.ruleVersionId), 'RuleVersion', 'ruleVersionId'),
    runId: optionalIdOf(args.runId == null ? null : String(args.runId), 'AttributionRun', 'runId'),
  };
}

/** The scorecard of an input: from the context's snapshot cache when the data has not changed since it was computed. */
export function scorecardOf(ctx: GraphQLContext, input: ScorecardInput): Promise<Scorecard> {
  const compute = () => reportCall(() => computeScorecard(ctx.db, input));
  return ctx.reports ? ctx.reports.get(ctx.db, reportKey('scorecard', input), compute) : compute();
}

builder.queryFields((t) => ({
  scorecard: t.field({
    type: ScorecardRef,
    description:
      'Partner KPIs per group and period, in the reporting currency. Refuses (FX_RATE_MISSING) rather than drop an amount without an exchange rate. Internal readers only.',
    authScopes: { readInternal: true },
    complexity: 50,
    errors: {
      types: REPORT_ERRORS,
      union: { name: 'ScorecardResult', description: 'The scorecard, or why it was refused (RULE_SET_NOT_FOUND, FX_RATE_MISSING …).' },
    },
    args: scorecardArgs(t),
    resolve: (_r, args, ctx) => scorecardOf(ctx, scorecardInput(args, ctx.reporting)),
  }),
}));
