// One batch that mixes every kind of item: new touchpoints (opportunity- and
// account-level), an unchanged replay, a changed one and a soft-deleted one
// that comes back. Ingestion inserts the new keys first and then locks and
// compares the rest; this checks each item's status, that only the new ones
// share the batch's creation event, and that the recompute request names
// exactly the opportunities whose credit can change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTouchpoints } from '../../src/ingest/index.js';
import { BACKEND, openFaultDatabase, type FaultDatabase } from '../fault/support/db.js';
import { createReference, type Reference, type TouchpointInputLike } from '../fault/support/reference.js';

function touch(externalId: string, over: Partial<TouchpointInputLike>): TouchpointInputLike {
  return {
    source: 'mixed_crm',
    externalId,
    partnerKey: 'FP-0',
    opportunityKey: 'FO-0',
    accountKey: null,
    action: 'joint_discovery',
    channel: 'co_sell',
    occurredAt: '2026-02-01T10:00:00.000Z',
    proof: `https://crm.example/${externalId}`,
    ...over,
  };
}

describe(`a batch of new, unchanged, changed and restored touchpoints (${BACKEND})`, () => {
  let fdb: FaultDatabase;
  let ref: Reference;
  const opp = new Map<string, string>();
  beforeAll(async () => {
    fdb = await openFaultDatabase({ label: 'mixed' });
    ref = await createReference(fdb.db, { partners: 3, accounts: 4, opportunities: 12 });
    for (const o of await fdb.db.sql.query<{ id: string; key: string }>(`SELECT id::text AS id, key FROM opportunity`))
      opp.set(o.key, o.id);
  });
  afterAll(async () => {
    await fdb?.dispose();
  });

  it('gives each item its status, audits the created ones once and asks to recompute only what can change', async () => {
    const kept = touch('keep', { opportunityKey: 'FO-1' });
    const edited = touch('edit', { opportunityKey: 'FO-2' });
    const removed = touch('gone', { opportunityKey: 'FO-3' });
    const first = await ingestTouchpoints(fdb.db, [kept, edited, removed], { actor: 'test' });
    expect(first.counts).toMatchObject({ created: 3 });
    const goneId = first.items[2]!.touchpointId!;
    await fdb.db.sql.query(`UPDATE touchpoint SET deleted_at = now() WHERE id = $1::uuid`, [goneId]);

    // FO-4 belongs to account FA-0 (opportunity i has account i % 4), as do FO-0 and FO-8.
    expect(ref.accountOf.get('FO-4')).toBe('FA-0');
    const batch = [
      touch('new-1', { opportunityKey: 'FO-5' }),
      kept,
      { ...edited, opportunityKey: 'FO-6' },
      removed,
      touch('new-account', { opportunityKey: null, accountKey: 'FA-0' }),
      touch('new-2', { opportunityKey: 'FO-5', partnerKey: 'FP-1' }),
    ];
    const result = await ingestTouchpoints(fdb.db, batch, { actor: 'test' });
    expect(result.items.map((i) => i.status)).toEqual(['created', 'unchanged', 'updated', 'updated', 'created', 'created']);
    expect(result.items[1]!.touchpointId).toBe(first.items[0]!.touchpointId);
    expect(result.items[2]!.touchpointId).toBe(first.items[1]!.touchpointId);
    expect(result.items[3]!.touchpointId).toBe(goneId);
    // New: FO-5 and every opportunity of FA-0 (account-level touch); changed: FO-2 (before) and FO-6 (after);
    // restored: FO-3. Not FO-1: the unchanged touch changes no credit.
    const expected = ['FO-5', 'FO-0', 'FO-4', 'FO-8', 'FO-2', 'FO-6', 'FO-3'].map((k) => opp.get(k)!).sort();
    expect(result.affectedOpportunityIds).toEqual(expected);
    const requests = await fdb.db.sql.query<{ opportunity_ids: string[] }>(
      `SELECT opportunity_ids FROM recompute_request WHERE ticket = $1::uuid`,
      [result.recomputeTicket],
    );
    expect([...new Set(requests.flatMap((r) => r.opportunity_ids))].sort()).toEqual(expected);

    const events = await fdb.db.sql.query<{
      action: string;
      entity_id: string | null;
      entity_ids: string[] | null;
      after: { created?: number; items?: Array<{ externalId: string }> };
    }>(
      `SELECT action, entity_id, entity_ids, after FROM audit_event WHERE entity_type = 'Touchpoint' AND actor = 'test' ORDER BY at, id OFFSET 1`,
    );
    const creation = events.filter((e) => e.entity_id === null);
    expect(creation).toHaveLength(1);
    expect(creation[0]!.entity_ids).toEqual([0, 4, 5].map((i) => result.items[i]!.touchpointId));
    expect(creation[0]!.after.items!.map((i) => i.externalId)).toEqual(['new-1', 'new-account', 'new-2']);
    // Each created touchpoint names that event (how "events concerning X" finds it); the others keep their own.
    const links = await fdb.db.sql.query<{ id: string; ingest_event_id: string | null }>(
      `SELECT id::text AS id, ingest_event_id::text AS ingest_event_id FROM touchpoint WHERE id = ANY($1::uuid[])`,
      [`{${result.items.map((i) => i.touchpointId).join(',')}}`],
    );
    const [{ id: creationId }] = (await fdb.db.sql.query<{ id: string }>(
      `SELECT id::text AS id FROM audit_event WHERE entity_ids = $1::text[]`,
      [`{${creation[0]!.entity_ids!.join(',')}}`],
    )) as [{ id: string }];
    const linked = new Map(links.map((l) => [l.id, l.ingest_event_id]));
    for (const i of [0, 4, 5]) expect(linked.get(result.items[i]!.touchpointId!)).toBe(creationId);
    expect(new Set([1, 2, 3].map((i) => linked.get(result.items[i]!.touchpointId!))).has(creationId)).toBe(false);
    expect(
      events
        .filter((e) => e.entity_id !== null)
        .map((e) => [e.action, e.entity_id])
        .sort(),
    ).toEqual(
      [
        ['touchpoint.ingest', first.items[1]!.touchpointId],
        ['touchpoint.restore', goneId],
      ].sort(),
    );

    // The same batch again changes nothing and asks for no recompute.
    const again = await ingestTouchpoints(fdb.db, batch, { actor: 'test' });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(again.affectedOpportunityIds).toEqual([]);
    expect(again.recomputeTicket).toBeNull();
  });
});
