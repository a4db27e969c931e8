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

/** A timestamp value as ISO-8601 text in UTC ("2025-03-01T10:00:00.000Z"): how an instant is written and served. */
export function isoInstant(value: unknown): string {
  return toDate(value).toISOString();
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * A calendar date as "YYYY-MM-DD": a Date's UTC day, or the date a text value starts with (a `date` column's
 * value as the parsers give it, "2025-01-31", is kept as is); anything else goes through toDate.
 */
export function isoDate(value: unknown): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return value.slice(0, 10);
  return toDate(value).toISOString().slice(0, 10);
}
