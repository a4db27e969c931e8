// Connections over children that grow without bound (a partner's touchpoints
// and credit, a run's allocations, a version's runs) read one bounded page per
// parent, batched over the parents of a request (src/graphql/common/parent-pages.ts).
// Paging forwards and backwards, with and without filters, must give exactly
// the rows and order of a direct query.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/store.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { startRun } from '../../src/engine/run.js';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { createGovernanceWorld } from '../governance/fixture.js';

let db: TestDatabase;
let server: RunningServer;
let key: string;
let versionId: string;

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const CHANNELS = ['co_sell', 'marketplace', 'services'] as const;
const ACTIONS = ['joint_discovery', 'security_review', 'validated_intro'] as const;

beforeAll(async () => {
  db = await createTestDatabase();
  // Two partners with 17 and 11 touches; many share a timestamp so the id breaks ties.
  ({ versionId } = await createGovernanceWorld(db, (ids) =>
    [ids.acme, ids.globex].flatMap((partnerId, p) =>
      Array.from({ length: p === 0 ? 17 : 11 }, (_, i) => ({
        source: 'crm',
        externalId: `${p}-${i}`,
        opportunityId: ids.oppId,
        partnerId,
        action: ACTIONS[i % 3]!,
        channel: CHANNELS[(i + p) % 3]!,
        occurredAt: new Date(Date.UTC(2026, 1, 1 + Math.floor(i / 3))),
        proof: 'notes',
        owner: 'pm',
        deletedAt: i === 5 ? new Date('2026-03-01T00:00:00Z') : null,
      })),
    ),
  ));
  // A second full run makes the first run's credit history.
  await startRun(db, { ruleVersionId: versionId, kind: 'full', triggeredBy: 'test' });
  key = (await createApiKey(db.prisma, { role: 'admin', name: 'pages', actor: 'test' })).key;
  server = await createServer(db, { nodeEnv: 'test', port: 0 });
});
afterAll(async () => {
  await server?.close(1000);
  await db?.close();
});

const TOUCHES = `query($first: Int, $after: String, $last: Int, $before: String, $channel: String, $from: DateTime) {
  partners(first: 10, orderBy: [{ field: KEY }]) { nodes { key
    touchpoints(first: $first, after: $after, last: $last, before: $before, channel: $channel, occurredAt: { from: $from }) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { externalId }
    } } } }`;

const ALLOCATIONS = `query($first: Int, $after: String, $history: Boolean, $lane: Lane) {
  partners(first: 10, orderBy: [{ field: KEY }]) { nodes { key
    allocations(first: $first, after: $after, includeHistory: $history, lane: $lane) {
      totalCount pageInfo { hasNextPage endCursor } nodes { lane isCurrent amount }
    } } } }`;

type Vars = Record<string, unknown>;

/** Pages forwards through one partner's connection, 4 at a time. */
async function pageForward(query: string, field: string, partnerKey: string, vars: Vars, pick: (n: any) => string) {
  const seen: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let guard = 0; guard < 20; guard++) {
    const data = await gql(query, { ...vars, first: 4, after });
    const conn = data.partners.nodes.find((p: any) => p.key === partnerKey)[field];
    totalCount = conn.totalCount;
    seen.push(...conn.nodes.map(pick));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return { seen, totalCount };
}

async function expectedTouches(partnerKey: string, where: Record<string, unknown> = {}) {
  const rows = await db.prisma.touchpoint.findMany({
    where: { partner: { key: partnerKey }, deletedAt: null, ...where },
    orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
  });
  return rows.map((r) => r.externalId);
}

describeDatabase('partner connections: bounded pages batched over partners', () => {
  it("pages forwards through every partner's touchpoints in order, with filters", async () => {
    for (const partnerKey of ['acme', 'globex']) {
      const all = await pageForward(TOUCHES, 'touchpoints', partnerKey, {}, (n) => n.externalId);
      const expected = await expectedTouches(partnerKey);
      expect(expected.length).toBeGreaterThan(8);
      expect(all.seen).toEqual(expected);
      expect(all.totalCount).toBe(expected.length);

      const coSell = await pageForward(
        TOUCHES,
        'touchpoints',
        partnerKey,
        { channel: 'co_sell', from: '2026-02-02T00:00:00Z' },
        (n) => n.externalId,
      );
      const expectedCoSell = await expectedTouches(partnerKey, {
        channel: 'co_sell',
        occurredAt: { gte: new Date('2026-02-02T00:00:00Z') },
      });
      expect(coSell.seen).toEqual(expectedCoSell);
      expect(coSell.totalCount).toBe(expectedCoSell.length);
    }
  });

  it('pages backwards with last/before', async () => {
    const expected = await expectedTouches('acme');
    const seen: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const data = await gql(TOUCHES, { last: 5, before });
      const conn = data.partners.nodes.find((p: any) => p.key === 'acme').touchpoints;
      seen.unshift(...conn.nodes.map((n: any) => n.externalId));
      if (!conn.pageInfo.hasPreviousPage) break;
      before = conn.pageInfo.startCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('pages through current credit, history and one lane', async () => {
    for (const partnerKey of ['acme', 'globex']) {
      const current = await db.prisma.creditAllocation.count({ where: { partner: { key: partnerKey }, isCurrent: true } });
      const history = await db.prisma.creditAllocation.count({ where: { partner: { key: partnerKey } } });
      const influence = await db.prisma.creditAllocation.count({
        where: { partner: { key: partnerKey }, isCurrent: true, lane: 'influence' },
      });
      expect(history).toBeGreaterThan(current);
      const pick = (n: any) => `${n.lane}:${n.isCurrent}:${n.amount}`;
      const c = await pageForward(ALLOCATIONS, 'allocations', partnerKey, {}, pick);
      expect([c.seen.length, c.totalCount]).toEqual([current, current]);
      expect(c.seen.every((s) => s.includes(':true:'))).toBe(true);
      const h = await pageForward(ALLOCATIONS, 'allocations', partnerKey, { history: true }, pick);
      expect([h.seen.length, h.totalCount]).toEqual([history, history]);
      const l = await pageForward(ALLOCATIONS, 'allocations', partnerKey, { lane: 'influence' }, pick);
      expect([l.seen.length, l.totalCount]).toEqual([influence, influence]);
      expect(l.seen.every((s) => s.startsWith('influence:'))).toBe(true);
    }
  });

  it("pages through a run's allocations and a version's runs", async () => {
    const RUN = `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on AttributionRun {
      allocations(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const runs = await db.prisma.attributionRun.findMany({
      where: { ruleVersionId: versionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    expect(runs.length).toBe(2);
    for (const run of runs) {
      const expected = (
        await db.prisma.creditAllocation.findMany({ where: { runId: run.id }, orderBy: [{ opportunityId: 'asc' }, { id: 'asc' }] })
      ).map((a) => encodeGlobalID('CreditAllocation', a.id));
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const conn: any = (await gql(RUN, { id: encodeGlobalID('AttributionRun', run.id), first: 2, after })).node.allocations;
        expect(conn.totalCount).toBe(expected.length);
        seen.push(...conn.nodes.map((n: any) => n.id));
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
    const VERSION = `query($id: ID!, $after: String) { node(id: $id) { ... on RuleVersion {
      runs(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`;
    const first: any = (await gql(VERSION, { id: encodeGlobalID('RuleVersion', versionId), after: null })).node.runs;
    const second: any = (await gql(VERSION, { id: encodeGlobalID('RuleVersion', versionId), after: first.pageInfo.endCursor })).node.runs;
    expect([first.totalCount, first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([2, true, false]);
    expect([...first.nodes, ...second.nodes].map((n: any) => n.id)).toEqual(runs.map((r) => encodeGlobalID('AttributionRun', r.id)));
  });
});
