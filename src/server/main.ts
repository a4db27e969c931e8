// `npm start`: configuration → database (migrated) → demo data on first start
// → GraphQL server on PORT, with graceful shutdown on SIGINT/SIGTERM.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openDatabaseFromConfig, type Database } from '../db/client.js';
import { isDatabaseEmpty, seedDemo } from '../seed/seed.js';
import { publishDemoRules } from '../seed/demo-rules.js';
import { createApiKey } from '../auth/store.js';
import { createServer, type RunningServer } from './app.js';
import type { ApiLimits } from '../graphql/context.js';
import { JobQueue } from '../jobs/queue.js';
import { startPartitionWorker } from '../jobs/partition-worker.js';

const log = (line: string) => console.error(`attrib: ${line}`);

async function ensureDemoAdminKey(db: Database, config: Config): Promise<void> {
  if (config.nodeEnv === 'production') return;
  if ((await db.prisma.apiKey.count()) > 0) return;
  const { key } = await createApiKey(db.prisma, { role: 'admin', name: 'demo admin (development)', actor: 'system:server' });
  log('created a demo admin API key (development only; shown once):');
  console.log(`\n  Authorization: Bearer ${key}\n`);
  log('create more with `attrib keys create --role analyst` (roles: admin, governance, integrator, analyst, partner).');
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      log(err.message);
      return 1;
    }
    throw err;
  }
  let db: Database;
  try {
    db = await openDatabaseFromConfig(config, { migrate: true });
  } catch (err) {
    log((err as Error).message);
    return 1;
  }
  log(`database: ${db.location}${db.migrations ? ` (${JSON.stringify(db.migrations).slice(0, 120)})` : ''}`);
  if (await isDatabaseEmpty(db)) {
    log('empty database: loading the demo dataset (once)…');
    const summary = await seedDemo(db, { progress: true });
    log(`demo data loaded: ${summary.rows} rows in ${Math.round(summary.elapsedMs)} ms`);
    log('publishing the demo rule sets (dsl/two_lane.attr, dsl/ecosystem_channels.attr) and attributing the demo data…');
    const rules = await publishDemoRules(db, { progress: true, actor: 'system:server' });
    for (const r of rules.ruleSets)
      log(`${r.key} v${r.version}: ${r.opportunities} opportunities attributed, ${r.allocations} allocations`);
  }
  await ensureDemoAdminKey(db, config);

  let runQueue: JobQueue | undefined;
  if (config.runExecution === 'jobs') {
    if (db.kind !== 'postgres' || !db.url) {
      log(
        'ATTRIB_RUN_EXECUTION=jobs needs PostgreSQL (DATABASE_URL): the embedded database runs every run in this process; unset ATTRIB_RUN_EXECUTION',
      );
      await db.close();
      return 1;
    }
    runQueue = await JobQueue.open(db.url);
    // The one-machine setup: this process takes partitions too; `attrib worker`s elsewhere add capacity.
    await startPartitionWorker(db, runQueue, { concurrency: 1, log });
    log('runs execute as partition jobs (pg-boss); this server takes them too — add capacity with `attrib worker`');
  }

  let server: RunningServer;
  try {
    server = await createServer(db, config, { host: '0.0.0.0', log, limits: serverLimits(config), ...(runQueue ? { runQueue } : {}) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    log(e.code === 'EADDRINUSE' ? `port ${config.port} is already in use: stop the other process or set PORT to a free port` : e.message);
    await runQueue?.stop();
    await db.close();
    return 1;
  }
  const url = server.url;
  log(`GraphQL API on ${url} (GraphiQL: open it in a browser${config.nodeEnv === 'production' ? ' — disabled in production' : ''})`);
  log(`web app on ${url.replace(/\/graphql$/, '/app')} (sign in with an API key)`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        log('second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      log(`${signal}: finishing in-flight work, then stopping…`);
      void server
        .close(30_000)
        .then(() => runQueue?.stop())
        .then(() => db.close())
        .then(resolve, (err: unknown) => {
          log(String(err));
          resolve();
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  log('stopped.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);

/** The API limits set in the environment; unset ones keep their defaults (DEFAULT_LIMITS). */
function serverLimits(config: Config): Partial<ApiLimits> {
  const set = Object.entries({ ingestConcurrency: config.ingestConcurrency, ...config.limits }).filter(([, v]) => v !== undefined);
  return Object.fromEntries(set) as Partial<ApiLimits>;
}
