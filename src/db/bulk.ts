// Fast bulk writes through raw SQL: one INSERT … SELECT FROM unnest($1::text[], …)
// per chunk. Each column travels as ONE array parameter, so a statement's
// parameter count is the number of columns — far from PostgreSQL's 65,535
// limit whatever the number of rows — and it runs the same on PGlite and
// PostgreSQL. Values are sent as text (written by the column catalogue,
// src/db/columns.ts) in array literals (src/db/sql-arrays.ts) and cast by the
// database, so decimals stay exact strings end to end.
import { arrayLiteral } from './sql-arrays.js';
import type { SqlClient } from './sql.js';

export interface ColumnSpec<Row> {
  /** Column name in the database. */
  name: string;
  /** SQL type to cast the text value to: 'uuid', 'numeric', 'text' … */
  type: string;
  /** The row's value as the text the cast reads, or null (src/db/columns.ts writes it). */
  text(row: Row): string | null;
}

export interface TableSpec<Row> {
  table: string;
  columns: readonly ColumnSpec<Row>[];
  /** Extra columns set to an SQL expression for every row, e.g. { updated_at: 'now()' }. */
  constants?: Readonly<Record<string, string>>;
}

/** Rows per statement: big enough to amortise the round trip, small enough to keep memory flat. */
export const BULK_CHUNK_ROWS = 5_000;

/** Builds the statement once per table; reuse it for every chunk. */
export function insertStatement<Row>(spec: TableSpec<Row>, suffix = ''): string {
  const constants = Object.entries(spec.constants ?? {});
  const names = [...spec.columns.map((c) => `"${c.name}"`), ...constants.map(([n]) => `"${n}"`)];
  const arrays = spec.columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = spec.columns.map((_, i) => `c${i}`).join(', ');
  const selects = [...spec.columns.map((c, i) => `c${i}::${c.type}`), ...constants.map(([, expr]) => expr)];
  return `INSERT INTO "${spec.table}" (${names.join(', ')}) SELECT ${selects.join(', ')} FROM unnest(${arrays}) AS u(${aliases})${suffix ? ` ${suffix}` : ''}`;
}

/** One chunk of rows as the statement's parameters: each column's texts as one array literal ($1::text[] …). */
export function columnParams<Row>(spec: Pick<TableSpec<Row>, 'columns'>, rows: readonly Row[]): string[] {
  return spec.columns.map((c) => arrayLiteral(rows.map((r) => c.text(r))));
}

/** Inserts all rows, in chunks. Returns the number of rows written. */
export async function bulkInsert<Row>(sql: SqlClient, spec: TableSpec<Row>, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const text = insertStatement(spec);
  for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
    await sql.query(text, columnParams(spec, rows.slice(start, start + BULK_CHUNK_ROWS)));
  }
  return rows.length;
}
