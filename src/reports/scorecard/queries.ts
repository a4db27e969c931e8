// Scorecard queries: one SQL aggregate per figure family (credited facts, the
// no-partner baseline, coverage, investments) and the rule versions used.
import { toDate as asDate } from '../../db/timestamps.js';
import { asCount, queryRows, type ReportDb } from '../db.js';
import { isoDate, periodOf } from '../periods.js';
import {
  allocationGroup,
  fiscalStartOf,
  Params,
  periodTrunc,
  reportingCurrencyOf,
  type ResolvedSelection,
  selectionCte,
  touchGroup,
} from './selection.js';
import { factRowOf } from './fact-row.js';
import type { BaselineRow, CoverageRow, FactRow, InvestmentRow, Range, RuleVersionRef, ScorecardInput } from './types.js';

const OPEN = `o.outcome = 'open'`;

export async function queryFacts(db: ReportDb, resolved: ResolvedSelection, input: ScorecardInput, range: Range): Promise<FactRow[]> {
  const p = new Params();
  const g = allocationGroup(input.groupBy);
  const sel = selectionCte(p, resolved);
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rep = `${p.add(reportingCurrencyOf(input))}::text`;
  const asOf = p.add(isoDate(input.asOf ?? input.to));
  const money = (expr: string) => `COALESCE(${expr}, 0)::numeric(18,2)::text`;
  const sql = `
  WITH ${sel},
  credited AS (
    SELECT ${g.key} AS group_key, min(${g.label}) AS group_label, s.opportunity_id,
           sum(s.amount) FILTER (WHERE s.lane = 'source') AS src,
           sum(s.amount) FILTER (WHERE s.lane = 'influence') AS inf,
           bool_or(s.amount > 0) AS involved,
           max(s.created_at) AS alloc_at,
           string_agg(DISTINCT s.rule_version_id::text, ',') AS rvs
      FROM sel s JOIN partner p ON p.id = s.partner_id ${g.join}
     WHERE s.role NOT IN ('unattributed', 'disputed')
     GROUP BY 1, s.opportunity_id
  ),
  -- The event each involved deal's time-to-insight is measured from: its
  -- close, or (open deals) its latest live touch. Once per deal, joined (not
  -- a correlated subquery, which the planner repeated for every use of it).
  events AS (
    SELECT o.id, CASE WHEN o.outcome <> 'open' THEN o.closed_at ELSE lt.at END AS at
      FROM opportunity o
      LEFT JOIN LATERAL (
        SELECT max(t.occurred_at) AS at FROM touchpoint t WHERE t.opportunity_id = o.id AND t.deleted_at IS NULL
      ) lt ON ${OPEN}
     WHERE o.id IN (SELECT opportunity_id FROM credited WHERE involved)
  ),
  -- The exchange rate of each credited deal in the range (src/reports/README.md,
  -- Currencies): its own currency's rate on its close day (open deals: the
  -- as-of day), else the nearest earlier rate (one backward probe of
  -- fx_rate's primary key); exactly 1 in the reporting currency; NULL when no
  -- rate is on or before that day (the scorecard then refuses).
  fx AS (
    SELECT o.id, o.currency, rd.day, r.date AS rate_day,
           CASE WHEN o.currency = ${rep} THEN 1::numeric ELSE r.rate END AS rate
      FROM opportunity o
     CROSS JOIN LATERAL (
       SELECT CASE WHEN ${OPEN} OR o.closed_at IS NULL THEN ${asOf}::date ELSE (o.closed_at AT TIME ZONE 'UTC')::date END AS day
     ) rd
      LEFT JOIN LATERAL (
        SELECT f.rate, f.date FROM fx_rate f WHERE f.currency = o.currency AND f.date <= rd.day ORDER BY f.date DESC LIMIT 1
      ) r ON o.currency <> ${rep}
     WHERE o.id IN (SELECT opportunity_id FROM credited)
       AND CASE WHEN ${OPEN} THEN o.created_at ELSE o.closed_at END >= ${start}
       AND CASE WHEN ${OPEN} THEN o.created_at ELSE o.closed_at END < ${end}
  ),
  -- Money columns are converted per deal (numeric × numeric, unrounded) and
  -- rounded to cents once, at the end of each figure.
  facts AS (
    SELECT c.group_key, c.group_label, ${trunc(`o.created_at`)} AS period, 'pipeline' AS kind,
           c.src * fx.rate AS src, c.inf * fx.rate AS inf, c.involved, o.amount * fx.rate AS opp_amount, o.type::text AS type,
           NULL::boolean AS won, NULL::numeric AS days, NULL::numeric AS latency, c.rvs,
           o.id AS opp_id, fx.currency, fx.day, fx.rate_day, fx.rate IS NULL AS no_rate
      FROM credited c JOIN opportunity o ON o.id = c.opportunity_id JOIN fx ON fx.id = o.id
     WHERE ${OPEN} AND o.created_at >= ${start} AND o.created_at < ${end}
    UNION ALL
    SELECT c.group_key, c.group_label, ${trunc(`o.closed_at`)}, 'closed',
           c.src * fx.rate, c.inf * fx.rate, c.involved, o.amount * fx.rate, o.type::text,
           o.outcome = 'won', extract(epoch FROM (o.closed_at - o.created_at)) / 86400, NULL, c.rvs,
           o.id, fx.currency, fx.day, fx.rate_day, fx.rate IS NULL
      FROM credited c JOIN opportunity o ON o.id = c.opportunity_id JOIN fx ON fx.id = o.id
     WHERE o.outcome <> 'open' AND o.closed_at >= ${start} AND o.closed_at < ${end}
    UNION ALL
    SELECT c.group_key, c.group_label, ${trunc(`ev.at`)}, 'tti',
           NULL, NULL, c.involved, NULL, NULL, NULL, NULL,
           extract(epoch FROM (c.alloc_at - ev.at)) / 3600, c.rvs,
           NULL::uuid, NULL::text, NULL::date, NULL::date, false
      FROM credited c JOIN events ev ON ev.id = c.opportunity_id
     WHERE c.involved AND ev.at >= ${start} AND ev.at < ${end}
  )
  SELECT group_key, min(group_label) AS group_label, period,
    ${money(`sum(src) FILTER (WHERE kind = 'pipeline')`)} AS sourced_pipeline,
    ${money(`sum(inf) FILTER (WHERE kind = 'pipeline')`)} AS influenced_pipeline,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'pipeline' AND involved)`)} AS involved_pipeline,
    ${money(`sum(src) FILTER (WHERE kind = 'closed' AND won)`)} AS sourced_revenue,
    ${money(`sum(inf) FILTER (WHERE kind = 'closed' AND won)`)} AS influenced_revenue,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'closed' AND won AND involved)`)} AS involved_revenue,
    ${money(`sum(src) FILTER (WHERE kind = 'closed' AND won AND type = 'expansion')`)} AS expansion_sourced,
    ${money(`sum(inf) FILTER (WHERE kind = 'closed' AND won AND type = 'expansion')`)} AS expansion_influenced,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'closed' AND won AND involved AND type = 'expansion')`)} AS expansion_revenue,
    ${money(`sum(src) FILTER (WHERE kind = 'closed' AND won AND type = 'renewal')`)} AS renewal_sourced,
    ${money(`sum(inf) FILTER (WHERE kind = 'closed' AND won AND type = 'renewal')`)} AS renewal_influenced,
    ${money(`sum(opp_amount) FILTER (WHERE kind = 'closed' AND won AND involved AND type = 'renewal')`)} AS renewal_revenue,
    count(*) FILTER (WHERE kind = 'closed' AND involved)::int AS closed_involved,
    count(*) FILTER (WHERE kind = 'closed' AND involved AND won)::int AS won_involved,
    round(avg(days) FILTER (WHERE kind = 'closed' AND involved AND won), 1)::text AS velocity_involved,
    round(percentile_disc(0.5) WITHIN GROUP (ORDER BY latency) FILTER (WHERE kind = 'tti' AND latency >= 0), 2)::text AS p50,
    round(percentile_disc(0.9) WITHIN GROUP (ORDER BY latency) FILTER (WHERE kind = 'tti' AND latency >= 0), 2)::text AS p90,
    count(*) FILTER (WHERE kind = 'tti' AND latency >= 0)::int AS tti_samples,
    count(*) FILTER (WHERE kind = 'tti' AND latency < 0)::int AS tti_stale,
    string_agg(rvs, ',') AS rvs,
    -- Deals whose amount enters a figure (open, or won) in another currency:
    -- "currency day rate_day id" with the rate's day, or without one (missing).
    string_agg(DISTINCT currency || ' ' || day::text || ' ' || COALESCE(rate_day::text, '-') || ' ' || opp_id::text, ',')
      FILTER (WHERE currency <> ${rep} AND (kind = 'pipeline' OR (kind = 'closed' AND won))) AS conversions
  FROM facts GROUP BY group_key, period`;
  const rows = await queryRows<Record<string, unknown>>(db, sql, p.values);
  return rows.map((r) => factRowOf(r, periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key));
}

/** Win rate and velocity of opportunities no partner holds credit on. */
export async function queryBaseline(
  db: ReportDb,
  resolved: ResolvedSelection,
  input: ScorecardInput,
  range: Range,
): Promise<BaselineRow[]> {
  const p = new Params();
  const sel = selectionCte(p, resolved);
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    WITH ${sel},
    involved AS (
      SELECT DISTINCT opportunity_id FROM sel
       WHERE partner_id IS NOT NULL AND role NOT IN ('unattributed', 'disputed') AND amount > 0
    ),
    versions AS (SELECT opportunity_id, string_agg(DISTINCT rule_version_id::text, ',') AS rvs FROM sel GROUP BY 1)
    SELECT ${trunc(`o.closed_at`)} AS period,
           count(*)::int AS closed,
           count(*) FILTER (WHERE o.outcome = 'won')::int AS won,
           round(avg(extract(epoch FROM (o.closed_at - o.created_at)) / 86400) FILTER (WHERE o.outcome = 'won'), 1)::text AS velocity,
           string_agg(v.rvs, ',') AS rvs
      FROM opportunity o
      LEFT JOIN versions v ON v.opportunity_id = o.id
     WHERE o.outcome <> 'open' AND o.closed_at >= ${start} AND o.closed_at < ${end}
       AND NOT EXISTS (SELECT 1 FROM involved i WHERE i.opportunity_id = o.id)
     GROUP BY 1`,
    p.values,
  );
  return rows.map((r) => ({
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    closed: asCount(r.closed),
    won: asCount(r.won),
    velocity: r.velocity === null ? null : String(r.velocity),
    ruleVersionIds: r.rvs ? [...new Set(String(r.rvs).split(','))] : [],
  }));
}

export async function queryCoverage(
  db: ReportDb,
  resolved: ResolvedSelection,
  input: ScorecardInput,
  range: Range,
): Promise<{ byGroup: CoverageRow[]; totals: Map<string, number> }> {
  const p = new Params();
  const sel = selectionCte(p, resolved);
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const ga = allocationGroup(input.groupBy);
  const gt = touchGroup(input.groupBy);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    WITH ${sel},
    created AS (
      SELECT o.id, ${trunc(`o.created_at`)} AS period FROM opportunity o
       WHERE o.created_at >= ${start} AND o.created_at < ${end}
    ),
    signals AS (
      SELECT ${ga.key} AS group_key, ${ga.label} AS group_label, s.opportunity_id
        FROM sel s JOIN created c0 ON c0.id = s.opportunity_id JOIN partner p ON p.id = s.partner_id ${ga.join}
      UNION
      SELECT ${gt.key}, ${gt.label}, t.opportunity_id
        FROM (SELECT DISTINCT ${gt.distinct}, t.opportunity_id
                FROM touchpoint t JOIN created c1 ON c1.id = t.opportunity_id
               WHERE t.deleted_at IS NULL) t
        JOIN partner p ON p.id = t.partner_id
    )
    SELECT NULL AS group_key, NULL AS group_label, c.period, count(*)::int AS n FROM created c GROUP BY c.period
    UNION ALL
    SELECT s.group_key, min(s.group_label), c.period, count(DISTINCT c.id)::int
      FROM signals s JOIN created c ON c.id = s.opportunity_id
     GROUP BY s.group_key, c.period`,
    p.values,
  );
  const totals = new Map<string, number>();
  const byGroup: CoverageRow[] = [];
  for (const r of rows) {
    const period = periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key;
    if (r.group_key === null) totals.set(period, asCount(r.n));
    else byGroup.push({ groupKey: String(r.group_key), groupLabel: String(r.group_label), period, withSignals: asCount(r.n) });
  }
  return { byGroup, totals };
}

export async function queryInvestments(db: ReportDb, input: ScorecardInput, range: Range): Promise<InvestmentRow[]> {
  const p = new Params();
  const trunc = periodTrunc(p, input);
  const start = p.add(range.start);
  const end = p.add(range.end);
  const rep = `${p.add(reportingCurrencyOf(input))}::text`;
  const g = touchGroup(input.groupBy);
  // Each investment converts at the rate of its period_start (or the nearest earlier one).
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `
    SELECT ${g.key} AS group_key, min(${g.label}) AS group_label,
           ${trunc(`(i.period_start::timestamp AT TIME ZONE 'UTC')`)} AS period,
           sum(i.amount * r.rate)::numeric(18,2)::text AS amount,
           string_agg(DISTINCT i.currency || ' ' || i.period_start::text || ' ' || COALESCE(r.rate_day::text, '-') || ' ' || i.id::text, ',')
             FILTER (WHERE i.currency <> ${rep}) AS conversions
      FROM partner_investment i JOIN partner p ON p.id = i.partner_id
      LEFT JOIN LATERAL (
        SELECT f.rate, f.date AS rate_day FROM fx_rate f WHERE f.currency = i.currency AND f.date <= i.period_start ORDER BY f.date DESC LIMIT 1
      ) fr ON i.currency <> ${rep}
     CROSS JOIN LATERAL (SELECT CASE WHEN i.currency = ${rep} THEN 1::numeric ELSE fr.rate END AS rate, fr.rate_day) r
     WHERE (i.period_start::timestamp AT TIME ZONE 'UTC') >= ${start}
       AND (i.period_start::timestamp AT TIME ZONE 'UTC') < ${end}
     GROUP BY 1, 3`,
    p.values,
  );
  return rows.map((r) => ({
    groupKey: String(r.group_key),
    groupLabel: String(r.group_label),
    period: periodOf(asDate(r.period), input.period, fiscalStartOf(input)).key,
    amount: String(r.amount),
    conversions: r.conversions ? String(r.conversions).split(',') : [],
  }));
}

export async function loadVersions(db: ReportDb, ids: string[]): Promise<Map<string, RuleVersionRef>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; version: number | null; status: string; source_hash: string }>(
    db,
    `SELECT id::text AS id, version, status::text AS status, source_hash FROM rule_version WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, version: r.version === null ? null : Number(r.version), status: r.status, sourceHash: r.source_hash },
    ]),
  );
}
