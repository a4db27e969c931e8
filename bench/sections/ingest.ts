// (c) Ingestion: touchpoints/s through the GraphQL batch mutation over HTTP
// (validation, idempotent upsert, audit events and the durable recompute
// request, written in one transaction; the server's worker recomputes credit
// in the background while the batches keep coming) vs a raw INSERT … SELECT
// of the same rows on the same database. Interleaved repetitions, median.
// Because the recompute is queued, a transparency row reports how long the
// queue took to drain after the last batch's response, i.e. until all
// ingested credit was current.
//
// The first rows send the batches one after another from a client in the
// server's own process and thread (the baseline mode, the same in every
// run). The further rows are what integrators do: a client in its own
// thread (bench/lib/ingest-client.ts), sequential and with C requests in
// flight (--ingest-concurrency, default 2,4), each against the raw INSERT
// with C connections. For every mode a
// transparency row reports the machine's busy CPU time per 1,000 touchpoints
// (/proc/stat: this process, PostgreSQL and anything else running) and the
// ingestion rate that CPU time allows on this machine's cores.
import os from 'node:os';
import { backendsCpuBetween, cpuBetween, cpuSnapshot, postgresBackendsCpu, type BackendCpu, type CpuUse } from '../lib/cpu.js';
import { IngestClient } from '../lib/ingest-client.js';
import { platformDependencies, sharedPlatform, type Platform } from '../lib/platform.js';
import { measureOnBackends, type BenchContext, type Section, type SectionResult } from '../lib/section.js';
import { median, nowMs, percentile } from '../lib/stats.js';
import { fmtMs, fmtRate, fmtRatio, type BenchRow } from '../lib/table.js';
import { checkIngested, chunk, INGEST_MUTATION, touchBatch, type IngestResponse, type TouchInput, type TouchKeys } from '../lib/touches.js';

export { touchBatch, type TouchInput };

export async function keysOf(p: Platform): Promise<TouchKeys> {
  const opportunities = await p.db.sql.query<{ key: string; closed: string | null }>(
    `SELECT key, to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed FROM opportunity ORDER BY key LIMIT 5000`,
  );
  const partners = (await p.db.sql.query<{ key: string }>(`SELECT key FROM partner ORDER BY key`)).map((r) => r.key);
  return { opportunities, partners };
}

const QUEUE = `{ recomputeQueue { pendingRequests failingRequests lastError } }`;

/** One measured phase: its duration, the CPU used during it and (GraphQL) until the recompute queue had drained. */
interface Phase {
  ms: number;
  cpu: CpuUse;
  /** The calling (server's) thread during the phase: main-thread snapshots around it. */
  serverThreadMs: number | null;
  /** The PostgreSQL backends of the bench's database (null on PGlite, or when PostgreSQL runs elsewhere). */
  postgresMs: number | null;
  drainMs?: number;
  /** From the phase's start until the queue had drained. */
  cpuWithDrain?: CpuUse;
  postgresWithDrainMs?: number | null;
  batchMs?: number[];
}

/** Reads the CPU time of the database's PostgreSQL backends (null on PGlite). */
type BackendsCpu = () => Promise<BackendCpu | null>;

/** Ingests the batches one after another from this thread (the server's); returns the ingestion time and the time from the last response until the recompute queue was empty. */
async function viaGraphQL(p: Platform, batches: TouchInput[][], backends: BackendsCpu): Promise<Phase & { drainMs: number }> {
  const pg0 = await backends();
  const start = cpuSnapshot();
  for (const touchpoints of batches) {
    const res: IngestResponse = await p.gql(INGEST_MUTATION, { input: { touchpoints } });
    checkIngested(res, touchpoints.length);
  }
  const end = cpuSnapshot();
  const pg1 = await backends();
  const drained = await queueDrained(p);
  const afterDrain = cpuSnapshot();
  const pg2 = await backends();
  const cpu = cpuBetween(start, end);
  return {
    ms: cpu.wallMs,
    cpu,
    serverThreadMs: cpu.threadMs,
    postgresMs: backendsCpuBetween(pg0, pg1),
    drainMs: drained - end.at,
    cpuWithDrain: cpuBetween(start, afterDrain),
    postgresWithDrainMs: backendsCpuBetween(pg0, pg2),
  };
}

/** The same, from the client thread with `concurrency` requests in flight. */
async function viaClientThread(
  p: Platform,
  client: IngestClient,
  req: { source: string; total: number; seed: number; batchSize: number; concurrency: number },
  backends: BackendsCpu,
): Promise<Phase & { drainMs: number }> {
  // The server-thread and PostgreSQL readings bracket the request to the client thread (which also makes
  // the batches before its first request: a few ms of its own CPU, during which the server is idle).
  const pg0 = await backends();
  const server0 = cpuSnapshot();
  const run = await client.run(req);
  const server1 = cpuSnapshot();
  const pg1 = await backends();
  const drained = await queueDrained(p);
  const afterDrain = cpuSnapshot();
  const pg2 = await backends();
  const cpu = cpuBetween(run.start, run.end);
  return {
    ms: cpu.wallMs,
    cpu,
    serverThreadMs: cpuBetween(server0, server1).threadMs,
    postgresMs: backendsCpuBetween(pg0, pg1),
    batchMs: run.batchMs,
    drainMs: drained - run.end.at,
    cpuWithDrain: cpuBetween(run.start, { ...afterDrain, threadMs: null }),
    postgresWithDrainMs: backendsCpuBetween(pg0, pg2),
  };
}

/**
 * Waits until no autovacuum worker runs on the bench's database (PostgreSQL),
 * so that a phase does not pay for the vacuum and analyze the previous
 * phase's recompute set off (each 1-5 s of elapsed time and about a second of
 * backend CPU on credit_allocation: more than a whole 10,000-touchpoint
 * phase, and it landed on whichever phase came next). Gives up after
 * `timeoutMs` and lets the phase run. The waits are counted in
 * autovacuumWaits and reported in the notes.
 */
export const autovacuumWaits = { count: 0, ms: 0, timedOut: 0 };
async function autovacuumQuiet(p: Platform, backend: 'pglite' | 'postgres', timeoutMs = 120_000): Promise<void> {
  if (backend !== 'postgres') return;
  const start = nowMs();
  for (let first = true; ; first = false) {
    const [row] = await p.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = current_database()`,
    );
    if (!row || row.n === 0) {
      if (!first) {
        autovacuumWaits.count++;
        autovacuumWaits.ms += nowMs() - start;
      }
      return;
    }
    if (nowMs() - start > timeoutMs) {
      autovacuumWaits.timedOut++;
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Polls the API until the recompute queue is empty; returns that moment
 * (nowMs). The client shares the server's process: while a drain keeps the
 * event loop busy (PGlite runs in this thread) a poll can fail to connect in
 * time; such a poll is retried (and counted in pollRetries).
 */
export const pollRetries = { count: 0 };
export async function queueDrained(p: Platform, timeoutMs = 600_000): Promise<number> {
  const start = nowMs();
  for (;;) {
    let res;
    try {
      res = await p.gql<{ recomputeQueue: { pendingRequests: number; failingRequests: number; lastError: string | null } }>(QUEUE);
    } catch (error) {
      if (!(error instanceof TypeError) || nowMs() - start > timeoutMs) throw error;
      pollRetries.count++;
      continue;
    }
    const q = res.data?.recomputeQueue;
    if (!q) throw new Error(`recomputeQueue query failed: ${JSON.stringify(res.errors).slice(0, 300)}`);
    if (q.failingRequests > 0) throw new Error(`the recompute queue reports a failure: ${q.lastError}`);
    const now = nowMs();
    if (q.pendingRequests === 0) return now;
    if (now - start > timeoutMs)
      throw new Error(`the recompute queue did not drain within ${timeoutMs} ms (${q.pendingRequests} requests pending)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const RAW_INSERT = `INSERT INTO touchpoint (id, source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at,
                               proof, owner, next_joint_step, engagement_depth, updated_at)
       SELECT gen_random_uuid(), x.source, x.external_id, o.id, NULL, pa.id, x.action, x.channel, x.occurred_at,
              x.proof, x.owner, x.next_step, x.depth, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::smallint[])
              AS x(source, external_id, partner_key, opportunity_key, action, channel, occurred_at, proof, owner, next_step, depth)
         JOIN opportunity o ON o.key = x.opportunity_key
         JOIN partner pa ON pa.key = x.partner_key`;

function rawParams(b: TouchInput[]): unknown[] {
  return [
    b.map((t) => t.source),
    b.map((t) => t.externalId),
    b.map((t) => t.partnerKey),
    b.map((t) => t.opportunityKey),
    b.map((t) => t.action),
    b.map((t) => t.channel),
    b.map((t) => t.occurredAt),
    b.map((t) => t.proof),
    b.map((t) => t.owner),
    b.map((t) => t.nextJointStep),
    b.map((t) => t.engagementDepth),
  ];
}

/** The same rows with a plain INSERT … SELECT (keys resolved by join), one statement per batch. */
async function viaRawInsert(p: Platform, batches: TouchInput[][], backends: BackendsCpu): Promise<Phase> {
  const pg0 = await backends();
  const start = cpuSnapshot();
  for (const b of batches) await p.db.sql.query(RAW_INSERT, rawParams(b));
  const cpu = cpuBetween(start, cpuSnapshot());
  return { ms: cpu.wallMs, cpu, serverThreadMs: cpu.threadMs, postgresMs: backendsCpuBetween(pg0, await backends()) };
}

/**
 * The same statements on `concurrency` connections at once: each lane pins
 * its own pooled connection (db.sql.session) and runs its next batch when
 * its previous one is done. PGlite is one connection: the lanes queue.
 */
async function viaRawInsertConcurrent(p: Platform, batches: TouchInput[][], concurrency: number, backends: BackendsCpu): Promise<Phase> {
  const params = batches.map(rawParams);
  let next = 0;
  const lane = () =>
    p.db.sql.session(async (sql) => {
      while (next < params.length) await sql.query(RAW_INSERT, params[next++]);
    });
  const pg0 = await backends();
  const start = cpuSnapshot();
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, lane));
  const cpu = cpuBetween(start, cpuSnapshot());
  return { ms: cpu.wallMs, cpu, serverThreadMs: cpu.threadMs, postgresMs: backendsCpuBetween(pg0, await backends()) };
}

/**
 * Deletes the touchpoints of one of the further phases (client thread,
 * concurrent raw INSERT) once it is measured (and its recompute drained), so
 * the database grows per repetition by the baseline phases' rows only: the
 * baseline rows (above all the queue drain, which recomputes every touched
 * opportunity with all its touchpoints) do not depend on which other modes
 * ran, and every mode of a repetition sees the same database. Nothing
 * references touchpoint rows; allocations of the affected opportunities keep
 * the ids until the next drain recomputes them.
 */
async function removeTouchpoints(p: Platform, source: string): Promise<void> {
  await p.db.sql.query(`DELETE FROM touchpoint WHERE source = $1`, [source]);
  // Now rather than an autovacuum during a later measurement.
  await p.db.sql.exec(`VACUUM touchpoint`);
}

/** Per 1,000 touchpoints, median over the repetitions; null where /proc was missing. */
function per1000(phases: Phase[], total: number, pick: (ph: Phase) => number | null | undefined): number | null {
  const xs = phases.map(pick);
  if (xs.some((x) => x === null || x === undefined)) return null;
  return median(xs as number[]) / (total / 1000);
}

const msOrNa = (x: number | null) => (x === null ? 'n/a' : fmtMs(x));

/**
 * The CPU transparency row for one mode: the machine's busy time per 1,000
 * touchpoints of the GraphQL and the raw phase and the rate it allows on this
 * machine's cores; then the part this benchmark can attribute to itself (this
 * process and the PostgreSQL backends of its database, so another load on
 * the machine does not count), split by thread.
 */
function cpuRow(
  label: string,
  mode: string,
  gql: Phase[],
  raw: Phase[],
  total: number,
  cores: number,
  clientThread: boolean,
  backend: 'pglite' | 'postgres',
): BenchRow {
  const ceiling = (busy: number | null) => (busy === null || busy <= 0 ? 'n/a' : fmtRate(((cores * 1000) / busy) * 1000));
  const busyShare = (phases: Phase[]) => {
    const shares = phases.map((ph) => (ph.cpu.machineBusyMs === null ? null : ph.cpu.machineBusyMs / (cores * ph.ms)));
    return shares.some((s) => s === null) ? 'n/a' : `${Math.round(median(shares as number[]) * 100)}%`;
  };
  // This process (minus the bench's client thread, where it has its own) plus PostgreSQL's backends (PGlite runs in this process).
  const own = (ph: Phase, withDrain = false) => {
    const pg = backend === 'pglite' ? 0 : withDrain ? ph.postgresWithDrainMs : ph.postgresMs;
    if (pg === null || pg === undefined) return null;
    const processMs = withDrain ? ph.cpuWithDrain!.processMs : ph.cpu.processMs;
    const client = clientThread ? ph.cpu.threadMs : 0;
    return client === null ? null : processMs - client + pg;
  };
  const g = per1000(gql, total, (ph) => ph.cpu.machineBusyMs);
  const r = per1000(raw, total, (ph) => ph.cpu.machineBusyMs);
  const gOwn = per1000(gql, total, (ph) => own(ph));
  const rOwn = per1000(raw, total, (ph) => own(ph));
  const gDrain = per1000(gql, total, (ph) => ph.cpuWithDrain?.machineBusyMs);
  const gOwnDrain = per1000(gql, total, (ph) => own(ph, true));
  const server = per1000(gql, total, (ph) => ph.serverThreadMs);
  const client = clientThread ? per1000(gql, total, (ph) => ph.cpu.threadMs) : null;
  const pg = backend === 'postgres' ? per1000(gql, total, (ph) => ph.postgresMs) : null;
  // The process's other threads: the recompute thread (PostgreSQL), GC and libuv helpers.
  const others = per1000(gql, total, (ph) =>
    ph.serverThreadMs === null || (clientThread && ph.cpu.threadMs === null)
      ? null
      : Math.max(0, ph.cpu.processMs - ph.serverThreadMs - (clientThread ? ph.cpu.threadMs! : 0)),
  );
  const kase = `${label}: machine CPU per 1,000 touchpoints, ${mode} (GraphQL / raw)`;
  if (g === null && r === null)
    return { section: 'ingest', case: kase, metric: 'ms busy', value: 'n/a', note: '/proc/stat not available on this system' };
  const ownWhat = backend === 'pglite' ? 'this process (PGlite included)' : "this process + its database's PostgreSQL backends";
  return {
    section: 'ingest',
    case: kase,
    metric: 'ms busy',
    value: `${msOrNa(g)} / ${msOrNa(r)}`,
    note:
      `all cores (/proc/stat; anything else running counts too), machine ${busyShare(gql)} / ${busyShare(raw)} busy during the phases; ` +
      `implied ceiling on ${cores} cores: GraphQL ${ceiling(g)}, raw ${ceiling(r)}. ` +
      `${ownWhat}${clientThread ? ', without the client thread' : ', client included'}: GraphQL ${msOrNa(gOwn)} (${ceiling(gOwn)}), raw ${msOrNa(rOwn)} (${ceiling(rOwn)}); ` +
      `GraphQL by part: server thread ${msOrNa(server)}${clientThread ? `, client thread ${msOrNa(client)}` : ''}, other threads ${msOrNa(others)}` +
      `${backend === 'postgres' ? `, PostgreSQL backends ${msOrNa(pg)}` : ''}. ` +
      `GraphQL until the queue drained (the bench polls the queue every 10 ms): machine ${msOrNa(gDrain)} (${ceiling(gDrain)}), ${backend === 'pglite' ? 'this process' : 'this process + backends'} ${msOrNa(gOwnDrain)} (${ceiling(gOwnDrain)})`,
  };
}

async function measure(ctx: BenchContext, backend: 'pglite' | 'postgres'): Promise<{ rows: BenchRow[]; data: Record<string, unknown> }> {
  const total = ctx.quick ? 1_000 : 10_000;
  const batchSize = ctx.quick ? 250 : 1_000;
  const reps = ctx.reps ?? (ctx.quick ? 2 : 3);
  // Quick mode (CI smoke test) runs the client-thread levels once: each is followed by a queue drain.
  const clientReps = ctx.reps ?? (ctx.quick ? 1 : 3);
  const warmBatch = ctx.quick ? 50 : batchSize;
  // The client thread sequentially (C=1), then every requested concurrency; the raw INSERT at C=1 is the sequential one.
  const levels = [...new Set([1, ...ctx.ingestConcurrency])].sort((a, b) => a - b);
  const maxC = Math.max(...levels);
  const cores = os.cpus().length;
  ctx.log(`${backend}: starting the server over a seeded database`);
  const p = await sharedPlatform({
    postgresUrl: backend === 'postgres' ? ctx.postgresUrl : undefined,
    opportunities: ctx.quick ? 300 : 3_000,
    touchpointsPerOpportunity: 10,
  });
  const keys = await keysOf(p);
  const backends: BackendsCpu = () =>
    backend === 'postgres' ? postgresBackendsCpu((text) => p.db.sql.query<{ pid: number }>(text)) : Promise.resolve(null);
  const client = await IngestClient.start({ url: p.url, key: p.key, keys });
  try {
    // Warm-up: one batch each way, then the client thread and the raw lanes at the highest concurrency.
    await viaGraphQL(p, [touchBatch(keys, 'bench_warm_gql', batchSize, 1)], backends);
    await viaRawInsert(p, [touchBatch(keys, 'bench_warm_raw', batchSize, 1)], backends);
    await viaClientThread(
      p,
      client,
      { source: 'bench_warm_gqlc', total: warmBatch * maxC, seed: 2, batchSize: warmBatch, concurrency: maxC },
      backends,
    );
    await removeTouchpoints(p, 'bench_warm_gqlc');
    await viaRawInsertConcurrent(p, chunk(touchBatch(keys, 'bench_warm_rawc', warmBatch * maxC, 2), warmBatch), maxC, backends);
    await removeTouchpoints(p, 'bench_warm_rawc');
    const gqlPh: Phase[] = [];
    const rawPh: Phase[] = [];
    const gqlC = new Map<number, Phase[]>(levels.map((c) => [c, []]));
    const rawC = new Map<number, Phase[]>(levels.filter((c) => c > 1).map((c) => [c, []]));
    for (let r = 0; r < reps; r++) {
      ctx.log(`rep ${r + 1}/${reps}: ${total} touchpoints through GraphQL (then wait for the recompute queue), then raw INSERT`);
      await autovacuumQuiet(p, backend);
      gqlPh.push(await viaGraphQL(p, chunk(touchBatch(keys, `bench_gql_${r}`, total, 10 + r), batchSize), backends));
      await autovacuumQuiet(p, backend);
      rawPh.push(await viaRawInsert(p, chunk(touchBatch(keys, `bench_raw_${r}`, total, 10 + r), batchSize), backends));
      // Rotate the order of the concurrency levels per repetition (autovacuum and the drains' leftovers differ as the run goes on).
      const order = r < clientReps ? levels.map((_, i) => levels[(i + r) % levels.length]!) : [];
      for (const c of order) {
        ctx.log(
          `rep ${r + 1}/${reps}: client thread, ${c} request${c > 1 ? 's' : ''} in flight${c > 1 ? `, then raw INSERT on ${c} connections` : ''}`,
        );
        await autovacuumQuiet(p, backend);
        gqlC
          .get(c)!
          .push(
            await viaClientThread(p, client, { source: `bench_gql_c${c}_${r}`, total, seed: 10 + r, batchSize, concurrency: c }, backends),
          );
        await removeTouchpoints(p, `bench_gql_c${c}_${r}`);
        if (c > 1) {
          await autovacuumQuiet(p, backend);
          rawC
            .get(c)!
            .push(await viaRawInsertConcurrent(p, chunk(touchBatch(keys, `bench_raw_c${c}_${r}`, total, 10 + r), batchSize), c, backends));
          await removeTouchpoints(p, `bench_raw_c${c}_${r}`);
        }
      }
    }
    const rate = (phases: Phase[]) => total / (median(phases.map((ph) => ph.ms)) / 1000);
    const gql = rate(gqlPh);
    const raw = rate(rawPh);
    // Credit current for everything ingested: ingestion time + queue drain after the last response.
    const endToEnd = (phases: Phase[]) => total / (median(phases.map((ph) => ph.ms + ph.drainMs!)) / 1000);
    const label = `${backend}, ${total.toLocaleString('en-US')} touchpoints in batches of ${batchSize}`;
    const target = backend === 'postgres' ? '; target 20,000 touchpoints/s via GraphQL' : '';
    const pgliteQueues = backend === 'pglite' ? '; PGlite is one connection: concurrent requests queue for it' : '';
    const quiet =
      backend === 'postgres'
        ? `; every phase starts once the queue has drained and no autovacuum worker runs on the database (waited ${autovacuumWaits.count}×, ${fmtMs(autovacuumWaits.ms)} in all${autovacuumWaits.timedOut ? `, gave up waiting ${autovacuumWaits.timedOut}×` : ''})`
        : '';
    const rows: BenchRow[] = [
      {
        section: 'ingest',
        case: `${label}: GraphQL ingestTouchpoints`,
        metric: 'touchpoints/s',
        value: fmtRate(gql),
        note: `${reps} reps, median; recompute queued (worker recomputes concurrently), not awaited; client in the server's thread, sequential${target}${quiet}`,
      },
      {
        section: 'ingest',
        case: `${label}: recompute queue drained after last batch`,
        metric: 'ms',
        value: fmtMs(median(gqlPh.map((ph) => ph.drainMs!))),
        note: `${reps} reps, median; until all ingested credit was current: ${fmtRate(endToEnd(gqlPh))} touchpoints/s end to end${pollRetries.count ? `; ${pollRetries.count} queue polls retried (client could not connect while a drain held the event loop)` : ''}`,
      },
      {
        section: 'ingest',
        case: `${label}: raw INSERT…SELECT`,
        metric: 'touchpoints/s',
        value: fmtRate(raw),
        note: `${reps} reps, median; one connection, sequential`,
      },
      {
        section: 'ingest',
        case: `${label}: GraphQL / raw`,
        metric: 'ratio',
        value: '',
        ratio: fmtRatio(gql / raw),
        note: backend === 'postgres' ? 'target 20,000 touchpoints/s via GraphQL' : '',
      },
      cpuRow(label, "sequential, client in the server's thread", gqlPh, rawPh, total, cores, false, backend),
    ];
    const perLevel: Record<string, unknown> = {};
    for (const c of levels) {
      const g = gqlC.get(c)!;
      const rw = c === 1 ? rawPh : rawC.get(c)!;
      const gRate = rate(g);
      const rRate = rate(rw);
      const lat = g.flatMap((ph) => ph.batchMs!);
      const inFlight = c === 1 ? 'sequential' : `${c} requests in flight`;
      const mode = c === 1 ? 'client thread, sequential' : `client thread, C=${c}`;
      rows.push({
        section: 'ingest',
        case: `${label}: GraphQL ingestTouchpoints, ${mode}`,
        metric: 'touchpoints/s',
        value: fmtRate(gRate),
        note:
          `${clientReps} rep${clientReps > 1 ? 's' : ''}, median; client in its own thread, ${inFlight}; batch response p50 ${fmtMs(percentile(lat, 50))}, p99 ${fmtMs(percentile(lat, 99))}; ` +
          `queue drained ${fmtMs(median(g.map((ph) => ph.drainMs!)))} after the last batch (${fmtRate(endToEnd(g))} end to end)${target}${pgliteQueues}`,
      });
      if (c > 1) {
        rows.push({
          section: 'ingest',
          case: `${label}: raw INSERT…SELECT, C=${c}`,
          metric: 'touchpoints/s',
          value: fmtRate(rRate),
          note: `${clientReps} rep${clientReps > 1 ? 's' : ''}, median; ${c} connections at once, one statement per batch each${pgliteQueues}`,
        });
      }
      rows.push({
        section: 'ingest',
        case: `${label}: GraphQL / raw, ${mode}`,
        metric: 'ratio',
        value: '',
        ratio: fmtRatio(gRate / rRate),
        note: c === 1 ? 'vs the sequential raw INSERT' : `vs the raw INSERT on ${c} connections`,
      });
      rows.push(cpuRow(label, mode, g, rw, total, cores, true, backend));
      perLevel[String(c)] = {
        graphql: g,
        raw: c === 1 ? 'see rawPhases' : rw,
        touchpointsPerSecond: { graphql: gRate, rawInsert: rRate, graphqlUntilCreditCurrent: endToEnd(g) },
      };
    }
    return {
      rows,
      data: {
        total,
        batchSize,
        reps,
        clientReps,
        cores,
        gqlMs: gqlPh.map((ph) => ph.ms),
        drainMs: gqlPh.map((ph) => ph.drainMs!),
        rawMs: rawPh.map((ph) => ph.ms),
        touchpointsPerSecond: { graphql: gql, rawInsert: raw, graphqlUntilCreditCurrent: endToEnd(gqlPh) },
        gqlPhases: gqlPh,
        rawPhases: rawPh,
        clientThread: perLevel,
        autovacuumWaits: { ...autovacuumWaits },
      },
    };
  } finally {
    await client.close();
  }
}

const section: Section = {
  name: 'ingest',
  summary: 'ingestion: GraphQL batch mutation over HTTP vs raw INSERT of the same rows (sequential and concurrent clients, machine CPU)',
  async run(ctx): Promise<SectionResult> {
    return measureOnBackends(ctx, platformDependencies, (backend) => measure(ctx, backend));
  },
};

export default section;
