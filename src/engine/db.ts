// The slice of the project's Database handle (src/db/client.ts) the engine
// uses: raw SQL for the bulk work of runs, Prisma for lifecycle CRUD.
import type { Database, SqlClient } from '../db/client.js';
import type { AuditWriter } from '../audit/record.js';

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
 * recordAudit() writes through `auditEvent.createMany`; this gives it that
 * shape over a raw SQL client so audit events join the same SQL transaction
 * as the change they describe (e.g. a run's atomic switch).
 */
export function sqlAuditWriter(sql: SqlClient): AuditWriter {
  return {
    auditEvent: {
      async createMany({ data }) {
        for (const row of data) {
          await sql.query(
            `INSERT INTO audit_event (id, actor, action, entity_type, entity_id, before, after)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::json, $6::json)`,
            [row.actor, row.action, row.entityType, row.entityId ?? null,
              row.before === undefined ? null : JSON.stringify(row.before),
              row.after === undefined ? null : JSON.stringify(row.after)],
          );
        }
        return { count: data.length };
      },
    },
  };
}

/**
 * A PostgreSQL array literal for a text parameter ("{"a","b"}"), cast in SQL
 * ($1::uuid[], $1::text[]). Passing JS arrays directly is not portable across
 * the two drivers (PGlite flattens a one-element array).
 */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
