// Checks on single touches: missing proof or owner, touches dated after their
// deal closed. Both counts come from one pass over the touches on record at
// either instant.
import type { CheckSpec } from './check.js';
import { BLANK, LIVE, LIVE_EITHER, liveAt, ordered, touchItem } from './sql.js';

const MISSING = `(${BLANK('t.proof')} OR ${BLANK('t.owner')})`;

export const missingProofOrOwner: CheckSpec = {
  key: 'missing_proof_or_owner',
  title: 'Touches missing proof or owner',
  action:
    'Ask the partner owner to attach the proof (link to the intro, meeting or plan) and name an owner; without them the touch cannot earn credit.',
  items: ordered(
    `SELECT ${touchItem(
      't',
      `concat_ws(' and ', CASE WHEN ${BLANK('t.proof')} THEN 'proof missing' END,
              CASE WHEN ${BLANK('t.owner')} THEN 'owner missing' END) || ' on ' || t.action::text || ' by ' || p.key`,
    )}
          FROM touchpoint t JOIN partner p ON p.id = t.partner_id
          LEFT JOIN opportunity o ON o.id = t.opportunity_id
          LEFT JOIN account a ON a.id = COALESCE(t.account_id, o.account_id)
         WHERE ${LIVE('t')} AND ${MISSING}`,
    'at DESC, entity_id',
  ),
  // Every touch names a partner (a set-based foreign key), so the partner join keeps every row.
  counts: `SELECT count(*) FILTER (WHERE ${liveAt('t', '$1')})::int AS now, count(*) FILTER (WHERE ${liveAt('t', '$6')})::int AS before
             FROM touchpoint t WHERE ${LIVE_EITHER('t')} AND ${MISSING}`,
};

const AFTER_CLOSE = `o.outcome <> 'open' AND o.closed_at IS NOT NULL AND t.occurred_at > o.closed_at`;

export const touchAfterClose: CheckSpec = {
  key: 'touch_after_close',
  title: 'Touches logged after the deal closed',
  action: 'Check the dates: a touch after close cannot have influenced the deal; fix the date or move it to the next opportunity.',
  items: ordered(
    `SELECT ${touchItem(
      't',
      `t.action::text || ' on ' || to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ', ' ||
              ceil(extract(epoch FROM (t.occurred_at - o.closed_at)) / 86400)::int || ' day(s) after ' || o.key ||
              ' closed (' || o.stage::text || ' on ' || to_char(o.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ')'`,
    )}
          FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id
          JOIN partner p ON p.id = t.partner_id
          LEFT JOIN account a ON a.id = o.account_id
         WHERE ${LIVE('t')} AND ${AFTER_CLOSE}`,
    'at DESC, entity_id',
  ),
  counts: `SELECT count(*) FILTER (WHERE ${liveAt('t', '$1')})::int AS now, count(*) FILTER (WHERE ${liveAt('t', '$6')})::int AS before
             FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id
            WHERE ${LIVE_EITHER('t')} AND ${AFTER_CLOSE}`,
};
