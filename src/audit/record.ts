// The audit trail: every change to data, rules and allocations is an
// AuditEvent (who, when, what, before/after). Call recordAudit inside the same
// transaction as the change so the two commit or roll back together.
import type { Prisma } from '../generated/prisma/client.js';
import type { SqlClient } from '../db/sql.js';
import { arrayLiteral } from '../db/sql-arrays.js';

export interface AuditEntry {
  actor: string;
  /** Verb in dotted form: "touchpoint.ingest", "ruleVersion.publish", "dispute.resolve". */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The events that concern one entity: those about it alone (entityId) and,
 * for a touchpoint, the event of the ingestion batch that created it (one
 * event names every touchpoint a batch created; each touchpoint names that
 * event in ingestEventId). Two primary-key probes, no index on entityIds.
 */
export async function concerningEntity(
  db: {
    touchpoint: {
      findUnique(args: { where: { id: string }; select: { ingestEventId: true } }): Promise<{ ingestEventId: string | null } | null>;
    };
  },
  entityId: string,
): Promise<Prisma.AuditEventWhereInput> {
  const created = UUID.test(entityId) ? await db.touchpoint.findUnique({ where: { id: entityId }, select: { ingestEventId: true } }) : null;
  return created?.ingestEventId ? { OR: [{ entityId }, { id: created.ingestEventId }] } : { entityId };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every entity an event covers: its entityIds, or its one entityId. */
export function coveredEntities(e: { entityId: string | null; entityIds?: string[] | null }): string[] {
  if (e.entityIds && e.entityIds.length > 0) return e.entityIds;
  return e.entityId ? [e.entityId] : [];
}

/** Any Prisma client or transaction client. */
type AuditWriter = { auditEvent: { createMany(args: { data: Prisma.AuditEventCreateManyInput[] }): Promise<unknown> } };

export async function recordAudit(db: AuditWriter, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.auditEvent.createMany({ data: entries.map(toRow) });
}

function toRow(e: AuditEntry): Prisma.AuditEventCreateManyInput {
  return {
    actor: e.actor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: toJson(e.before),
    after: toJson(e.after),
  };
}

/** JSON-safe copy: Dates become ISO strings, Decimals and bigints strings. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Prisma.InputJsonValue;
}

/**
 * recordAudit() writes through `auditEvent.createMany`; this gives it that
 * shape over a raw SQL client, so an audit event commits in the same raw-SQL
 * transaction as the change it describes (a run's atomic switch, an import
 * file, a seed).
 */
export function sqlAuditWriter(sql: SqlClient): AuditWriter {
  return {
    auditEvent: {
      async createMany({ data }) {
        for (const e of data) {
          await sql.query(
            `INSERT INTO audit_event (id, actor, action, entity_type, entity_id, before, after)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::json, $6::json)`,
            [e.actor, e.action, e.entityType, e.entityId ?? null, auditJson(e.before), auditJson(e.after)],
          );
        }
        return { count: data.length };
      },
    },
  };
}

/** JSON text for an audit column (Dates as ISO strings), as recordAudit writes it; null for none. */
export function auditJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * ONE event about many entities (e.g. the touchpoints one ingestion batch
 * created): `entity_ids` lists them, `entity_id` and `before` are null. The
 * caller chooses the id so the entities can name the event; `after` is JSON
 * text. Written on `sql`, inside the caller's transaction.
 */
export async function recordBatchEvent(
  sql: SqlClient,
  event: { id: string; actor: string; action: string; entityType: string; entityIds: readonly string[]; afterJson: string },
): Promise<void> {
  await sql.query(
    `INSERT INTO audit_event (id, actor, action, entity_type, entity_id, entity_ids, before, after)
     VALUES ($4::uuid, $1, $5, $6, NULL, $2::text[], NULL, $3::json)`,
    [event.actor, arrayLiteral(event.entityIds), event.afterJson, event.id, event.action, event.entityType],
  );
}

/**
 * The statement that writes one event per entity from parallel arrays, for a
 * data-modifying CTE (`aud AS (${perEntityEventsInsert(…)})`) so the events
 * commit in the same statement as the change. Each argument is SQL text: a
 * parameter (`$31`) or a literal; the arrays are uuid[], text[], json[], json[].
 */
export function perEntityEventsInsert(p: {
  actor: string;
  entityType: string;
  entityIds: string;
  actions: string;
  befores: string;
  afters: string;
}): string {
  return `INSERT INTO audit_event (id, actor, action, entity_type, entity_id, before, after)
       SELECT gen_random_uuid(), ${p.actor}, a.action, ${p.entityType}, a.entity_id::text, a.before, a.after
         FROM unnest(${p.entityIds}::uuid[], ${p.actions}::text[], ${p.befores}::json[], ${p.afters}::json[]) AS a(entity_id, action, before, after)`;
}
