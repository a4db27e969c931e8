// Fault: ingestion (over HTTP, with the incremental recompute it queues)
// running concurrently with a full attribution run. Whatever the
// interleaving, once the recompute queue is drained the current allocations
// must equal those of a clean full recompute of the final data: no lost
// update, no stale result winning. Run both with the background queue and
// with awaitRecompute (the synchronous path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../src/engine/run.js';
import { BACKEND } from './support/db.js';
import { touchpointBatch, type Reference } from './support/reference.js';
import { currentAllocations, seedPublishAndRun } from './support/rules.js';
import { startFaultServer, type FaultServer } from './support/server.js';

const MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) { __typename ... on IngestTouchpointsPayload { created rejected recompute { status error } } ... on UserError { code message } }
}`;
const QUEUE = `{ recomputeQueue { pendingRequests failingRequests lastError } }`;

describe(`ingestion concurrent with a full run (${BACKEND})`, () => {
  let s: FaultServer;
  let ref: Reference;
  let ruleVersionId: string;
  beforeAll(async () => {
    s = await startFaultServer({ label: 'ingest_run' });
    const db = s.fdb.db;
    ({ ruleVersionId, ref } = await seedPublishAndRun(db, { opportunities: 150, touchpointsPerOpportunity: 5, seed: 11 }));
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Polls the API until the recompute queue is empty (all ingested credit is current). */
  async function queueDrained(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const q = await s.gql<{ recomputeQueue: { pendingRequests: number; failingRequests: number; lastError: string | null } }>(QUEUE);
      const queue = q.body?.data?.recomputeQueue;
      expect(queue, q.text.slice(0, 300)).toBeDefined();
      expect(queue!.lastError).toBeNull();
      if (queue!.pendingRequests === 0) return;
      if (Date.now() > deadline) throw new Error(`recompute queue not drained: ${JSON.stringify(queue)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it.each([
    { mode: 'queued', awaitRecompute: false, status: 'QUEUED', batchOffset: 0 },
    { mode: 'awaitRecompute', awaitRecompute: true, status: 'DONE', batchOffset: 5 },
  ])(
    'ends with exactly the allocations a clean full recompute gives ($mode)',
    async ({ awaitRecompute, status, batchOffset }) => {
      const before = await currentAllocations(s.fdb.db);
      const run = startRun(s.fdb.db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test:concurrent', batchSize: 10 });
      const ingested: number[] = [];
      const ingestion = (async () => {
        for (let i = 0; i < 5; i++) {
          const b = batchOffset + i;
          const batch = touchpointBatch(ref, 30, { seed: 100 + b, source: 'fault_concurrent', prefix: `c${b}` }).map((t) => ({
            ...t,
            occurredAt: new Date(Date.UTC(2026, 0, 10) + (b * 30 + Number(t.externalId.split('-')[1])) * 3_600_000).toISOString(),
          }));
          const r = await s.gql<{
            ingestTouchpoints: {
              __typename: string;
              created: number;
              rejected: number;
              recompute: { status: string; error: string | null };
            };
          }>(MUTATION, { input: { touchpoints: batch, awaitRecompute } });
          const p = r.body?.data?.ingestTouchpoints;
          expect(p?.__typename, r.text.slice(0, 400)).toBe('IngestTouchpointsPayload');
          expect(p!.recompute.error).toBeNull();
          expect(p!.recompute.status).toBe(status);
          ingested.push(p!.created);
        }
      })();
      const [summary] = await Promise.all([run, ingestion]);
      expect(summary.status).toBe('succeeded');
      expect(ingested.reduce((a, b) => a + b, 0)).toBe(150);
      await queueDrained();
      const concurrent = await currentAllocations(s.fdb.db);
      expect(concurrent).not.toEqual(before); // the new touches changed credit

      await startRun(s.fdb.db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test:clean' });
      const clean = await currentAllocations(s.fdb.db);
      expect(concurrent).toEqual(clean);
    },
    180_000,
  );
});
