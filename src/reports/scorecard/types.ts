// Scorecard types: the public result shapes (re-exported by src/reports/scorecard.ts)
// and the row shapes the queries hand to the figures.
import type { Change } from '../change.js';
import type { InfluenceAccuracyFigure } from '../influence-accuracy.js';
import type { PeriodUnit } from '../periods.js';

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
  /**
   * Where the credited facts, time-to-insight and the baseline come from: `rollup` (the
   * report rollup tables, written with every change of current credit:
   * src/engine/report-rollup.ts) or `direct` (the allocation rows). Default:
   * the rollup when the rule set's is built and the selection is current
   * credit, else direct. Both give identical figures (test/reports/rollups.test.ts).
   */
  source?: 'direct' | 'rollup';
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

interface TimeToInsightFigure {
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

export interface FactRow {
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
  /** The converted deals counted per currency and day (queryRollupFacts). */
  rollupConversions?: { currency: string; day: string; rateDay: string | null; id: string; count?: number }[];
}

export interface Range {
  start: Date;
  end: Date;
}

export interface BaselineRow {
  period: string;
  closed: number;
  won: number;
  velocity: string | null;
  ruleVersionIds: string[];
}

export interface CoverageRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  withSignals: number;
}

export interface InvestmentRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  amount: string;
  /** "currency period_start rate_day|- investment_id" of the converted investments. */
  conversions: string[];
}
