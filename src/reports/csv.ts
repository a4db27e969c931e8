// CSV exports of reports for finance and BI tools. RFC 4180: comma
// separated, CRLF line ends, fields quoted when they contain a comma, quote or
// line break (src/domain/csv.ts). Text cells that a spreadsheet would run as
// a formula (=, +, -, @, tab, CR first) are prefixed with an apostrophe;
// numeric columns are never altered.
//
// SCORECARD CSV (header is stable; new columns are only ever appended):
//   group_by, group_key, group_label, period, period_start, period_end  – the row's group and period
//   sourced_pipeline, influenced_pipeline, involved_pipeline            – open amounts (2 places)
//   sourced_revenue, influenced_revenue, involved_revenue               – closed-won amounts (2 places)
//   win_rate_involved, won_involved, closed_involved                    – rate 4 places, counts
//   win_rate_other, won_other, closed_other
//   velocity_days_involved, velocity_days_other                         – mean days, 1 place
//   coverage, opportunities_created, opportunities_with_signals         – rate 4 places
//   investment, roi_sourced, roi_influenced, roi_note                   – roi_note explains an empty ROI
//   expansion_sourced, expansion_influenced, renewal_sourced, renewal_influenced
//   tti_p50_hours, tti_p90_hours, tti_samples, tti_stale
//   previous_period, sourced_pipeline_change, influenced_pipeline_change,
//   sourced_revenue_change, influenced_revenue_change, coverage_change  – deltas vs the previous period
//   rule_versions                                                       – "v1;v2" (published) or "draft:<id>"
//   currency                                                            – the reporting currency of every amount (ISO 4217)
//   influence_accuracy, influence_accuracy_deals, influence_accuracy_stood – program-wide for the row's period (the same
//                                                                          in every group): share of partner-credited won
//                                                                          deals whose credit stood, 4 places, and the counts
//   role_agreement, role_agreement_deals, role_agreement_agreed        – program-wide for the row's period: of those deals
//                                                                          with a rep-declared partner role, the share where
//                                                                          it agrees with the rules' role, 4 places, and the counts
// Empty cell = not defined (no deals closed, no investment, …).
import { csvLine, type CsvCell } from '../domain/csv.js';
import type { Scorecard, ScorecardRow } from './scorecard.js';
import type { SpotlightReport } from './spotlight.js';

export const SCORECARD_CSV_HEADER = [
  'group_by',
  'group_key',
  'group_label',
  'period',
  'period_start',
  'period_end',
  'sourced_pipeline',
  'influenced_pipeline',
  'involved_pipeline',
  'sourced_revenue',
  'influenced_revenue',
  'involved_revenue',
  'win_rate_involved',
  'won_involved',
  'closed_involved',
  'win_rate_other',
  'won_other',
  'closed_other',
  'velocity_days_involved',
  'velocity_days_other',
  'coverage',
  'opportunities_created',
  'opportunities_with_signals',
  'investment',
  'roi_sourced',
  'roi_influenced',
  'roi_note',
  'expansion_sourced',
  'expansion_influenced',
  'renewal_sourced',
  'renewal_influenced',
  'tti_p50_hours',
  'tti_p90_hours',
  'tti_samples',
  'tti_stale',
  'previous_period',
  'sourced_pipeline_change',
  'influenced_pipeline_change',
  'sourced_revenue_change',
  'influenced_revenue_change',
  'coverage_change',
  'rule_versions',
  'currency',
  'influence_accuracy',
  'influence_accuracy_deals',
  'influence_accuracy_stood',
  'role_agreement',
  'role_agreement_deals',
  'role_agreement_agreed',
] as const;

type Cell = CsvCell;

/** Every column that is not a number: group, period, dates, notes, version labels. */
const TEXT_COLUMNS = new Set(
  SCORECARD_CSV_HEADER.flatMap((name, i) =>
    [
      'group_by',
      'group_key',
      'group_label',
      'period',
      'period_start',
      'period_end',
      'roi_note',
      'previous_period',
      'rule_versions',
      'currency',
    ].includes(name)
      ? [i]
      : [],
  ),
);

export function ruleVersionLabel(v: { id: string; version: number | null }): string {
  return v.version === null ? `draft:${v.id}` : `v${v.version}`;
}

function scorecardCells(card: Scorecard, r: ScorecardRow): Cell[] {
  return [
    card.groupBy,
    r.groupKey,
    r.groupLabel,
    r.period,
    r.periodStart,
    r.periodEnd,
    r.sourcedPipeline,
    r.influencedPipeline,
    r.involvedPipeline,
    r.sourcedRevenue,
    r.influencedRevenue,
    r.involvedRevenue,
    r.winRate.involved.rate,
    r.winRate.involved.won,
    r.winRate.involved.closed,
    r.winRate.other.rate,
    r.winRate.other.won,
    r.winRate.other.closed,
    r.velocity.involved.days,
    r.velocity.other.days,
    r.coverage.rate,
    r.coverage.opportunities,
    r.coverage.withSignals,
    r.roi.investment,
    r.roi.sourced,
    r.roi.influenced,
    r.roi.reason,
    r.expansion.sourced,
    r.expansion.influenced,
    r.renewal.sourced,
    r.renewal.influenced,
    r.timeToInsight.p50Hours,
    r.timeToInsight.p90Hours,
    r.timeToInsight.samples,
    r.timeToInsight.stale,
    r.change.previousPeriod,
    r.change.sourcedPipeline.delta,
    r.change.influencedPipeline.delta,
    r.change.sourcedRevenue.delta,
    r.change.influencedRevenue.delta,
    r.change.coverage.delta,
    r.ruleVersions.map(ruleVersionLabel).join(';'),
    card.currency,
    ...accuracyCells(card, r.period),
  ];
}

function accuracyCells(card: Scorecard, period: string): Cell[] {
  const a = card.influenceAccuracy.find((x) => x.period === period);
  return a ? [a.rate, a.deals, a.stood, a.roleAgreement, a.declaredDeals, a.agreedDeals] : [null, null, null, null, null, null];
}

/** The scorecard as CSV text (header + one line per group and period, CRLF). */
export function scorecardToCsv(card: Scorecard): string {
  const lines = [SCORECARD_CSV_HEADER.join(',')];
  for (const r of card.rows) lines.push(csvLine(scorecardCells(card, r), TEXT_COLUMNS));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for a scorecard download: scorecard-default-partner-quarter-2026-01-01-2026-06-30.csv */
export function scorecardCsvFilename(card: Scorecard): string {
  const safe = card.selection.ruleSetKey.replace(/[^A-Za-z0-9_.-]+/g, '_');
  const which =
    card.selection.kind === 'run'
      ? `-run-${card.selection.runId}`
      : card.selection.kind === 'rule_version'
        ? `-version-${card.selection.ruleVersionId}`
        : '';
  return `scorecard-${safe}${which}-${card.groupBy}-${card.period}-${card.from}-${card.to}.csv`;
}

// SPOTLIGHT CSV (header is stable):
//   unit                      – partner key, channel, action or partner type
//   rule_credit, model_credit – the lane's rule credit and the model's credit on the same won deals (2 places)
//   difference                – rule_credit - model_credit
//   low, high                 – the model credit's bootstrap interval
//   journeys, conversions     – closed deals the unit is on, and of those the won ones
//   diverges                  – true when rule_credit lies outside [low, high]
const SPOTLIGHT_CSV_HEADER = [
  'unit',
  'rule_credit',
  'model_credit',
  'difference',
  'low',
  'high',
  'journeys',
  'conversions',
  'diverges',
] as const;

export function spotlightToCsv(report: SpotlightReport): string {
  const lines = [SPOTLIGHT_CSV_HEADER.join(',')];
  for (const r of report.rows) {
    lines.push(
      csvLine(
        [r.unit, r.ruleCredit, r.modelCredit, r.difference, r.low, r.high, r.journeys, r.conversions, String(r.diverges)],
        SPOTLIGHT_TEXT_COLUMNS,
      ),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
const SPOTLIGHT_TEXT_COLUMNS = new Set([0]);
