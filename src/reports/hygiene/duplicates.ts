// suspected_duplicate: two live touches with the same partner, the same
// opportunity (or account, for account-level touches) and the same action
// within `duplicateDays` of each other, from different source/external ids;
// the later one is listed once per earlier one, pointing at it (relatedId).
//
// Counted without a self-join: the touches are sorted once by their group and
// time, and a window counts, for each touch, the earlier touches of its group
// within the window ((occurred_at, id) before its own): the ones whose time
// lies in [occurred_at - window, occurred_at] minus the ones at the same time
// with an id not below its own. Both weeks' liveness are filters of the
// same windows. Items: the latest touches that have a pair, then their pairs.
import type { CheckSpec } from './check.js';
import { COLS, LIVE, LIVE_EITHER, liveAt, TIE_BREAK, touchItem } from './sql.js';

/** Same partner, same action, same opportunity, or same account for account-level touches. */
const GROUP = 'partner_id, action, opportunity_id, subject_account_id';
const WINDOWS = `WINDOW recent AS (PARTITION BY ${GROUP} ORDER BY occurred_at
                                    RANGE BETWEEN make_interval(hours => 24 * $3::int) PRECEDING AND CURRENT ROW),
                        later_peers AS (PARTITION BY ${GROUP}, occurred_at ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)`;
const candidates = (live: string) => `SELECT t.id, t.partner_id, t.action, t.opportunity_id,
                 CASE WHEN t.opportunity_id IS NULL THEN t.account_id END AS subject_account_id, t.occurred_at,
                 ${liveAt('t', '$1')} AS live_now, ${liveAt('t', '$6')} AS live_before
            FROM touchpoint t WHERE ${live}`;
/** Earlier touches of the row's group within the window, live per `flag`. */
const earlier = (flag: string) => `count(*) FILTER (WHERE ${flag}) OVER recent - count(*) FILTER (WHERE ${flag}) OVER later_peers`;

/** The pairs' SELECT for the later touches `t2` (alias `top` gives their ids). */
const PAIRS = `SELECT ${touchItem(
  't2',
  `'same partner, ' || CASE WHEN t2.opportunity_id IS NULL THEN 'account' ELSE 'opportunity' END || ' and action (' ||
              t2.action::text || ') as ' || t1.source || ':' || t1.external_id || ', ' ||
              round(abs(extract(epoch FROM (t2.occurred_at - t1.occurred_at))) / 86400, 1)::text || ' day(s) apart'`,
  { related_id: 't1.id::text' },
)}`;
const PAIR_JOIN = `JOIN touchpoint t1 ON t2.partner_id = t1.partner_id AND t2.action = t1.action
           AND ((t1.opportunity_id IS NOT NULL AND t2.opportunity_id = t1.opportunity_id)
             OR (t1.opportunity_id IS NULL AND t2.opportunity_id IS NULL AND t2.account_id = t1.account_id))
           AND (t2.occurred_at, t2.id) > (t1.occurred_at, t1.id)
           AND t2.occurred_at - t1.occurred_at <= make_interval(days => $3::int)
          JOIN partner p ON p.id = t2.partner_id
          LEFT JOIN opportunity o ON o.id = t2.opportunity_id
          LEFT JOIN account a ON a.id = COALESCE(t2.account_id, o.account_id)`;

export const suspectedDuplicate: CheckSpec = {
  key: 'suspected_duplicate',
  title: 'Suspected duplicate touches',
  action: 'Merge or delete the duplicate at its source so the partner is not credited twice for one action.',
  counts: `SELECT COALESCE(sum(now) FILTER (WHERE live_now), 0)::int AS now, COALESCE(sum(before) FILTER (WHERE live_before), 0)::int AS before
             FROM (SELECT live_now, live_before, ${earlier('live_now')} AS now, ${earlier('live_before')} AS before
                     FROM (${candidates(LIVE_EITHER('t'))}) c
                   ${WINDOWS}) w`,
  items: (limit) => `SELECT ${COLS} FROM (
          ${PAIRS}
            FROM (SELECT id FROM (SELECT id, occurred_at, ${earlier('live_now')} AS pairs FROM (${candidates(LIVE('t'))}) c ${WINDOWS}) w
                   WHERE pairs > 0 ORDER BY occurred_at DESC, id::text LIMIT ${limit}) top
            JOIN touchpoint t2 ON t2.id = top.id
            ${PAIR_JOIN}
           WHERE ${LIVE('t1')}) q
        ORDER BY at DESC, entity_id, ${TIE_BREAK} LIMIT ${limit}`,
};
