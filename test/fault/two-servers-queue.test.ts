// Fault: two server processes' worth of API (two servers, two recompute
// workers, separate connections) over ONE database, both ingesting at once.
// The recompute queue is drained by one worker at a time (advisory lock);
// once it is empty, current allocations equal a clean full recompute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { startRun } from '../../src/engine/run.js';
import { BACKEND } from './support/db.js';
import { touchpointBatch, type Reference } from './support/reference.js';
import { currentAllocations, seedPublishAndRun } from './support/rules.js';
import { startFaultServer, type FaultServer } from './support/server.js';

const MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) { __typename ... on IngestTouchpointsPayload { created recompute { status error } } ... on UserError { code message } }
}`;

describe(`two servers ingesting into one database drain one recompute queue (${BACKEND})`, () => {
  let s: FaultServer;
  let second: RunningServer;
  let ref: Reference;
  let ruleVersionId: string;
  beforeAll(async () => {
    s = await startFaultServer({ label: 'two_servers' });
    const db = s.fdb.db;
    ({ ruleVersionId, ref } = await seedPublishAndRun(db, { opportunities: 120, touchpointsPerOpportunity: 4, seed: 13 }));
    second = await createServer(db, { nodeEnv: 'production', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await s?.close();
  });

  it('ends with exactly the allocations a clean full recompute gives', async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
        body: JSON.stringify(body),
      }).then(
        (r) =>
          r.json() as Promise<{
            data?: { ingestTouchpoints: { __typename: string; created: number; recompute: { status: string; error: string | null } } };
          }>,
      );
    const results = await Promise.all(
      [s.url, second.url, s.url, second.url, s.url, second.url].map((url, b) =>
        post(url, {
          query: MUTATION,
          variables: {
            input: {
              touchpoints: touchpointBatch(ref, 40, { seed: 300 + b, source: 'fault_two', prefix: `two${b}` }).map((t) => ({
                ...t,
                occurredAt: new Date(Date.UTC(2026, 0, 5) + (b * 40 + Number(t.externalId.split('-')[1])) * 3_600_000).toISOString(),
              })),
            },
          },
        }),
      ),
    );
    for (const r of results)
      expect(r.data?.ingestTouchpoints).toMatchObject({
        __typename: 'IngestTouchpointsPayload',
        created: 40,
        recompute: { status: 'QUEUED', error: null },
      });

    const deadline = Date.now() + 90_000;
    for (;;) {
      const [q] = await s.fdb.db.sql.query<{ n: number; failing: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE attempts > 0)::int AS failing FROM recompute_request`,
      );
      expect(q!.failing).toBe(0);
      if (q!.n === 0) break;
      if (Date.now() > deadline) throw new Error(`queue not drained: ${q!.n} requests left`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const drained = await currentAllocations(s.fdb.db);
    await startRun(s.fdb.db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test:clean' });
    expect(drained).toEqual(await currentAllocations(s.fdb.db));
  }, 180_000);
});
