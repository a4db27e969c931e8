// Comparing two scorecards of the same shape: typically the published results
// (base) against a preview of a draft rule version (candidate), so alliances
// and finance see what a rule change would move before it is published.
// Groups present on one side only are compared with zero on the other.
import type { ReportDb } from './db.js';
import { quotient, subtractDecimals } from '../domain/decimal.js';
import { ReportError } from './errors.js';
import type { RuleVersionRef, Scorecard, ScorecardGroupBy, ScorecardInput, ScorecardRow, ScorecardSelection } from './scorecard.js';
import { computeScorecard } from './scorecard.js';

export interface FigureDiff {
  base: string;
  candidate: string;
  /** candidate − base. */
  delta: string;
  /** delta / base, 4 places; null when base is zero. */
  relative: string | null;
}

export interface RatioDiff {
  base: string | null;
  candidate: string | null;
  /** candidate − base in ratio points, 4 places; null when either is undefined. */
  delta: string | null;
}

export interface ScorecardComparisonRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  sourcedPipeline: FigureDiff;
  influencedPipeline: FigureDiff;
  sourcedRevenue: FigureDiff;
  influencedRevenue: FigureDiff;
  involvedRevenue: FigureDiff;
  winRateInvolved: RatioDiff;
  coverage: RatioDiff;
  /** true when any figure differs. */
  changed: boolean;
}

export interface ScorecardComparison {
  base: ScorecardSelection;
  candidate: ScorecardSelection;
  groupBy: ScorecardGroupBy;
  period: Scorecard['period'];
  from: string;
  to: string;
  /** The reporting currency of both sides. */
  currency: string;
  baseRuleVersions: RuleVersionRef[];
  candidateRuleVersions: RuleVersionRef[];
  rows: ScorecardComparisonRow[];
}

function money(base: string, candidate: string): FigureDiff {
  const delta = subtractDecimals(candidate, base, 2, 'half-up');
  return { base, candidate, delta, relative: quotient(delta, base, 4, 'half-up') };
}

function rate(base: string | null, candidate: string | null): RatioDiff {
  return { base, candidate, delta: base !== null && candidate !== null ? subtractDecimals(candidate, base, 4, 'half-up') : null };
}

const ZERO = '0.00';

/** Row-by-row differences of two scorecards with the same groupBy, period unit and range. */
export function compareScorecards(base: Scorecard, candidate: Scorecard): ScorecardComparison {
  if (
    base.groupBy !== candidate.groupBy ||
    base.period !== candidate.period ||
    base.from !== candidate.from ||
    base.to !== candidate.to ||
    base.currency !== candidate.currency ||
    base.fiscalYearStart !== candidate.fiscalYearStart
  ) {
    throw new ReportError(
      'INVALID_INPUT',
      'compare scorecards with the same groupBy, period, from/to range, reporting currency and fiscal year.',
    );
  }
  const key = (r: ScorecardRow) => `${r.groupKey}\u0000${r.period}`;
  const b = new Map(base.rows.map((r) => [key(r), r]));
  const c = new Map(candidate.rows.map((r) => [key(r), r]));
  const keys = [...new Set([...b.keys(), ...c.keys()])];
  const rows = keys.map((k) => {
    const x = b.get(k);
    const y = c.get(k);
    const any = (x ?? y)!;
    const row: ScorecardComparisonRow = {
      groupKey: any.groupKey,
      groupLabel: any.groupLabel,
      period: any.period,
      sourcedPipeline: money(x?.sourcedPipeline ?? ZERO, y?.sourcedPipeline ?? ZERO),
      influencedPipeline: money(x?.influencedPipeline ?? ZERO, y?.influencedPipeline ?? ZERO),
      sourcedRevenue: money(x?.sourcedRevenue ?? ZERO, y?.sourcedRevenue ?? ZERO),
      influencedRevenue: money(x?.influencedRevenue ?? ZERO, y?.influencedRevenue ?? ZERO),
      involvedRevenue: money(x?.involvedRevenue ?? ZERO, y?.involvedRevenue ?? ZERO),
      winRateInvolved: rate(x?.winRate.involved.rate ?? null, y?.winRate.involved.rate ?? null),
      coverage: rate(x?.coverage.rate ?? null, y?.coverage.rate ?? null),
      changed: false,
    };
    row.changed =
      [row.sourcedPipeline, row.influencedPipeline, row.sourcedRevenue, row.influencedRevenue, row.involvedRevenue].some(
        (d) => d.delta !== '0.00',
      ) ||
      row.winRateInvolved.base !== row.winRateInvolved.candidate ||
      row.coverage.base !== row.coverage.candidate;
    return row;
  });
  rows.sort((p, q) => p.groupLabel.localeCompare(q.groupLabel) || p.groupKey.localeCompare(q.groupKey) || p.period.localeCompare(q.period));
  return {
    base: base.selection,
    candidate: candidate.selection,
    groupBy: base.groupBy,
    period: base.period,
    from: base.from,
    to: base.to,
    currency: base.currency,
    baseRuleVersions: base.ruleVersions,
    candidateRuleVersions: candidate.ruleVersions,
    rows,
  };
}

/**
 * Scores `input` (the base: current results unless it names a version or run)
 * and the same scorecard for `candidate` (a rule version or a run), and compares them.
 */
export async function computeScorecardComparison(
  db: ReportDb,
  input: ScorecardInput,
  candidate: { ruleVersionId?: string; runId?: string },
): Promise<ScorecardComparison> {
  if (!candidate.ruleVersionId && !candidate.runId) {
    throw new ReportError('INVALID_INPUT', 'name the candidate to compare with: a rule version id or a run id (e.g. a preview run).');
  }
  const base = await computeScorecard(db, input);
  const other = await computeScorecard(db, { ...input, ruleVersionId: candidate.ruleVersionId, runId: candidate.runId });
  return compareScorecards(base, other);
}
