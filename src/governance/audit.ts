// Reading the audit trail: filter by entity, actor, action and time; newest
// first; keyset pagination with an opaque cursor (stable under new writes).
import type { Prisma } from '../generated/prisma/client.js';
import { concerningEntity, coveredEntities } from '../audit/record.js';
import type { ReportDb } from '../reports/db.js';
import { GovernanceError } from './errors.js';
import { UUID } from './validate.js';

interface AuditEventView {
  id: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Every entity the event covers (a batch event lists many; otherwise [entityId]). */
  entityIds: string[];
  before: unknown;
  after: unknown;
  at: Date;
}

interface ListAuditEventsInput {
  entityType?: string;
  /** Events about this entity alone or about a batch that includes it. */
  entityId?: string;
  actor?: string;
  /** Exact action ("dispute.resolve") or a prefix ending in "." ("dispute."). */
  action?: string;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  first?: number;
  after?: string;
}

interface AuditEventPage {
  events: AuditEventView[];
  hasNextPage: boolean;
  endCursor: string | null;
}

function encodeAuditCursor(e: { at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([e.at.toISOString(), e.id])).toString('base64url');
}

function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(date.getTime())) throw new Error('bad');
    return { at: date, id };
  } catch {
    throw new GovernanceError('INVALID_CURSOR', 'the `after` cursor is not valid; pass the endCursor of the previous page unchanged.');
  }
}

export async function listAuditEvents(db: ReportDb, input: ListAuditEventsInput = {}): Promise<AuditEventPage> {
  const first = input.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 500) {
    throw new GovernanceError('INVALID_INPUT', `first must be an integer from 1 to 500, got ${first}.`);
  }
  const and: Prisma.AuditEventWhereInput[] = [];
  if (input.entityType) and.push({ entityType: input.entityType });
  if (input.entityId) and.push(await concerningEntity(db.prisma, input.entityId));
  if (input.actor) and.push({ actor: input.actor });
  if (input.action) and.push(input.action.endsWith('.') ? { action: { startsWith: input.action } } : { action: input.action });
  if (input.from) and.push({ at: { gte: input.from } });
  if (input.to) and.push({ at: { lt: input.to } });
  if (input.after) {
    const c = decodeAuditCursor(input.after);
    and.push({ OR: [{ at: { lt: c.at } }, { at: c.at, id: { lt: c.id } }] });
  }
  const rows = await db.prisma.auditEvent.findMany({
    where: { AND: and },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: first + 1,
  });
  const events = rows.slice(0, first).map((r) => ({
    id: r.id,
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    entityIds: coveredEntities(r),
    before: r.before ?? null,
    after: r.after ?? null,
    at: r.at,
  }));
  const last = events.at(-1);
  return { events, hasNextPage: rows.length > first, endCursor: last ? encodeAuditCursor(last) : null };
}
