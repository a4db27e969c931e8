// Scorecard exports and comparisons over GraphQL (beside `scorecard` in
// scorecard.ts, same arguments): `scorecardCsv` returns the scorecard as a CSV
// download for finance and BI tools; `scorecardComparison` compares the
// scorecard of the current (or named) results with a candidate rule version or
// run (e.g. a preview of a draft), row by row.
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  computeScorecardComparison,
  type FigureDiff,
  type RatioDiff,
  type ScorecardComparison,
  type ScorecardComparisonRow,
} from '../../reports/compare.js';
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
    ruleSetKey: t.exposeString('ruleSetKey', { description: 'The rule set scored.' }),
    ruleVersionId: t.id({
      nullable: true,
      description: 'Global id of the RuleVersion scored; null for current results.',
      resolve: (s) => (s.ruleVersionId ? encodeGlobalID('RuleVersion', s.ruleVersionId) : null),
    }),
    runId: t.id({
      nullable: true,
      description: 'Global id of the AttributionRun scored; null unless one run was.',
      resolve: (s) => (s.runId ? encodeGlobalID('AttributionRun', s.runId) : null),
    }),
  }),
});

const FigureDiffRef = builder.objectRef<FigureDiff>('FigureDiff').implement({
  description: 'A money figure (reporting currency, 2 places) under the base and the candidate results.',
  fields: (t) => ({
    base: t.field({ type: 'Decimal', description: 'Under the base results.', resolve: (d) => d.base }),
    candidate: t.field({ type: 'Decimal', description: 'Under the candidate results.', resolve: (d) => d.candidate }),
    delta: t.field({ type: 'Decimal', description: 'candidate − base.', resolve: (d) => d.delta }),
    relative: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'delta / base, 4 places; null when base is 0.',
      resolve: (d) => d.relative,
    }),
  }),
});
const RatioDiffRef = builder.objectRef<RatioDiff>('RatioDiff').implement({
  description: 'A ratio (4 places) under the base and the candidate results; null where the ratio is undefined (nothing to divide by).',
  fields: (t) => ({
    base: t.field({ type: 'Decimal', nullable: true, description: 'Under the base results.', resolve: (d) => d.base }),
    candidate: t.field({ type: 'Decimal', nullable: true, description: 'Under the candidate results.', resolve: (d) => d.candidate }),
    delta: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'candidate − base; null when either is null.',
      resolve: (d) => d.delta,
    }),
  }),
});
const ComparisonRowRef = builder.objectRef<ScorecardComparisonRow>('ScorecardComparisonRow').implement({
  description: 'One group and period of the scorecard under both results (the figures as in ScorecardRow).',
  fields: (t) => ({
    groupKey: t.exposeString('groupKey', { description: 'The group: a partner key, partner-type key, channel key or "all".' }),
    groupLabel: t.exposeString('groupLabel', { description: "The group's display name." }),
    period: t.exposeString('period', { description: 'Period key, e.g. "2026-Q1".' }),
    sourcedPipeline: t.field({ type: FigureDiffRef, description: 'Sourced pipeline, both sides.', resolve: (r) => r.sourcedPipeline }),
    influencedPipeline: t.field({
      type: FigureDiffRef,
      description: 'Influenced pipeline, both sides.',
      resolve: (r) => r.influencedPipeline,
    }),
    sourcedRevenue: t.field({ type: FigureDiffRef, description: 'Sourced revenue, both sides.', resolve: (r) => r.sourcedRevenue }),
    influencedRevenue: t.field({
      type: FigureDiffRef,
      description: 'Influenced revenue, both sides.',
      resolve: (r) => r.influencedRevenue,
    }),
    involvedRevenue: t.field({
      type: FigureDiffRef,
      description: 'Won amount of the involved deals, both sides.',
      resolve: (r) => r.involvedRevenue,
    }),
    winRateInvolved: t.field({
      type: RatioDiffRef,
      description: 'Win rate of the involved deals, both sides.',
      resolve: (r) => r.winRateInvolved,
    }),
    coverage: t.field({ type: RatioDiffRef, description: 'Coverage rate, both sides.', resolve: (r) => r.coverage }),
    changed: t.exposeBoolean('changed', { description: 'Whether any figure of the row differs.' }),
  }),
});
const ComparisonRef = builder.objectRef<ScorecardComparison>('ScorecardComparison').implement({
  description: 'The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row.',
  fields: (t) => ({
    base: t.field({ type: SelectionRef, description: 'The results compared against.', resolve: (c) => c.base }),
    candidate: t.field({ type: SelectionRef, description: 'The results compared.', resolve: (c) => c.candidate }),
    groupBy: t.field({ type: GroupByEnum, description: 'What each row stands for.', resolve: (c) => c.groupBy }),
    period: t.field({ type: PeriodUnitEnum, description: 'Month or quarter.', resolve: (c) => c.period }),
    from: t.exposeString('from', { description: 'The requested first day (YYYY-MM-DD).' }),
    to: t.exposeString('to', { description: 'The requested last day (YYYY-MM-DD, inclusive).' }),
    currency: t.string({
      description: 'The reporting currency (ISO 4217) of every money figure, on both sides.',
      resolve: (c) => c.currency,
    }),
    baseRuleVersions: t.field({
      type: [VersionRef],
      description: 'Rule versions behind the base figures.',
      resolve: (c) => c.baseRuleVersions,
    }),
    candidateRuleVersions: t.field({
      type: [VersionRef],
      description: 'Rule versions behind the candidate figures.',
      resolve: (c) => c.candidateRuleVersions,
    }),
    rows: t.field({
      type: [ComparisonRowRef],
      description: 'One row per group and period present on either side.',
      args: { changedOnly: t.arg.boolean({ required: false, defaultValue: false, description: 'Only rows where a figure differs.' }) },
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
      errors: { types: REPORT_ERRORS, union: { name: 'ScorecardCsvResult', description: 'The CSV, or why the scorecard was refused.' } },
      args,
      resolve: async (_r, a, ctx) => {
        const card = await scorecardOf(ctx, scorecardInput(a, ctx.reporting));
        return {
          filename: scorecardCsvFilename(card),
          contentType: 'text/csv; charset=utf-8',
          header: SCORECARD_CSV_HEADER,
          rows: card.rows.length,
          content: scorecardToCsv(card),
        };
      },
    }),
    scorecardComparison: t.field({
      type: ComparisonRef,
      description:
        'Compare the scorecard of the given results (base: the credit in force unless ruleVersionId/runId) with a candidate rule version or run.',
      authScopes: { readInternal: true },
      complexity: 80,
      errors: { types: REPORT_ERRORS, union: { name: 'ScorecardComparisonResult', description: 'The comparison, or why it was refused.' } },
      args: {
        ...args,
        candidateRuleVersionId: t.arg.id({
          required: false,
          description: "Candidate: this RuleVersion's results (a draft: its latest preview run). Give this or candidateRunId.",
        }),
        candidateRunId: t.arg.id({
          required: false,
          description: "Candidate: exactly this AttributionRun's allocations (e.g. a kept preview).",
        }),
      },
      resolve: (_r, a, ctx) =>
        reportCall(() =>
          computeScorecardComparison(ctx.db, scorecardInput(a, ctx.reporting), {
            ruleVersionId: optionalIdOf(
              a.candidateRuleVersionId == null ? null : String(a.candidateRuleVersionId),
              'RuleVersion',
              'candidateRuleVersionId',
            ),
            runId: optionalIdOf(a.candidateRunId == null ? null : String(a.candidateRunId), 'AttributionRun', 'candidateRunId'),
          }),
        ),
    }),
  };
});
