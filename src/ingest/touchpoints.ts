// Touchpoint ingestion: validate a batch in memory, resolve partner /
// opportunity / account keys (one query per kind), and upsert idempotently by
// (source, externalId) with a few set-based statements. Every item gets a
// result: created, updated, unchanged or rejected (with the field path and the
// reason). A rejected item writes nothing; the valid items are written in one
// transaction together with their audit events and the recompute request for
// the opportunities they affect (the recompute outbox, src/recompute-queue).
// Its parts: ./touchpoint-input.ts (validation, references),
// ./touchpoint-writer.ts (the SQL writes, columns from src/db/columns.ts),
// ./touchpoint-audit.ts (the audit events); this module runs the upsert.
import { prismaRollupSql, withTouchRollupDelta } from '../engine/report-rollup.js';
import type { PrismaClient, Touchpoint } from '../generated/prisma/client.js';
import type { Database } from '../db/client.js';
import { recordAudit } from '../audit/record.js';
import { timeOrderedUuid } from '../db/time-ordered-id.js';
import { auditCreated, updateAudit, type CreatedTouchpoint } from './touchpoint-audit.js';
import { identityOf, readTouchpointBatch, type IndexedRow, type ItemStatus, type TouchpointItemResult } from './touchpoint-input.js';
import { lockExisting, sameTouchpoint, writeBatch, type BatchWrite } from './touchpoint-writer.js';

export interface TouchpointBatchResult {
  items: TouchpointItemResult[];
  counts: Record<ItemStatus, number>;
  /** Opportunities whose attribution may change because of this batch. */
  affectedOpportunityIds: string[];
  /**
   * The recompute request recorded for them in the same transaction (the
   * recompute outbox), or null when nothing needs recomputing.
   */
  recomputeTicket: string | null;
}

interface IngestOptions {
  actor: string;
  maxBatch?: number;
}

/**
 * Ingests a batch set-based: validation in memory, one lookup query per
 * referenced entity kind (./touchpoint-input.ts), then one transaction that
 * inserts the new rows (and records their recompute request) in one
 * statement, locks, compares and updates the rows whose key existed
 * (./touchpoint-writer.ts), and writes the audit events (./touchpoint-audit.ts;
 * for a batch of new touchpoints: two statements whatever the batch size).
 * The caller recomputes credit (see src/recompute-queue); the request is
 * durable either way.
 */
export async function ingestTouchpoints(
  db: Pick<Database, 'sql'>,
  inputs: readonly unknown[],
  options: IngestOptions,
): Promise<TouchpointBatchResult> {
  const { items, rows } = await readTouchpointBatch(db, inputs, options.maxBatch);

  let recomputeTicket: string | null = null;
  const affected = new Set<string>();
  if (rows.length > 0) {
    const ticket = crypto.randomUUID();
    // The one audit event for what this batch creates; each created touchpoint names it (ingest_event_id).
    const eventId = crypto.randomUUID();
    let requested = false;
    const created: CreatedTouchpoint[] = [];
    await db.sql.transaction(async (tx) => {
      /** Writes one batch statement and records its outcome; returns the rows it did not insert (their key exists). */
      const apply = async (write: BatchWrite): Promise<IndexedRow[]> => {
        // The report rollup moves with the touches (src/engine/report-rollup.ts).
        const subjects = {
          opportunityIds: [...write.opportunityIds, ...write.inserts.flatMap((i) => i.row.opportunityId ?? [])],
          accountIds: write.accountIds,
        };
        const result = await withTouchRollupDelta(tx, subjects, () => writeBatch(tx, write, { actor: options.actor, ticket, eventId }));
        requested = true;
        for (const o of result.requestedOpportunityIds) affected.add(o);
        const notInserted: IndexedRow[] = [];
        for (const ins of write.inserts) {
          if (!result.insertedIds.has(ins.id)) {
            notInserted.push({ index: ins.index, row: ins.row });
            continue;
          }
          const item = items[ins.index]!;
          item.status = 'created';
          item.touchpointId = ins.id;
          created.push(ins);
        }
        return notInserted;
      };
      // 1. Insert first: one statement inserts every row whose key is new and
      //    records the recompute request for them. For a batch of new
      //    touchpoints (what a sync mostly sends) that is the whole write. A
      //    key that exists, or that a concurrent batch is inserting (the
      //    insert waits for that batch to end), is skipped: it is an
      //    existing row for step 2.
      let pending = await apply({
        inserts: rows.map((r) => ({ index: r.index, id: timeOrderedUuid(), row: r.row })),
        updates: [],
        audits: [],
        opportunityIds: new Set(),
        accountIds: new Set(),
      });
      // 2. Lock the rows that exist (the latest committed version of each):
      //    a concurrent replay of the same items waits here, then sees our
      //    result. Unchanged ones stay as they are; changed (or deleted) ones
      //    are updated (restored) and audited with before and after. A row
      //    that is gone by now (deleted outside the API) is inserted again
      //    in the next round.
      for (let round = 0; pending.length > 0; round++) {
        if (round > 20) throw new Error('touchpoint ingestion could not settle concurrent inserts of the same items; send the batch again');
        const existing = await lockExisting(
          tx,
          pending.map((r) => r.row),
        );
        const write: BatchWrite = { inserts: [], updates: [], audits: [], opportunityIds: new Set(), accountIds: new Set() };
        for (const r of pending) {
          const current = existing.get(identityOf(r.row));
          const item = items[r.index]!;
          if (!current) {
            write.inserts.push({ index: r.index, id: timeOrderedUuid(), row: r.row });
            continue;
          }
          item.touchpointId = current.id;
          if (current.deletedAt === null && sameTouchpoint(current, r.row)) {
            item.status = 'unchanged';
            continue;
          }
          item.status = 'updated';
          write.updates.push({ id: current.id, row: r.row });
          write.audits.push(updateAudit(current, r.row));
          // Both the old and the new subject's credit may change.
          for (const t of [current, r.row]) {
            if (t.opportunityId) write.opportunityIds.add(t.opportunityId);
            else if (t.accountId) write.accountIds.add(t.accountId);
          }
        }
        if (write.inserts.length === 0 && write.updates.length === 0) break;
        pending = await apply(write);
      }
      await auditCreated(tx, created, { actor: options.actor, eventId });
    });
    if (requested && affected.size > 0) recomputeTicket = ticket;
  }

  const counts: Record<ItemStatus, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const item of items) counts[item.status]++;
  return { items, counts, affectedOpportunityIds: [...affected].sort(), recomputeTicket };
}

interface DeleteTouchpointResult {
  touchpoint: Touchpoint;
  /** false when it was already deleted (deleting twice is a no-op). */
  changed: boolean;
  affectedOpportunityIds: string[];
}

/** Soft delete: sets deleted_at; the engine ignores deleted touches. */
export async function deleteTouchpoint(prisma: PrismaClient, id: string, actor: string): Promise<DeleteTouchpointResult | null> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.touchpoint.findUnique({ where: { id } });
    if (!current) return null;
    if (current.deletedAt) return { touchpoint: current, changed: false, affectedOpportunityIds: [] };
    const deletedAt = new Date();
    const subjects = current.opportunityId
      ? { opportunityIds: [current.opportunityId], accountIds: [] }
      : { opportunityIds: [], accountIds: current.accountId ? [current.accountId] : [] };
    const touchpoint = await withTouchRollupDelta(prismaRollupSql(tx), subjects, () =>
      tx.touchpoint.update({ where: { id }, data: { deletedAt } }),
    );
    await recordAudit(tx, {
      actor,
      action: 'touchpoint.delete',
      entityType: 'Touchpoint',
      entityId: id,
      before: { deletedAt: null },
      after: { deletedAt },
    });
    const affected = current.opportunityId
      ? [current.opportunityId]
      : current.accountId
        ? (await tx.opportunity.findMany({ where: { accountId: current.accountId }, select: { id: true } })).map((o) => o.id)
        : [];
    return { touchpoint, changed: true, affectedOpportunityIds: affected };
  });
}
