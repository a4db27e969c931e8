// unknown_reference: records pointing at something that does not fit — a touch
// whose account is not its opportunity's, an account-level touch on an
// account with no opportunity, current credit citing a touchpoint that is
// missing or deleted. Both counts come from one pass per kind of record.
import type { CheckSpec } from './check.js';
import { allocationItem, LIVE, LIVE_EITHER, liveAt, ordered, RULE_SET, touchItem } from './sql.js';

/** A touch whose account differs from its opportunity's (both joins always match: t.account_id is set, accounts exist). */
const MISMATCH_FROM = `touchpoint t JOIN opportunity o ON o.id = t.opportunity_id
          JOIN account a ON a.id = t.account_id JOIN account oa ON oa.id = o.account_id`;
/** The touches that name both (the partial index touchpoint_opportunity_and_account_idx). */
const BOTH_SET = 't.opportunity_id IS NOT NULL AND t.account_id IS NOT NULL';
const NO_OPPORTUNITY = (at: string) =>
  `NOT EXISTS (SELECT 1 FROM opportunity o WHERE o.account_id = t.account_id AND o.created_at < ${at})`;
/** Whether a cited touchpoint is missing, or was deleted before `at`. */
const GONE = (at: string) => `(t.id IS NULL OR (t.deleted_at IS NOT NULL AND t.deleted_at < ${at}))`;

export const unknownReference: CheckSpec = {
  key: 'unknown_reference',
  title: 'Unknown or inconsistent references',
  action: 'Fix the reference at the source (CRM/PRM) and re-import; until then the record cannot be matched to a deal.',
  items: ordered(
    `SELECT ${touchItem('t', `'touch names account ' || a.key || ' but opportunity ' || o.key || ' belongs to account ' || oa.key`)}
          FROM ${MISMATCH_FROM}
          JOIN partner p ON p.id = t.partner_id
         WHERE ${BOTH_SET} AND ${LIVE('t')} AND t.account_id <> o.account_id
        UNION ALL
        SELECT ${touchItem('t', `'account-level touch on ' || a.key || ', which has no opportunity to credit'`, { opportunity_key: 'NULL::text' })}
          FROM touchpoint t JOIN account a ON a.id = t.account_id JOIN partner p ON p.id = t.partner_id
         WHERE ${LIVE('t')} AND t.opportunity_id IS NULL AND ${NO_OPPORTUNITY('$1')}
        UNION ALL
        SELECT ${allocationItem(`'credit cites touchpoint ' || missing.id || ', which ' || missing.why`, { related_id: 'missing.id' })}
          FROM credit_allocation ca JOIN opportunity o ON o.id = ca.opportunity_id
          LEFT JOIN partner p ON p.id = ca.partner_id LEFT JOIN account a ON a.id = o.account_id
          CROSS JOIN LATERAL (
            SELECT c.id::text AS id, CASE WHEN t.id IS NULL THEN 'does not exist' ELSE 'was deleted' END AS why
              FROM unnest(ca.contributing_touchpoint_ids) AS c(id)
              LEFT JOIN touchpoint t ON t.id = c.id
             WHERE ${GONE('$1')}
             ORDER BY c.id LIMIT 1
          ) missing
         WHERE ca.is_current AND ${RULE_SET('ca')}`,
    'at DESC, entity_id',
  ),
  counts: `SELECT (mismatch.now + orphan.now + cited.now)::int AS now, (mismatch.before + orphan.before + cited.before)::int AS before
             FROM (SELECT count(*) FILTER (WHERE ${liveAt('t', '$1')}) AS now, count(*) FILTER (WHERE ${liveAt('t', '$6')}) AS before
                     FROM ${MISMATCH_FROM}
                    WHERE ${BOTH_SET} AND ${LIVE_EITHER('t')} AND t.account_id <> o.account_id) mismatch,
                  (SELECT count(*) FILTER (WHERE ${liveAt('t', '$1')} AND ${NO_OPPORTUNITY('$1')}) AS now,
                          count(*) FILTER (WHERE ${liveAt('t', '$6')} AND ${NO_OPPORTUNITY('$6')}) AS before
                     FROM touchpoint t JOIN account a ON a.id = t.account_id
                    WHERE t.opportunity_id IS NULL AND ${LIVE_EITHER('t')}) orphan,
                  (SELECT count(*) FILTER (WHERE g.now) AS now, count(*) FILTER (WHERE g.before) AS before
                     FROM credit_allocation ca
                     CROSS JOIN LATERAL (
                       SELECT COALESCE(bool_or(${GONE('$1')}), false) AS now, COALESCE(bool_or(${GONE('$6')}), false) AS before
                         FROM unnest(ca.contributing_touchpoint_ids) AS c(id) LEFT JOIN touchpoint t ON t.id = c.id
                     ) g
                    WHERE ca.is_current AND ${RULE_SET('ca')}) cited`,
};
