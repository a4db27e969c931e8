// Fault: the same ingestion batch replayed concurrently many times (a client
// retrying after timeouts, or several workers draining the same queue) must
// write every touchpoint exactly once: no duplicates, exact counts, one audit
// event per created touchpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTouchpoints } from '../../src/ingest/index.js';
import { BACKEND, openFaultDatabase, type FaultDatabase } from './support/db.js';
import { createReference, touchpointBatch, type Reference } from './support/reference.js';

const BATCH = 250;

function describeError(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string; meta?: unknown; cause?: unknown };
  const lines = (e.message ?? String(error))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return `${e.name ?? 'Error'}${e.code ? ` ${e.code}` : ''}: ${lines.slice(-2).join(' / ')}${e.meta ? ` ${JSON.stringify(e.meta).slice(0, 200)}` : ''}`;
}
const REPLAYS = 12;

describe(`concurrent replay of one ingestion batch (${BACKEND}, ingest service)`, () => {
  let fdb: FaultDatabase;
  let ref: Reference;
  beforeAll(async () => {
    fdb = await openFaultDatabase({ label: 'replay' });
    ref = await createReference(fdb.db, { partners: 8, accounts: 10, opportunities: 40 });
  });
  afterAll(async () => {
    await fdb?.dispose();
  });

  it(`writes each of ${BATCH} touchpoints exactly once when the batch is sent ${REPLAYS} times at once`, async () => {
    const batch = touchpointBatch(ref, BATCH, { seed: 11, prefix: 'replay' });
    const settled = await Promise.allSettled(
      Array.from({ length: REPLAYS }, () => ingestTouchpoints(fdb.db, batch, { actor: 'fault-test' })),
    );
    const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [`replay ${i}: ${describeError(s.reason)}`] : []));
    expect(failures, 'every replay of an idempotent batch must succeed').toEqual([]);
    const results = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof ingestTouchpoints>>>).value);
    for (const r of results) {
      expect(r.counts.rejected).toBe(0);
      expect(r.counts.created + r.counts.unchanged + r.counts.updated).toBe(BATCH);
      expect(r.items.every((item) => item.touchpointId !== null)).toBe(true);
    }
    const created = results.reduce((n, r) => n + r.counts.created, 0);
    const updated = results.reduce((n, r) => n + r.counts.updated, 0);
    expect(created).toBe(BATCH);
    expect(updated).toBe(0);
    // Every replay names the same touchpoint id for the same item.
    const ids = results[0]!.items.map((i) => i.touchpointId);
    for (const r of results) expect(r.items.map((i) => i.touchpointId)).toEqual(ids);

    const [{ total, distinct }] = (await fdb.db.sql.query<{ total: number; distinct: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT (source, external_id))::int AS distinct FROM touchpoint WHERE source = 'fault_crm' AND external_id LIKE 'replay-%'`,
    )) as [{ total: number; distinct: number }];
    expect(total).toBe(BATCH);
    expect(distinct).toBe(BATCH);
    // Each touchpoint is named by exactly one creation event (batch events list
    // the touchpoints they created; a replay that created nothing audits nothing).
    const [{ audits, distinctIds, events }] = (await fdb.db.sql.query<{ audits: number; distinctIds: number; events: number }>(
      `SELECT count(*)::int AS audits, count(DISTINCT e.id)::int AS "distinctIds", count(DISTINCT a.id)::int AS events
         FROM audit_event a CROSS JOIN LATERAL unnest(a.entity_ids) AS e(id)
        WHERE a.entity_type = 'Touchpoint' AND a.action = 'touchpoint.ingest'
          AND e.id IN (SELECT id::text FROM touchpoint WHERE external_id LIKE 'replay-%')`,
    )) as [{ audits: number; distinctIds: number; events: number }];
    expect(audits).toBe(BATCH);
    expect(distinctIds).toBe(BATCH);
    expect(events).toBeGreaterThanOrEqual(1);
    expect(events).toBeLessThanOrEqual(results.filter((r) => r.counts.created > 0).length);
  });

  it('keeps exact counts when replays overlap with a changed version of part of the batch', async () => {
    const base = touchpointBatch(ref, 120, { seed: 12, prefix: 'overlap' });
    await ingestTouchpoints(fdb.db, base, { actor: 'fault-test' });
    // Half the items change their proof; the rest are byte-identical replays,
    // and a few invalid items ride along (they must be rejected every time, and write nothing).
    const changed = base.map((t, i) => (i % 2 === 0 ? { ...t, proof: `https://crm.example/v2/${i}` } : t));
    const invalid = [
      { ...base[0]!, externalId: 'overlap-bad-1', action: 'not_an_action' },
      { ...base[1]!, externalId: 'overlap-bad-2', partnerKey: 'NO-SUCH-PARTNER' },
    ];
    const batch = [...changed, ...invalid];
    const results = await Promise.all(Array.from({ length: 8 }, () => ingestTouchpoints(fdb.db, batch, { actor: 'fault-test' })));
    for (const r of results) {
      expect(r.counts.rejected).toBe(2);
      expect(r.counts.created).toBe(0);
      expect(r.counts.updated + r.counts.unchanged).toBe(120);
    }
    // Each changed item is updated by exactly one replay; the others see it unchanged.
    expect(results.reduce((n, r) => n + r.counts.updated, 0)).toBe(60);
    const rows = await fdb.db.sql.query<{ external_id: string; proof: string | null }>(
      `SELECT external_id, proof FROM touchpoint WHERE external_id LIKE 'overlap-%' ORDER BY external_id`,
    );
    expect(rows).toHaveLength(120);
    const proofOf = new Map(rows.map((r) => [r.external_id, r.proof]));
    for (const t of changed) expect(proofOf.get(t.externalId)).toBe(t.proof ?? null);
  });
});
