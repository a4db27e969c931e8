// One drain recomputes an opportunity once for all the requests that name it:
// requests of back-to-back batches overlap (they touch the same deals), and
// the worker counts DISTINCT opportunities when it takes requests, then
// recomputes them in runs of at most maxOpportunitiesPerDrain each. (Taking
// requests while the SUM of their sizes fits one run would make three
// requests of 6 over 10 opportunities three drains and 18 recomputes.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueRecompute } from '../../src/recompute-queue/outbox.js';
import { RecomputeWorker } from '../../src/recompute-queue/worker.js';
import { describeDatabase, type TestDatabase } from '../support/db.js';
import { coveredOpportunities } from './support/fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDatabase('recompute worker: overlapping requests', () => {
  let db: TestDatabase;
  let opps: string[];
  let worker: RecomputeWorker | undefined;

  beforeAll(async () => {
    ({ db, opps } = await coveredOpportunities(11));
    expect(opps.length).toBeGreaterThanOrEqual(10);
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.close();
  });

  it('recomputes each opportunity once per rule version, in runs of at most the cap, in one drain', async () => {
    const actor = 'coalesce-test';
    const requests = [opps.slice(0, 6), opps.slice(2, 8), opps.slice(4, 10)];
    for (const ids of requests) await enqueueRecompute(db.sql, ids, { reason: 'test.coalesce', actor });
    worker = new RecomputeWorker(db, { quietMs: 5, maxOpportunitiesPerDrain: 4, sweepMs: 60_000 });
    worker.start();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ n }] = (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM recompute_request`)) as [{ n: number }];
      if (n === 0 && !worker.status().draining) break;
      if (Date.now() > deadline) throw new Error('the queue was not drained within 60 s');
      await sleep(10);
    }
    expect(worker.status().drains).toBe(1);
    const runs = await db.sql.query<{ version: string; runs: number; total: number; largest: number }>(
      `SELECT rule_version_id::text AS version, count(*)::int AS runs, sum(opportunities_total)::int AS total, max(opportunities_total)::int AS largest
         FROM attribution_run WHERE triggered_by = $1 AND status = 'succeeded' GROUP BY rule_version_id`,
      [actor],
    );
    expect(runs.length).toBeGreaterThanOrEqual(1);
    for (const v of runs) {
      // 10 distinct opportunities in runs of at most 4: 4 + 4 + 2, each once.
      expect(v).toMatchObject({ runs: 3, total: 10, largest: 4 });
    }
  });
});
