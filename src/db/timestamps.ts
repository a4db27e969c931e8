// Timestamp column values as Dates. The project's parsers (src/db/sql.ts) give Dates on both backends, but a
// value can also arrive as text or epoch milliseconds (Prisma's raw queries, JSON, a cast in the SQL): every
// reader of a timestamp column goes through here.

/** A timestamp column value (Date, ISO text or epoch milliseconds) as a Date; throws on anything else. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  throw new TypeError(`expected a timestamp, got ${String(value)}`);
}

/** A nullable timestamp column value: null (or undefined) as null, anything else as toDate. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}
