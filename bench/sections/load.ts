// (e) GraphQL latency under concurrent load, on loopback, bounded in time
// (autocannon): a partner scorecard and a nested connection query vs a
// trivial query on the same server. Each query is checked for a correct
// answer first; any non-2xx response or error during the load is reported.
// The data sits still during the load, so the server answers repeated
// scorecards from its snapshot cache (src/reports/snapshot-cache.ts); the
// "scorecard, uncached" case runs the same query against a second server over
// the same database with the cache turned off, i.e. the cost of computing it.
import { createRequire } from 'node:module';
import { createServer } from '../../src/server/app.js';
import { platformDependencies, sharedPlatform, type Platform } from '../lib/platform.js';
import { measureOnBackends, type BenchContext, type Section, type SectionResult } from '../lib/section.js';
import { median } from '../lib/stats.js';
import { fmtRate, fmtRatio, type BenchRow } from '../lib/table.js';

interface AutocannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 10;

const CASE_NOTES: Record<string, string> = {
  scorecard: '; nothing commits during the load, so after the first request the server answers from its snapshot cache',
  'scorecard, uncached': '; same query, second server over the same database with the report cache off: computed every time',
};

export const QUERIES = {
  trivial: { query: '{ __typename }' },
  nested: {
    query: `query Nested { partners(first: 20) { totalCount nodes { key name allocations(first: 10) { nodes { lane role share amount
      opportunity { key amount stage account { name } } } } } } }`,
  },
  scorecard: {
    query: `query Scorecard($ruleSetKey: String!, $from: Date!, $to: Date!) {
      scorecard(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: partner, period: quarter) {
        __typename ... on Scorecard { rows { groupKey period sourcedPipeline influencedPipeline sourcedRevenue influencedRevenue
          coverageRate roiSourced roiInfluenced timeToInsightP50Hours } }
        ... on UserError { code message } } }`,
  },
} as const;

async function check(p: Platform, url: string, name: string, body: { query: string; variables?: unknown }): Promise<void> {
  const res = await p.gql(body.query, body.variables as Record<string, unknown> | undefined, url);
  const typename = (Object.values(res.data ?? {})[0] as { __typename?: string } | undefined)?.__typename;
  if (res.status !== 200 || res.errors?.length || !res.data || (typename !== undefined && !['Scorecard', 'Query'].includes(typename))) {
    throw new Error(
      `the ${name} query fails before the load (HTTP ${res.status}): ${res.errors?.[0]?.message ?? JSON.stringify(res.data).slice(0, 200)}`,
    );
  }
}

async function load(p: Platform, url: string, body: unknown, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.key}` },
    body: JSON.stringify(body),
  });
}

async function measure(ctx: BenchContext, backend: 'pglite' | 'postgres') {
  ctx.log(`${backend}: starting the server over a seeded database`);
  const p = await sharedPlatform({
    postgresUrl: backend === 'postgres' ? ctx.postgresUrl : undefined,
    opportunities: ctx.quick ? 300 : 3_000,
    touchpointsPerOpportunity: 10,
  });
  const uncached = await createServer(p.db, { nodeEnv: 'production', port: 0 }, { reportCache: false, recompute: { start: false } });
  const scorecard = { query: QUERIES.scorecard.query, variables: { ruleSetKey: p.ruleSetKey, from: '2025-04-01', to: '2026-09-30' } };
  const cases: Array<[string, string, { query: string; variables?: unknown }]> = [
    ['trivial', p.url, QUERIES.trivial],
    ['nested connection', p.url, QUERIES.nested],
    ['scorecard', p.url, scorecard],
    ['scorecard, uncached', uncached.url, scorecard],
  ];
  const skipped: string[] = [];
  const runnable: typeof cases = [];
  for (const c of cases) {
    try {
      await check(p, c[1], c[0], c[2]);
      runnable.push(c);
    } catch (error) {
      skipped.push(`skipped: ${(error as Error).message}`);
    }
  }
  const reps = ctx.reps ?? (ctx.quick ? 1 : 2);
  const results = new Map<string, AutocannonResult[]>();
  for (let r = 0; r < reps; r++) {
    for (const [name, url, body] of runnable) {
      ctx.log(`rep ${r + 1}/${reps}: ${name}, ${CONNECTIONS} connections for ${ctx.loadSeconds} s`);
      const res = await load(p, url, body, ctx.loadSeconds);
      results.set(name, [...(results.get(name) ?? []), res]);
    }
  }
  await uncached.close(5_000);
  return { results, skipped };
}

const section: Section = {
  name: 'load',
  summary: 'GraphQL latency under concurrent load (autocannon): scorecard, nested connection vs trivial query',
  async run(ctx): Promise<SectionResult> {
    return measureOnBackends(ctx, platformDependencies, async (backend) => {
      const m = await measure(ctx, backend);
      const rows: BenchRow[] = [];
      const trivialRps = median((m.results.get('trivial') ?? []).map((r) => r.requests.average));
      for (const [name, rs] of m.results) {
        const rps = median(rs.map((r) => r.requests.average));
        const failures = rs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
        rows.push({
          section: 'load',
          case: `${backend}: ${name}`,
          metric: 'p50 / p99 latency, req/s',
          value: `${median(rs.map((r) => r.latency.p50))} ms / ${median(rs.map((r) => r.latency.p99))} ms, ${fmtRate(rps)}`,
          ratio: name === 'trivial' ? '' : fmtRatio(rps / trivialRps),
          note: `${CONNECTIONS} connections, ${ctx.loadSeconds} s x ${rs.length}${failures ? `, ${failures} FAILED requests` : ''}${name === 'trivial' ? '' : '; ratio = req/s vs trivial'}${CASE_NOTES[name] ?? ''}`,
        });
      }
      return { rows, data: Object.fromEntries(m.results), skipped: m.skipped.map((s) => `${s} (${backend})`) };
    });
  },
};

export default section;
