// Which opportunities of a credit change concern a partner: the part of an
// allocations:changed event (./follow-up.ts) a partner-confined subscriber
// hears of. Each subscriber asks for its own partner only, so a drain never
// reads the partners of every allocation it touched.
import type { SqlClient } from '../db/client.js';
import { arrayLiteral } from '../db/sql-arrays.js';

/** On a `credit_allocation c`: the row is credit, not a row of a preview run (what a draft would give). */
export const NOT_PREVIEW_CREDIT_SQL = `NOT EXISTS (SELECT 1 FROM attribution_run r WHERE r.id = c.run_id AND r.kind = 'preview')`;

/**
 * Which of these opportunities `partnerId` has (or had: superseded rows count)
 * credit on (rows of preview runs are not credit). One probe of the
 * partner's allocations per opportunity. With no opportunities (a full run,
 * which recomputes every deal): '*' when the partner has any credit at all,
 * nothing otherwise.
 */
export async function opportunitiesCreditedTo(
  db: { sql: Pick<SqlClient, 'query'> },
  partnerId: string,
  opportunityIds: readonly string[],
): Promise<Set<string>> {
  if (opportunityIds.length === 0) {
    const [row] = await db.sql.query<{ hit: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM credit_allocation c WHERE c.partner_id = $1::uuid AND ${NOT_PREVIEW_CREDIT_SQL}) AS hit`,
      [partnerId],
    );
    return new Set(row?.hit === true ? ['*'] : []);
  }
  const rows = await db.sql.query<{ id: string }>(
    `SELECT o.id::text AS id FROM unnest($2::uuid[]) AS o(id)
      WHERE EXISTS (SELECT 1 FROM credit_allocation c WHERE c.partner_id = $1::uuid AND c.opportunity_id = o.id AND ${NOT_PREVIEW_CREDIT_SQL})`,
    [partnerId, arrayLiteral(opportunityIds)],
  );
  return new Set(rows.map((r) => r.id));
}
