// (c) Ingestion: touchpoints/s through the GraphQL batch mutation over HTTP
// (validation, idempotent upsert, audit events and the durable recompute
// request, written in one transaction; the server's worker recomputes credit
// in the background while the batches keep coming) vs a raw INSERT … SELECT
// of the same rows on the same database. Interleaved repetitions, median.
// Because the recompute is queued, a transparency row reports how long the
// queue took to drain after the last batch's response, i.e. until all
// ingested credit was current.
import { ACTION_TYPES, CHANNELS } from '../../src/domain/enums.js';
import { platformDependencies, sharedPlatform, type Platform } from '../lib/platform.js';
import { seededRandom } from '../lib/prng.js';
import { measureOnBackends, type BenchContext, type Section, type SectionResult } from '../lib/section.js';
import { median, nowMs } from '../lib/stats.js';
import { fmtMs, fmtRate, fmtRatio, type BenchRow } from '../lib/table.js';

const MUTATION = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) {
    __typename
    ... on IngestTouchpointsPayload { created updated unchanged rejected recompute { status opportunities error } }
    ... on UserError { code message }
  }
}`;

export interface TouchInput {
  source: string; externalId: string; partnerKey: string; opportunityKey: string; action: string; channel: string;
  occurredAt: string; proof: string | null; owner: string | null; nextJointStep: string | null; engagementDepth: number | null;
}

export async function keysOf(p: Platform): Promise<{ opportunities: Array<{ key: string; closed: string | null }>; partners: string[] }> {
  const opportunities = await p.db.sql.query<{ key: string; closed: string | null }>(
    `SELECT key, to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed FROM opportunity ORDER BY key LIMIT 5000`,
  );
  const partners = (await p.db.sql.query<{ key: string }>(`SELECT key FROM partner ORDER BY key`)).map((r) => r.key);
  return { opportunities, partners };
}

export function touchBatch(keys: Awaited<ReturnType<typeof keysOf>>, source: string, n: number, seed: number): TouchInput[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const opp = rnd.pick(keys.opportunities);
    const at = opp.closed ? new Date(Date.parse(opp.closed) - rnd.int(1, 120) * 86_400_000) : new Date(Date.UTC(2026, 5, 1) + rnd.int(0, 90) * 86_400_000);
    return {
      source, externalId: `${source}-${i}`, partnerKey: rnd.pick(keys.partners), opportunityKey: opp.key,
      action: rnd.pick(ACTION_TYPES), channel: rnd.pick(CHANNELS), occurredAt: at.toISOString(),
      proof: rnd.chance(0.85) ? `https://crm.example/${source}/${i}` : null, owner: 'ae@example.com',
      nextJointStep: rnd.chance(0.5) ? 'joint plan' : null, engagementDepth: rnd.int(1, 5),
    };
  });
}

const QUEUE = `{ recomputeQueue { pendingRequests failingRequests lastError } }`;

/** Ingests the batches one after another; returns the ingestion time and the time from the last response until the recompute queue was empty. */
async function viaGraphQL(p: Platform, batches: TouchInput[][]): Promise<{ ms: number; drainMs: number }> {
  const start = nowMs();
  for (const touchpoints of batches) {
    const res = await p.gql<{ ingestTouchpoints: { __typename: string; created?: number; rejected?: number; message?: string; recompute?: { status: string; error: string | null } } }>(MUTATION, { input: { touchpoints } });
    const r = res.data?.ingestTouchpoints;
    if (res.status !== 200 || !r || r.__typename !== 'IngestTouchpointsPayload' || r.created !== touchpoints.length) {
      throw new Error(`ingestTouchpoints did not create the batch: HTTP ${res.status} ${JSON.stringify(res.errors ?? r).slice(0, 500)}`);
    }
    if (r.recompute?.error || r.recompute?.status === 'FAILED') throw new Error(`ingestTouchpoints recompute failed: ${r.recompute.error}`);
  }
  const ms = nowMs() - start;
  return { ms, drainMs: (await queueDrained(p)) - start - ms };
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
    if (now - start > timeoutMs) throw new Error(`the recompute queue did not drain within ${timeoutMs} ms (${q.pendingRequests} requests pending)`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The same rows with a plain INSERT … SELECT (keys resolved by join), one statement per batch. */
async function viaRawInsert(p: Platform, batches: TouchInput[][]): Promise<number> {
  const start = nowMs();
  for (const b of batches) {
    await p.db.sql.query(
      `INSERT INTO touchpoint (id, source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at,
                               proof, owner, next_joint_step, engagement_depth, updated_at)
       SELECT gen_random_uuid(), x.source, x.external_id, o.id, NULL, pa.id, x.action::"ActionType", x.channel::"Channel", x.occurred_at,
              x.proof, x.owner, x.next_step, x.depth, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::smallint[])
              AS x(source, external_id, partner_key, opportunity_key, action, channel, occurred_at, proof, owner, next_step, depth)
         JOIN opportunity o ON o.key = x.opportunity_key
         JOIN partner pa ON pa.key = x.partner_key`,
      [b.map((t) => t.source), b.map((t) => t.externalId), b.map((t) => t.partnerKey), b.map((t) => t.opportunityKey),
        b.map((t) => t.action), b.map((t) => t.channel), b.map((t) => t.occurredAt), b.map((t) => t.proof), b.map((t) => t.owner),
        b.map((t) => t.nextJointStep), b.map((t) => t.engagementDepth)],
    );
  }
  return nowMs() - start;
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

async function measure(ctx: BenchContext, backend: 'pglite' | 'postgres'): Promise<{ rows: BenchRow[]; data: Record<string, unknown> }> {
  const total = ctx.quick ? 1_000 : 10_000;
  const batchSize = ctx.quick ? 250 : 1_000;
  const reps = ctx.reps ?? (ctx.quick ? 2 : 3);
  ctx.log(`${backend}: starting the server over a seeded database`);
  const p = await sharedPlatform({ postgresUrl: backend === 'postgres' ? ctx.postgresUrl : undefined, opportunities: ctx.quick ? 300 : 3_000, touchpointsPerOpportunity: 10 });
  const keys = await keysOf(p);
  // Warm-up: one batch each way.
  await viaGraphQL(p, [touchBatch(keys, 'bench_warm_gql', batchSize, 1)]);
  await viaRawInsert(p, [touchBatch(keys, 'bench_warm_raw', batchSize, 1)]);
  const gqlMs: number[] = [];
  const drainMs: number[] = [];
  const rawMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    ctx.log(`rep ${r + 1}/${reps}: ${total} touchpoints through GraphQL (then wait for the recompute queue), then raw INSERT`);
    const g = await viaGraphQL(p, chunk(touchBatch(keys, `bench_gql_${r}`, total, 10 + r), batchSize));
    gqlMs.push(g.ms);
    drainMs.push(g.drainMs);
    rawMs.push(await viaRawInsert(p, chunk(touchBatch(keys, `bench_raw_${r}`, total, 10 + r), batchSize)));
  }
  const gql = total / (median(gqlMs) / 1000);
  const raw = total / (median(rawMs) / 1000);
  // Credit current for everything ingested: ingestion time + queue drain after the last response.
  const endToEnd = total / ((median(gqlMs.map((m, i) => m + drainMs[i]!))) / 1000);
  const label = `${backend}, ${total.toLocaleString('en-US')} touchpoints in batches of ${batchSize}`;
  return {
    rows: [
      { section: 'ingest', case: `${label}: GraphQL ingestTouchpoints`, metric: 'touchpoints/s', value: fmtRate(gql), note: `${reps} reps, median; recompute queued (worker recomputes concurrently), not awaited` },
      { section: 'ingest', case: `${label}: recompute queue drained after last batch`, metric: 'ms', value: fmtMs(median(drainMs)), note: `${reps} reps, median; until all ingested credit was current: ${fmtRate(endToEnd)} touchpoints/s end to end${pollRetries.count ? `; ${pollRetries.count} queue polls retried (client could not connect while a drain held the event loop)` : ''}` },
      { section: 'ingest', case: `${label}: raw INSERT…SELECT`, metric: 'touchpoints/s', value: fmtRate(raw), note: `${reps} reps, median` },
      { section: 'ingest', case: `${label}: GraphQL / raw`, metric: 'ratio', value: '', ratio: fmtRatio(gql / raw), note: backend === 'postgres' ? 'target 20,000 touchpoints/s via GraphQL' : '' },
    ],
    data: { total, batchSize, reps, gqlMs, drainMs, rawMs, touchpointsPerSecond: { graphql: gql, rawInsert: raw, graphqlUntilCreditCurrent: endToEnd } },
  };
}

const section: Section = {
  name: 'ingest',
  summary: 'ingestion: GraphQL batch mutation over HTTP vs raw INSERT of the same rows',
  async run(ctx): Promise<SectionResult> {
    return measureOnBackends(ctx, platformDependencies, (backend) => measure(ctx, backend));
  },
};

export default section;
