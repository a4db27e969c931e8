// Checks on current credit: allocations held as disputed, credit resting on a
// single unproven touch, open influenced deals whose partner's latest touch
// has no next joint step. Credit is read as it is now for both weeks, so the
// first two count once.
import type { CheckSpec } from './check.js';
import { allocationItem, BLANK, itemColumns, liveAt, ordered, RULE_SET } from './sql.js';

const DISPUTED_FROM = `FROM credit_allocation ca JOIN opportunity o ON o.id = ca.opportunity_id
          LEFT JOIN partner p ON p.id = ca.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE ca.is_current AND ca.role = 'disputed' AND ${RULE_SET('ca')}`;

export const disputedAllocation: CheckSpec = {
  key: 'disputed_allocation',
  title: 'Allocations held as disputed',
  action: 'Collect the missing evidence; the credit stays on hold (out of scorecards) until the record is complete.',
  items: ordered(
    `SELECT ${allocationItem(`ca.amount::text || ' ' || ca.currency || ' (' || ca.lane::text || ') on hold for ' || COALESCE(p.key, 'no partner')`)}
          ${DISPUTED_FROM}`,
    'at ASC, entity_id',
  ),
  counts: `SELECT count(*)::int AS now, count(*)::int AS before ${DISPUTED_FROM}`,
};

/** The (opportunity, partner) pairs with current influence credit, and one of their allocations. */
const INFLUENCE_CREDIT = `SELECT ca.opportunity_id, ca.partner_id, min(ca.id::text) AS allocation_id
              FROM credit_allocation ca
             WHERE ca.is_current AND ca.lane = 'influence' AND ca.partner_id IS NOT NULL AND ca.amount > 0
               AND ca.role NOT IN ('unattributed', 'disputed') AND ${RULE_SET('ca')}
             GROUP BY ca.opportunity_id, ca.partner_id`;
/** The partner's latest touch on the deal live at `at`. */
const latestTouch = (at: string) => `SELECT t.id::text AS id, t.occurred_at, t.next_joint_step FROM touchpoint t
             WHERE t.opportunity_id = o.id AND t.partner_id = p.id AND ${liveAt('t', at)}
             ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1`;
const noNextStep = (last: string) => `(${last}.id IS NULL OR ${BLANK(`${last}.next_joint_step`)})`;

export const nextStepMissing: CheckSpec = {
  key: 'next_step_missing',
  title: 'Open influenced deals without a next joint step',
  action: 'Agree the next joint step with the partner and log it on their latest touch; influence without a next step decays.',
  items: ordered(
    `SELECT ${itemColumns({
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
          FROM (${INFLUENCE_CREDIT}) cr
          JOIN opportunity o ON o.id = cr.opportunity_id
          JOIN partner p ON p.id = cr.partner_id
          LEFT JOIN account a ON a.id = o.account_id
          LEFT JOIN LATERAL (${latestTouch('$1')}) last ON true
         WHERE o.outcome = 'open' AND ${noNextStep('last')}`,
    'at ASC NULLS FIRST, entity_id',
  ),
  counts: `SELECT count(*) FILTER (WHERE ${noNextStep('now')})::int AS now, count(*) FILTER (WHERE ${noNextStep('before')})::int AS before
             FROM (${INFLUENCE_CREDIT}) cr
             JOIN opportunity o ON o.id = cr.opportunity_id
             JOIN partner p ON p.id = cr.partner_id
             LEFT JOIN LATERAL (${latestTouch('$1')}) now ON true
             LEFT JOIN LATERAL (${latestTouch('$6')}) before ON true
            WHERE o.outcome = 'open'`,
};

const UNPROVEN_FROM = `FROM credit_allocation ca
          JOIN touchpoint t ON t.id = ca.contributing_touchpoint_ids[1]
          JOIN opportunity o ON o.id = ca.opportunity_id
          JOIN partner p ON p.id = ca.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE ca.is_current AND ca.amount > 0 AND cardinality(ca.contributing_touchpoint_ids) = 1
           AND ca.role NOT IN ('unattributed', 'disputed') AND ${RULE_SET('ca')} AND ${BLANK('t.proof')}`;

export const unprovenSingleTouchCredit: CheckSpec = {
  key: 'unproven_single_touch_credit',
  title: 'Credit resting on a single touch without proof',
  action:
    'Ask the partner manager for the proof (a link or note) on that touch, or dispute the credit; one unproven touch should not carry a payout.',
  items: ordered(
    `SELECT ${itemColumns({
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
          ${UNPROVEN_FROM}`,
    'at ASC, entity_id',
  ),
  counts: `SELECT count(*)::int AS now, count(*)::int AS before ${UNPROVEN_FROM}`,
};
