// open_dispute: disputes raised before T and not resolved by T.
import type { CheckSpec } from './check.js';
import { countsAtBoth, itemColumns, ordered } from './sql.js';

const OPEN = `SELECT ${itemColumns({
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
         WHERE d.created_at < $1 AND (d.resolved_at IS NULL OR d.resolved_at >= $1) AND (d.status = 'open' OR d.resolved_at IS NOT NULL)`;

export const openDispute: CheckSpec = {
  key: 'open_dispute',
  title: 'Open disputes',
  action: 'Decide each dispute in the review: approve with an override or reject with a resolution note.',
  items: ordered(OPEN, 'at ASC, entity_id'),
  counts: countsAtBoth(OPEN),
};
