// recordAudit() over raw SQL in ONE statement for any number of events, so a
// large ingestion batch audits every change in the same transaction without a
// round-trip per event.
import type { AuditWriter } from '../audit/record.js';
import type { SqlClient } from '../db/client.js';
import { pgArray } from '../engine/db.js';

export function sqlBulkAuditWriter(sql: SqlClient): AuditWriter {
  return {
    auditEvent: {
      async createMany({ data }) {
        if (data.length === 0) return { count: 0 };
        const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
        await sql.query(
          `INSERT INTO audit_event (id, actor, action, entity_type, entity_id, before, after)
           SELECT gen_random_uuid(), x.actor, x.action, x.entity_type, x.entity_id, x.before, x.after
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])
                  WITH ORDINALITY AS x(actor, action, entity_type, entity_id, before, after, n)
            ORDER BY x.n`,
          [pgArray(data.map((r) => r.actor)), pgArray(data.map((r) => r.action)), pgArray(data.map((r) => r.entityType)),
            pgArray(data.map((r) => r.entityId ?? null)), pgArray(data.map((r) => json(r.before))), pgArray(data.map((r) => json(r.after)))],
        );
        return { count: data.length };
      },
    },
  };
}
