// The audit trail of touchpoint ingestion, through src/audit: ONE event for
// the touchpoints a batch created (written by recordBatchEvent after the
// batch's writes), and one event per updated or restored touchpoint with its
// before and after (written inside the batch statement, ./touchpoint-writer.ts).
import { auditJson, recordBatchEvent } from '../audit/record.js';
import type { SqlClient } from '../db/client.js';
import type { TouchpointRow } from './touchpoint-input.js';
import { COMPARED, type StoredTouchpoint, type UpdateAudit } from './touchpoint-writer.js';

export interface CreatedTouchpoint {
  index: number;
  id: string;
  row: TouchpointRow;
}

/**
 * ONE audit event for the touchpoints a batch created: entityIds lists them
 * (and each of them names the event: touchpoint.ingest_event_id) and after.items holds each
 * one's written values, in batch order. Writing one event per created
 * touchpoint cost about as much as inserting the touchpoints themselves;
 * updates and restores keep one event per touchpoint (each has its own
 * before/after: updateAudit).
 */
export async function auditCreated(tx: SqlClient, created: CreatedTouchpoint[], meta: { actor: string; eventId: string }): Promise<void> {
  if (created.length === 0) return;
  created.sort((a, b) => a.index - b.index);
  await recordBatchEvent(tx, {
    id: meta.eventId,
    actor: meta.actor,
    action: 'touchpoint.ingest',
    entityType: 'Touchpoint',
    entityIds: created.map((c) => c.id),
    afterJson: createdEventJson(created),
  });
}

/**
 * The creation event's JSON, `{"created":n,"items":[…]}`, written directly:
 * the same text as JSON.stringify of the item objects (same keys in the
 * same order), without building 1,000 intermediate objects per batch. Ids
 * (UUIDs), enum values and the ISO instant never need escaping; the texts
 * a client sent go through JSON.stringify.
 */
export function createdEventJson(created: ReadonlyArray<{ id: string; row: TouchpointRow }>): string {
  const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
  const plain = (v: string | null) => (v === null ? 'null' : `"${v}"`);
  let out = `{"created":${created.length},"items":[`;
  for (let i = 0; i < created.length; i++) {
    const { id, row } = created[i]!;
    if (i > 0) out += ',';
    out +=
      `{"id":"${id}","source":${str(row.source)},"externalId":${str(row.externalId)},"partnerId":"${row.partnerId}"` +
      `,"opportunityId":${plain(row.opportunityId)},"accountId":${plain(row.accountId)},"action":"${row.action}","channel":"${row.channel}"` +
      `,"occurredAt":"${row.occurredAt.toISOString()}","proof":${str(row.proof)},"owner":${str(row.owner)},"nextJointStep":${str(row.nextJointStep)}` +
      `,"engagementDepth":${row.engagementDepth === null ? 'null' : String(row.engagementDepth)},"stageAtTouch":${plain(row.stageAtTouch)}` +
      `,"declaredRole":${plain(row.declaredRole)}` +
      `,"metadata":${JSON.stringify(row.metadata)}}`;
  }
  return `${out}]}`;
}

/** The event of an update (or, for a deleted touchpoint, a restore): the stored values before, the written ones after. */
export function updateAudit(current: StoredTouchpoint, row: TouchpointRow): UpdateAudit {
  return {
    action: current.deletedAt ? 'touchpoint.restore' : 'touchpoint.ingest',
    entityId: current.id,
    before: auditJson(snapshot(current)),
    after: auditJson({ ...row, deletedAt: null }),
  };
}

function snapshot(t: StoredTouchpoint): Record<string, unknown> {
  const out: Record<string, unknown> = { source: t.source, externalId: t.externalId, deletedAt: t.deletedAt };
  for (const k of COMPARED) out[k] = t[k];
  return out;
}
