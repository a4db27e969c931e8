// Lets recordAudit (which speaks the Prisma createMany shape) write through a
// raw SqlClient, so an audit event commits in the same raw-SQL transaction as
// the bulk writes it describes.
import type { AuditWriter } from '../audit/record.js';
import type { SqlClient } from '../db/client.js';

export function sqlAuditWriter(sql: SqlClient): AuditWriter {
  return {
    auditEvent: {
      async createMany({ data }) {
        for (const e of data) {
          await sql.query(
            `INSERT INTO audit_event (id, actor, action, entity_type, entity_id, before, after)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::json, $6::json)`,
            [e.actor, e.action, e.entityType, e.entityId ?? null, jsonOrNull(e.before), jsonOrNull(e.after)],
          );
        }
        return { count: data.length };
      },
    },
  };
}

function jsonOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}
