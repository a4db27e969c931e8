// The weekly revenue-hygiene report and work queue: the records that keep
// attribution from being trusted, each with the keys the UI needs to link to
// it, counted for this week and the previous one.
//
// DEFINITIONS (also in the README).
// As of: the report looks at the data as it stood at the end of the `asOf`
//   day (UTC). The week is the ISO week (Monday–Sunday, UTC) containing asOf;
//   the previous week's count is the same check evaluated at the end of the
//   previous ISO week (Monday 00:00 UTC), reconstructed from timestamps
//   (occurred_at, deleted_at, created_at, resolved_at, since/until). Fields
//   edited since then are judged by their current value. Allocation-based
//   checks (disputed_allocation, dangling citations, next_step_missing) read
//   the current attribution results for both weeks: results are recomputed
//   in place, so their history is not reconstructed.
// A touch is on record at T when it occurred before T and was not deleted
//   before T. Occurrence, not ingestion, dates it, so backfilled history
//   (imports, the demo seed) reads correctly as of any past day.
// Checks:
//   missing_proof_or_owner  live touches with a blank proof or owner.
//   inactive_partner        partners (prospect/onboarding/active) attached to
//                           at least one account at T with no live touch in
//                           the `inactiveDays` (default 60) days before T:
//                           "the partner who finished onboarding and then
//                           disappeared".
//   open_dispute            disputes raised before T and not resolved by T.
//   disputed_allocation     current allocations whose role is `disputed`.
//   touch_after_close       live touches on a closed opportunity dated after
//                           its close.
//   unknown_reference       records pointing at something that does not fit:
//                           a touch whose account is not its opportunity's
//                           account; an account-level touch on an account that
//                           has no opportunity; a current allocation citing a
//                           touchpoint that no longer exists or was deleted.
//   suspected_duplicate     two live touches with the same partner, the same
//                           opportunity (or account, for account-level
//                           touches) and the same action within
//                           `duplicateDays` (default 3) days of each other,
//                           from different source/external ids; the later one
//                           is listed, pointing at the earlier (relatedId).
//   next_step_missing       open opportunities where a partner holds current
//                           influence-lane credit but the partner's latest
//                           live touch on it has no next joint step.
//   missing_fx_rate         opportunities created before T in a currency other
//                           than the reporting one with no exchange rate on or
//                           before the day reports convert them at: the close
//                           day when closed before T, else the asOf day.
//                           Scorecards refuse while such a deal is credited in
//                           their range. Rates are read as they are now.
// Edge cases for governance (where the rules' credit rests on thin evidence):
//   unproven_single_touch_credit  current allocations with credit whose only
//                           contributing touch has no proof.
//   touches_without_credit  partners with at least MANY_TOUCHES (5) live touches
//                           before T and no current credit in any lane: either
//                           the rules miss a real motion or the touches are noise.
// Spotlight disagreements (a section of its own, not a counted check): the won
//   deals closed by asOf where the rule set's current credit and the
//   spotlight's model credit split the deal most differently (the spotlight's
//   `deals`, src/reports/spotlight.ts; default markov order 1 by partner, the
//   influence lane, deals in the reporting currency). The rule set is the
//   review's `ruleSetKey`, the section's own, or the only rule set with current
//   results; otherwise the section is empty and says why.
import type { SqlClient } from '../engine/db.js';
import type { ReportDb } from './db.js';
import { toDate as asDate } from '../db/timestamps.js';
import { asCount, queryRows } from './db.js';
import { ReportError } from './errors.js';
import type { Period } from './periods.js';
import { addDays, isoDate, isoWeekOf } from './periods.js';
import {
  computeSpotlightDeals,
  MAX_DEALS,
  SPOTLIGHT_MODELS,
  SPOTLIGHT_UNITS,
  type SpotlightDeal,
  type SpotlightDealsReport,
  type SpotlightModel,
  type SpotlightUnit,
} from './spotlight.js';

export const HYGIENE_CHECKS = [
  'missing_proof_or_owner',
  'inactive_partner',
  'open_dispute',
  'disputed_allocation',
  'touch_after_close',
  'unknown_reference',
  'suspected_duplicate',
  'next_step_missing',
  'missing_fx_rate',
  'unproven_single_touch_credit',
  'touches_without_credit',
] as const;

/** Live touches before T from which a partner with no credit at all is listed (touches_without_credit). */
export const MANY_TOUCHES = 5;
type HygieneCheckKey = (typeof HYGIENE_CHECKS)[number];

export interface HygieneInput {
  /** The day the review is for (UTC date); the report reads the data as of the end of that day. */
  asOf: Date;
  /** Days without action after which an attached partner is inactive (default 60). */
  inactiveDays?: number;
  /** Days within which same partner/opportunity/action touches look duplicated (default 3). */
  duplicateDays?: number;
  /** Restrict allocation-based checks to one rule set (default: every rule set). */
  ruleSetKey?: string;
  /** Maximum items listed per check (default 100); counts are always exact. */
  limit?: number;
  /** The reporting currency (ATTRIB_REPORTING_CURRENCY; default USD): deals in it need no rate. */
  reportingCurrency?: string;
  /** The spotlight-disagreements section's options. */
  disagreements?: HygieneDisagreementsInput;
}

/** Deals the spotlight-disagreements section lists by default. */
export const DEFAULT_DISAGREEMENTS = 5;

interface HygieneDisagreementsInput {
  /** The rule set compared (default: the review's ruleSetKey, else the only rule set with current results). */
  ruleSetKey?: string;
  /** The spotlight model (default markov). */
  model?: SpotlightModel;
  /** Markov order 1–4 (default 1; markov only). */
  order?: number;
  /** The unit deals are split over (default partner). */
  by?: SpotlightUnit;
  /** Deals listed, 0 to MAX_DEALS (default DEFAULT_DISAGREEMENTS). */
  limit?: number;
}

/** Why the section lists what it lists: `compared`, or why no comparison was made. */
type DisagreementStatus = 'compared' | 'no_current_results' | 'several_rule_sets';

export interface HygieneDisagreements {
  title: string;
  action: string;
  status: DisagreementStatus;
  /** Why `deals` is empty (null when it lists deals). */
  reason: string | null;
  /** The rule set compared (null when none could be chosen). */
  ruleSetKey: string | null;
  /** Rule sets with current results, when one has to be chosen. */
  candidates: string[];
  /** The model, e.g. "markov order 1". */
  model: string;
  by: SpotlightUnit;
  lane: SpotlightDealsReport['lane'];
  /** Only deals in this currency are compared (the reporting currency). */
  currency: string;
  /** Won deals closed on or before this day (asOf). */
  closedBy: string;
  /** Closed deals (with a touch) the model saw, the won ones and their value. */
  sample: SpotlightDealsReport['sample'];
  limit: number;
  /** Largest disagreement first. */
  deals: SpotlightDeal[];
}

export interface HygieneItem {
  entityType: 'touchpoint' | 'partner' | 'dispute' | 'allocation' | 'opportunity';
  entityId: string;
  label: string;
  opportunityKey: string | null;
  partnerKey: string | null;
  accountKey: string | null;
  touchpointId: string | null;
  disputeId: string | null;
  allocationId: string | null;
  /** The other record involved (the earlier touch of a suspected duplicate). */
  relatedId: string | null;
  /** When the underlying event happened (touch date, dispute raised, last action). */
  at: Date | null;
  detail: string;
}

export interface HygieneCheck {
  key: HygieneCheckKey;
  title: string;
  /** What the weekly review should do about these records. */
  action: string;
  /** Records in the queue as of the end of asOf. */
  count: number;
  /** The same check at the end of the previous ISO week. */
  previousCount: number;
  delta: number;
  items: HygieneItem[];
  /** true when `items` lists fewer than `count` records (raise `limit`). */
  truncated: boolean;
}

export interface HygieneReport {
  asOf: string;
  week: { key: string; start: string; end: string };
  previousWeek: { key: string; start: string; end: string };
  inactiveDays: number;
  duplicateDays: number;
  ruleSetKey: string | null;
  checks: HygieneCheck[];
  totals: { count: number; previousCount: number; delta: number };
  /** The won deals where rule and model credit disagree most (not counted in totals). */
  disagreements: HygieneDisagreements;
}

interface CheckSpec {
  key: HygieneCheckKey;
  title: string;
  action: string;
  /** SELECT of the item columns; $1 = T (timestamptz), $2 = inactive days, $3 = duplicate days, $4 = rule set key or null, $5 = reporting currency. */
  sql: string;
  order: string;
}

const LIVE = (t: string) => `(${t}.occurred_at < $1 AND (${t}.deleted_at IS NULL OR ${t}.deleted_at >= $1))`;
const BLANK = (col: string) => `NULLIF(btrim(${col}), '') IS NULL`;
const RULE_SET = (ca: string) => `($4::text IS NULL OR EXISTS (SELECT 1 FROM rule_version rv JOIN rule_set rs ON rs.id = rv.rule_set_id
  WHERE rv.id = ${ca}.rule_version_id AND rs.key = $4::text))`;
const COLS = `entity_type, entity_id, label, opportunity_key, partner_key, account_key, touchpoint_id, dispute_id, allocation_id, related_id, at, detail`;

type ItemColumn =
  | 'entity_type'
  | 'entity_id'
  | 'label'
  | 'opportunity_key'
  | 'partner_key'
  | 'account_key'
  | 'touchpoint_id'
  | 'dispute_id'
  | 'allocation_id'
  | 'related_id'
  | 'at'
  | 'detail';
const ITEM_COLUMNS: ItemColumn[] = COLS.split(', ') as ItemColumn[];

/** The SELECT list of one hygiene item: the given SQL expressions, NULL for the rest, in COLS order. */
function itemColumns(exprs: Partial<Record<ItemColumn, string>>): string {
  return ITEM_COLUMNS.map((c) => `${exprs[c] ?? (c === 'at' ? 'NULL::timestamptz' : 'NULL::text')} AS ${c}`).join(', ');
}
/** A touchpoint item's identity columns (alias `t`, partner `p`, account `a`, opportunity `o`). */
const touchItem = (t: string, detail: string, extra: Partial<Record<ItemColumn, string>> = {}) =>
  itemColumns({
    entity_type: `'touchpoint'`,
    entity_id: `${t}.id::text`,
    label: `${t}.source || ':' || ${t}.external_id`,
    opportunity_key: 'o.key',
    partner_key: 'p.key',
    account_key: 'a.key',
    touchpoint_id: `${t}.id::text`,
    at: `${t}.occurred_at`,
    detail,
    ...extra,
  });
/** A credit allocation item's identity columns (alias `ca`, partner `p`, account `a`, opportunity `o`). */
const allocationItem = (detail: string, extra: Partial<Record<ItemColumn, string>> = {}) =>
  itemColumns({
    entity_type: `'allocation'`,
    entity_id: 'ca.id::text',
    label: `ca.lane::text || ' credit on ' || o.key`,
    opportunity_key: 'o.key',
    partner_key: 'p.key',
    account_key: 'a.key',
    allocation_id: 'ca.id::text',
    at: 'ca.created_at',
    detail,
    ...extra,
  });

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

function positiveInt(name: string, value: number | undefined, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new ReportError('INVALID_INPUT', `${name} must be a whole number from 1 to ${max}, got ${String(value)}.`);
  }
  return v;
}

function weekRef(p: Period): { key: string; start: string; end: string } {
  return { key: p.key, start: isoDate(p.start), end: isoDate(p.end) };
}

export async function computeHygiene(db: ReportDb & { sql: SqlClient }, input: HygieneInput): Promise<HygieneReport> {
  if (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime())) {
    throw new ReportError('INVALID_INPUT', 'asOf must be a valid date (YYYY-MM-DD).');
  }
  const inactiveDays = positiveInt('inactiveDays', input.inactiveDays, 60, 3650);
  const duplicateDays = positiveInt('duplicateDays', input.duplicateDays, 3, 365);
  const limit = positiveInt('limit', input.limit, 100, 10_000);
  const ruleSetKey = input.ruleSetKey ?? null;
  if (ruleSetKey) {
    const found = await queryRows(db, 'SELECT 1 FROM rule_set WHERE key = $1', [ruleSetKey]);
    if (found.length === 0)
      throw new ReportError('RULE_SET_NOT_FOUND', `rule set "${ruleSetKey}" does not exist; check the key or omit it.`);
  }

  const week = isoWeekOf(input.asOf);
  const previousWeek = isoWeekOf(addDays(week.start, -7));
  const endOfAsOf = addDays(new Date(Date.UTC(input.asOf.getUTCFullYear(), input.asOf.getUTCMonth(), input.asOf.getUTCDate())), 1);
  const reportingCurrency = input.reportingCurrency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(reportingCurrency)) {
    throw new ReportError(
      'INVALID_INPUT',
      `reportingCurrency "${reportingCurrency}" is not a 3-letter ISO 4217 code such as USD (ATTRIB_REPORTING_CURRENCY).`,
    );
  }
  const current = [endOfAsOf, inactiveDays, duplicateDays, ruleSetKey, reportingCurrency];
  const previous = [week.start, inactiveDays, duplicateDays, ruleSetKey, reportingCurrency];

  const checks: HygieneCheck[] = [];
  for (const spec of CHECKS) {
    const [items, counts] = await Promise.all([
      queryRows<Record<string, unknown>>(
        db,
        `${PARAMS} SELECT ${COLS} FROM (${asOfParam(spec.sql, '$1')}) q ORDER BY ${spec.order} LIMIT ${limit}`,
        current,
      ),
      queryRows<{ now: unknown; before: unknown }>(
        db,
        `${PARAMS.replace('$5::text', '$5::text, $6::timestamptz')} SELECT (SELECT count(*) FROM (${asOfParam(spec.sql, '$1')}) q)::int AS now,
                (SELECT count(*) FROM (${asOfParam(spec.sql, '$6')}) q)::int AS before`,
        [...current, previous[0]],
      ),
    ]);
    const count = asCount(counts[0]?.now);
    const previousCount = asCount(counts[0]?.before);
    checks.push({
      key: spec.key,
      title: spec.title,
      action: spec.action,
      count,
      previousCount,
      delta: count - previousCount,
      items: items.map(toItem),
      truncated: items.length < count,
    });
  }
  const count = checks.reduce((s, c) => s + c.count, 0);
  const previousCount = checks.reduce((s, c) => s + c.previousCount, 0);
  const disagreements = await spotlightDisagreements(db, input.asOf, ruleSetKey, reportingCurrency, input.disagreements ?? {});
  return {
    asOf: isoDate(input.asOf),
    week: weekRef(week),
    previousWeek: weekRef(previousWeek),
    inactiveDays,
    duplicateDays,
    ruleSetKey,
    checks,
    totals: { count, previousCount, delta: count - previousCount },
    disagreements,
  };
}

const DISAGREEMENTS_TITLE = 'Won deals where rule and model credit disagree most';
const DISAGREEMENTS_ACTION =
  "Read each deal record by record: where the model's split is closer to what happened, propose a rule change " +
  '(attrib spotlight suggest drafts one; it takes effect only through a reviewed rule version); where the rules are right, note why.';

/** The spotlight-disagreements section: chooses the rule set, then lists the spotlight's deals. */
async function spotlightDisagreements(
  db: { sql: SqlClient },
  asOf: Date,
  reviewRuleSet: string | null,
  currency: string,
  o: HygieneDisagreementsInput,
): Promise<HygieneDisagreements> {
  const limit = o.limit ?? DEFAULT_DISAGREEMENTS;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_DEALS) {
    throw new ReportError(
      'INVALID_INPUT',
      `the disagreements limit must be a whole number from 0 to ${MAX_DEALS}, got ${String(o.limit)}.`,
    );
  }
  const model = o.model ?? 'markov';
  if (!SPOTLIGHT_MODELS.includes(model))
    throw new ReportError('INVALID_INPUT', `the disagreements model must be one of ${SPOTLIGHT_MODELS.join(', ')}, got "${model}".`);
  const order = model === 'markov' ? (o.order ?? 1) : o.order;
  if (order !== undefined && (model !== 'markov' || ![1, 2, 3, 4].includes(order))) {
    throw new ReportError(
      'INVALID_INPUT',
      `the disagreements order must be 1, 2, 3 or 4 and applies to the markov model only, got ${order} with ${model}.`,
    );
  }
  const by = o.by ?? 'partner';
  if (!SPOTLIGHT_UNITS.includes(by))
    throw new ReportError('INVALID_INPUT', `the disagreements unit must be one of ${SPOTLIGHT_UNITS.join(', ')}, got "${by}".`);
  const base = {
    title: DISAGREEMENTS_TITLE,
    action: DISAGREEMENTS_ACTION,
    by,
    lane: 'influence' as const,
    currency,
    closedBy: isoDate(asOf),
    limit,
    model: model === 'markov' ? `markov order ${order}` : model === 'shapley' ? 'shapley (closed-form)' : 'heuristic linear',
    candidates: [] as string[],
    sample: { journeys: 0, conversions: 0, value: '0.00' },
    deals: [] as SpotlightDeal[],
  };
  const chosen = o.ruleSetKey ?? reviewRuleSet;
  // Rule sets with current credit (any current allocation of any of their versions).
  const withResults = (
    await db.sql.query<{ key: string }>(
      `SELECT rs.key FROM rule_set rs
      WHERE ($1::text IS NULL OR rs.key = $1::text)
        AND EXISTS (SELECT 1 FROM rule_version rv JOIN credit_allocation ca ON ca.rule_version_id = rv.id AND ca.is_current
                     WHERE rv.rule_set_id = rs.id)
      ORDER BY rs.key`,
      [chosen],
    )
  ).map((r) => r.key);
  if (chosen !== null && withResults.length === 0) {
    const known = await db.sql.query('SELECT 1 FROM rule_set WHERE key = $1', [chosen]);
    if (known.length === 0) throw new ReportError('RULE_SET_NOT_FOUND', `rule set "${chosen}" does not exist; check the key or omit it.`);
  }
  if (withResults.length === 0) {
    return {
      ...base,
      status: 'no_current_results',
      ruleSetKey: chosen,
      reason:
        chosen === null
          ? 'no rule set has current results: publish a rule version and run it (attrib run) to compare its credit with the model.'
          : `rule set "${chosen}" has no current results: publish a version and run it (attrib run) to compare its credit with the model.`,
    };
  }
  if (withResults.length > 1) {
    return {
      ...base,
      status: 'several_rule_sets',
      ruleSetKey: null,
      candidates: withResults,
      reason: `${withResults.length} rule sets have current results (${withResults.join(', ')}): choose one (--ruleset KEY, GraphQL ruleSetKey).`,
    };
  }
  const ruleSetKey = withResults[0]!;
  const r = await computeSpotlightDeals(db, {
    ruleSetKey,
    model,
    by,
    to: asOf,
    currency,
    deals: limit,
    ...(order !== undefined ? { order } : {}),
  });
  return {
    ...base,
    status: 'compared',
    ruleSetKey,
    model: r.model,
    sample: r.sample,
    deals: r.deals,
    reason:
      r.deals.length > 0
        ? null
        : r.sample.conversions === 0
          ? `no won deal in ${currency} with a live touch closed by ${isoDate(asOf)}: nothing to compare.`
          : r.laneTotal === '0.00'
            ? `rule set "${ruleSetKey}" gives no ${r.lane} credit on touches of the ${r.sample.conversions} won deal(s) the model saw: nothing to compare.`
            : limit === 0
              ? 'the limit is 0: no deal listed.'
              : 'rules and model split every won deal alike.',
  };
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
