// Scorecard queries over the report rollups (src/engine/report-rollup.ts
// writes them): the credited facts, time-to-insight and the no-partner
// baseline of the current credit, from thousands of rollup rows instead of
// every allocation. The
// figures are identical to queries.ts (test/reports/rollups.test.ts).
import { toDate as asDate } from '../../db/timestamps.js';
import { asCount, queryRows, type ReportDb } from '../db.js';
import { isoDate, periodOf } from '../periods.js';
import { fiscalStartOf, Params, periodTrunc, reportingCurrencyOf, type ResolvedSelection } from './selection.js';
import type { BaselineRow, FactRow, Range, ScorecardGroupBy, ScorecardInput } from './types.js';
import type { Conversion } from './figures.js';
import { factRowOf } from './fact-row.js';

const ZERO = '0.00';
/** The money columns of a group and period with no credited facts (only time-to-insight). */
const EMPTY_FACTS: Record<string, unknown> = Object.fromEntries(
  [
    'sourced_pipeline',
    'influenced_pipeline',
    'involved_pipeline',
    'sourced_revenue',
    'influenced_revenue',
    'involved_revenue',
    'expansion_sourced',
    'expansion_influenced',
    'expansion_revenue',
    'renewal_sourced',
    'renewal_influenced',
    'renewal_revenue',
  ].map((c) => [c, ZERO]),
);

/** The rollup grouping (report_rollup.grouping) of each scorecard grouping. */
const ROLLUP_GROUPING: Record<ScorecardGroupBy, string> = {
  partner: 'partner',
  partner_type: 'partner_type',
  channel: 'channel',
  period: 'all',
};

/**
 * queryFacts over the rollup: the same figures from report_rollup_month rows
 * (one per group × rule version × kind × month × opportunity type ×
 * currency), and report_rollup's day rows for closed deals in other
 * currencies. Each row's sums convert at its currency's rate of its day
 * (closed rows: the close day; open rows: the as-of day; the reporting
 * currency: 1), unrounded, and each figure is rounded once, as queryFacts
 * does per deal (numeric × numeric is exact, so a sum's product is the
 * products' sum). Time-to-insight comes from its histogram (queryTimeToInsight).
 */
export async function queryRollupFacts(db: ReportDb, resolved: ResolvedSelection, input: ScorecardInput, range: Range): Promise<FactRow[]> {
  const p = new Params();
  const trunc = periodTrunc(p, input);
  const rs = p.add(resolved.ruleSetId);
  const grouping = p.add(ROLLUP_GROUPING[input.groupBy]);
  const startDay = p.add(isoDate(range.start));
  const endDay = p.add(isoDate(range.end));
  const rep = `${p.add(reportingCurrencyOf(input))}::text`;
  const asOf = p.add(isoDate(input.asOf ?? input.to));
  const cond = resolved.rollupCondition!(p);
  const money = (expr: string) => `COALESCE(${expr}, 0)::numeric(18,2)::text`;
  const label =
    input.groupBy === 'partner' ? `COALESCE(min(pt.name), f.group_key)` : input.groupBy === 'period' ? `'All partners'` : 'f.group_key';
  const won = `f.kind = 'won'`;
  const sql = `
  WITH r AS (
    -- Month rows convert at one rate each (the reporting currency; open deals at the as-of day) ...
    SELECT r.grouping, r.group_key, r.rule_version_id, r.kind, r.month AS day, r.opportunity_type, r.currency, r.deals, r.involved_deals,
           r.sourced, r.influenced, r.involved_amount, r.involved_days,
           CASE WHEN r.kind = 'open' THEN ${asOf}::date ELSE r.month END AS fx_day
      FROM report_rollup_month r
     WHERE r.rule_set_id = ${rs}::uuid AND r.grouping IN (${grouping}, 'all') AND r.deals > 0 AND ${cond}
       AND r.month >= ${startDay}::date AND r.month < ${endDay}::date
       AND (r.kind = 'open' OR r.currency = ${rep})
    UNION ALL
    -- ... closed deals in other currencies at their close day's rate.
    SELECT r.grouping, r.group_key, r.rule_version_id, r.kind, r.day, r.opportunity_type, r.currency, r.deals, r.involved_deals,
           r.sourced, r.influenced, r.involved_amount, r.involved_days, r.day
      FROM report_rollup r
     WHERE r.rule_set_id = ${rs}::uuid AND r.grouping IN (${grouping}, 'all') AND r.deals > 0 AND ${cond}
       AND r.day >= ${startDay}::date AND r.day < ${endDay}::date
       AND r.kind <> 'open' AND r.currency <> ${rep}
  ),
  -- One rate probe per currency and day (materialized: inlined, the planner probed once per row).
  fx AS MATERIALIZED (
    SELECT x.currency, x.fx_day, f.date AS rate_day, CASE WHEN x.currency = ${rep} THEN 1::numeric ELSE f.rate END AS rate
      FROM (SELECT DISTINCT currency, fx_day FROM r) x
      LEFT JOIN LATERAL (
        SELECT f.rate, f.date FROM fx_rate f WHERE f.currency = x.currency AND f.date <= x.fx_day ORDER BY f.date DESC LIMIT 1
      ) f ON x.currency <> ${rep}
  ),
  f AS (
    SELECT r.*, fx.rate, fx.rate_day, ${trunc(`(r.day::timestamp AT TIME ZONE 'UTC')`)} AS period
      FROM r JOIN fx ON fx.currency = r.currency AND fx.fx_day = r.fx_day
  )
  SELECT 'facts' AS part, f.group_key, ${label} AS group_label, f.period,
    ${money(`sum(f.sourced * f.rate) FILTER (WHERE f.kind = 'open')`)} AS sourced_pipeline,
    ${money(`sum(f.influenced * f.rate) FILTER (WHERE f.kind = 'open')`)} AS influenced_pipeline,
    ${money(`sum(f.involved_amount * f.rate) FILTER (WHERE f.kind = 'open')`)} AS involved_pipeline,
    ${money(`sum(f.sourced * f.rate) FILTER (WHERE ${won})`)} AS sourced_revenue,
    ${money(`sum(f.influenced * f.rate) FILTER (WHERE ${won})`)} AS influenced_revenue,
    ${money(`sum(f.involved_amount * f.rate) FILTER (WHERE ${won})`)} AS involved_revenue,
    ${money(`sum(f.sourced * f.rate) FILTER (WHERE ${won} AND f.opportunity_type = 'expansion')`)} AS expansion_sourced,
    ${money(`sum(f.influenced * f.rate) FILTER (WHERE ${won} AND f.opportunity_type = 'expansion')`)} AS expansion_influenced,
    ${money(`sum(f.involved_amount * f.rate) FILTER (WHERE ${won} AND f.opportunity_type = 'expansion')`)} AS expansion_revenue,
    ${money(`sum(f.sourced * f.rate) FILTER (WHERE ${won} AND f.opportunity_type = 'renewal')`)} AS renewal_sourced,
    ${money(`sum(f.influenced * f.rate) FILTER (WHERE ${won} AND f.opportunity_type = 'renewal')`)} AS renewal_influenced,
    ${money(`sum(f.involved_amount * f.rate) FILTER (WHERE ${won} AND f.opportunity_type = 'renewal')`)} AS renewal_revenue,
    COALESCE(sum(f.involved_deals) FILTER (WHERE f.kind <> 'open'), 0)::int AS closed_involved,
    COALESCE(sum(f.involved_deals) FILTER (WHERE ${won}), 0)::int AS won_involved,
    round(sum(f.involved_days) FILTER (WHERE ${won}) / NULLIF(sum(f.involved_deals) FILTER (WHERE ${won}), 0), 1)::text AS velocity_involved,
    string_agg(DISTINCT f.rule_version_id::text, ',') AS rvs,
    NULL::text AS currency, NULL::text AS fx_day, NULL::text AS rate_day, NULL::int AS n
    FROM f ${input.groupBy === 'partner' ? 'LEFT JOIN partner pt ON pt.key = f.group_key' : ''}
   WHERE f.grouping = ${grouping}
   GROUP BY f.group_key, f.period
  UNION ALL
  -- The converted deals (credited deals are the same in every grouping: count them once, in 'all').
  SELECT 'fx', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         f.currency, f.fx_day::text, f.rate_day::text, sum(f.deals)::int
    FROM f WHERE f.grouping = 'all' AND f.currency <> ${rep} AND (f.kind = 'open' OR ${won})
   GROUP BY f.currency, f.fx_day, f.rate_day`;
  const [rows, tti] = await Promise.all([
    queryRows<Record<string, unknown>>(db, sql, p.values),
    queryTimeToInsight(db, resolved, input, range),
  ]);
  const fiscal = fiscalStartOf(input);
  const facts = new Map<string, FactRow>();
  const conversions: Conversion[] = [];
  for (const r of rows) {
    if (r.part === 'fx') {
      conversions.push({
        currency: String(r.currency),
        day: String(r.fx_day),
        rateDay: r.rate_day === null ? null : String(r.rate_day),
        id: `${String(r.currency)} ${String(r.fx_day)}`,
        count: asCount(r.n),
      });
      continue;
    }
    const period = periodOf(asDate(r.period), input.period, fiscal).key;
    facts.set(`${String(r.group_key)}\u0000${period}`, factRowOf(r, period));
  }
  for (const t of tti) {
    const k = `${t.groupKey}\u0000${t.period}`;
    const f = facts.get(k) ?? factRowOf({ ...EMPTY_FACTS, group_key: t.groupKey, group_label: t.groupLabel }, t.period);
    f.p50 = t.p50;
    f.p90 = t.p90;
    f.ttiSamples = t.samples;
    f.ttiStale = t.stale;
    f.ruleVersionIds = [...new Set([...f.ruleVersionIds, ...t.ruleVersionIds])];
    facts.set(k, f);
  }
  const out = [...facts.values()];
  // Provenance reads the conversions of every fact row; the rollup counts them once, here.
  if (out.length > 0) out[0]!.rollupConversions = conversions;
  else if (conversions.length > 0) throw new Error('report_rollup: converted deals without any fact row');
  return out;
}

interface TimeToInsightRow {
  groupKey: string;
  groupLabel: string;
  period: string;
  p50: string | null;
  p90: string | null;
  samples: number;
  stale: number;
  ruleVersionIds: string[];
}

/**
 * Time-to-insight per group and period from report_tti_bucket and
 * report_tti_value: the bucket counts give each period's samples, stale
 * deals and, for p50 and p90, the nearest rank (ceil(fraction × samples), as
 * percentile_disc) and the bucket holding it; the value is then that rank
 * among the bucket's exact latencies only. Latencies are kept rounded to the
 * 2 places the figure shows: rounding keeps the order, so the rounded rank
 * value is the rank value rounded.
 */
async function queryTimeToInsight(
  db: ReportDb,
  resolved: ResolvedSelection,
  input: ScorecardInput,
  range: Range,
): Promise<TimeToInsightRow[]> {
  const p = new Params();
  const trunc = periodTrunc(p, input);
  const rs = p.add(resolved.ruleSetId);
  const grouping = p.add(ROLLUP_GROUPING[input.groupBy]);
  const startDay = p.add(isoDate(range.start));
  const endDay = p.add(isoDate(range.end));
  const cond = resolved.rollupCondition!(p);
  const periodOfMonth = trunc(`(r.month::timestamp AT TIME ZONE 'UTC')`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
  WITH b AS (
    SELECT r.group_key, ${periodOfMonth} AS period, r.bucket, sum(r.deals) AS n, string_agg(DISTINCT r.rule_version_id::text, ',') AS rvs
      FROM report_tti_bucket r
     WHERE r.rule_set_id = ${rs}::uuid AND r.grouping = ${grouping} AND r.deals > 0 AND ${cond}
       AND r.month >= ${startDay}::date AND r.month < ${endDay}::date
     GROUP BY 1, 2, 3
  ),
  tot AS (
    SELECT group_key, period, COALESCE(sum(n) FILTER (WHERE bucket >= 0), 0) AS samples,
           COALESCE(sum(n) FILTER (WHERE bucket < 0), 0) AS stale, string_agg(rvs, ',') AS rvs
      FROM b GROUP BY 1, 2
  ),
  cum AS (
    SELECT b.*, sum(n) OVER (PARTITION BY group_key, period ORDER BY bucket) - n AS before FROM b WHERE bucket >= 0
  ),
  target AS (
    SELECT t.group_key, t.period, q.fraction, c.bucket, q.k - c.before AS offs
      FROM tot t
     CROSS JOIN LATERAL (VALUES (0.5, ceil(0.5::float8 * t.samples::float8)), (0.9, ceil(0.9::float8 * t.samples::float8))) q(fraction, k)
      JOIN cum c ON c.group_key = t.group_key AND c.period = t.period AND q.k > c.before AND q.k <= c.before + c.n
     WHERE t.samples > 0
  ),
  vals AS (
    SELECT t.group_key, t.period, t.fraction, t.offs, v.latency, sum(v.deals) AS n
      FROM target t
      JOIN LATERAL (
        SELECT r.latency, r.deals FROM report_tti_value r
         WHERE r.rule_set_id = ${rs}::uuid AND r.grouping = ${grouping} AND r.group_key = t.group_key AND r.bucket = t.bucket
           AND r.deals > 0 AND ${cond} AND r.month >= ${startDay}::date AND r.month < ${endDay}::date
           AND ${periodOfMonth} = t.period
      ) v ON true
     GROUP BY 1, 2, 3, 4, 5
  ),
  picked AS (
    SELECT DISTINCT ON (group_key, period, fraction) group_key, period, fraction, latency
      FROM (SELECT vals.*, sum(n) OVER (PARTITION BY group_key, period, fraction ORDER BY latency) AS through FROM vals) x
     WHERE through >= offs
     ORDER BY group_key, period, fraction, latency
  )
  SELECT t.group_key, ${input.groupBy === 'partner' ? 'COALESCE(pt.name, t.group_key)' : input.groupBy === 'period' ? `'All partners'` : 't.group_key'} AS group_label,
         t.period, t.samples::int AS samples, t.stale::int AS stale, t.rvs,
         (SELECT latency::text FROM picked x WHERE x.group_key = t.group_key AND x.period = t.period AND x.fraction = 0.5) AS p50,
         (SELECT latency::text FROM picked x WHERE x.group_key = t.group_key AND x.period = t.period AND x.fraction = 0.9) AS p90
    FROM tot t ${input.groupBy === 'partner' ? 'LEFT JOIN partner pt ON pt.key = t.group_key' : ''}`,
    p.values,
  );
  return rows.map((r) => ({
    groupKey: String(r.group_key),
    groupLabel: String(r.group_label),
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    p50: r.p50 === null ? null : String(r.p50),
    p90: r.p90 === null ? null : String(r.p90),
    samples: asCount(r.samples),
    stale: asCount(r.stale),
    ruleVersionIds: r.rvs ? [...new Set(String(r.rvs).split(','))] : [],
  }));
}

/**
 * queryBaseline over the rollup: every deal closed in the period (the
 * opportunity rows, on the (outcome, closed_at) index) minus the involved
 * ones (the rollup's `opp` rows); the versions are those of the deals with
 * selected credit that no partner is involved on.
 */
export async function queryRollupBaseline(
  db: ReportDb,
  resolved: ResolvedSelection,
  input: ScorecardInput,
  range: Range,
): Promise<BaselineRow[]> {
  const p = new Params();
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rs = p.add(resolved.ruleSetId);
  const startDay = p.add(isoDate(range.start));
  const endDay = p.add(isoDate(range.end));
  const cond = resolved.rollupCondition!(p);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    WITH tot AS (
      SELECT ${trunc(`o.closed_at`)} AS period, count(*) AS closed, count(*) FILTER (WHERE o.outcome = 'won') AS won,
             sum(extract(epoch FROM (o.closed_at - o.created_at)) / 86400) FILTER (WHERE o.outcome = 'won') AS days
        FROM opportunity o
       WHERE o.outcome <> 'open' AND o.closed_at >= ${start} AND o.closed_at < ${end}
       GROUP BY 1
    ),
    inv AS (
      SELECT ${trunc(`(r.month::timestamp AT TIME ZONE 'UTC')`)} AS period,
             sum(r.involved_deals) AS closed, COALESCE(sum(r.involved_deals) FILTER (WHERE r.kind = 'won'), 0) AS won,
             COALESCE(sum(r.involved_days) FILTER (WHERE r.kind = 'won'), 0) AS days,
             string_agg(DISTINCT r.rule_version_id::text, ',') FILTER (WHERE r.deals > r.involved_deals) AS rvs
        FROM report_rollup_month r
       WHERE r.rule_set_id = ${rs}::uuid AND r.grouping = 'opp' AND r.kind <> 'open' AND ${cond}
         AND r.month >= ${startDay}::date AND r.month < ${endDay}::date
       GROUP BY 1
    )
    SELECT tot.period, (tot.closed - COALESCE(inv.closed, 0))::int AS closed, (tot.won - COALESCE(inv.won, 0))::int AS won,
           round((tot.days - COALESCE(inv.days, 0)) / NULLIF(tot.won - COALESCE(inv.won, 0), 0), 1)::text AS velocity,
           inv.rvs
      FROM tot LEFT JOIN inv ON inv.period = tot.period
     WHERE tot.closed - COALESCE(inv.closed, 0) > 0`,
    p.values,
  );
  return rows.map((r) => ({
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    closed: asCount(r.closed),
    won: asCount(r.won),
    velocity: r.velocity === null ? null : String(r.velocity),
    ruleVersionIds: r.rvs ? String(r.rvs).split(',') : [],
  }));
}
