// The recompute queue's engine thread (PostgreSQL): with every drain sent to
// the worker thread (engineFrom: 1), a burst of batches from one client and a
// replay of part of it end with exactly the allocations a clean full run
// gives, and the runs were written over the thread's own connections. On
// PGlite the same flow recomputes in-process (there is no thread).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../src/engine/run.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { BACKEND } from './support/db.js';
import { touchpointBatch, type Reference } from './support/reference.js';
import { currentAllocations, publishStandardRules } from './support/rules.js';
import { startFaultServer, type FaultServer } from './support/server.js';

const MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) { __typename ... on IngestTouchpointsPayload { created updated unchanged recompute { status error } } ... on UserError { code message } }
}`;

describe(`recompute queue drained on the engine thread (${BACKEND})`, () => {
  let s: FaultServer;
  let ref: Reference;
  let ruleVersionId: string;
  beforeAll(async () => {
    s = await startFaultServer({ label: 'engine_thread', recompute: { engineFrom: 1 } });
    const db = s.fdb.db;
    await seedDatabase(db, { opportunities: 80, touchpointsPerOpportunity: 3, seed: 21 });
    ({ ruleVersionId } = await publishStandardRules(db));
    await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test' });
    const opps = await db.sql.query<{ key: string; account_key: string }>(
      `SELECT o.key, a.key AS account_key FROM opportunity o JOIN account a ON a.id = o.account_id
        WHERE o.closed_at IS NULL OR o.closed_at >= '2026-01-01' ORDER BY o.key`,
    );
    const partners = await db.sql.query<{ key: string }>(`SELECT key FROM partner ORDER BY key`);
    ref = {
      partnerKeys: partners.map((p) => p.key),
      accountKeys: [...new Set(opps.map((o) => o.account_key))],
      opportunityKeys: opps.map((o) => o.key),
      accountOf: new Map(opps.map((o) => [o.key, o.account_key])),
    };
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  async function drained(): Promise<void> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [q] = await s.fdb.db.sql.query<{ n: number; failing: number; error: string | null }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE attempts > 0)::int AS failing, max(last_error) AS error FROM recompute_request`,
      );
      expect(q!.failing, q!.error ?? '').toBe(0);
      if (q!.n === 0) return;
      if (Date.now() > deadline) throw new Error(`queue not drained: ${q!.n} requests left`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('ends with exactly the allocations a clean full run gives', async () => {
    const batches = [0, 1, 2].map((b) => touchpointBatch(ref, 30, { seed: 500 + b, source: 'engine_thread', prefix: `thr${b}` }));
    for (const touchpoints of batches) {
      const r = await s.gql<{
        ingestTouchpoints: { __typename: string; created: number; recompute: { status: string; error: string | null } };
      }>(MUTATION, { input: { touchpoints } });
      expect(r.body?.data?.ingestTouchpoints).toMatchObject({
        __typename: 'IngestTouchpointsPayload',
        created: 30,
        recompute: { status: 'QUEUED', error: null },
      });
    }
    // A replay with half of the first batch changed: updates go through the thread too.
    const changed = batches[0]!.map((t, i) => (i % 2 === 0 ? { ...t, proof: `https://crm.example/thread/${i}` } : t));
    const replay = await s.gql<{ ingestTouchpoints: { updated: number; unchanged: number } }>(MUTATION, {
      input: { touchpoints: changed },
    });
    expect(replay.body?.data?.ingestTouchpoints).toMatchObject({ updated: 15, unchanged: 15 });
    await drained();

    if (BACKEND === 'postgres') {
      // The incremental runs were written over the thread's own pool.
      const [conn] = await s.fdb.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'attrib-recompute'`,
      );
      expect(conn!.n).toBeGreaterThan(0);
    }
    const [runs] = await s.fdb.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attribution_run WHERE kind = 'incremental' AND status = 'succeeded'`,
    );
    expect(runs!.n).toBeGreaterThan(0);

    const afterQueue = await currentAllocations(s.fdb.db);
    await startRun(s.fdb.db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test:clean' });
    expect(afterQueue).toEqual(await currentAllocations(s.fdb.db));
  }, 180_000);
});
