// Idempotent bulk upsert with created / updated / unchanged counts in one
// statement per chunk: INSERT … ON CONFLICT (natural key) DO UPDATE … WHERE
// something differs. PostgreSQL compares by value (numeric 10.5 = 10.50,
// timestamps as instants), so re-importing the same data updates nothing.
// `xmax = 0` in RETURNING tells inserted rows from updated ones; rows that
// were equal return nothing.
import type { SqlClient } from '../db/client.js';
import { BULK_CHUNK_ROWS, columnParams, insertStatement, type TableSpec } from '../db/bulk.js';
import type { WriteCounts } from './entity.js';

export interface UpsertSpec<Row> extends TableSpec<Row> {
  /** The unique natural key columns (ON CONFLICT target). */
  conflict: readonly string[];
  /** Columns replaced on update and compared to decide "unchanged". */
  compare: readonly string[];
}

/**
 * The upsert of an imported table by its natural key: rows get a fresh id on insert; every written column but
 * the key and `insertOnly` (set on insert, never replaced) is compared and replaced on update.
 */
export function upsertByKey<Row>(
  columns: Pick<TableSpec<Row>, 'table' | 'columns'>,
  key: readonly string[],
  insertOnly: readonly string[] = [],
): UpsertSpec<Row> {
  const kept = new Set([...key, ...insertOnly]);
  return {
    ...columns,
    constants: { id: 'gen_random_uuid()', updated_at: 'now()' },
    conflict: key,
    compare: columns.columns.map((c) => c.name).filter((name) => !kept.has(name)),
  };
}

function upsertStatement<Row>(spec: UpsertSpec<Row>): string {
  const q = (c: string) => `"${c}"`;
  const set = [...spec.compare.map((c) => `${q(c)} = EXCLUDED.${q(c)}`), '"updated_at" = now()'].join(', ');
  const current = spec.compare.map((c) => `${q(spec.table)}.${q(c)}`).join(', ');
  const incoming = spec.compare.map((c) => `EXCLUDED.${q(c)}`).join(', ');
  return insertStatement(
    spec,
    `ON CONFLICT (${spec.conflict.map(q).join(', ')}) DO UPDATE SET ${set} ` +
      `WHERE (${current}) IS DISTINCT FROM (${incoming}) RETURNING (xmax = 0) AS inserted`,
  );
}

export async function upsertRows<Row>(sql: SqlClient, spec: UpsertSpec<Row>, rows: readonly Row[]): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const text = upsertStatement(spec);
  for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + BULK_CHUNK_ROWS);
    const result = await sql.query<{ inserted: boolean }>(text, columnParams(spec, chunk));
    for (const r of result) {
      if (r.inserted) counts.created++;
      else counts.updated++;
    }
    counts.unchanged += chunk.length - result.length;
  }
  return counts;
}
