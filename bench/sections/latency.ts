// (d) Incremental time-to-insight: a touchpoint is sent through the GraphQL
// ingestion mutation (which answers at once with the recompute QUEUED; the
// server's recompute worker does it in the background) and the API is read
// until the opportunity's current allocation shows the touch. Reported:
// p50/p99 from sending the touch, and from the ingestion response, to the
// updated allocation being visible over GraphQL.
import { platformDependencies, sharedPlatform, type Platform } from '../lib/platform.js';
import { queueDrained } from './ingest.js';
import { seededRandom } from '../lib/prng.js';
import { measureOnBackends, type BenchContext, type Section, type SectionResult } from '../lib/section.js';
import { nowMs, percentile } from '../lib/stats.js';
import { fmtMs, type BenchRow } from '../lib/table.js';

const INGEST = `mutation Ingest($input: IngestTouchpointsInput!) {
  ingestTouchpoints(input: $input) { __typename ... on IngestTouchpointsPayload { created recompute { status } } ... on UserError { code message } }
}`;
const READ = `query Credit($key: String!) {
  opportunity(key: $key) { allocations(lane: influence, first: 100) { nodes { role partner { key } contributingTouchpoints { source externalId } } } }
}`;

interface Sample {
  fromSendMs: number;
  fromResponseMs: number;
}

async function oneSample(
  p: Platform,
  opp: { key: string; closed: string },
  partnerKey: string,
  id: string,
  timeoutMs: number,
): Promise<Sample> {
  const occurredAt = new Date(Date.parse(opp.closed) - 10 * 86_400_000).toISOString();
  const touch = {
    source: 'bench_tti',
    externalId: id,
    partnerKey,
    opportunityKey: opp.key,
    action: 'security_review',
    channel: 'services',
    occurredAt,
    proof: 'https://crm.example/tti',
    owner: 'ae@example.com',
  };
  const sent = nowMs();
  const res = await p.gql<{ ingestTouchpoints: { __typename: string; created?: number } }>(INGEST, { input: { touchpoints: [touch] } });
  const responded = nowMs();
  if (res.data?.ingestTouchpoints.created !== 1)
    throw new Error(`ingestion failed: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
  for (;;) {
    const read = await p.gql<{
      opportunity: {
        allocations: {
          nodes: Array<{
            role: string;
            partner: { key: string } | null;
            contributingTouchpoints: Array<{ source: string; externalId: string }>;
          }>;
        };
      };
    }>(READ, { key: opp.key });
    const visible = read.data?.opportunity.allocations.nodes.some((n) =>
      n.contributingTouchpoints.some((t) => t.source === 'bench_tti' && t.externalId === id),
    );
    const now = nowMs();
    if (visible) return { fromSendMs: now - sent, fromResponseMs: now - responded };
    if (now - sent > timeoutMs)
      throw new Error(`the allocation of ${opp.key} did not show touchpoint ${id} within ${timeoutMs} ms of sending it`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function measure(ctx: BenchContext, backend: 'pglite' | 'postgres') {
  const samples = ctx.quick ? 10 : 100;
  ctx.log(`${backend}: starting the server over a seeded database`);
  const p = await sharedPlatform({
    postgresUrl: backend === 'postgres' ? ctx.postgresUrl : undefined,
    opportunities: ctx.quick ? 300 : 3_000,
    touchpointsPerOpportunity: 10,
  });
  const opps = await p.db.sql.query<{ key: string; closed: string }>(
    `SELECT key, to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed FROM opportunity
      WHERE closed_at >= '2026-01-15' AND closed_at < now() ORDER BY key LIMIT 2000`,
  );
  const partners = (await p.db.sql.query<{ key: string }>(`SELECT key FROM partner ORDER BY key`)).map((r) => r.key);
  if (opps.length === 0) throw new Error("the seeded dataset has no closed opportunity inside two_lane.attr's effective window");
  // Start from an idle queue (the ingest section may have left a backlog on the shared platform).
  await queueDrained(p);
  const rnd = seededRandom(5);
  await oneSample(p, rnd.pick(opps), rnd.pick(partners), 'warm-up', 30_000);
  const out: Sample[] = [];
  for (let i = 0; i < samples; i++) out.push(await oneSample(p, rnd.pick(opps), rnd.pick(partners), `tti-${i}`, 30_000));
  return out;
}

const section: Section = {
  name: 'latency',
  summary: 'incremental time-to-insight: ingestion to updated allocation visible over GraphQL (p50/p99)',
  async run(ctx): Promise<SectionResult> {
    return measureOnBackends(ctx, platformDependencies, async (backend) => {
      const s = await measure(ctx, backend);
      const send = s.map((x) => x.fromSendMs);
      const resp = s.map((x) => x.fromResponseMs);
      const note = `${s.length} touches, one at a time; recompute queued (not awaited), API polled every 5 ms`;
      const rows: BenchRow[] = [
        {
          section: 'latency',
          case: `${backend}: touch sent -> allocation visible`,
          metric: 'p50 / p99',
          value: `${fmtMs(percentile(send, 50))} / ${fmtMs(percentile(send, 99))}`,
          note: `${note}; target p99 < 1 s`,
        },
        {
          section: 'latency',
          case: `${backend}: ingestion response -> allocation visible`,
          metric: 'p50 / p99',
          value: `${fmtMs(percentile(resp, 50))} / ${fmtMs(percentile(resp, 99))}`,
          note,
        },
      ];
      return { rows, data: { samples: s } };
    });
  },
};

export default section;
