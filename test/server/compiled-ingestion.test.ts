// The ingestion mutation runs compiled (graphql-jit, src/server/compiled-ingestion.ts).
// Clients must not be able to tell: the same requests to a server with and
// one without it (over the same database) get the same answers — created,
// rejected and updated items, nested touchpoints, typed errors, bad
// variables, authorization — and only the ingestion mutation is compiled.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCompiledIngestion } from '../../src/server/compiled-ingestion.js';
import { backendLabel } from '../support/db.js';
import { startTestServer, touchpoint, type GraphQLResponse, type TestServer } from './harness.js';

const INGEST = /* GraphQL */ `
  mutation Ingest($input: IngestTouchpointsInput!) {
    ingestTouchpoints(input: $input) {
      __typename
      ... on IngestTouchpointsPayload {
        created updated unchanged rejected
        items { index status externalId touchpointId issues { path message }
                touchpoint { source externalId action channel occurredAt engagementDepth metadata partner { key } } }
        rejectedOnly: items(onlyRejected: true) { index }
        recompute { status opportunities error }
      }
      ... on UserError { code message }
      ... on BatchTooLargeError { size limit }
    }
  }`;

/** The response with what must differ between the two servers' own writes made equal. */
function comparable(res: GraphQLResponse, source: string): unknown {
  return JSON.parse(
    JSON.stringify(res)
      .replaceAll(source, '<source>')
      .replace(/"touchpointId":"[^"]+"/g, '"touchpointId":"<id>"'),
  );
}

describe(`compiled ingestion mutation ${backendLabel}`, () => {
  let t: TestServer;
  let plain: Awaited<ReturnType<TestServer['extraServer']>>;
  beforeAll(async () => {
    t = await startTestServer();
    plain = await t.extraServer({ compiledIngestion: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compiles exactly one ingestTouchpoints mutation field, nothing else', () => {
    const yes = (src: string, name?: string) => isCompiledIngestion(parse(src), name);
    expect(yes(INGEST)).toBe(true);
    expect(yes(`mutation { a: ingestTouchpoints(input: { touchpoints: [] }) { __typename } }`)).toBe(true);
    expect(
      yes(
        `mutation A { upsertPartner(input: { key: "x" }) { __typename } } mutation B { ingestTouchpoints(input: { touchpoints: [] }) { __typename } }`,
        'B',
      ),
    ).toBe(true);
    expect(
      yes(
        `mutation A { upsertPartner(input: { key: "x" }) { __typename } } mutation B { ingestTouchpoints(input: { touchpoints: [] }) { __typename } }`,
        'A',
      ),
    ).toBe(false);
    expect(
      yes(
        `mutation { a: ingestTouchpoints(input: { touchpoints: [] }) { __typename } b: ingestTouchpoints(input: { touchpoints: [] }) { __typename } }`,
      ),
    ).toBe(false);
    expect(yes(`mutation ($x: Boolean!) { ingestTouchpoints(input: { touchpoints: [] }) @include(if: $x) { __typename } }`)).toBe(false);
    expect(yes(`query { ingestTouchpoints { __typename } }`)).toBe(false);
    expect(yes(`mutation { ...F } fragment F on Mutation { ingestTouchpoints(input: { touchpoints: [] }) { __typename } }`)).toBe(false);
  });

  it('answers every kind of request exactly as the uncompiled executor does', async () => {
    const stats = t.server.app.compiledIngestion!;
    const before = stats.executions;
    const cases: Array<{
      name: string;
      touchpoints: (source: string) => unknown[];
      key?: 'integrator' | 'analyst';
      awaitRecompute?: boolean;
    }> = [
      {
        name: 'created',
        touchpoints: (source) => [
          touchpoint({ source, externalId: 'C-1' }),
          touchpoint({
            source,
            externalId: 'C-2',
            opportunityKey: null,
            accountKey: 'A-2',
            engagementDepth: 4,
            metadata: { seats: 40, tags: ['a', 'b'] },
          }),
        ],
      },
      {
        name: 'replayed and changed',
        touchpoints: (source) => [
          touchpoint({ source, externalId: 'C-1' }),
          touchpoint({ source, externalId: 'C-2', opportunityKey: null, accountKey: 'A-2', engagementDepth: 5, metadata: { seats: 41 } }),
        ],
        awaitRecompute: true,
      },
      {
        name: 'rejected items',
        touchpoints: (source) => [
          touchpoint({ source, externalId: 'R-1', partnerKey: 'P-NOPE' }),
          touchpoint({ source, externalId: 'R-2', engagementDepth: 9 }),
          touchpoint({ source, externalId: 'R-3', opportunityKey: null }),
          touchpoint({ source, externalId: 'R-4', occurredAt: '2999-01-01T00:00:00Z' }),
          touchpoint({ source, externalId: 'R-5' }),
          touchpoint({ source, externalId: 'R-5' }),
        ],
      },
      { name: 'unknown enum value', touchpoints: (source) => [touchpoint({ source, action: 'bribe' })] },
      { name: 'wrong type', touchpoints: (source) => [touchpoint({ source, engagementDepth: 'deep' })] },
      { name: 'missing required field', touchpoints: (source) => [{ ...touchpoint({ source }), partnerKey: undefined }] },
      { name: 'not a date', touchpoints: (source) => [touchpoint({ source, occurredAt: 'yesterday' })] },
      { name: 'unknown field', touchpoints: (source) => [touchpoint({ source, colour: 'red' })] },
      { name: 'null list item', touchpoints: () => [null] },
      { name: 'too large', touchpoints: (source) => Array.from({ length: 5_001 }, (_, i) => touchpoint({ source, externalId: `L-${i}` })) },
      { name: 'not allowed', touchpoints: (source) => [touchpoint({ source })], key: 'analyst' },
    ];
    let compiledRequests = 0;
    for (const c of cases) {
      const send = (gql: TestServer['gql'], source: string) =>
        gql(INGEST, { input: { touchpoints: c.touchpoints(source), awaitRecompute: c.awaitRecompute } }, t.keys[c.key ?? 'integrator']);
      const compiled = await send(t.gql, 'src_compiled');
      const reference = await send(plain.gql, 'src_reference');
      expect(compiled.status, c.name).toBe(reference.status);
      expect(comparable(compiled, 'src_compiled'), c.name).toEqual(comparable(reference, 'src_reference'));
      compiledRequests++;
    }
    // The 'created' case really wrote through both servers.
    const [{ n }] = (await t.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM touchpoint WHERE source IN ('src_compiled', 'src_reference')`,
    )) as [{ n: number }];
    expect(n).toBe(6);
    // Requests whose variables fail coercion never reach execution; the others ran compiled.
    expect(stats.executions - before).toBeGreaterThanOrEqual(5);
    expect(stats.executions - before).toBeLessThanOrEqual(compiledRequests);
    const executions = stats.executions;
    await t.gql(`{ partners(first: 1) { totalCount } }`, {}, t.keys.analyst);
    expect(stats.executions).toBe(executions);
  });
});
