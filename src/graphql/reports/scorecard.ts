// Scorecards over GraphQL: `scorecard` returns the figures; `scorecardCsv`
// returns the same scorecard as a CSV download for finance and BI tools.
// Definitions of every figure: src/reports/scorecard.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { scorecardCsvFilename, scorecardToCsv, SCORECARD_CSV_HEADER } from '../../reports/csv.js';
import type { Change } from '../../reports/decimal.js';
import type {
  LaneRevenue, RateFigure, RoiFigure, RuleVersionRef, Scorecard, ScorecardChanges, ScorecardInput, ScorecardRow,
  ScorecardSelection, TimeToInsightFigure, VelocityFigure,
} from '../../reports/scorecard.js';
import { computeScorecard, SCORECARD_GROUP_BYS } from '../../reports/scorecard.js';
import { computeScorecardComparison, type FigureDiff, type RatioDiff, type ScorecardComparison, type ScorecardComparisonRow } from '../../reports/compare.js';
import { builder } from '../builder.js';
import { optionalIdOf } from '../common/ids.js';
import { CsvDownloadType, reportCall, ReportPeriodRef } from './common.js';

export const ScorecardGroupByEnum = builder.enumType('ScorecardGroupBy', {
  values: SCORECARD_GROUP_BYS,
  description: 'partner; partner_type; channel (the motion of the allocation\'s earliest contributing touch, "none" without one); period (one "all" row per period).',
});
export const ReportPeriodUnitEnum = builder.enumType('ReportPeriodUnit', { values: ['month', 'quarter'] as const });

const ScorecardInputType = builder.inputType('ScorecardInput', {
  fields: (t) => ({
    ruleSetKey: t.string({ required: true }),
    ruleVersionId: t.id({ required: false, description: 'Score this RuleVersion (a draft uses its latest preview run) instead of the current results.' }),
    runId: t.id({ required: false, description: 'Score exactly this AttributionRun (e.g. a preview) to compare with the published results.' }),
    groupBy: t.field({ type: ScorecardGroupByEnum, required: false, defaultValue: 'partner' }),
    period: t.field({ type: ReportPeriodUnitEnum, required: false, defaultValue: 'quarter' }),
    from: t.field({ type: 'Date', required: true, description: 'First day (inclusive).' }),
    to: t.field({ type: 'Date', required: true, description: 'Last day (inclusive).' }),
  }),
});

const RuleVersionRefType = builder.objectRef<RuleVersionRef>('ScorecardRuleVersion').implement({
  description: 'A rule version whose allocations produced a figure.',
  fields: (t) => ({
    id: t.id({ resolve: (v) => encodeGlobalID('RuleVersion', v.id), description: 'The RuleVersion node id.' }),
    version: t.exposeInt('version', { nullable: true, description: 'null for a draft (preview).' }),
    status: t.exposeString('status'),
    sourceHash: t.exposeString('sourceHash'),
  }),
});

const SelectionType = builder.objectRef<ScorecardSelection>('ScorecardSelection').implement({
  description: 'Which results were scored: current (published) results, a rule version, or one run.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'current, rule_version or run.' }),
    ruleSetKey: t.exposeString('ruleSetKey'),
    ruleVersionId: t.id({ nullable: true, resolve: (s) => (s.ruleVersionId ? encodeGlobalID('RuleVersion', s.ruleVersionId) : null) }),
    runId: t.id({ nullable: true, resolve: (s) => (s.runId ? encodeGlobalID('AttributionRun', s.runId) : null) }),
  }),
});

const RateType = builder.objectRef<RateFigure>('WinRate').implement({
  fields: (t) => ({
    won: t.exposeInt('won'),
    closed: t.exposeInt('closed'),
    rate: t.expose('rate', { type: 'Decimal', nullable: true, description: 'won / closed, 4 places; null when nothing closed.' }),
  }),
});
const WinRatesType = builder.objectRef<ScorecardRow['winRate']>('WinRates').implement({
  fields: (t) => ({
    involved: t.expose('involved', { type: RateType, description: 'Opportunities on which the group holds non-zero credit.' }),
    other: t.expose('other', { type: RateType, description: 'Opportunities on which no partner holds credit.' }),
  }),
});

const VelocityType = builder.objectRef<VelocityFigure>('DealVelocity').implement({
  fields: (t) => ({
    days: t.expose('days', { type: 'Decimal', nullable: true, description: 'Mean days created → closed over won deals, 1 place.' }),
    deals: t.exposeInt('deals'),
  }),
});
const VelocitiesType = builder.objectRef<ScorecardRow['velocity']>('DealVelocities').implement({
  fields: (t) => ({
    involved: t.expose('involved', { type: VelocityType }),
    other: t.expose('other', { type: VelocityType }),
  }),
});

const CoverageType = builder.objectRef<ScorecardRow['coverage']>('Coverage').implement({
  description: 'Share of the opportunities created in the period that carry a partner signal from the group.',
  fields: (t) => ({
    opportunities: t.exposeInt('opportunities'),
    withSignals: t.exposeInt('withSignals'),
    rate: t.expose('rate', { type: 'Decimal', nullable: true }),
  }),
});

const RoiType = builder.objectRef<RoiFigure>('PartnerRoi').implement({
  description: 'Credited closed-won revenue per lane divided by the investment of the period; lanes are never added.',
  fields: (t) => ({
    investment: t.expose('investment', { type: 'Decimal', nullable: true }),
    sourced: t.expose('sourced', { type: 'Decimal', nullable: true }),
    influenced: t.expose('influenced', { type: 'Decimal', nullable: true }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why the ROI is null: no_investment, zero_investment, not_applicable.' }),
  }),
});

const LaneRevenueType = builder.objectRef<LaneRevenue>('LaneRevenue').implement({
  fields: (t) => ({
    sourced: t.expose('sourced', { type: 'Decimal' }),
    influenced: t.expose('influenced', { type: 'Decimal' }),
    involvedRevenue: t.expose('involvedRevenue', { type: 'Decimal', description: 'Closed-won amount of the involved deals, each once.' }),
  }),
});

const TimeToInsightType = builder.objectRef<TimeToInsightFigure>('TimeToInsight').implement({
  description: 'Hours from close (or latest touch, for open deals) to the allocation update; nearest-rank percentiles.',
  fields: (t) => ({
    p50Hours: t.expose('p50Hours', { type: 'Decimal', nullable: true }),
    p90Hours: t.expose('p90Hours', { type: 'Decimal', nullable: true }),
    samples: t.exposeInt('samples'),
    stale: t.exposeInt('stale', { description: 'Involved deals whose allocations predate their latest event.' }),
  }),
});

const MoneyChangeType = builder.objectRef<Change>('MoneyChange').implement({
  fields: (t) => ({
    previous: t.expose('previous', { type: 'Decimal' }),
    current: t.expose('current', { type: 'Decimal' }),
    delta: t.expose('delta', { type: 'Decimal' }),
    relative: t.expose('relative', { type: 'Decimal', nullable: true, description: 'delta / previous, 4 places; null when previous is 0.' }),
  }),
});
const RatioChangeType = builder.objectRef<ScorecardChanges['coverage']>('RatioChange').implement({
  fields: (t) => ({
    previous: t.expose('previous', { type: 'Decimal', nullable: true }),
    current: t.expose('current', { type: 'Decimal', nullable: true }),
    delta: t.expose('delta', { type: 'Decimal', nullable: true }),
  }),
});
const ChangesType = builder.objectRef<ScorecardChanges>('ScorecardChanges').implement({
  description: 'Change vs the previous period (QoQ or MoM) of the same group.',
  fields: (t) => ({
    previousPeriod: t.exposeString('previousPeriod'),
    sourcedPipeline: t.expose('sourcedPipeline', { type: MoneyChangeType }),
    influencedPipeline: t.expose('influencedPipeline', { type: MoneyChangeType }),
    sourcedRevenue: t.expose('sourcedRevenue', { type: MoneyChangeType }),
    influencedRevenue: t.expose('influencedRevenue', { type: MoneyChangeType }),
    coverage: t.expose('coverage', { type: RatioChangeType }),
  }),
});

const RowType = builder.objectRef<ScorecardRow>('ScorecardRow').implement({
  description: 'One group in one period. Lanes are separate: each lane is at most the involved revenue.',
  fields: (t) => ({
    groupKey: t.exposeString('groupKey'),
    groupLabel: t.exposeString('groupLabel'),
    period: t.exposeString('period', { description: '"2026-Q1" or "2026-03".' }),
    periodStart: t.exposeString('periodStart'),
    periodEnd: t.exposeString('periodEnd', { description: 'Exclusive.' }),
    sourcedPipeline: t.expose('sourcedPipeline', { type: 'Decimal' }),
    influencedPipeline: t.expose('influencedPipeline', { type: 'Decimal' }),
    involvedPipeline: t.expose('involvedPipeline', { type: 'Decimal' }),
    sourcedRevenue: t.expose('sourcedRevenue', { type: 'Decimal' }),
    influencedRevenue: t.expose('influencedRevenue', { type: 'Decimal' }),
    involvedRevenue: t.expose('involvedRevenue', { type: 'Decimal' }),
    winRate: t.expose('winRate', { type: WinRatesType }),
    velocity: t.expose('velocity', { type: VelocitiesType }),
    coverage: t.expose('coverage', { type: CoverageType }),
    roi: t.expose('roi', { type: RoiType }),
    expansion: t.expose('expansion', { type: LaneRevenueType }),
    renewal: t.expose('renewal', { type: LaneRevenueType }),
    timeToInsight: t.expose('timeToInsight', { type: TimeToInsightType }),
    change: t.expose('change', { type: ChangesType }),
    ruleVersions: t.expose('ruleVersions', { type: [RuleVersionRefType] }),
  }),
});

const ScorecardType = builder.objectRef<Scorecard>('Scorecard').implement({
  fields: (t) => ({
    selection: t.expose('selection', { type: SelectionType }),
    groupBy: t.expose('groupBy', { type: ScorecardGroupByEnum }),
    period: t.expose('period', { type: ReportPeriodUnitEnum }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    periods: t.expose('periods', { type: [ReportPeriodRef] }),
    rows: t.expose('rows', { type: [RowType] }),
    ruleVersions: t.expose('ruleVersions', { type: [RuleVersionRefType] }),
  }),
});

function toInput(input: typeof ScorecardInputType.$inferInput): ScorecardInput {
  return {
    ruleSetKey: input.ruleSetKey,
    ruleVersionId: optionalIdOf(input.ruleVersionId ? String(input.ruleVersionId) : null, 'RuleVersion', 'input.ruleVersionId'),
    runId: optionalIdOf(input.runId ? String(input.runId) : null, 'AttributionRun', 'input.runId'),
    groupBy: input.groupBy ?? 'partner',
    period: input.period ?? 'quarter',
    from: input.from,
    to: input.to,
  };
}

const FigureDiffType = builder.objectRef<FigureDiff>('FigureDiff').implement({
  fields: (t) => ({
    base: t.expose('base', { type: 'Decimal' }),
    candidate: t.expose('candidate', { type: 'Decimal' }),
    delta: t.expose('delta', { type: 'Decimal', description: 'candidate − base.' }),
    relative: t.expose('relative', { type: 'Decimal', nullable: true, description: 'delta / base, 4 places; null when base is 0.' }),
  }),
});
const RatioDiffType = builder.objectRef<RatioDiff>('RatioDiff').implement({
  fields: (t) => ({
    base: t.expose('base', { type: 'Decimal', nullable: true }),
    candidate: t.expose('candidate', { type: 'Decimal', nullable: true }),
    delta: t.expose('delta', { type: 'Decimal', nullable: true }),
  }),
});
const ComparisonRowType = builder.objectRef<ScorecardComparisonRow>('ScorecardComparisonRow').implement({
  fields: (t) => ({
    groupKey: t.exposeString('groupKey'),
    groupLabel: t.exposeString('groupLabel'),
    period: t.exposeString('period'),
    sourcedPipeline: t.expose('sourcedPipeline', { type: FigureDiffType }),
    influencedPipeline: t.expose('influencedPipeline', { type: FigureDiffType }),
    sourcedRevenue: t.expose('sourcedRevenue', { type: FigureDiffType }),
    influencedRevenue: t.expose('influencedRevenue', { type: FigureDiffType }),
    involvedRevenue: t.expose('involvedRevenue', { type: FigureDiffType }),
    winRateInvolved: t.expose('winRateInvolved', { type: RatioDiffType }),
    coverage: t.expose('coverage', { type: RatioDiffType }),
    changed: t.exposeBoolean('changed'),
  }),
});
const ComparisonType = builder.objectRef<ScorecardComparison>('ScorecardComparison').implement({
  description: 'The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row.',
  fields: (t) => ({
    base: t.expose('base', { type: SelectionType }),
    candidate: t.expose('candidate', { type: SelectionType }),
    groupBy: t.expose('groupBy', { type: ScorecardGroupByEnum }),
    period: t.expose('period', { type: ReportPeriodUnitEnum }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    baseRuleVersions: t.expose('baseRuleVersions', { type: [RuleVersionRefType] }),
    candidateRuleVersions: t.expose('candidateRuleVersions', { type: [RuleVersionRefType] }),
    rows: t.field({
      type: [ComparisonRowType],
      args: { changedOnly: t.arg.boolean({ required: false, defaultValue: false }) },
      resolve: (c, { changedOnly }) => (changedOnly ? c.rows.filter((r) => r.changed) : c.rows),
    }),
  }),
});

builder.queryFields((t) => ({
  scorecardComparison: t.field({
    type: ComparisonType,
    description: 'Compare the scorecard of `input` (base; current results unless it names a version or run) with a candidate rule version or run.',
    authScopes: { readInternal: true },
    complexity: 80,
    args: {
      input: t.arg({ type: ScorecardInputType, required: true }),
      candidateRuleVersionId: t.arg.id({ required: false }),
      candidateRunId: t.arg.id({ required: false }),
    },
    resolve: (_r, args, ctx) => reportCall(() => computeScorecardComparison(ctx.db, toInput(args.input), {
      ruleVersionId: optionalIdOf(args.candidateRuleVersionId ? String(args.candidateRuleVersionId) : null, 'RuleVersion', 'candidateRuleVersionId'),
      runId: optionalIdOf(args.candidateRunId ? String(args.candidateRunId) : null, 'AttributionRun', 'candidateRunId'),
    })),
  }),
  scorecard: t.field({
    type: ScorecardType,
    description: 'Partner scorecard: pipeline and closed-won revenue per lane, win rate, velocity, coverage, ROI, expansion/renewal, '
      + 'time-to-insight and change vs the previous period, with the rule versions that produced each row.',
    authScopes: { readInternal: true },
    complexity: 50,
    args: { input: t.arg({ type: ScorecardInputType, required: true }) },
    resolve: (_r, { input }, ctx) => reportCall(() => computeScorecard(ctx.db, toInput(input))),
  }),
  scorecardCsv: t.field({
    type: CsvDownloadType,
    description: 'The same scorecard as a CSV download (header documented in the README).',
    authScopes: { readInternal: true },
    complexity: 50,
    args: { input: t.arg({ type: ScorecardInputType, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const card = await reportCall(() => computeScorecard(ctx.db, toInput(input)));
      return {
        filename: scorecardCsvFilename(card), contentType: 'text/csv; charset=utf-8', header: SCORECARD_CSV_HEADER,
        rows: card.rows.length, content: scorecardToCsv(card),
      };
    },
  }),
}));
