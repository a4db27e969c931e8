// The report rollup writer: keeps report_rollup (migration
// 20261207140000_report_rollups) equal to an aggregate of the current credit,
// called explicitly by every write path that changes current credit or the
// opportunity data the figures read, inside that path's transaction:
//   - a run's switch (runs.ts switchToRun): a rebuild of the rule set for a
//     large switch, or subtract-before / add-after for the run's deals;
//   - a withdrawal (recompute.ts withdrawAllocations): subtract / add;
//   - an opportunity edit (src/ingest/opportunities.ts): subtract / add for
//     the deal in every rule set.
// The definitions are the scorecard's (src/reports/scorecard.ts): a credited
// allocation names a partner and is not unattributed or disputed; its channel
// is the channel of its earliest contributing touch ('none' without one); a
// group is involved on a deal when it holds non-zero credited credit on it.

import { arrayLiteral as pgArray } from '../db/sql-arrays.js';

/** The statement runner the writer needs (an SqlClient, or a Prisma transaction adapted). */
export interface RollupSql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A Prisma (transaction) client as a RollupSql. */
export function prismaRollupSql(prisma: {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}): RollupSql {
  return {
    async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      if (/^\s*SELECT/i.test(text)) return prisma.$queryRawUnsafe<T[]>(text, ...params);
      await prisma.$executeRawUnsafe(text, ...params);
      return [];
    },
  };
}

/**
 * Adds (sign 1) or removes (-1) the contribution of the current allocations
 * of these opportunities (null: all) in this rule set (null: every rule set
 * whose rollup is built).
 */
async function applyRollup(
  sql: RollupSql,
  ruleSetId: string | null,
  opportunityIds: readonly string[] | null,
  sign: 1 | -1,
): Promise<void> {
  const params: unknown[] = [ruleSetId, sign];
  let oppFilter = '';
  let oppRowFilter = '';
  if (opportunityIds !== null) {
    params.push(pgArray(opportunityIds));
    oppFilter = 'AND ca.opportunity_id = ANY($3::uuid[])';
    oppRowFilter = 'AND o.id = ANY($3::uuid[])';
  }
  await sql.query(
    `WITH sel AS (
        SELECT rv.rule_set_id, ca.opportunity_id, ca.partner_id, ca.lane::text AS lane, ca.role, ca.amount,
               ca.rule_version_id, ca.contributing_touchpoint_ids
          FROM credit_allocation ca JOIN rule_version rv ON rv.id = ca.rule_version_id
         WHERE ca.is_current ${oppFilter}
           AND ($1::uuid IS NULL OR rv.rule_set_id = $1::uuid)
           AND EXISTS (SELECT 1 FROM report_rollup_state st WHERE st.rule_set_id = rv.rule_set_id)
      ),
      opp AS (
        SELECT o.id, o.currency, o.type::text AS opportunity_type, o.amount,
               o.outcome AS kind,
               CASE WHEN o.outcome = 'open' THEN date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date
                    ELSE (o.closed_at AT TIME ZONE 'UTC')::date END AS day,
               extract(epoch FROM (o.closed_at - o.created_at)) / 86400 AS days
          FROM opportunity o
         WHERE (o.outcome = 'open' OR o.closed_at IS NOT NULL) ${oppRowFilter}
      ),
      credited AS (
        SELECT s.rule_set_id, s.opportunity_id, s.lane, s.amount, s.rule_version_id,
               p.key AS partner_key, p.type::text AS partner_type, COALESCE(ch.channel::text, 'none') AS channel
          FROM sel s JOIN partner p ON p.id = s.partner_id
          LEFT JOIN LATERAL (SELECT t.channel FROM touchpoint t WHERE t.id = ANY(s.contributing_touchpoint_ids)
                              ORDER BY t.occurred_at, t.id LIMIT 1) ch ON true
         WHERE s.role NOT IN ('unattributed', 'disputed')
      ),
      per_group AS (
        SELECT c.rule_set_id, g.grouping, g.group_key, c.opportunity_id, min(c.rule_version_id::text)::uuid AS rule_version_id,
               COALESCE(sum(c.amount) FILTER (WHERE c.lane = 'source'), 0) AS src,
               COALESCE(sum(c.amount) FILTER (WHERE c.lane = 'influence'), 0) AS inf,
               bool_or(c.amount > 0) AS involved
          FROM credited c
         CROSS JOIN LATERAL (VALUES ('partner', c.partner_key), ('partner_type', c.partner_type), ('channel', c.channel), ('all', 'all'))
               AS g(grouping, group_key)
         GROUP BY 1, 2, 3, 4
        UNION ALL
        SELECT s.rule_set_id, 'opp', '', s.opportunity_id, min(s.rule_version_id::text)::uuid, 0, 0,
               COALESCE(bool_or(s.partner_id IS NOT NULL AND s.role NOT IN ('unattributed', 'disputed') AND s.amount > 0), false)
          FROM sel s GROUP BY 1, 4
      )
      INSERT INTO report_rollup AS r (rule_set_id, grouping, group_key, rule_version_id, kind, day, opportunity_type, currency,
                                      deals, involved_deals, sourced, influenced, involved_amount, involved_days)
      SELECT g.rule_set_id, g.grouping, g.group_key, g.rule_version_id, o.kind, o.day, o.opportunity_type, o.currency,
             $2::int * count(*), $2::int * count(*) FILTER (WHERE g.involved),
             $2::int * sum(g.src), $2::int * sum(g.inf),
             $2::int * COALESCE(sum(o.amount) FILTER (WHERE g.involved), 0),
             $2::int * COALESCE(sum(o.days) FILTER (WHERE g.involved AND o.kind <> 'open'), 0)
        FROM per_group g JOIN opp o ON o.id = g.opportunity_id
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT (rule_set_id, grouping, group_key, rule_version_id, kind, day, opportunity_type, currency) DO UPDATE
         SET deals = r.deals + EXCLUDED.deals, involved_deals = r.involved_deals + EXCLUDED.involved_deals,
             sourced = r.sourced + EXCLUDED.sourced, influenced = r.influenced + EXCLUDED.influenced,
             involved_amount = r.involved_amount + EXCLUDED.involved_amount, involved_days = r.involved_days + EXCLUDED.involved_days`,
    params,
  );
}

/** Replaces the rule set's rollup by an aggregate of its current credit (and marks it built). */
export async function rebuildReportRollup(sql: RollupSql, ruleSetId: string): Promise<void> {
  await sql.query('DELETE FROM report_rollup WHERE rule_set_id = $1::uuid', [ruleSetId]);
  await sql.query(
    `INSERT INTO report_rollup_state (rule_set_id) VALUES ($1::uuid)
     ON CONFLICT (rule_set_id) DO UPDATE SET built_at = CURRENT_TIMESTAMP`,
    [ruleSetId],
  );
  await applyRollup(sql, ruleSetId, null, 1);
}

/** Drops the rule set's rollup: the scorecard reads the rows until the next rebuild. */
export async function dropReportRollup(sql: RollupSql, ruleSetId: string): Promise<void> {
  await sql.query('DELETE FROM report_rollup_state WHERE rule_set_id = $1::uuid', [ruleSetId]);
  await sql.query('DELETE FROM report_rollup WHERE rule_set_id = $1::uuid', [ruleSetId]);
}

/** Whether the rule set's rollup is built (and so kept by every write path). */
export async function reportRollupBuilt(sql: RollupSql, ruleSetId: string): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM report_rollup_state WHERE rule_set_id = $1::uuid', [ruleSetId]);
  return rows.length > 0;
}

/**
 * Runs `change` (which changes the current credit or the opportunity rows of
 * these deals) between removing their contribution from the rollup and adding
 * it back: the rollup moves by exactly their delta. ruleSetId null: every
 * built rule set (an opportunity edit). Call inside the change's transaction.
 */
export async function withRollupDelta<T>(
  sql: RollupSql | null,
  ruleSetId: string | null,
  opportunityIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  if (sql === null || opportunityIds.length === 0) return change();
  await applyRollup(sql, ruleSetId, opportunityIds, -1);
  const result = await change();
  await applyRollup(sql, ruleSetId, opportunityIds, 1);
  await sql.query(`DELETE FROM report_rollup WHERE deals = 0 AND ($1::uuid IS NULL OR rule_set_id = $1::uuid)`, [ruleSetId]);
  return result;
}
