// Fast bulk writes through raw SQL: one INSERT … SELECT FROM unnest($1::text[], …)
// per chunk. Each column travels as ONE array parameter, so a statement's
// parameter count is the number of columns — far from PostgreSQL's 65,535
// limit whatever the number of rows — and it runs the same on PGlite and
// PostgreSQL. Values are sent as text and cast by the database, so decimals
// stay exact strings end to end.
import type { SqlClient } from './sql.js';

export interface ColumnSpec<Row> {
  /** Column name in the database. */
  name: string;
  /** SQL type to cast the text value to: 'uuid', 'numeric', 'text' … */
  type: string;
  value(row: Row): string | number | boolean | Date | null | Record<string, unknown>;
}

export interface TableSpec<Row> {
  table: string;
  columns: readonly ColumnSpec<Row>[];
  /** Extra columns set to an SQL expression for every row, e.g. { updated_at: 'now()' }. */
  constants?: Readonly<Record<string, string>>;
}

/** Rows per statement: big enough to amortise the round trip, small enough to keep memory flat. */
export const BULK_CHUNK_ROWS = 5_000;

function toText(value: ReturnType<ColumnSpec<unknown>['value']>): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Builds the statement once per table; reuse it for every chunk. */
export function insertStatement<Row>(spec: TableSpec<Row>, suffix = ''): string {
  const constants = Object.entries(spec.constants ?? {});
  const names = [...spec.columns.map((c) => `"${c.name}"`), ...constants.map(([n]) => `"${n}"`)];
  const arrays = spec.columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = spec.columns.map((_, i) => `c${i}`).join(', ');
  const selects = [...spec.columns.map((c, i) => `c${i}::${c.type}`), ...constants.map(([, expr]) => expr)];
  return `INSERT INTO "${spec.table}" (${names.join(', ')}) SELECT ${selects.join(', ')} FROM unnest(${arrays}) AS u(${aliases})${suffix ? ` ${suffix}` : ''}`;
}

/** Column-wise text arrays for one chunk of rows. */
export function columnArrays<Row>(spec: TableSpec<Row>, rows: readonly Row[]): (string | null)[][] {
  return spec.columns.map((c) => rows.map((r) => toText(c.value(r))));
}

/** Inserts all rows, in chunks. Returns the number of rows written. */
export async function bulkInsert<Row>(sql: SqlClient, spec: TableSpec<Row>, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const text = insertStatement(spec);
  for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
    await sql.query(text, columnArrays(spec, rows.slice(start, start + BULK_CHUNK_ROWS)));
  }
  return rows.length;
}
