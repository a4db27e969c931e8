// Scorecard exports and comparisons over GraphQL (beside `scorecard` in
// scorecard.ts, same arguments): `scorecardCsv` returns the scorecard as a CSV
// download for finance and BI tools; `scorecardComparison` compares the
// scorecard of the current (or named) results with a candidate rule version or
// run (e.g. a preview of a draft), row by row.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { computeScorecardComparison, type FigureDiff, type RatioDiff, type ScorecardComparison, type ScorecardComparisonRow } from '../../reports/compare.js';
import { scorecardCsvFilename, scorecardToCsv, SCORECARD_CSV_HEADER } from '../../reports/csv.js';
import type { ScorecardSelection } from '../../reports/scorecard.js';
import { builder } from '../builder.js';
import { optionalIdOf } from '../common/ids.js';
import { CsvDownloadType, REPORT_ERRORS, reportCall } from './common.js';
import { GroupByEnum, PeriodUnitEnum, scorecardArgs, scorecardInput, scorecardOf, VersionRef } from './scorecard.js';

const SelectionRef = builder.objectRef<ScorecardSelection>('ScorecardSelection').implement({
  description: 'Which results were scored: current (in force) results, a rule version, or one run.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'current, rule_version or run.' }),
    ruleSetKey: t.exposeString('ruleSetKey'),
    ruleVersionId: t.id({ nullable: true, resolve: (s) => (s.ruleVersionId ? encodeGlobalID('RuleVersion', s.ruleVersionId) : null) }),
    runId: t.id({ nullable: true, resolve: (s) => (s.runId ? encodeGlobalID('AttributionRun', s.runId) : null) }),
  }),
});

const FigureDiffRef = builder.objectRef<FigureDiff>('FigureDiff').implement({
  fields: (t) => ({
    base: t.field({ type: 'Decimal', resolve: (d) => d.base }),
    candidate: t.field({ type: 'Decimal', resolve: (d) => d.candidate }),
    delta: t.field({ type: 'Decimal', description: 'candidate − base.', resolve: (d) => d.delta }),
    relative: t.field({ type: 'Decimal', nullable: true, description: 'delta / base, 4 places; null when base is 0.', resolve: (d) => d.relative }),
  }),
});
const RatioDiffRef = builder.objectRef<RatioDiff>('RatioDiff').implement({
  fields: (t) => ({
    base: t.field({ type: 'Decimal', nullable: true, resolve: (d) => d.base }),
    candidate: t.field({ type: 'Decimal', nullable: true, resolve: (d) => d.candidate }),
    delta: t.field({ type: 'Decimal', nullable: true, resolve: (d) => d.delta }),
  }),
});
const ComparisonRowRef = builder.objectRef<ScorecardComparisonRow>('ScorecardComparisonRow').implement({
  fields: (t) => ({
    groupKey: t.exposeString('groupKey'),
    groupLabel: t.exposeString('groupLabel'),
    period: t.exposeString('period'),
    sourcedPipeline: t.field({ type: FigureDiffRef, resolve: (r) => r.sourcedPipeline }),
    influencedPipeline: t.field({ type: FigureDiffRef, resolve: (r) => r.influencedPipeline }),
    sourcedRevenue: t.field({ type: FigureDiffRef, resolve: (r) => r.sourcedRevenue }),
    influencedRevenue: t.field({ type: FigureDiffRef, resolve: (r) => r.influencedRevenue }),
    involvedRevenue: t.field({ type: FigureDiffRef, resolve: (r) => r.involvedRevenue }),
    winRateInvolved: t.field({ type: RatioDiffRef, resolve: (r) => r.winRateInvolved }),
    coverage: t.field({ type: RatioDiffRef, resolve: (r) => r.coverage }),
    changed: t.exposeBoolean('changed'),
  }),
});
const ComparisonRef = builder.objectRef<ScorecardComparison>('ScorecardComparison').implement({
  description: 'The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row.',
  fields: (t) => ({
    base: t.field({ type: SelectionRef, resolve: (c) => c.base }),
    candidate: t.field({ type: SelectionRef, resolve: (c) => c.candidate }),
    groupBy: t.field({ type: GroupByEnum, resolve: (c) => c.groupBy }),
    period: t.field({ type: PeriodUnitEnum, resolve: (c) => c.period }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    currency: t.string({ description: 'The reporting currency (ISO 4217) of every money figure, on both sides.', resolve: (c) => c.currency }),
    baseRuleVersions: t.field({ type: [VersionRef], resolve: (c) => c.baseRuleVersions }),
    candidateRuleVersions: t.field({ type: [VersionRef], resolve: (c) => c.candidateRuleVersions }),
    rows: t.field({
      type: [ComparisonRowRef],
      args: { changedOnly: t.arg.boolean({ required: false, defaultValue: false }) },
      resolve: (c, { changedOnly }) => (changedOnly ? c.rows.filter((r) => r.changed) : c.rows),
    }),
  }),
});

builder.queryFields((t) => {
  const args = scorecardArgs(t);
  return {
    scorecardCsv: t.field({
      type: CsvDownloadType,
      description: 'The `scorecard` as a CSV download for finance and BI tools (header documented in src/reports/README.md).',
      authScopes: { readInternal: true },
      complexity: 50,
      errors: { types: REPORT_ERRORS, union: { name: 'ScorecardCsvResult' } },
      args,
      resolve: async (_r, a, ctx) => {
        const card = await scorecardOf(ctx, scorecardInput(a, ctx.reporting));
        return {
          filename: scorecardCsvFilename(card), contentType: 'text/csv; charset=utf-8', header: SCORECARD_CSV_HEADER,
          rows: card.rows.length, content: scorecardToCsv(card),
        };
      },
    }),
    scorecardComparison: t.field({
      type: ComparisonRef,
      description: 'Compare the scorecard of the given results (base: the credit in force unless ruleVersionId/runId) with a candidate rule version or run.',
      authScopes: { readInternal: true },
      complexity: 80,
      errors: { types: REPORT_ERRORS, union: { name: 'ScorecardComparisonResult' } },
      args: {
        ...args,
        candidateRuleVersionId: t.arg.id({ required: false }),
        candidateRunId: t.arg.id({ required: false }),
      },
      resolve: (_r, a, ctx) => reportCall(() => computeScorecardComparison(ctx.db, scorecardInput(a, ctx.reporting), {
        ruleVersionId: optionalIdOf(a.candidateRuleVersionId == null ? null : String(a.candidateRuleVersionId), 'RuleVersion', 'candidateRuleVersionId'),
        runId: optionalIdOf(a.candidateRunId == null ? null : String(a.candidateRunId), 'AttributionRun', 'candidateRunId'),
      })),
    }),
  };
});
