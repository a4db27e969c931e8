// A running platform for the server benchmarks: a migrated database (in-memory
// PGlite, or the scratch PostgreSQL database), a seeded dataset, dsl/two_lane.attr
// published and run, an admin API key, and the real HTTP server on loopback.
import { readFileSync } from 'node:fs';
import { createApiKey } from '../../src/auth/store.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { startRun } from '../../src/engine/run.js';
import { publishRuleVersion, saveDraft } from '../../src/rules/lifecycle.js';
import { resetDomainTables, seedDatabase } from '../../src/seed/seed.js';
import { createServer, type RunningServer } from '../../src/server/app.js';
import { postGraphQL, type GqlResponse } from './gql-client.js';
import { requireFile } from './optional.js';

export const RULE_FILE = 'dsl/two_lane.attr';
export const AS_OF = '2026-09-30T23:59:59.000Z';

/** Publishes dsl/two_lane.attr under a fresh rule-set key (scratch databases keep old published versions). */
export async function publishTwoLane(db: Database): Promise<{ ruleVersionId: string; ruleSetKey: string }> {
  const source = readFileSync(requireFile(RULE_FILE), 'utf8');
  const ruleSetKey = `bench_${Date.now().toString(36)}`;
  const renamed = source.replace(/^(\s*ruleset\s+)[A-Za-z_][A-Za-z0-9_]*/m, `$1${ruleSetKey}`);
  const draft = await saveDraft(db, { ruleSetKey, source: renamed, author: 'bench', file: RULE_FILE, createRuleSet: true });
  const published = await publishRuleVersion(db, { ruleVersionId: draft.ruleVersion.id, actor: 'bench' });
  return { ruleVersionId: published.ruleVersion.id, ruleSetKey };
}

/** Empties a scratch database (domain data, runs, allocations, drafts). */
export async function resetScratch(db: Database): Promise<void> {
  await resetDomainTables(db, 'bench');
  await db.sql.exec(`DELETE FROM credit_allocation; DELETE FROM attribution_run; DELETE FROM rule_version WHERE status = 'draft';`);
}

export interface Platform {
  db: Database;
  server: RunningServer;
  url: string;
  key: string;
  ruleVersionId: string;
  ruleSetKey: string;
  /** POSTs to this platform's server, or to `url` (another server over the same database). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, url?: string): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export async function startPlatform(opts: {
  postgresUrl?: string;
  opportunities: number;
  touchpointsPerOpportunity: number;
}): Promise<Platform> {
  const db = await openDatabase(opts.postgresUrl ? { databaseUrl: opts.postgresUrl, migrate: true } : { memory: true, migrate: true });
  try {
    if (opts.postgresUrl) await resetScratch(db);
    await seedDatabase(db, {
      opportunities: opts.opportunities,
      touchpointsPerOpportunity: opts.touchpointsPerOpportunity,
      actor: 'bench',
    });
    const { ruleVersionId, ruleSetKey } = await publishTwoLane(db);
    await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'bench', asOf: AS_OF });
    const { key } = await createApiKey(db.prisma, { role: 'admin', name: 'bench', actor: 'bench' });
    const server = await createServer(db, { nodeEnv: 'production', port: 0 });
    const gql: Platform['gql'] = (query, variables, url = server.url) => postGraphQL(url, key, query, variables);
    return {
      db,
      server,
      url: server.url,
      key,
      ruleVersionId,
      ruleSetKey,
      gql,
      async close() {
        await server.close(5_000);
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function platformDependencies(): Promise<void> {
  const { requireModule } = await import('./optional.js');
  await requireModule('src/server/app.ts', ['createServer']);
  await requireModule('src/auth/store.ts', ['createApiKey']);
  await requireModule('src/engine/run.ts', ['startRun']);
  await requireModule('src/seed/seed.ts', ['seedDatabase']);
  await requireModule('src/dsl/index.ts', ['compileRules']);
  requireFile(RULE_FILE);
}

const shared = new Map<string, Promise<Platform>>();

/**
 * One platform per backend and size for the whole bench process (the server
 * sections share it; starting a seeded server costs more than most
 * measurements). Closed by closeSharedPlatforms() at the end of the run.
 */
export function sharedPlatform(opts: {
  postgresUrl?: string;
  opportunities: number;
  touchpointsPerOpportunity: number;
}): Promise<Platform> {
  const key = `${opts.postgresUrl ?? 'pglite'}|${opts.opportunities}|${opts.touchpointsPerOpportunity}`;
  let p = shared.get(key);
  if (!p) {
    p = startPlatform(opts);
    shared.set(key, p);
  }
  return p;
}

export async function closeSharedPlatforms(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  for (const p of all) await (await p.catch(() => null))?.close();
}
