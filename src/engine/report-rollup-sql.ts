// The statement that adds (sign 1) or removes (-1) the contribution of the
// current allocations of some opportunities (or all) to every report rollup
// table (migrations 20261207140000_report_rollups and
// 20261208100000_report_rollups_month), one set-based statement for all four:
//   report_rollup        sums and counts per group × rule version × kind × day × type × currency;
//   report_rollup_month  the same per month of that day;
//   report_tti_bucket    involved deals per group × rule version × event month × latency bucket;
//   report_tti_value     the exact latencies (hours, 2 places) of those buckets.
// It returns the rows whose deals fell to zero (table name, row as JSON), for
// the caller to delete: a rollup always equals a rebuild.

/** The latency bucket width, hours (a week). */
const TTI_BUCKET_HOURS = 168;

/** The four groupings every rollup keeps ('opp' is report_rollup's per-deal grouping for the baseline). */
const GROUPINGS = `(VALUES ('partner', c.partner_key), ('partner_type', c.partner_type), ('channel', c.channel), ('all', 'all'))`;

const ROLLUP_KEY = 'rule_set_id, grouping, group_key, rule_version_id, kind, day, opportunity_type, currency';
const MONTH_KEY = 'rule_set_id, grouping, group_key, rule_version_id, kind, month, opportunity_type, currency';
const SUMS = 'deals, involved_deals, sourced, influenced, involved_amount, involved_days';
const ADD_SUMS = `deals = r.deals + EXCLUDED.deals, involved_deals = r.involved_deals + EXCLUDED.involved_deals,
             sourced = r.sourced + EXCLUDED.sourced, influenced = r.influenced + EXCLUDED.influenced,
             involved_amount = r.involved_amount + EXCLUDED.involved_amount, involved_days = r.involved_days + EXCLUDED.involved_days`;

/**
 * Parameters: $1 rule set id (null: every built rule set), $2 sign, and,
 * when `byOpportunity`, $3 the opportunity ids (uuid[]).
 */
export function applyRollupSql(byOpportunity: boolean): string {
  const oppFilter = byOpportunity ? 'AND ca.opportunity_id = ANY($3::uuid[])' : '';
  const oppRowFilter = byOpportunity ? 'AND o.id = ANY($3::uuid[])' : '';
  return `WITH sel AS (
        SELECT rv.rule_set_id, ca.opportunity_id, ca.partner_id, ca.lane::text AS lane, ca.role, ca.amount,
               ca.rule_version_id, ca.contributing_touchpoint_ids, ca.created_at
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
        SELECT s.rule_set_id, s.opportunity_id, s.lane, s.amount, s.rule_version_id, s.created_at,
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
               bool_or(c.amount > 0) AS involved,
               max(c.created_at) AS alloc_at
          FROM credited c CROSS JOIN LATERAL ${GROUPINGS} AS g(grouping, group_key)
         GROUP BY 1, 2, 3, 4
      ),
      per_deal AS (
        SELECT rule_set_id, grouping, group_key, opportunity_id, rule_version_id, src, inf, involved FROM per_group
        UNION ALL
        SELECT s.rule_set_id, 'opp', '', s.opportunity_id, min(s.rule_version_id::text)::uuid, 0, 0,
               COALESCE(bool_or(s.partner_id IS NOT NULL AND s.role NOT IN ('unattributed', 'disputed') AND s.amount > 0), false)
          FROM sel s GROUP BY 1, 4
      ),
      day_rows AS (
        SELECT g.rule_set_id, g.grouping, g.group_key, g.rule_version_id, o.kind, o.day, o.opportunity_type, o.currency,
               $2::int * count(*) AS deals, $2::int * count(*) FILTER (WHERE g.involved) AS involved_deals,
               $2::int * sum(g.src) AS sourced, $2::int * sum(g.inf) AS influenced,
               $2::int * COALESCE(sum(o.amount) FILTER (WHERE g.involved), 0) AS involved_amount,
               $2::int * COALESCE(sum(o.days) FILTER (WHERE g.involved AND o.kind <> 'open'), 0) AS involved_days
          FROM per_deal g JOIN opp o ON o.id = g.opportunity_id
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ),
      ins_day AS (
        INSERT INTO report_rollup AS r (${ROLLUP_KEY}, ${SUMS})
        SELECT ${ROLLUP_KEY}, ${SUMS} FROM day_rows
        ON CONFLICT (${ROLLUP_KEY}) DO UPDATE SET ${ADD_SUMS}
        RETURNING r.*
      ),
      ins_month AS (
        INSERT INTO report_rollup_month AS r (${MONTH_KEY}, ${SUMS})
        SELECT rule_set_id, grouping, group_key, rule_version_id, kind, date_trunc('month', day)::date, opportunity_type, currency,
               sum(deals), sum(involved_deals), sum(sourced), sum(influenced), sum(involved_amount), sum(involved_days)
          FROM day_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (${MONTH_KEY}) DO UPDATE SET ${ADD_SUMS}
        RETURNING r.*
      ),
      -- Time-to-insight: per involved group and deal, hours from the deal's
      -- event (its close; open: its latest live touch) to its newest credited allocation.
      tti AS (
        SELECT g.rule_set_id, g.grouping, g.group_key, g.rule_version_id,
               date_trunc('month', ev.at AT TIME ZONE 'UTC')::date AS month,
               extract(epoch FROM (g.alloc_at - ev.at)) / 3600 AS latency
          FROM per_group g
          JOIN opportunity o ON o.id = g.opportunity_id
          LEFT JOIN LATERAL (
            SELECT max(t.occurred_at) AS at FROM touchpoint t WHERE t.opportunity_id = o.id AND t.deleted_at IS NULL
          ) lt ON o.outcome = 'open'
         CROSS JOIN LATERAL (SELECT CASE WHEN o.outcome <> 'open' THEN o.closed_at ELSE lt.at END AS at) ev
         WHERE g.involved AND ev.at IS NOT NULL
      ),
      tti_bucketed AS (
        SELECT rule_set_id, grouping, group_key, rule_version_id, month, round(latency, 2) AS latency,
               CASE WHEN latency < 0 THEN -1 ELSE floor(round(latency, 2) / ${TTI_BUCKET_HOURS})::int END AS bucket
          FROM tti
      ),
      ins_bucket AS (
        INSERT INTO report_tti_bucket AS r (rule_set_id, grouping, group_key, rule_version_id, month, bucket, deals)
        SELECT rule_set_id, grouping, group_key, rule_version_id, month, bucket, $2::int * count(*)
          FROM tti_bucketed GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (rule_set_id, grouping, group_key, rule_version_id, month, bucket) DO UPDATE SET deals = r.deals + EXCLUDED.deals
        RETURNING r.*
      ),
      ins_value AS (
        INSERT INTO report_tti_value AS r (rule_set_id, grouping, group_key, bucket, month, rule_version_id, latency, deals)
        SELECT rule_set_id, grouping, group_key, bucket, month, rule_version_id, latency, $2::int * count(*)
          FROM tti_bucketed WHERE bucket >= 0 GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (rule_set_id, grouping, group_key, bucket, month, rule_version_id, latency) DO UPDATE SET deals = r.deals + EXCLUDED.deals
        RETURNING r.*
      )
      SELECT 'report_rollup' AS t, row_to_json(x)::text AS row FROM ins_day x WHERE x.deals = 0
      UNION ALL SELECT 'report_rollup_month', row_to_json(x)::text FROM ins_month x WHERE x.deals = 0
      UNION ALL SELECT 'report_tti_bucket', row_to_json(x)::text FROM ins_bucket x WHERE x.deals = 0
      UNION ALL SELECT 'report_tti_value', row_to_json(x)::text FROM ins_value x WHERE x.deals = 0`;
}

/** The rollup tables and their primary keys. */
export const ROLLUP_TABLES: Record<string, string> = {
  report_rollup: ROLLUP_KEY,
  report_rollup_month: MONTH_KEY,
  report_tti_bucket: 'rule_set_id, grouping, group_key, rule_version_id, month, bucket',
  report_tti_value: 'rule_set_id, grouping, group_key, bucket, month, rule_version_id, latency',
};

/** Deletes the emptied rows (a JSON array of rows of `table`, $1) by primary key. */
export function deleteEmptiedSql(table: string): string {
  const key = ROLLUP_TABLES[table]!.split(', ')
    .map((c) => `x.${c} = k.${c}`)
    .join(' AND ');
  return `DELETE FROM ${table} x USING json_populate_recordset(NULL::${table}, $1::json) k WHERE ${key} AND x.deals = 0`;
}
