// Runs executed as jobs on PostgreSQL (pg-boss): two `attrib worker`
// processes take the partitions of one run; one is killed with SIGKILL in the
// middle of a partition. The partition is retried by the other worker once
// the job expires, the run switches to current exactly once, and its credit
// is identical, row for row, to an in-process run of the same version at the
// same as-of instant.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { awaitRun, enqueueRun } from '../../src/engine/partitioned-run.js';
import { startRun } from '../../src/engine/run.js';
import { startPartitionWorker } from '../../src/jobs/partition-worker.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { currentAllocations, publishStandardRules } from '../fault/support/rules.js';
import { spawnWatched, type WatchedProcess } from '../security/support/processes.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { createTestDatabase, describePostgresOnly, type TestDatabase } from '../support/db.js';

const AS_OF = '2026-09-30T23:59:59.000Z';
const JOB_ENV = { ATTRIB_JOB_EXPIRE_SECONDS: '4', ATTRIB_JOB_MAINTENANCE_SECONDS: '1', ATTRIB_JOB_RETRY_LIMIT: '5' };

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describePostgresOnly('runs executed as jobs: two worker processes, one killed mid-partition', 'pg-boss needs PostgreSQL', () => {
  let db: TestDatabase;
  let queue: JobQueue;
  let ruleVersionId: string;
  let inProcess: string[];
  let inProcessOpportunities: number;
  const workers: WatchedProcess[] = [];

  beforeAll(async () => {
    Object.assign(process.env, JOB_ENV);
    db = await createTestDatabase();
    await seedDatabase(db, { opportunities: 1_200, touchpointsPerOpportunity: 6, seed: 41 });
    ({ ruleVersionId } = await publishStandardRules(db));
    ({ opportunities: inProcessOpportunities } = await startRun(db, {
      ruleVersionId,
      kind: 'full',
      triggeredBy: 'jobs-test',
      asOf: AS_OF,
    }));
    inProcess = await currentAllocations(db);
    queue = await JobQueue.open(db.databaseUrl!);
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await w.kill9().catch(() => undefined);
    await queue?.stop(5_000).catch(() => undefined);
    await db?.close();
  });

  const spawnWorker = () => {
    const w = spawnWatched(['bin/attrib.js', 'worker', '--no-recompute'], { DATABASE_URL: db.databaseUrl!, ...JOB_ENV });
    workers.push(w);
    return w;
  };

  it('the run completes once, with the in-process credit, after a worker is killed mid-partition', async () => {
    const first = spawnWorker();
    const second = spawnWorker();
    await Promise.all([first, second].map((w) => w.waitForLine((l) => l.startsWith('worker ready'), 60_000)));

    const { runId, partitions } = await enqueueRun(db, queue, {
      ruleVersionId,
      kind: 'full',
      triggeredBy: 'jobs-test',
      asOf: AS_OF,
      partitions: 6,
      batchSize: 4,
    });
    expect(partitions).toBe(6);

    // Kill the first worker while it is inside a partition that has written some but not all of its rows.
    const victim = `:${first.child.pid}`;
    const caught = await until(
      'a partition of the first worker part-way through',
      async () => {
        const [row] = await db.sql.query<{ partition: number; done: number }>(
          `SELECT partition, opportunities_done AS done FROM run_partition
          WHERE run_id = $1::uuid AND status = 'running' AND worker LIKE '%' || $2 AND opportunities_done > 0`,
          [runId, victim],
        );
        return row;
      },
      120_000,
    );
    await first.kill9();

    const summary = await awaitRun(db.sql, runId, { pollMs: 100 });
    expect(summary.status).toBe('succeeded');
    expect(summary.opportunities).toBe(inProcessOpportunities);
    expect(inProcessOpportunities).toBeGreaterThan(500);

    // The killed partition was taken again (a second attempt) by the surviving worker.
    const [retried] = await db.sql.query<{ attempt: number; worker: string; status: string }>(
      'SELECT attempt, worker, status FROM run_partition WHERE run_id = $1::uuid AND partition = $2',
      [runId, caught.partition],
    );
    expect(retried!.status).toBe('succeeded');
    expect(retried!.attempt).toBeGreaterThanOrEqual(2);
    expect(retried!.worker).toBe(`${retried!.worker.split(':')[0]}:${second.child.pid}`);
    expect(await count(db, `SELECT count(*)::int AS n FROM run_partition WHERE run_id = $1::uuid AND status = 'succeeded'`, [runId])).toBe(
      6,
    );

    // Switched exactly once; no row of the killed attempt survived; counters count each opportunity once.
    expect(await count(db, `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'run.finish'`, [runId])).toBe(1);
    expect(await count(db, 'SELECT count(DISTINCT opportunity_id)::int AS n FROM credit_allocation WHERE run_id = $1::uuid', [runId])).toBe(
      summary.opportunities,
    );
    expect(await count(db, 'SELECT count(*)::int AS n FROM credit_allocation WHERE run_id = $1::uuid', [runId])).toBe(summary.allocations);
    expect(await count(db, 'SELECT count(*)::int AS n FROM credit_allocation WHERE run_id = $1::uuid AND NOT is_current', [runId])).toBe(0);

    // Identical credit to the in-process run.
    expect(await currentAllocations(db)).toEqual(inProcess);
  }, 240_000);

  it('a write of a superseded attempt lands nothing', async () => {
    const { runId } = await enqueueRun(
      db,
      { enqueue: async () => undefined },
      {
        ruleVersionId,
        kind: 'full',
        triggeredBy: 'jobs-test',
        asOf: AS_OF,
        partitions: 2,
      },
    );
    // Attempt 1 claimed, then taken over (attempt 2) — as when a worker is presumed dead but was only slow.
    await db.sql.query(`UPDATE run_partition SET attempt = 2, status = 'running' WHERE run_id = $1::uuid AND partition = 0`, [runId]);
    const { insertAllocations, PartnerDirectory, PartitionSupersededError } = await import('../../src/engine/store.js');
    const [opp] = await db.sql.query<{ id: string; currency: string }>(`SELECT id::text AS id, currency FROM opportunity LIMIT 1`);
    const row = {
      opportunityId: opp!.id,
      partnerKey: null,
      lane: 'source' as const,
      role: 'unattributed',
      share: '0.000000',
      amount: '0.00',
      currency: opp!.currency,
      contributingTouchpointIds: [],
      explanation: {},
      overrideId: null,
    };
    const tags = { runId, ruleVersionId, ruleVersionNumber: 1, sourceHash: 'x' };
    await expect(
      insertAllocations(db.sql, tags, [row] as never, new PartnerDirectory(db.sql), {
        opportunities: 1,
        fence: { partition: 0, attempt: 1 },
      }),
    ).rejects.toBeInstanceOf(PartitionSupersededError);
    expect(await count(db, 'SELECT count(*)::int AS n FROM credit_allocation WHERE run_id = $1::uuid', [runId])).toBe(0);
    expect(await count(db, 'SELECT opportunities_done AS n FROM attribution_run WHERE id = $1::uuid', [runId])).toBe(0);
    await insertAllocations(db.sql, tags, [row] as never, new PartnerDirectory(db.sql), {
      opportunities: 1,
      fence: { partition: 0, attempt: 2 },
    });
    expect(await count(db, 'SELECT count(*)::int AS n FROM credit_allocation WHERE run_id = $1::uuid', [runId])).toBe(1);
    expect(await count(db, 'SELECT opportunities_done AS n FROM run_partition WHERE run_id = $1::uuid AND partition = 0', [runId])).toBe(1);
  }, 60_000);
});

describePostgresOnly('startRun over HTTP with ATTRIB_RUN_EXECUTION=jobs', 'pg-boss needs PostgreSQL', () => {
  let t: TestServer;
  let queue: JobQueue;
  let api: { url: string; gql: TestServer['gql'] };
  let ruleVersionId: string;

  beforeAll(async () => {
    Object.assign(process.env, JOB_ENV);
    t = await startTestServer();
    ({ ruleVersionId } = await publishStandardRules(t.db));
    queue = await JobQueue.open(t.db.databaseUrl!);
    await startPartitionWorker(t.db, queue, { concurrency: 2 });
    api = await t.extraServer({ runQueue: queue });
  }, 180_000);
  afterAll(async () => {
    await queue?.stop(5_000).catch(() => undefined);
    await t?.close();
  });

  it('queues the run as partition jobs, answers at once, and the run becomes current with the in-process credit', async () => {
    const res = await api.gql<{ startRun: { __typename: string; run?: { id: string; status: string } } }>(
      `mutation ($id: ID!) { startRun(input: { ruleVersionId: $id }) { __typename ... on StartRunPayload { run { id status } } } }`,
      { id: encodeGlobalID('RuleVersion', ruleVersionId) },
      t.keys.governance,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.startRun.__typename).toBe('StartRunPayload');
    const [row] = await t.db.sql.query<{ id: string; execution: string; asof: string }>(
      `SELECT id::text AS id, execution, scope->>'asOf' AS asof FROM attribution_run ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row!.execution).toBe('jobs');
    const summary = await awaitRun(t.db.sql, row!.id, { pollMs: 100 });
    expect(summary.opportunities).toBeGreaterThan(0);
    expect(summary.partitions).toBe(1);
    const viaJobs = await currentAllocations(t.db);
    await startRun(t.db, { ruleVersionId, kind: 'full', triggeredBy: 'jobs-test', asOf: row!.asof });
    expect(await currentAllocations(t.db)).toEqual(viaJobs);
  }, 120_000);
});
