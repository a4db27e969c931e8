// Influence accuracy, the seeds' KPI "agreement between teams" (target ≥ 90%):
// per period, of the won deals on which the rule set credits a partner, the
// share whose credit stood — no dispute on the deal was upheld (approved).
// A deal counts in the period of its close date (fiscal periods as the
// scorecard's). Definitions: src/reports/README.md.
import type { ReportDb } from './db.js';
import { asCount, queryRows } from './db.js';
import { ratio } from './decimal.js';
import type { Period } from './periods.js';

export interface InfluenceAccuracyFigure {
  period: string;
  /** Won deals closed in the period with current partner credit (any lane) from the rule set. */
  deals: number;
  /** Of those, deals with no approved dispute. */
  stood: number;
  /** stood / deals, 4 places; null without such deals. */
  rate: string | null;
}

/** Builds SQL parameters: add(value) returns its placeholder ($n). */
export interface SqlParams { readonly values: unknown[]; add(value: unknown): string }

/**
 * `selection(p)` is the scorecard's CTE `sel` of the selected allocations (current,
 * one rule version's, or one run's), so the KPI reads the same credit as the figures.
 */
export async function queryInfluenceAccuracy(
  db: ReportDb, selection: (p: SqlParams) => string, periods: readonly Period[],
): Promise<InfluenceAccuracyFigure[]> {
  if (periods.length === 0) return [];
  const values: unknown[] = [];
  const p: SqlParams = { values, add(v) { values.push(v); return `$${values.length}`; } };
  const sel = selection(p);
  const keys = p.add(periods.map((x) => x.key));
  const starts = p.add(periods.map((x) => x.start));
  const ends = p.add(periods.map((x) => x.end));
  const from = p.add(periods[0]!.start);
  const to = p.add(periods[periods.length - 1]!.end);
  const rows = await queryRows<{ key: string; deals: unknown; stood: unknown }>(db,
    `WITH ${sel},
     p AS (SELECT * FROM unnest(${keys}::text[], ${starts}::timestamptz[], ${ends}::timestamptz[]) AS p(key, start_at, end_at)),
     credited AS (
       SELECT DISTINCT o.id, o.closed_at
         FROM sel s JOIN opportunity o ON o.id = s.opportunity_id
        WHERE o.outcome = 'won' AND o.closed_at >= ${from} AND o.closed_at < ${to}
          AND s.partner_id IS NOT NULL AND s.amount > 0
     )
     SELECT p.key, count(c.id) AS deals,
            count(c.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM dispute d WHERE d.opportunity_id = c.id AND d.status = 'approved')) AS stood
       FROM p LEFT JOIN credited c ON c.closed_at >= p.start_at AND c.closed_at < p.end_at
      GROUP BY p.key, p.start_at
      ORDER BY p.start_at`,
    values);
  return rows.map((r) => {
    const deals = asCount(r.deals);
    const stood = asCount(r.stood);
    return { period: r.key, deals, stood, rate: ratio(stood, deals, 4) };
  });
}
