// The hygiene checks exactly as first defined (one query per check and week,
// suspected duplicates by self-join): the reference implementation that
// test/reports/hygiene-equivalence.test.ts compares the report with. Kept in
// the tests on purpose: it is slow and only says what the report must answer.
import type { HygieneCheck, HygieneItem } from '../../src/reports/hygiene/index.js';
import { MANY_TOUCHES } from '../../src/reports/hygiene/index.js';
import { toDate as asDate } from '../../src/db/timestamps.js';
import type { SqlClient } from '../../src/engine/db.js';
// The item row's SQL helpers are shared with the report: they name columns, they decide nothing.
import { allocationItem, BLANK, COLS, itemColumns, LIVE, RULE_SET, touchItem } from '../../src/reports/hygiene/sql.js';

type HygieneCheckKey = HygieneCheck['key'];
interface CheckSpec {
  key: HygieneCheckKey;
  title: string;
  action: string;
  /** SELECT of the item columns; $1 = T (timestamptz), $2 = inactive days, $3 = duplicate days, $4 = rule set key or null, $5 = reporting currency. */
  sql: string;
  order: string;
}

const CHECKS: CheckSpec[] = [
  {
    key: 'missing_proof_or_owner',
    title: 'Touches missing proof or owner',
    action:
      'Ask the partner owner to attach the proof (link to the intro, meeting or plan) and name an owner; without them the touch cannot earn credit.',
    sql: `SELECT ${touchItem(
      't',
      `concat_ws(' and ', CASE WHEN ${BLANK('t.proof')} THEN 'proof missing' END,
              CASE WHEN ${BLANK('t.owner')} THEN 'owner missing' END) || ' on ' || t.action::text || ' by ' || p.key`,
    )}
          FROM touchpoint t JOIN partner p ON p.id = t.partner_id
          LEFT JOIN opportunity o ON o.id = t.opportunity_id
          LEFT JOIN account a ON a.id = COALESCE(t.account_id, o.account_id)
         WHERE ${LIVE('t')} AND (${BLANK('t.proof')} OR ${BLANK('t.owner')})`,
    order: 'at DESC, entity_id',
  },
  {
    key: 'inactive_partner',
    title: 'Attached partners with no action in the window',
    action:
      'Run a first selling play with each partner: one buyer profile, one intro script, a follow-up booked; stop forecasting pipeline from them until they move.',
    sql: `SELECT ${itemColumns({
      entity_type: `'partner'`,
      entity_id: 'p.id::text',
      label: 'p.name',
      partner_key: 'p.key',
      account_key: 'att.first_account',
      at: 'last.at',
      detail: `'attached to ' || att.n || ' account(s), ' ||
              CASE WHEN last.at IS NULL THEN 'no action ever logged'
                   ELSE 'last action ' || to_char(last.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' (' ||
                        floor(extract(epoch FROM ($1 - last.at)) / 86400)::int || ' days ago)' END`,
    })}
          FROM partner p
          JOIN LATERAL (
            SELECT count(*)::int AS n, min(a.key) AS first_account FROM account_partner ap JOIN account a ON a.id = ap.account_id
             WHERE ap.partner_id = p.id AND ap.since < $1 AND (ap.until IS NULL OR ap.until >= $1)
          ) att ON att.n > 0
          LEFT JOIN LATERAL (
            SELECT max(t.occurred_at) AS at FROM touchpoint t WHERE t.partner_id = p.id AND ${LIVE('t')} AND t.occurred_at < $1
          ) last ON true
         WHERE p.status IN ('prospect', 'onboarding', 'active')
           AND (last.at IS NULL OR last.at < $1 - make_interval(days => $2::int))`,
    order: 'at ASC NULLS FIRST, entity_id',
  },
  {
    key: 'open_dispute',
    title: 'Open disputes',
    action: 'Decide each dispute in the review: approve with an override or reject with a resolution note.',
    sql: `SELECT ${itemColumns({
      entity_type: `'dispute'`,
      entity_id: 'd.id::text',
      label: `'dispute on ' || o.key`,
      opportunity_key: 'o.key',
      partner_key: 'p.key',
      account_key: 'a.key',
      dispute_id: 'd.id::text',
      allocation_id: 'd.allocation_id::text',
      at: 'd.created_at',
      detail: `'raised by ' || d.raised_by || ': ' || d.reason`,
    })}
          FROM dispute d JOIN opportunity o ON o.id = d.opportunity_id
          LEFT JOIN partner p ON p.id = d.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE d.created_at < $1 AND (d.resolved_at IS NULL OR d.resolved_at >= $1) AND (d.status = 'open' OR d.resolved_at IS NOT NULL)`,
    order: 'at ASC, entity_id',
  },
  {
    key: 'disputed_allocation',
    title: 'Allocations held as disputed',
    action: 'Collect the missing evidence; the credit stays on hold (out of scorecards) until the record is complete.',
    sql: `SELECT ${allocationItem(`ca.amount::text || ' ' || ca.currency || ' (' || ca.lane::text || ') on hold for ' || COALESCE(p.key, 'no partner')`)}
          FROM credit_allocation ca JOIN opportunity o ON o.id = ca.opportunity_id
          LEFT JOIN partner p ON p.id = ca.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE ca.is_current AND ca.role = 'disputed' AND ${RULE_SET('ca')}`,
    order: 'at ASC, entity_id',
  },
  {
    key: 'touch_after_close',
    title: 'Touches logged after the deal closed',
    action: 'Check the dates: a touch after close cannot have influenced the deal; fix the date or move it to the next opportunity.',
    sql: `SELECT ${touchItem(
      't',
      `t.action::text || ' on ' || to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ', ' ||
              ceil(extract(epoch FROM (t.occurred_at - o.closed_at)) / 86400)::int || ' day(s) after ' || o.key ||
              ' closed (' || o.stage::text || ' on ' || to_char(o.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ')'`,
    )}
          FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id
          JOIN partner p ON p.id = t.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE ${LIVE('t')} AND o.outcome <> 'open' AND o.closed_at IS NOT NULL AND t.occurred_at > o.closed_at`,
    order: 'at DESC, entity_id',
  },
  {
    key: 'unknown_reference',
    title: 'Unknown or inconsistent references',
    action: 'Fix the reference at the source (CRM/PRM) and re-import; until then the record cannot be matched to a deal.',
    sql: `SELECT ${touchItem('t', `'touch names account ' || a.key || ' but opportunity ' || o.key || ' belongs to account ' || oa.key`)}
          FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id
          JOIN account a ON a.id = t.account_id JOIN account oa ON oa.id = o.account_id
          JOIN partner p ON p.id = t.partner_id
         WHERE ${LIVE('t')} AND t.account_id <> o.account_id
        UNION ALL
        SELECT ${touchItem('t', `'account-level touch on ' || a.key || ', which has no opportunity to credit'`, { opportunity_key: 'NULL::text' })}
          FROM touchpoint t JOIN account a ON a.id = t.account_id JOIN partner p ON p.id = t.partner_id
         WHERE ${LIVE('t')} AND t.opportunity_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM opportunity o WHERE o.account_id = t.account_id AND o.created_at < $1)
        UNION ALL
        SELECT ${allocationItem(`'credit cites touchpoint ' || missing.id || ', which ' || missing.why`, { related_id: 'missing.id' })}
          FROM credit_allocation ca JOIN opportunity o ON o.id = ca.opportunity_id
          LEFT JOIN partner p ON p.id = ca.partner_id LEFT JOIN account a ON a.id = o.account_id
          CROSS JOIN LATERAL (
            SELECT c.id::text AS id, CASE WHEN t.id IS NULL THEN 'does not exist' ELSE 'was deleted' END AS why
              FROM unnest(ca.contributing_touchpoint_ids) AS c(id)
              LEFT JOIN touchpoint t ON t.id = c.id
             WHERE t.id IS NULL OR (t.deleted_at IS NOT NULL AND t.deleted_at < $1)
             ORDER BY c.id LIMIT 1
          ) missing
         WHERE ca.is_current AND ${RULE_SET('ca')}`,
    order: 'at DESC, entity_id',
  },
  {
    key: 'suspected_duplicate',
    title: 'Suspected duplicate touches',
    action: 'Merge or delete the duplicate at its source so the partner is not credited twice for one action.',
    sql: `SELECT ${touchItem(
      't2',
      `'same partner, ' || CASE WHEN t2.opportunity_id IS NULL THEN 'account' ELSE 'opportunity' END || ' and action (' ||
              t2.action::text || ') as ' || t1.source || ':' || t1.external_id || ', ' ||
              round(abs(extract(epoch FROM (t2.occurred_at - t1.occurred_at))) / 86400, 1)::text || ' day(s) apart'`,
      { related_id: 't1.id::text' },
    )}
          FROM touchpoint t1
          JOIN touchpoint t2 ON t2.partner_id = t1.partner_id AND t2.action = t1.action
           AND ((t1.opportunity_id IS NOT NULL AND t2.opportunity_id = t1.opportunity_id)
             OR (t1.opportunity_id IS NULL AND t2.opportunity_id IS NULL AND t2.account_id = t1.account_id))
           AND (t2.occurred_at, t2.id) > (t1.occurred_at, t1.id)
           AND t2.occurred_at - t1.occurred_at <= make_interval(days => $3::int)
          JOIN partner p ON p.id = t2.partner_id
          LEFT JOIN opportunity o ON o.id = t2.opportunity_id
          LEFT JOIN account a ON a.id = COALESCE(t2.account_id, o.account_id)
         WHERE ${LIVE('t1')} AND ${LIVE('t2')}`,
    order: 'at DESC, entity_id',
  },
  {
    key: 'next_step_missing',
    title: 'Open influenced deals without a next joint step',
    action: 'Agree the next joint step with the partner and log it on their latest touch; influence without a next step decays.',
    sql: `SELECT ${itemColumns({
      entity_type: `'opportunity'`,
      entity_id: 'o.id::text',
      label: 'o.name',
      opportunity_key: 'o.key',
      partner_key: 'p.key',
      account_key: 'a.key',
      touchpoint_id: 'last.id',
      allocation_id: 'cr.allocation_id',
      at: 'last.occurred_at',
      detail: `p.key || ' holds influence credit on ' || o.key || ' (' || o.stage::text || '); ' ||
              CASE WHEN last.id IS NULL THEN 'no touch by the partner on the deal'
                   ELSE 'their latest touch (' || to_char(last.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ') has no next joint step' END`,
    })}
          FROM (
            SELECT ca.opportunity_id, ca.partner_id, min(ca.id::text) AS allocation_id
              FROM credit_allocation ca
             WHERE ca.is_current AND ca.lane = 'influence' AND ca.partner_id IS NOT NULL AND ca.amount > 0
               AND ca.role NOT IN ('unattributed', 'disputed') AND ${RULE_SET('ca')}
             GROUP BY ca.opportunity_id, ca.partner_id
          ) cr
          JOIN opportunity o ON o.id = cr.opportunity_id
          JOIN partner p ON p.id = cr.partner_id
          LEFT JOIN account a ON a.id = o.account_id
          LEFT JOIN LATERAL (
            SELECT t.id::text AS id, t.occurred_at, t.next_joint_step FROM touchpoint t
             WHERE t.opportunity_id = o.id AND t.partner_id = p.id AND ${LIVE('t')} AND t.occurred_at < $1
             ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1
          ) last ON true
         WHERE o.outcome = 'open' AND (last.id IS NULL OR ${BLANK('last.next_joint_step')})`,
    order: 'at ASC NULLS FIRST, entity_id',
  },
  {
    key: 'missing_fx_rate',
    title: 'Deals without an FX rate',
    action:
      'Import the missing exchange rates (attrib fx import FILE.csv, header currency,date,rate, or the importFxRates mutation); until then scorecards that credit these deals refuse to convert them.',
    sql: `SELECT ${itemColumns({
      entity_type: `'opportunity'`,
      entity_id: 'o.id::text',
      label: 'o.name',
      opportunity_key: 'o.key',
      account_key: 'a.key',
      at: 'COALESCE(closed.at, o.created_at)',
      detail: `o.amount::text || ' ' || o.currency || CASE WHEN closed.at IS NULL THEN ' (open)' ELSE ' (closed ' || to_char(closed.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ')' END
              || ': no ' || o.currency || ' rate on or before ' || to_char(rd.day, 'YYYY-MM-DD') || ' to convert to ' || $5::text`,
    })}
          FROM opportunity o
          LEFT JOIN account a ON a.id = o.account_id
          CROSS JOIN LATERAL (SELECT CASE WHEN o.closed_at < $1 THEN o.closed_at END AS at) closed
          CROSS JOIN LATERAL (
            SELECT COALESCE((closed.at AT TIME ZONE 'UTC')::date, ($1 AT TIME ZONE 'UTC')::date - 1) AS day
          ) rd
         WHERE o.created_at < $1 AND o.currency <> $5::text
           AND NOT EXISTS (SELECT 1 FROM fx_rate f WHERE f.currency = o.currency AND f.date <= rd.day)`,
    order: 'at ASC, entity_id',
  },
  {
    key: 'unproven_single_touch_credit',
    title: 'Credit resting on a single touch without proof',
    action:
      'Ask the partner manager for the proof (a link or note) on that touch, or dispute the credit; one unproven touch should not carry a payout.',
    sql: `SELECT ${itemColumns({
      entity_type: `'allocation'`,
      entity_id: 'ca.id::text',
      label: `p.name || ' on ' || o.name`,
      opportunity_key: 'o.key',
      partner_key: 'p.key',
      account_key: 'a.key',
      touchpoint_id: 't.id::text',
      allocation_id: 'ca.id::text',
      at: 't.occurred_at',
      detail: `p.key || ' holds ' || ca.amount::text || ' ' || ca.currency || ' (' || ca.lane::text || ', ' || ca.role || ') on ' || o.key
              || ' resting only on touch ' || t.external_id || ' (' || t.action || ', ' || to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ') without proof'`,
    })}
          FROM credit_allocation ca
          JOIN touchpoint t ON t.id = ca.contributing_touchpoint_ids[1]
          JOIN opportunity o ON o.id = ca.opportunity_id
          JOIN partner p ON p.id = ca.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE ca.is_current AND ca.amount > 0 AND cardinality(ca.contributing_touchpoint_ids) = 1
           AND ca.role NOT IN ('unattributed', 'disputed') AND ${RULE_SET('ca')} AND ${BLANK('t.proof')}`,
    order: 'at ASC, entity_id',
  },
  {
    key: 'touches_without_credit',
    title: 'Partners with many touches and no credit',
    action:
      'Review whether the rules miss a real motion of these partners (a rule change goes through a reviewed rule version), or whether the touches are noise to clean at the source.',
    sql: `SELECT ${itemColumns({
      entity_type: `'partner'`,
      entity_id: 'p.id::text',
      label: 'p.name',
      partner_key: 'p.key',
      at: 'tc.latest',
      detail: `p.key || ' has ' || tc.n || ' live touches (latest ' || to_char(tc.latest AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ') and no current credit'`,
    })}
          FROM (
            SELECT t.partner_id, count(*)::int AS n, max(t.occurred_at) AS latest
              FROM touchpoint t WHERE ${LIVE('t')}
             GROUP BY t.partner_id HAVING count(*) >= ${MANY_TOUCHES}
          ) tc
          JOIN partner p ON p.id = tc.partner_id
         WHERE NOT EXISTS (
           SELECT 1 FROM credit_allocation ca
            WHERE ca.partner_id = p.id AND ca.is_current AND ca.amount > 0 AND ca.role NOT IN ('unattributed', 'disputed') AND ${RULE_SET('ca')})`,
    order: 'at DESC, entity_id',
  },
];

/** Types every parameter even when a check does not use it (PostgreSQL must know them all). */
const PARAMS = 'WITH hygiene_params AS (SELECT $1::timestamptz, $2::int, $3::int, $4::text, $5::text)';

/** Binds the check's as-of instant ($1 in the specs) to parameter `param`, typed. */
function asOfParam(sql: string, param: string): string {
  return sql.replace(/\$1(?!\d)/g, `${param}::timestamptz`);
}
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toItem(r: Record<string, unknown>): HygieneItem {
  return {
    entityType: String(r.entity_type) as HygieneItem['entityType'],
    entityId: String(r.entity_id),
    label: String(r.label ?? ''),
    opportunityKey: str(r.opportunity_key),
    partnerKey: str(r.partner_key),
    accountKey: str(r.account_key),
    touchpointId: str(r.touchpoint_id),
    disputeId: str(r.dispute_id),
    allocationId: str(r.allocation_id),
    relatedId: str(r.related_id),
    at: r.at === null || r.at === undefined ? null : asDate(r.at),
    detail: String(r.detail ?? ''),
  };
}

export interface ReferenceInput {
  /** End of the asOf day (the report's T). */
  now: Date;
  /** Start of asOf's ISO week (the previous week's T). */
  before: Date;
  inactiveDays: number;
  duplicateDays: number;
  ruleSetKey: string | null;
  limit: number;
  reportingCurrency: string;
}

/** Ties of the specs' orders broken explicitly, as the report breaks them. */
export const TIE_BREAK = 'partner_key NULLS FIRST, related_id NULLS FIRST, allocation_id NULLS FIRST';

/** Every check's count, previous count and first `limit` items, by the reference queries. */
export async function referenceChecks(sql: SqlClient, r: ReferenceInput): Promise<HygieneCheck[]> {
  const current = [r.now, r.inactiveDays, r.duplicateDays, r.ruleSetKey, r.reportingCurrency];
  const out: HygieneCheck[] = [];
  for (const spec of CHECKS) {
    const items = await sql.query<Record<string, unknown>>(
      `${PARAMS} SELECT ${COLS} FROM (${asOfParam(spec.sql, '$1')}) q ORDER BY ${spec.order}, ${TIE_BREAK} LIMIT ${r.limit}`,
      current,
    );
    const count = async (at: Date) =>
      Number(
        (
          await sql.query<{ n: unknown }>(`${PARAMS} SELECT count(*)::int AS n FROM (${asOfParam(spec.sql, '$1')}) q`, [
            at,
            ...current.slice(1),
          ])
        )[0]!.n,
      );
    const now = await count(r.now);
    const before = await count(r.before);
    out.push({
      key: spec.key,
      title: spec.title,
      action: spec.action,
      count: now,
      previousCount: before,
      delta: now - before,
      items: items.map(toItem),
      truncated: items.length < now,
    });
  }
  return out;
}
