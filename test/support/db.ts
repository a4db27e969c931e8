// Test databases for every database test in the project.
//
//   const db = await createTestDatabase();   // migrated, empty
//   … db.prisma / db.sql …
//   await db.close();
//
// Backend: in-memory PGlite by default. When TEST_DATABASE_URL is set
// (CI sets it after starting PostgreSQL), each call CREATEs a fresh, uniquely
// named database on that server, migrates it, and DROPs it in close(). So the
// same test file runs on both backends; use `backendLabel` in describe() names
// so reports say which one ran.
import { DEFAULT_TAXONOMY } from '../../src/domain/taxonomy.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { DEFAULT_MIGRATIONS_DIR, migrate } from '../../src/db/migrator.js';
import { pgliteTemplate } from './pglite-template.js';

export interface TestDatabase extends Database {
  /** 'pglite' (in-memory) or 'postgres' (TEST_DATABASE_URL). */
  kind: Database['kind'];
  /** Name of the throw-away PostgreSQL database; undefined on PGlite. */
  databaseName: string | undefined;
  /** URL of the throw-away PostgreSQL database (e.g. to spawn a CLI against it); undefined on PGlite. */
  databaseUrl: string | undefined;
}

export interface CreateTestDatabaseOptions {
  /** Apply the migrations (default true). Pass false to test the migrator itself. */
  migrate?: boolean;
  /** Migrations directory (default prisma/migrations). */
  migrationsDir?: string;
}

/** The server URL tests use for PostgreSQL, or undefined for PGlite. */
export function testDatabaseServerUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? url : undefined;
}

/** Which backend createTestDatabase() uses in this process. */
export const testBackend: 'pglite' | 'postgres' = testDatabaseServerUrl() ? 'postgres' : 'pglite';

/** "[pglite]" / "[postgres]" — append to describe() names. */
export const backendLabel = `[${testBackend}]`;

/** describe() with the backend in its name: `describeDatabase('import', () => …)`. */
export { describeDatabase, describePostgresOnly } from './describe-database.js';

function urlWithDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'attrib-tests' });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `TEST_DATABASE_URL=${redact(serverUrl)} is not reachable (${(err as Error).message}). ` +
        'Start PostgreSQL (see .ci/run) or unset TEST_DATABASE_URL to run the tests on in-memory PGlite.',
      { cause: err },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Creates an empty (by default migrated) database for one test file or test. */
export async function createTestDatabase(opts: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrate = opts.migrate ?? true;
  const migrateOptions = opts.migrationsDir ? { migrationsDir: opts.migrationsDir } : undefined;
  const serverUrl = testDatabaseServerUrl();
  if (!serverUrl) {
    // Loaded from a cached dump of an already-migrated database (see pglite-template.ts).
    const template = await pgliteTemplate(migrate ? (opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR) : null);
    const db = await openDatabase({ memory: true, pgliteLoadDataDir: template });
    return Object.assign(db, { databaseName: undefined, databaseUrl: undefined });
  }

  const databaseName = `attrib_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE "${databaseName}"`));
  const databaseUrl = urlWithDatabase(serverUrl, databaseName);
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl, migrate, migrateOptions, poolSize: 4 });
  } catch (err) {
    await dropDatabase(serverUrl, databaseName);
    throw err;
  }
  const closeInner = db.close.bind(db);
  let closed = false;
  return Object.assign(db, {
    databaseName,
    databaseUrl,
    async close() {
      if (closed) return;
      closed = true;
      await closeInner();
      await dropDatabase(serverUrl, databaseName);
    },
  });
}

async function dropDatabase(serverUrl: string, databaseName: string): Promise<void> {
  // WITH (FORCE) ends sessions a test left open (e.g. a spawned CLI), PostgreSQL 13+.
  await withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
}

/**
 * Empties the database completely — drops and recreates the current schema
 * (tables, enums, functions, `_prisma_migrations`) — and migrates it again
 * unless `migrate: false`. Much faster than a new database; use it in
 * beforeEach when tests need a pristine schema.
 */
export async function resetDatabase(db: Database, opts: CreateTestDatabaseOptions = {}): Promise<void> {
  await db.sql.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  if (opts.migrate ?? true) await migrate(db.sql, opts.migrationsDir ? { migrationsDir: opts.migrationsDir } : {});
}

/**
 * Deletes all rows of all application tables (keeps the schema and the
 * migration history). The usual beforeEach for tests that share one database.
 */
export async function truncateAllTables(db: Database): Promise<void> {
  const tables = await db.sql.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length > 0) await db.sql.exec(`TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`);
  // The taxonomy is reference data every new database starts with: put the defaults back.
  for (const e of DEFAULT_TAXONOMY) {
    await db.sql.query('INSERT INTO taxonomy_entry (kind, key, label, outcome, position) VALUES ($1, $2, $3, $4, $5)', [
      e.kind,
      e.key,
      e.label,
      e.outcome,
      e.position,
    ]);
  }
}
