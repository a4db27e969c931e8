// `scorecard`: the dashboard KPIs per partner, partner type, channel or period
// (pipeline and revenue per lane, win rate, velocity, coverage, ROI, time to
// insight, change vs the previous period), computed by src/reports.
import type { InfluenceAccuracyFigure } from '../../reports/influence-accuracy.js';
import { computeScorecard, type FxConversion, type ScorecardInput, type RateFigure, type LaneRevenue, type ScorecardRow, type Scorecard, type RuleVersionRef, type VelocityFigure } from '../../reports/scorecard.js';
import type { Change } from '../../reports/decimal.js';
import { reportKey } from '../../reports/snapshot-cache.js';
import type { ReportSettings } from '../../reports/settings.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { optionalIdOf } from '../common/ids.js';
import { REPORT_ERRORS, reportCall } from './common.js';
import { InputValidationError } from '../../ingest/issues.js';
import { encodeGlobalID } from '@pothos/plugin-relay';

export const GroupByEnum = builder.enumType('ScorecardGroupBy', { values: ['partner', 'partner_type', 'channel', 'period'] as const });
export const PeriodUnitEnum = builder.enumType('PeriodUnit', { values: ['month', 'quarter'] as const });

const Rate = builder.objectRef<RateFigure>('RateFigure').implement({
  fields: (t) => ({
    won: t.exposeInt('won'),
    closed: t.exposeInt('closed'),
    rate: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.rate }),
  }),
});
const Velocity = builder.objectRef<VelocityFigure>('VelocityFigure').implement({
  fields: (t) => ({
    days: t.field({ type: 'Decimal', nullable: true, description: 'Mean days created → closed over won deals.', resolve: (v) => v.days }),
    deals: t.exposeInt('deals'),
  }),
});
const Lanes = builder.objectRef<LaneRevenue>('LaneRevenue').implement({
  fields: (t) => ({
    sourced: t.field({ type: 'Decimal', resolve: (l) => l.sourced }),
    influenced: t.field({ type: 'Decimal', resolve: (l) => l.influenced }),
    involvedRevenue: t.field({ type: 'Decimal', resolve: (l) => l.involvedRevenue }),
  }),
});
export const ChangeRef = builder.objectRef<Change>('DecimalChange').implement({
  fields: (t) => ({
    previous: t.field({ type: 'Decimal', resolve: (c) => c.previous }),
    current: t.field({ type: 'Decimal', resolve: (c) => c.current }),
    delta: t.field({ type: 'Decimal', resolve: (c) => c.delta }),
    relative: t.field({ type: 'Decimal', nullable: true, description: '(current - previous) / previous, 4 places ("0.2500" = +25 %); null when previous is zero.', resolve: (c) => c.relative }),
  }),
});
export const VersionRef = builder.objectRef<RuleVersionRef>('ScorecardRuleVersion').implement({
  fields: (t) => ({
    id: t.id({ resolve: (v) => encodeGlobalID('RuleVersion', v.id) }),
    number: t.int({ nullable: true, resolve: (v) => v.version }),
    status: t.exposeString('status'),
    sourceHash: t.exposeString('sourceHash'),
  }),
});

const Row = builder.objectRef<ScorecardRow>('ScorecardRow').implement({
  fields: (t) => ({
    groupKey: t.exposeString('groupKey'),
    groupLabel: t.exposeString('groupLabel'),
    period: t.exposeString('period'),
    periodStart: t.exposeString('periodStart'),
    periodEnd: t.exposeString('periodEnd'),
    sourcedPipeline: t.field({ type: 'Decimal', resolve: (r) => r.sourcedPipeline }),
    influencedPipeline: t.field({ type: 'Decimal', resolve: (r) => r.influencedPipeline }),
    involvedPipeline: t.field({ type: 'Decimal', resolve: (r) => r.involvedPipeline }),
    sourcedRevenue: t.field({ type: 'Decimal', resolve: (r) => r.sourcedRevenue }),
    influencedRevenue: t.field({ type: 'Decimal', resolve: (r) => r.influencedRevenue }),
    involvedRevenue: t.field({ type: 'Decimal', resolve: (r) => r.involvedRevenue }),
    winRateInvolved: t.field({ type: Rate, resolve: (r) => r.winRate.involved }),
    winRateOther: t.field({ type: Rate, resolve: (r) => r.winRate.other }),
    velocityInvolved: t.field({ type: Velocity, resolve: (r) => r.velocity.involved }),
    velocityOther: t.field({ type: Velocity, resolve: (r) => r.velocity.other }),
    coverageOpportunities: t.int({ resolve: (r) => r.coverage.opportunities }),
    coverageWithSignals: t.int({ resolve: (r) => r.coverage.withSignals }),
    coverageRate: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.coverage.rate }),
    roiInvestment: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.roi.investment }),
    roiSourced: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.roi.sourced }),
    roiInfluenced: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.roi.influenced }),
    roiReason: t.string({ nullable: true, resolve: (r) => r.roi.reason }),
    expansion: t.field({ type: Lanes, resolve: (r) => r.expansion }),
    renewal: t.field({ type: Lanes, resolve: (r) => r.renewal }),
    timeToInsightP50Hours: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.timeToInsight.p50Hours }),
    timeToInsightP90Hours: t.field({ type: 'Decimal', nullable: true, resolve: (r) => r.timeToInsight.p90Hours }),
    staleOpportunities: t.int({ resolve: (r) => r.timeToInsight.stale }),
    previousPeriod: t.string({ resolve: (r) => r.change.previousPeriod }),
    sourcedRevenueChange: t.field({ type: ChangeRef, resolve: (r) => r.change.sourcedRevenue }),
    influencedRevenueChange: t.field({ type: ChangeRef, resolve: (r) => r.change.influencedRevenue }),
    sourcedPipelineChange: t.field({ type: ChangeRef, resolve: (r) => r.change.sourcedPipeline }),
    influencedPipelineChange: t.field({ type: ChangeRef, resolve: (r) => r.change.influencedPipeline }),
    ruleVersions: t.field({ type: [VersionRef], resolve: (r) => r.ruleVersions }),
  }),
});

const FxConversionRef = builder.objectRef<FxConversion>('ScorecardFxConversion').implement({
  description: 'Amounts of one currency converted to the reporting currency, and the days of the rates used.',
  fields: (t) => ({
    currency: t.exposeString('currency'),
    opportunities: t.exposeInt('opportunities'),
    investments: t.exposeInt('investments'),
    firstRateDate: t.exposeString('firstRateDate', { description: 'Day of the earliest rate used (YYYY-MM-DD).' }),
    lastRateDate: t.exposeString('lastRateDate', { description: 'Day of the latest rate used (YYYY-MM-DD).' }),
  }),
});

const InfluenceAccuracyRef = builder.objectRef<InfluenceAccuracyFigure>('InfluenceAccuracy').implement({
  description: 'Agreement between teams (target at least 90%): of the won deals closed in the period on which the rules credit a partner, the share whose credit stood (no dispute upheld), and, where reps declared partner roles in the CRM, the share where the rules\' role agrees.',
  fields: (t) => ({
    period: t.exposeString('period', { description: 'Period key, e.g. "2026-Q1" or "FY2027-Q1".' }),
    deals: t.exposeInt('deals', { description: 'Won deals closed in the period with partner credit from the selected results.' }),
    stood: t.exposeInt('stood', { description: 'Of those, deals with no approved dispute.' }),
    rate: t.exposeString('rate', { nullable: true, description: 'stood / deals as a decimal string with 4 places ("0.9500"); null without such deals.' }),
    declaredDeals: t.exposeInt('declaredDeals', {
      description: 'Of deals, those where a credited partner\'s latest live touch on the deal (up to the close) with a declared role declares one (touchpoint declaredRole, from the CRM).',
    }),
    agreedDeals: t.exposeInt('agreedDeals', {
      description: 'Of declaredDeals, those where every credited partner\'s declared role is among the roles the rules gave that partner on the deal.',
    }),
    roleAgreement: t.exposeString('roleAgreement', {
      nullable: true,
      description: 'agreedDeals / declaredDeals as a decimal string with 4 places ("0.8750"): how often the rules\' role agrees with the rep-declared one; null without declarations.',
    }),
  }),
});

const ScorecardRef = builder.objectRef<Scorecard>('Scorecard').implement({
  description: 'Partner ecosystem KPIs from the credit in force (or from one rule version or run).',
  fields: (t) => ({
    groupBy: t.field({ type: GroupByEnum, resolve: (s) => s.groupBy }),
    period: t.field({ type: PeriodUnitEnum, resolve: (s) => s.period }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    currency: t.string({
      description: 'The reporting currency (ISO 4217, ATTRIB_REPORTING_CURRENCY) of every money figure. Deals convert at the rate of their close day (open deals: asOf), or the nearest earlier one.',
      resolve: (s) => s.currency,
    }),
    fxConversions: t.field({
      type: [FxConversionRef],
      description: 'Per currency, the deals and investments converted to `currency` (empty when every amount is already in it).',
      resolve: (s) => s.provenance.currency.converted,
    }),
    fiscalYearStart: t.exposeInt('fiscalYearStart', { description: 'The month (1–12) the fiscal year starts in (ATTRIB_FISCAL_YEAR_START); quarters follow it: "FY2027-Q1", or "2026-Q1" when it is 1.' }),
    periods: t.stringList({ resolve: (s) => s.periods.map((p) => p.key) }),
    rows: t.field({ type: [Row], resolve: (s) => s.rows }),
    ruleVersions: t.field({ type: [VersionRef], resolve: (s) => s.ruleVersions }),
    influenceAccuracy: t.field({
      type: [InfluenceAccuracyRef],
      description: 'Per period: the share of partner-credited won deals whose credit stood (src/reports/README.md).',
      resolve: (s) => s.influenceAccuracy,
    }),
  }),
});

/** The arguments of `scorecard`, `scorecardCsv` and `scorecardComparison` (one selection of results, one grouping, one window). */
export interface ScorecardArgs {
  ruleSetKey: string; groupBy?: 'partner' | 'partner_type' | 'channel' | 'period' | null; period?: 'month' | 'quarter' | null;
  from: Date; to: Date; ruleVersionId?: string | number | null; runId?: string | number | null; asOf?: Date | null;
}

type QueryFieldBuilder = Parameters<Parameters<typeof builder.queryFields>[0]>[0];

/** Declares the scorecard arguments on a query field (same names, defaults and descriptions everywhere). */
export const scorecardArgs = (t: QueryFieldBuilder) => ({
  ruleSetKey: t.arg.string({ required: true }),
  groupBy: t.arg({ type: GroupByEnum, required: false, defaultValue: 'partner' }),
  period: t.arg({ type: PeriodUnitEnum, required: false, defaultValue: 'quarter' }),
  from: t.arg({ type: 'Date', required: true }),
  to: t.arg({ type: 'Date', required: true }),
  ruleVersionId: t.arg.id({ required: false, description: 'Score this version\'s results instead of the credit in force.' }),
  runId: t.arg.id({ required: false, description: 'Score exactly this run (e.g. a preview).' }),
  asOf: t.arg({ type: 'Date', required: false, description: 'Open deals convert to the reporting currency at this day\'s rate (default: `to`).' }),
});

/** The report input of scorecard arguments: defaults applied, global ids decoded, the window checked. */
export function scorecardInput(args: ScorecardArgs, settings: ReportSettings): ScorecardInput {
  if (args.from > args.to) throw new InputValidationError([{ path: 'to', message: 'must not be before from' }]);
  return {
    ruleSetKey: args.ruleSetKey, groupBy: args.groupBy ?? 'partner', period: args.period ?? 'quarter', from: args.from, to: args.to,
    fiscalYearStart: settings.fiscalYearStart, reportingCurrency: settings.reportingCurrency, asOf: args.asOf ?? undefined,
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
    authScopes: { readInternal: true },
    complexity: 50,
    errors: { types: REPORT_ERRORS, union: { name: 'ScorecardResult' } },
    args: scorecardArgs(t),
    resolve: (_r, args, ctx) => scorecardOf(ctx, scorecardInput(args, ctx.reporting)),
  }),
}));
