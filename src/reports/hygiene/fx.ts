// missing_fx_rate: deals in another currency than the reporting one with no
// exchange rate on or before the day reports convert them at.
import type { CheckSpec } from './check.js';
import { countsAtBoth, itemColumns, ordered } from './sql.js';

const MISSING_RATE = `SELECT ${itemColumns({
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
           AND NOT EXISTS (SELECT 1 FROM fx_rate f WHERE f.currency = o.currency AND f.date <= rd.day)`;

export const missingFxRate: CheckSpec = {
  key: 'missing_fx_rate',
  title: 'Deals without an FX rate',
  action:
    'Import the missing exchange rates (attrib fx import FILE.csv, header currency,date,rate, or the importFxRates mutation); until then scorecards that credit these deals refuse to convert them.',
  items: ordered(MISSING_RATE, 'at ASC, entity_id'),
  counts: countsAtBoth(MISSING_RATE),
};
