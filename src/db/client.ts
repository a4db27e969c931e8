// Opens the application database: PostgreSQL when a URL is given, otherwise
// the embedded PGlite (persisted in a data directory, or in memory for tests).
// Both speak the same SQL and share one migration history (prisma/migrations).
//
// What is safe to do with a Database:
//   * `prisma` and `sql` talk to the same database. On PostgreSQL they share one
//     pg Pool; on PGlite they share the single in-process connection.
//   * Outside transactions, mix them freely and concurrently (Promise.all is
//     fine): PGlite serialises statements internally.
//   * Inside a transaction, use only the transaction's own handle — the `tx` of
//     `prisma.$transaction(async (tx) => …)` or the `sql` passed to
//     `db.sql.transaction(async (sql) => …)`. On PGlite a transaction holds the
//     one connection, so calling `db.prisma` / `db.sql` from inside it waits
//     for the transaction to finish: a deadlock. (On PostgreSQL it would run on
//     another connection, outside the transaction — also wrong.)
//   * A raw-SQL transaction and a Prisma transaction cannot be combined into one;
//     pick one API for each unit of work.
//   * Only one process may open a PGlite data directory at a time; for
//     several processes use PostgreSQL (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Config } from '../config.js';
import { redactDatabaseUrl } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
import { migrate, type MigrateOptions, type MigrateResult } from './migrator.js';
import { pgliteSqlClient, postgresSqlClient, type SqlClient } from './sql.js';

export type { SqlClient } from './sql.js';

type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  sql: SqlClient;
  /** Human-readable location (data directory, "memory" or the redacted URL) for logs. */
  location: string;
  /** PostgreSQL: the connection URL, for work that opens its own connections (the recompute thread). Never log it. */
  url?: string;
  /** What the migrator did when opened with `migrate: true`; undefined otherwise. */
  migrations: MigrateResult | undefined;
  /** Disconnects Prisma and closes the pool / PGlite. Safe to call twice. */
  close(): Promise<void>;
}

interface OpenDatabaseOptions {
  /** PostgreSQL URL. When set, PGlite options are ignored. */
  databaseUrl?: string;
  /** PGlite data directory (created if missing). Default ./data. */
  dataDir?: string;
  /** In-memory PGlite (nothing is persisted). */
  memory?: boolean;
  /** Apply pending migrations before returning. Default false. */
  migrate?: boolean;
  /** Passed to the migrator when `migrate` is true. */
  migrateOptions?: MigrateOptions;
  /** Max pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /**
   * PGlite only: start from a data-directory dump (PGlite's dumpDataDir()) instead
   * of running initdb — how the test helper makes fresh databases fast.
   */
  pgliteLoadDataDir?: Blob;
}

/** The database could not be reached or opened; the message says what to check. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.poolSize) : await openPGlite(opts);
  if (opts.migrate) {
    try {
      db.migrations = await migrate(db.sql, opts.migrateOptions);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}

/** Opens the database the configuration names (DATABASE_URL, else ATTRIB_DATA_DIR). */
export function openDatabaseFromConfig(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  opts: Omit<OpenDatabaseOptions, 'databaseUrl' | 'dataDir' | 'memory'> = {},
): Promise<Database> {
  return openDatabase({ ...opts, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

/**
 * Session settings of every PostgreSQL connection the platform opens.
 * `jit=off`: the planner's cost estimates of the report and run queries (CTEs
 * over current credit) cross PostgreSQL's JIT thresholds even on small data,
 * and compiling them with LLVM cost seconds per query where executing them
 * takes milliseconds (measured on the scorecard: 3.4 s with JIT, 0.96 s
 * without, 20k opportunities). These are short queries over indexed rows,
 * the workload JIT does not pay off for.
 */
const POSTGRES_SESSION_OPTIONS = '-c jit=off';

/**
 * Limits of every interactive transaction (`prisma.$transaction(async (tx) => …)`):
 * how long it may wait for a connection (`maxWait`) and run (`timeout`).
 * Prisma's defaults (2 s and 5 s) abort a correct write whenever the database
 * is busy for a few seconds — a large run's switch, a report scan on a small
 * machine — and the caller then has to retry work that would have committed.
 * A transaction that cannot finish still ends on PostgreSQL's own errors
 * (deadlock detection, lock and statement timeouts where configured).
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const location = redactDatabaseUrl(url);
  // JIT is off for the platform's own sessions (POSTGRES_SESSION_OPTIONS).
  // An `options` parameter in the URL still wins: node-postgres lets the
  // connection string override these settings.
  // Idle connections are kept for a minute (node-postgres closes them after
  // 10 s): a new backend starts with cold catalog and plan caches, and its
  // first ingestion batches cost the server about twice as much (measured:
  // after 10 s of quiet, 4 requests in flight cost PostgreSQL 50 ms per 1,000
  // touchpoints against 29 ms at 2).
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 60_000,
    application_name: 'attrib',
    options: POSTGRES_SESSION_OPTIONS,
  });
  // An idle pooled connection can die (server restart); without a listener
  // node-postgres would crash the process. The next query reconnects.
  pool.on('error', (err) => {
    console.error(`attrib: idle PostgreSQL connection to ${location} failed: ${err.message}`);
  });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseOpenError(
      `cannot connect to PostgreSQL at ${location}: ${(err as Error).message}. ` +
        'Check that the server is running and that DATABASE_URL (or --database-url) has the right host, port, database, user and password; ' +
        'unset DATABASE_URL to use the embedded database instead.',
      { cause: err },
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  let closed = false;
  return {
    prisma,
    kind: 'postgres',
    sql: postgresSqlClient(pool),
    location,
    url,
    migrations: undefined,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(opts: OpenDatabaseOptions): Promise<Database> {
  let pglite: PGlite;
  let location: string;
  let unlock = () => {};
  if (opts.memory) {
    location = 'memory';
    pglite = await PGlite.create(opts.pgliteLoadDataDir ? { loadDataDir: opts.pgliteLoadDataDir } : {});
  } else {
    const dir = resolve(opts.dataDir ?? './data');
    location = dir;
    try {
      mkdirSync(dir, { recursive: true });
      unlock = lockDataDir(dir);
    } catch (err) {
      if (err instanceof DataDirLockedError)
        throw new DatabaseOpenError(`cannot open the embedded database: ${err.message}`, { cause: err });
      throw new DatabaseOpenError(
        `cannot open the embedded database in ${dir}: ${(err as Error).message}. ` +
          'Check that the directory is writable, or set ATTRIB_DATA_DIR to another directory, or DATABASE_URL to use PostgreSQL.',
        { cause: err },
      );
    }
    try {
      pglite = await PGlite.create({ dataDir: dir });
    } catch (err) {
      unlock();
      throw new DatabaseOpenError(
        `cannot open the embedded database in ${dir}: ${(err as Error).message}. ` +
          'Check that the directory is writable and not used by another attrib process (PGlite allows one process per directory); ' +
          'set ATTRIB_DATA_DIR to another directory, or DATABASE_URL to use PostgreSQL.',
        { cause: err },
      );
    }
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions: TRANSACTION_OPTIONS });
  let closed = false;
  return {
    prisma,
    kind: 'pglite',
    sql: pgliteSqlClient(pglite),
    location,
    migrations: undefined,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
