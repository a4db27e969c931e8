// Checks on partners: attached partners with no recent action, and partners
// with many live touches but no current credit.
import type { CheckSpec } from './check.js';
import { countsAtBoth, itemColumns, LIVE, liveAt, ordered, RULE_SET } from './sql.js';

/** Live touches before T from which a partner with no credit at all is listed (touches_without_credit). */
export const MANY_TOUCHES = 5;

const INACTIVE = `SELECT ${itemColumns({
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
           AND (last.at IS NULL OR last.at < $1 - make_interval(days => $2::int))`;

export const inactivePartner: CheckSpec = {
  key: 'inactive_partner',
  title: 'Attached partners with no action in the window',
  action:
    'Run a first selling play with each partner: one buyer profile, one intro script, a follow-up booked; stop forecasting pipeline from them until they move.',
  items: ordered(INACTIVE, 'at ASC NULLS FIRST, entity_id'),
  counts: countsAtBoth(INACTIVE),
};

/** A partner holds current credit in some lane (of the rule set, when one is given). */
const NO_CREDIT = `NOT EXISTS (
           SELECT 1 FROM credit_allocation ca
            WHERE ca.partner_id = p.id AND ca.is_current AND ca.amount > 0 AND ca.role NOT IN ('unattributed', 'disputed') AND ${RULE_SET('ca')})`;

/** The partner has at least MANY_TOUCHES touches live at `at`. */
const many = (at: string) =>
  `(SELECT count(*) FROM (SELECT 1 FROM touchpoint t WHERE t.partner_id = p.id AND ${liveAt('t', at)} LIMIT ${MANY_TOUCHES}) m) = ${MANY_TOUCHES}`;

// Partners without credit first (few, one index probe each), then their live touches.
export const touchesWithoutCredit: CheckSpec = {
  key: 'touches_without_credit',
  title: 'Partners with many touches and no credit',
  action:
    'Review whether the rules miss a real motion of these partners (a rule change goes through a reviewed rule version), or whether the touches are noise to clean at the source.',
  items: ordered(
    `SELECT ${itemColumns({
      entity_type: `'partner'`,
      entity_id: 'p.id::text',
      label: 'p.name',
      partner_key: 'p.key',
      at: 'tc.latest',
      detail: `p.key || ' has ' || tc.n || ' live touches (latest ' || to_char(tc.latest AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ') and no current credit'`,
    })}
          FROM partner p
          JOIN LATERAL (
            SELECT count(*)::int AS n, max(t.occurred_at) AS latest FROM touchpoint t WHERE t.partner_id = p.id AND ${LIVE('t')}
          ) tc ON tc.n >= ${MANY_TOUCHES}
         WHERE ${NO_CREDIT}`,
    'at DESC, entity_id',
  ),
  // A partner counts from its MANY_TOUCHES-th live touch: each probe stops there.
  counts: `SELECT count(*) FILTER (WHERE ${many('$1')})::int AS now, count(*) FILTER (WHERE ${many('$6')})::int AS before
             FROM partner p
            WHERE ${NO_CREDIT}`,
};
