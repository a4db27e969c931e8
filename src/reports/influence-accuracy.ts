// Influence accuracy, the seeds' KPI "agreement between teams" (target ≥ 90%):
// per period, of the won deals on which the rule set credits a partner, the
// share whose credit stood — no dispute on the deal was upheld (approved).
// A deal counts in the period of its close date (fiscal periods as the
// scorecard's). Role agreement: of those deals, the ones where a credited
// partner's touches on the deal carry a rep-declared role (touchpoint.
// declared_role), and the share where every such declaration agrees with a
// role the rules gave that partner on the deal. Definitions: src/reports/README.md.
import type { ReportDb } from './db.js';
import { asCount, queryRows } from './db.js';
import { quotient } from '../domain/decimal.js';
import type { Period } from './periods.js';

export interface InfluenceAccuracyFigure {
  period: string;
  /** Won deals closed in the period with current partner credit (any lane) from the rule set. */
  deals: number;
  /** Of those, deals with no approved dispute. */
  stood: number;
  /** stood / deals, 4 places; null without such deals. */
  rate: string | null;
  /** Of `deals`, those where a credited partner's latest live touch on the deal (up to the close) carrying a declared role declares one. */
  declaredDeals: number;
  /** Of those, deals where every credited partner's declared role is among the roles the rules gave that partner on the deal. */
  agreedDeals: number;
  /** agreedDeals / declaredDeals, 4 places; null without declarations. */
  roleAgreement: string | null;
}

/** Builds SQL parameters: add(value) returns its placeholder ($n). */
interface SqlParams {
  readonly values: unknown[];
  add(value: unknown): string;
}

/**
 * `selection(p)` is the scorecard's CTE `sel` of the selected allocations (current,
 * one rule version's, or one run's), so the KPI reads the same credit as the figures.
 */
export async function queryInfluenceAccuracy(
  db: ReportDb,
  selection: (p: SqlParams) => string,
  periods: readonly Period[],
): Promise<InfluenceAccuracyFigure[]> {
  if (periods.length === 0) return [];
  const values: unknown[] = [];
  const p: SqlParams = {
    values,
    add(v) {
      values.push(v);
      return `$${values.length}`;
    },
  };
  const sel = selection(p);
  const keys = p.add(periods.map((x) => x.key));
  const starts = p.add(periods.map((x) => x.start));
  const ends = p.add(periods.map((x) => x.end));
  const from = p.add(periods[0]!.start);
  const to = p.add(periods[periods.length - 1]!.end);
  const rows = await queryRows<{ key: string; deals: unknown; stood: unknown; declared: unknown; agreed: unknown }>(
    db,
    `WITH ${sel},
     p AS (SELECT * FROM unnest(${keys}::text[], ${starts}::timestamptz[], ${ends}::timestamptz[]) AS p(key, start_at, end_at)),
     credited_pairs AS (
       SELECT o.id, o.closed_at, s.partner_id, array_agg(DISTINCT s.role) AS roles
         FROM sel s JOIN opportunity o ON o.id = s.opportunity_id
        WHERE o.outcome = 'won' AND o.closed_at >= ${from} AND o.closed_at < ${to}
          AND s.partner_id IS NOT NULL AND s.amount > 0
        GROUP BY o.id, o.closed_at, s.partner_id
     ),
     credited AS (SELECT DISTINCT id, closed_at FROM credited_pairs),
     declared AS (
       -- Per deal: does every credited partner's declared role match a role the rules gave it?
       SELECT cp.id, bool_and(dr.role = ANY(cp.roles)) AS agrees
         FROM credited_pairs cp
         CROSS JOIN LATERAL (
           SELECT t.declared_role AS role FROM touchpoint t
            WHERE t.opportunity_id = cp.id AND t.partner_id = cp.partner_id AND t.declared_role IS NOT NULL
              AND t.deleted_at IS NULL AND t.occurred_at <= cp.closed_at
            ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1
         ) dr
        GROUP BY cp.id
     )
     SELECT p.key, count(c.id) AS deals,
            count(c.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM dispute d WHERE d.opportunity_id = c.id AND d.status = 'approved')) AS stood,
            count(dc.id) AS declared, count(dc.id) FILTER (WHERE dc.agrees) AS agreed
       FROM p LEFT JOIN credited c ON c.closed_at >= p.start_at AND c.closed_at < p.end_at
       LEFT JOIN declared dc ON dc.id = c.id
      GROUP BY p.key, p.start_at
      ORDER BY p.start_at`,
    values,
  );
  return rows.map((r) => {
    const deals = asCount(r.deals);
    const stood = asCount(r.stood);
    const declaredDeals = asCount(r.declared);
    const agreedDeals = asCount(r.agreed);
    return {
      period: r.key,
      deals,
      stood,
      rate: quotient(stood, deals, 4, 'half-up'),
      declaredDeals,
      agreedDeals,
      roleAgreement: quotient(agreedDeals, declaredDeals, 4, 'half-up'),
    };
  });
}
