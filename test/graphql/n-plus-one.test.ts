// Nested connections resolve without N+1: the number of SQL statements for a
// nested query is bounded and does not grow with the number of parents.
// Statements are counted on the real in-process PGlite connection the server uses.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { pgliteSqlClient } from '../../src/db/sql.js';
import { migrate } from '../../src/db/migrator.js';
import type { Database } from '../../src/db/client.js';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { createApiKey } from '../../src/auth/store.js';
import { upsertAccount, upsertOpportunity, upsertPartner, ingestTouchpoints } from '../../src/ingest/index.js';

const NESTED = /* GraphQL */ `
  query Nested($first: Int!) {
    partners(first: $first, orderBy: [{ field: KEY }]) {
      totalCount
      nodes {
        key
        touchpoints(first: 10) {
          totalCount
          nodes { externalId opportunity { key account { name } } partner { key } }
        }
        allocations(first: 5) { totalCount nodes { amount } }
      }
    }
  }`;

describe('nested connections without N+1 (PGlite statement counter)', () => {
  let pglite: PGlite;
  let db: Database;
  let server: RunningServer;
  let key: string;
  let statements = 0;

  beforeAll(async () => {
    pglite = await PGlite.create();
    const originalQuery = pglite.query.bind(pglite);
    const originalExec = pglite.exec.bind(pglite);
    (pglite as { query: typeof pglite.query }).query = ((...args: Parameters<typeof pglite.query>) => {
      statements++;
      return originalQuery(...args);
    }) as typeof pglite.query;
    (pglite as { exec: typeof pglite.exec }).exec = ((...args: Parameters<typeof pglite.exec>) => {
      statements++;
      return originalExec(...args);
    }) as typeof pglite.exec;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    db = {
      prisma,
      kind: 'pglite',
      sql: pgliteSqlClient(pglite),
      location: 'memory',
      migrations: undefined,
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
    await migrate(db.sql);
    const actor = 'test';
    await upsertAccount(db.prisma, { key: 'A', name: 'Account A' }, actor);
    await upsertOpportunity(
      db.prisma,
      {
        key: 'O',
        accountKey: 'A',
        name: 'Deal',
        type: 'new_business',
        amount: '100.00',
        stage: 'proposal',
        createdAt: '2026-01-01T00:00:00Z',
      },
      actor,
    );
    for (let p = 0; p < 12; p++) {
      const partnerKey = `P-${String(p).padStart(2, '0')}`;
      await upsertPartner(db.prisma, { key: partnerKey, name: `Partner ${p}`, type: 'reseller' }, actor);
      await ingestTouchpoints(
        db,
        Array.from({ length: 3 }, (_, i) => ({
          source: 'crm',
          externalId: `${partnerKey}-${i}`,
          partnerKey,
          opportunityKey: 'O',
          action: 'joint_discovery',
          channel: 'co_sell',
          occurredAt: '2026-01-05T00:00:00Z',
        })),
        { actor },
      );
    }
    key = (await createApiKey(db.prisma, { role: 'analyst', actor })).key;
    server = await createServer(db, { nodeEnv: 'test', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  async function countFor(first: number): Promise<{ count: number; partners: number; touchpoints: number }> {
    // Warm-up request so one-off work (auth bookkeeping) is not counted.
    await query(1);
    statements = 0;
    const body = await query(first);
    const nodes = body.data.partners.nodes as Array<{ touchpoints: { nodes: unknown[] } }>;
    return { count: statements, partners: nodes.length, touchpoints: nodes.reduce((n, p) => n + p.touchpoints.nodes.length, 0) };
  }

  async function query(first: number): Promise<any> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: NESTED, variables: { first } }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body;
  }

  it('issues the same, small number of statements for 2 and for 12 partners', async () => {
    const small = await countFor(2);
    const large = await countFor(12);
    expect(small.partners).toBe(2);
    expect(large.partners).toBe(12);
    expect(large.touchpoints).toBe(36);
    expect(small.count, 'the counter sees the statements').toBeGreaterThan(0);
    expect(large.count, `statements for 12 partners (${large.count}) vs 2 partners (${small.count})`).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(12);
  });
});
