// Test harness: a real server on a free port over a fresh test database, with
// one API key per role and a small reference dataset. Requests go over HTTP.
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createServer, type AppOptions, type RunningServer } from '../../src/server/app.js';
import { createApiKey } from '../../src/auth/store.js';
import { upsertAccount, upsertOpportunity, upsertPartner } from '../../src/ingest/index.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Keys {
  admin: string;
  governance: string;
  integrator: string;
  analyst: string;
  /** Partner key of partner P-ACME. */
  partnerAcme: string;
  /** Partner key of partner P-GLOBEX. */
  partnerGlobex: string;
}

export interface TestServer {
  db: TestDatabase;
  server: RunningServer;
  url: string;
  keys: Keys;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>>;
  /** Another server over the same database (e.g. with other limits); closed by close(). */
  extraServer(options: AppOptions & { nodeEnv?: 'development' | 'test' | 'production' }): Promise<{ url: string; gql: TestServer['gql'] }>;
  close(): Promise<void>;
}

async function post<T>(url: string, query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, ...body };
}

export async function startTestServer(
  options: AppOptions & { nodeEnv?: 'development' | 'test' | 'production'; reference?: boolean } = {},
): Promise<TestServer> {
  const db = await createTestDatabase();
  const server = await createServer(db, { nodeEnv: options.nodeEnv ?? 'test', port: 0 }, options);
  const make = async (role: string, partnerKey?: string) =>
    (await createApiKey(db.prisma, { role, partnerKey, name: `test ${role}${partnerKey ? ` ${partnerKey}` : ''}`, actor: 'test' })).key;
  if (options.reference !== false) await createReference(db);
  const keys: Keys = {
    admin: await make('admin'),
    governance: await make('governance'),
    integrator: await make('integrator'),
    analyst: await make('analyst'),
    partnerAcme: await make('partner', 'P-ACME'),
    partnerGlobex: await make('partner', 'P-GLOBEX'),
  };
  const gql = <T>(query: string, variables?: Record<string, unknown>, key?: string | null) => post<T>(server.url, query, variables, key);
  const extras: RunningServer[] = [];
  return {
    db,
    server,
    url: server.url,
    keys,
    gql,
    async extraServer(opts) {
      const extra = await createServer(db, { nodeEnv: opts.nodeEnv ?? 'test', port: 0 }, opts);
      extras.push(extra);
      return {
        url: extra.url,
        gql: <T>(query: string, variables?: Record<string, unknown>, key?: string | null) => post<T>(extra.url, query, variables, key),
      };
    },
    async close() {
      for (const e of extras) await e.close();
      await server.close();
      await db.close();
    },
  };
}

/** Two partners, two accounts, three opportunities. */
export async function createReference(db: TestDatabase): Promise<void> {
  const actor = 'test:reference';
  await upsertPartner(db.prisma, { key: 'P-ACME', name: 'Acme Integrations', type: 'system_integrator', tier: 'gold' }, actor);
  await upsertPartner(db.prisma, { key: 'P-GLOBEX', name: 'Globex Resellers', type: 'reseller', tier: 'silver' }, actor);
  await upsertAccount(db.prisma, { key: 'A-1', name: 'Initech', domain: 'initech.example', segment: 'enterprise', region: 'emea' }, actor);
  await upsertAccount(db.prisma, { key: 'A-2', name: 'Umbrella', domain: 'umbrella.example', segment: 'mid_market', region: 'na' }, actor);
  await upsertOpportunity(
    db.prisma,
    {
      key: 'O-1',
      accountKey: 'A-1',
      name: 'Initech platform',
      type: 'new_business',
      amount: '120000.00',
      stage: 'closed_won',
      createdAt: '2026-01-10T00:00:00Z',
      closedAt: '2026-03-20T00:00:00Z',
    },
    actor,
  );
  await upsertOpportunity(
    db.prisma,
    {
      key: 'O-2',
      accountKey: 'A-2',
      name: 'Umbrella expansion',
      type: 'expansion',
      amount: '45000.50',
      stage: 'negotiation',
      createdAt: '2026-02-01T00:00:00Z',
    },
    actor,
  );
  await upsertOpportunity(
    db.prisma,
    {
      key: 'O-3',
      accountKey: 'A-1',
      name: 'Initech renewal',
      type: 'renewal',
      amount: '30000.00',
      stage: 'closed_lost',
      createdAt: '2026-01-15T00:00:00Z',
      closedAt: '2026-04-01T00:00:00Z',
    },
    actor,
  );
}

export function touchpoint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'crm',
    externalId: 'T-1',
    partnerKey: 'P-ACME',
    opportunityKey: 'O-1',
    action: 'referral',
    channel: 'referral',
    occurredAt: '2026-01-12T10:00:00Z',
    proof: 'https://crm.example/t/1',
    owner: 'sam@vendor.example',
    nextJointStep: 'joint discovery call',
    ...overrides,
  };
}
