// The recompute worker's stream detection (src/recompute-queue/worker.ts), with
// the real worker over a real database: writes that come back to back with
// gaps longer than quietMs (but shorter than streamQuietMs) are recomputed in
// few drains instead of one per gap; a lone change is still drained after
// about quietMs, also right after a stream ended; maxDelayMs still bounds the
// wait during a continuous stream; writes in flight at once are a stream; a
// write that begins while a drain runs is part of a stream until that drain
// has committed some credit, not after.
//
// The bounds are generous (quietMs 20, streamQuietMs 300): the tests assert
// what the flags say and counts that differ by a wide margin, not exact times.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recomputeOpportunities } from '../../src/engine/recompute.js';
import { enqueueRecompute } from '../../src/recompute-queue/outbox.js';
import { RecomputeWorker, type RecomputeEngine, type RecomputeWorkerOptions } from '../../src/recompute-queue/worker.js';
import { publishRuleVersion, saveDraft } from '../../src/rules/lifecycle.js';
import { ruleSetKeyOf, standardRuleFile } from '../fault/support/rules.js';
import { describeDatabase, type TestDatabase } from '../support/db.js';
import { coveredOpportunities } from './support/fixture.js';

const QUIET_MS = 20;
const STREAM_QUIET_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDatabase('recompute worker: stream detection', () => {
  let db: TestDatabase;
  /** Opportunities the published rules cover (closed inside their window), so every drain runs. */
  let opps: string[];
  const workers: RecomputeWorker[] = [];

  beforeAll(async () => {
    ({ db, opps } = await coveredOpportunities(7));
    expect(opps.length).toBeGreaterThan(4);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await db?.close();
  });

  function startWorker(options: RecomputeWorkerOptions = {}): RecomputeWorker {
    const worker = new RecomputeWorker(db, {
      quietMs: QUIET_MS,
      streamQuietMs: STREAM_QUIET_MS,
      maxDelayMs: 2_000,
      sweepMs: 60_000,
      ...options,
    });
    workers.push(worker);
    worker.start();
    return worker;
  }

  let n = 0;
  /** One change as the API makes it: beginWrite, the request committed with the data, end, then wake. */
  async function write(worker: RecomputeWorker, holdMs = 5): Promise<void> {
    const end = worker.beginWrite();
    try {
      await enqueueRecompute(db.sql, [opps[n++ % opps.length]!], { reason: 'test.stream', actor: 'stream-test' });
      await sleep(holdMs);
    } finally {
      end();
    }
    worker.wake();
  }

  async function pending(): Promise<number> {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM recompute_request`);
    return row!.n;
  }

  /** Until every request is recomputed and no drain runs. */
  async function idle(worker: RecomputeWorker, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await pending()) > 0 || worker.status().draining) {
      if (Date.now() > deadline) throw new Error(`the queue was not drained within ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  it('coalesces back-to-back writes with gaps longer than quietMs into few drains', async () => {
    const worker = startWorker();
    await idle(worker);
    const before = worker.status().drains;
    // The second write starts right after the first (its change is still
    // pending): a stream. The gaps after it (60 ms) are three times quietMs,
    // so without stream detection a drain would start in each of them.
    await write(worker);
    await write(worker);
    const streamingAfterTwo = worker.status().streaming;
    const writes = 12;
    for (let i = 2; i < writes; i++) {
      await sleep(60);
      await write(worker);
    }
    const streamingAtEnd = worker.status().streaming;
    await idle(worker);
    const drains = worker.status().drains - before;
    expect(drains, `${writes} writes were recomputed in ${drains} drains`).toBeGreaterThan(0);
    expect(drains, `${writes} writes were recomputed in ${drains} drains`).toBeLessThanOrEqual(3);
    expect(streamingAfterTwo).toBe(true);
    expect(streamingAtEnd).toBe(true);
    // The stream ended with the drain that followed its quiet.
    expect(worker.status().streaming).toBe(false);
  });

  it('writes in flight at once are a stream even before any change is pending, and it outlasts a gap longer than quietMs', async () => {
    const worker = startWorker();
    await idle(worker);
    const before = worker.status().drains;
    // Two batches in flight at once (a client with 2 requests in flight): the second begins before the first has committed anything.
    const first = worker.beginWrite();
    expect(worker.status().streaming).toBe(false);
    const second = worker.beginWrite();
    expect(worker.status().streaming).toBe(true);
    await enqueueRecompute(db.sql, [opps[n++ % opps.length]!], { reason: 'test.overlap', actor: 'stream-test' });
    first();
    worker.wake();
    await enqueueRecompute(db.sql, [opps[n++ % opps.length]!], { reason: 'test.overlap', actor: 'stream-test' });
    second();
    worker.wake();
    // Both responses are out and the next two requests are still on their way: three times quietMs with no write in flight.
    await sleep(QUIET_MS * 3);
    expect(worker.status().drains - before, 'no drain in the gap between the first and the next batches of a stream').toBe(0);
    await write(worker);
    await idle(worker);
    expect(worker.status().drains - before).toBe(1);
  });

  it('drains a lone change after about quietMs, also right after a stream', async () => {
    const worker = startWorker();
    await idle(worker);
    // A stream first, so a lingering flag would show.
    await write(worker);
    await write(worker);
    expect(worker.status().streaming).toBe(true);
    await idle(worker);
    expect(worker.status().streaming).toBe(false);

    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const drains = worker.status().drains;
      const end = worker.beginWrite();
      // Nothing pending, no drain running: not a stream.
      expect(worker.status().streaming).toBe(false);
      await enqueueRecompute(db.sql, [opps[n++ % opps.length]!], { reason: 'test.lone', actor: 'stream-test' });
      end();
      const woke = Date.now();
      worker.wake();
      while (worker.status().drains === drains) await sleep(2);
      const s = worker.status();
      // When the drain's recompute started (lastDrainMs counts from there).
      samples.push(s.lastDrainAt!.getTime() - s.lastDrainMs! - woke);
      expect(s.streaming).toBe(false);
      await idle(worker);
    }
    // quietMs (20) plus taking the lock and reading the requests; a stream
    // would have waited streamQuietMs (300). The best of three absorbs a
    // stall of a busy machine.
    expect(Math.min(...samples)).toBeLessThan(STREAM_QUIET_MS / 2);
  });

  it('still drains within maxDelayMs while a stream continues', async () => {
    const maxDelayMs = 600;
    const worker = startWorker({ maxDelayMs });
    await idle(worker);
    const before = worker.status().drains;
    const started = Date.now();
    await write(worker);
    await write(worker);
    let writes = 2;
    let firstDrainAt: number | null = null;
    // Writes every ~40 ms for 2.5 s: never quiet for streamQuietMs.
    while (Date.now() - started < 2_500) {
      await sleep(40);
      await write(worker);
      writes++;
      if (firstDrainAt === null && worker.status().drains > before) firstDrainAt = Date.now();
    }
    const during = worker.status().drains - before;
    const streamingAtEnd = worker.status().streaming;
    await idle(worker);
    expect(firstDrainAt).not.toBeNull();
    // Seen when the first drain has finished: maxDelayMs, plus the drain
    // itself, plus a busy machine's stalls (1.7 s seen on 2 loaded cores);
    // still well inside the 2.5 s stream, which never went quiet.
    expect(firstDrainAt! - started).toBeLessThan(maxDelayMs + 1_500);
    expect(during, `${during} drains during ${writes} writes`).toBeGreaterThanOrEqual(2);
    expect(during, `${during} drains during ${writes} writes`).toBeLessThan(writes / 4);
    // Still a stream: the drains maxDelayMs forced did not end it.
    expect(streamingAtEnd).toBe(true);
  });

  it('a write that begins while a drain has committed nothing yet is a stream; once it committed, it is not', async () => {
    // An engine that holds the drain before its recompute (the real one) until released.
    let release!: () => void;
    let entered!: () => void;
    let gate = new Promise<void>((r) => {
      release = r;
    });
    let inRecompute = new Promise<void>((r) => {
      entered = r;
    });
    const engine: RecomputeEngine = {
      async recompute(ids, options) {
        entered();
        await gate;
        return recomputeOpportunities(db, ids, options);
      },
    };
    const held = startWorker({ engine, engineFrom: 1 });
    await idle(held);
    await write(held);
    await inRecompute;
    try {
      expect(held.status()).toMatchObject({ draining: true, streaming: false });
      const end = held.beginWrite();
      expect(held.status().streaming).toBe(true);
      end();
    } finally {
      release();
    }
    await idle(held);
    await held.stop();

    // The same, with the drain held after its credit committed (while it tells subscribers).
    gate = new Promise<void>((r) => {
      release = r;
    });
    inRecompute = new Promise<void>((r) => {
      entered = r;
    });
    const tail = startWorker({
      onRecomputed: async () => {
        entered();
        await gate;
      },
    });
    await idle(tail);
    await write(tail);
    await inRecompute;
    const drains = tail.status().drains;
    try {
      expect(tail.status()).toMatchObject({ draining: true, streaming: false });
      const end = tail.beginWrite();
      expect(tail.status().streaming).toBe(false);
      await enqueueRecompute(db.sql, [opps[n++ % opps.length]!], { reason: 'test.after-commit', actor: 'stream-test' });
      end();
      tail.wake();
    } finally {
      release();
    }
    await idle(tail);
    expect(tail.status().drains).toBe(drains + 2);
    expect(tail.status().streaming).toBe(false);
  });

  it('recomputeOpportunities reports each commit, so a drain counts as committed after its first run', async () => {
    // A second rule set: a drain makes one run per rule set, and the first already shows credit.
    const { file, source } = standardRuleFile();
    const key = `${ruleSetKeyOf(source)}_second`;
    const renamed = source.replace(/^(\s*ruleset\s+)[A-Za-z_][A-Za-z0-9_]*/m, `$1${key}`);
    const draft = await saveDraft(db, { ruleSetKey: key, source: renamed, author: 'stream-test', file, createRuleSet: true });
    await publishRuleVersion(db, { ruleVersionId: draft.ruleVersion.id, actor: 'stream-test' });
    const triggeredBy = 'stream-test:commits';
    // What the database shows at each report (the query is sent from the callback, before the next run starts).
    const seen: Array<Promise<number>> = [];
    const result = await recomputeOpportunities(db, [opps[0]!], {
      triggeredBy,
      onCommitted: () => {
        seen.push(
          db.sql
            .query<{ n: number }>(`SELECT count(*)::int AS n FROM attribution_run WHERE triggered_by = $1 AND status = 'succeeded'`, [
              triggeredBy,
            ])
            .then((rows) => rows[0]!.n),
        );
      },
    });
    expect(result.runs).toHaveLength(2);
    expect(await Promise.all(seen)).toEqual([1, 2]);
  });
});
