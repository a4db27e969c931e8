// The audit trail: every change to data, rules and allocations is an
// AuditEvent (who, when, what, before/after). Call recordAudit inside the same
// transaction as the change so the two commit or roll back together.
import type { Prisma } from '../generated/prisma/client.js';

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
  db: { touchpoint: { findUnique(args: { where: { id: string }; select: { ingestEventId: true } }): Promise<{ ingestEventId: string | null } | null> } },
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
export type AuditWriter = { auditEvent: { createMany(args: { data: Prisma.AuditEventCreateManyInput[] }): Promise<unknown> } };

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
