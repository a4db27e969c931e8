// Current allocations of a rule set as CSV for finance and BI:
//   opportunity,partner,lane,role,share,amount,rule_version,source_hash
// Keys, not ids; ordered by opportunity key, lane (source, influence),
// partner key (no partner first), role; streamed page by page.
import { csvLine } from '../domain/csv.js';
import { RuleSetNotFoundError } from './errors.js';
import type { SqlClient } from './db.js';

const ALLOCATION_CSV_HEADER = 'opportunity,partner,lane,role,share,amount,rule_version,source_hash';

interface Row {
  opportunity: string;
  partner: string | null;
  lane: string;
  role: string;
  share: string;
  amount: string;
  rule_version: number | null;
  source_hash: string;
}

/** Keys and roles are text cells (neutralised for spreadsheets, src/domain/csv.ts); share, amount, version and hash are not. */
const TEXT_COLUMNS = new Set([0, 1, 2, 3]);

/** Writes the CSV (header first) through `write`; returns the number of data rows. */
export async function exportAllocationsCsv(
  sql: SqlClient,
  ruleSetKey: string,
  write: (chunk: string) => void | Promise<void>,
  pageSize = 2000,
): Promise<number> {
  const sets = await sql.query<{ id: string }>('SELECT id::text AS id FROM rule_set WHERE key = $1', [ruleSetKey]);
  if (sets.length === 0) throw new RuleSetNotFoundError(ruleSetKey);
  await write(`${ALLOCATION_CSV_HEADER}\n`);
  let after: string | null = null;
  let count = 0;
  for (;;) {
    // Page by opportunity key so an opportunity's rows are never split.
    const keys: { key: string }[] = await sql.query<{ key: string }>(
      `SELECT DISTINCT o.key COLLATE "C" AS key FROM credit_allocation ca
         JOIN opportunity o ON o.id = ca.opportunity_id
         JOIN rule_version rv ON rv.id = ca.rule_version_id
        WHERE ca.is_current AND rv.rule_set_id = $1::uuid AND ($2::text IS NULL OR o.key COLLATE "C" > $2)
        ORDER BY 1 LIMIT $3`,
      [sets[0]!.id, after, pageSize],
    );
    if (keys.length === 0) break;
    const last: string = keys[keys.length - 1]!.key;
    const rows = await sql.query<Row>(
      `SELECT o.key AS opportunity, p.key AS partner, ca.lane::text AS lane, ca.role, ca.share::text AS share,
              ca.amount::text AS amount, ca.rule_version_number AS rule_version, ca.source_hash
         FROM credit_allocation ca
         JOIN opportunity o ON o.id = ca.opportunity_id
         JOIN rule_version rv ON rv.id = ca.rule_version_id
         LEFT JOIN partner p ON p.id = ca.partner_id
        WHERE ca.is_current AND rv.rule_set_id = $1::uuid AND ($2::text IS NULL OR o.key COLLATE "C" > $2) AND o.key COLLATE "C" <= $3
        ORDER BY o.key COLLATE "C", ca.lane, p.key COLLATE "C" NULLS FIRST, ca.role COLLATE "C"`,
      [sets[0]!.id, after, last],
    );
    await write(
      `${rows
        .map((r) => csvLine([r.opportunity, r.partner, r.lane, r.role, r.share, r.amount, r.rule_version, r.source_hash], TEXT_COLUMNS))
        .join('\n')}\n`,
    );
    count += rows.length;
    after = last;
    if (keys.length < pageSize) break;
  }
  return count;
}
