// Databases for the fault tests: a fresh, migrated database per test file.
// PGlite (in memory, or in a temp data directory when a child process must
// reopen it) by default; when TEST_DATABASE_URL is set, a fresh PostgreSQL
// database created next to it (and dropped afterwards), so parallel test files
// never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/db/client.js';
import { DEFAULT_MIGRATIONS_DIR } from '../../../src/db/migrator.js';
import { createTestDatabase } from '../../support/db.js';
import { pgliteTemplate } from '../../support/pglite-template.js';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL || undefined;
export const BACKEND = POSTGRES_URL ? 'postgres' : 'pglite';

export interface FaultDatabase {
  db: Database;
  /** How a child process opens the same database: a URL, or a PGlite data dir. */
  location: { databaseUrl: string } | { dataDir: string } | { memory: true };
  /** Closes and deletes the database (drops it on PostgreSQL, removes the temp dir on PGlite). */
  dispose(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh migrated database. `persisted` puts PGlite in a temp directory (so
 * another process can open it after this one closes it); PostgreSQL is always
 * reachable from other processes.
 */
export async function openFaultDatabase(opts: { persisted?: boolean; label?: string } = {}): Promise<FaultDatabase> {
  if (POSTGRES_URL) {
    const name = `fault_${(opts.label ?? 'db').replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const databaseUrl = withDatabase(POSTGRES_URL, name);
    const db = await openDatabase({ databaseUrl, migrate: true });
    return {
      db,
      location: { databaseUrl },
      async dispose() {
        await db.close();
        const a = new pg.Client({ connectionString: POSTGRES_URL });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  if (opts.persisted) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `attrib-fault-${opts.label ?? 'db'}-`));
    // Start from the shared migrated template (initdb + migrations take ~10-30 s otherwise).
    const seeded = await PGlite.create({ dataDir, loadDataDir: await pgliteTemplate(DEFAULT_MIGRATIONS_DIR) });
    await seeded.close();
    const db = await openDatabase({ dataDir, migrate: true });
    return {
      db,
      location: { dataDir },
      async dispose() {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const db = await createTestDatabase();
  return {
    db,
    location: { memory: true },
    async dispose() {
      await db.close();
    },
  };
}
