// The slice of the project's Database handle (src/db/client.ts) the engine
// uses: raw SQL for the bulk work of runs, Prisma for lifecycle CRUD.
import type { Database, SqlClient } from '../db/client.js';

export type EngineDb = Pick<Database, 'prisma' | 'sql' | 'kind'>;
export type { SqlClient };

export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`expected a timestamp, got ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/**
 * A PostgreSQL array literal for a text parameter ("{"a","b"}"), cast in SQL
 * ($1::uuid[], $1::text[]). Passing JS arrays directly is not portable across
 * the two drivers (PGlite flattens a one-element array).
 */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
