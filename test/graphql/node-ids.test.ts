// node(id:) with ids that decode but name nothing: a typed BAD_USER_INPUT
// error (or null for an unknown UUID), never a database error behind the mask.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/store.js';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let server: RunningServer;
let key: string;

beforeAll(async () => {
  db = await createTestDatabase();
  key = (await createApiKey(db.prisma, { role: 'admin', name: 'ids', actor: 'test' })).key;
  server = await createServer(db, { nodeEnv: 'production', port: 0 });
});
afterAll(async () => {
  await server?.close(1000);
  await db?.close();
});

async function node(id: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { __typename id } }', variables: { id } }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: { node: unknown }; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

describeDatabase('node ids that name nothing', () => {
  it('refuses a global id around a non-UUID with BAD_USER_INPUT', async () => {
    for (const id of [encodeGlobalID('Partner', '1'), encodeGlobalID('CreditAllocation', "x'; --")]) {
      const r = await node(id);
      expect(r.status).toBe(200);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.body.errors?.[0]?.message).toContain('does not name anything');
    }
  });

  it('answers null for a well-formed id of a record that does not exist', async () => {
    const r = await node(encodeGlobalID('Partner', '00000000-0000-4000-8000-000000000000'));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data?.node).toBeNull();
  });
});
