// The project's migrator: applies prisma/migrations/<name>/migration.sql in
// name order, each in its own transaction, and records them in Prisma's
// `_prisma_migrations` table exactly as `prisma migrate deploy` does (same
// columns, sha256 checksum of the file bytes, finished_at, applied_steps_count),
// so either tool sees the other's work as applied.
//
// Why our own: Prisma's schema engine cannot be downloaded on this project's
// machines and CI, and it does not run on PGlite. See ARCHITECTURE.md.
//
// Guarantees:
//   * A migration is applied completely or not at all (transactional DDL).
//     Therefore migration files must not use statements that cannot run in a
//     transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE used in
//     the same file, VACUUM).
//   * Applied migrations are immutable: a changed file is refused
//     (MigrationChecksumError) before anything is applied.
//   * Two processes starting at once on PostgreSQL are safe: the whole run
//     holds the session advisory lock Prisma itself uses (72707369).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql.js';

/** prisma/migrations of this checkout. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** The advisory lock key Prisma Migrate uses, so our migrator and Prisma's exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface MigrateOptions {
  migrationsDir?: string;
  /** Progress lines ("Applying …"); default: silent. */
  log?: (line: string) => void;
}

export interface MigrateResult {
  /** Migrations applied by this run, in order. */
  applied: string[];
  /** Migrations that were already applied before this run. */
  alreadyApplied: string[];
}

interface MigrationFile {
  name: string;
  path: string;
  sql: string;
  /** sha256 hex of the file's bytes — what Prisma stores in `checksum`. */
  checksum: string;
}

type MigrationState =
  | 'applied' // recorded, finished, file unchanged
  | 'pending' // on disk, not applied
  | 'changed' // applied, but the file on disk differs (checksum)
  | 'missing' // applied in the database, no longer on disk
  | 'failed'; // recorded as started but never finished (by Prisma or an interrupted tool)

export interface MigrationStatusEntry {
  name: string;
  state: MigrationState;
  appliedAt: Date | null;
  checksumOnDisk: string | null;
  checksumApplied: string | null;
}

/** Base class of the migrator's errors; each message says what to do next. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export class MigrationChecksumError extends MigrationError {
  constructor(
    readonly migration: string,
    readonly checksumApplied: string,
    readonly checksumOnDisk: string,
    migrationsDir: string,
  ) {
    super(
      `migration ${migration} was modified after it was applied to this database ` +
        `(checksum applied ${checksumApplied.slice(0, 12)}…, on disk ${checksumOnDisk.slice(0, 12)}…). ` +
        `Applied migrations must never change: restore ${join(migrationsDir, migration, 'migration.sql')} ` +
        `from version control (git checkout -- <file>) and put your change in a new migration directory. ` +
        `Nothing was applied.`,
    );
    this.name = 'MigrationChecksumError';
  }
}

export class MigrationMissingError extends MigrationError {
  constructor(
    readonly migrations: string[],
    migrationsDir: string,
  ) {
    super(
      `the database has migration(s) ${migrations.join(', ')} applied that are not in ${migrationsDir}. ` +
        `This code is probably older than the database: update your checkout (git pull), or point ` +
        `DATABASE_URL / ATTRIB_DATA_DIR at the database that belongs to this code. Nothing was applied.`,
    );
    this.name = 'MigrationMissingError';
  }
}

export class MigrationFailedRecordError extends MigrationError {
  constructor(
    readonly migration: string,
    logs: string | null,
  ) {
    super(
      `migration ${migration} is recorded as started but not finished in _prisma_migrations` +
        (logs ? ` (logs: ${logs.split('\n')[0]})` : '') +
        `. It was probably run by another tool that failed part-way. Inspect the database and repair it by hand, ` +
        `then mark the attempt rolled back (\`prisma migrate resolve --rolled-back ${migration}\`, or ` +
        `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${migration}' AND finished_at IS NULL) ` +
        `and run \`npm run db:migrate\` again. Nothing was applied.`,
    );
    this.name = 'MigrationFailedRecordError';
  }
}

export class MigrationApplyError extends MigrationError {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    const detail = describeDbError(cause);
    super(
      `migration ${migration} failed and was rolled back: ${detail}. ` +
        `Fix prisma/migrations/${migration}/migration.sql (it has not been applied, so it may still be edited) ` +
        `and run \`npm run db:migrate\` again.`,
      { cause },
    );
    this.name = 'MigrationApplyError';
  }
}

function describeDbError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: string; position?: string; detail?: string; hint?: string };
  const parts = [e.message];
  if (e.code) parts.push(`SQLSTATE ${e.code}`);
  if (e.detail) parts.push(e.detail);
  if (e.hint) parts.push(`hint: ${e.hint}`);
  return parts.join('; ');
}

const NAME_PATTERN = /^[0-9]{14}_[a-z0-9_]+$/;

/** Reads the migration directories in name order. */
export function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError(`migrations directory ${migrationsDir} does not exist. Run from the project root or pass --migrations-dir.`);
  }
  const names = readdirSync(migrationsDir)
    .filter((name) => statSync(join(migrationsDir, name)).isDirectory())
    .sort();
  return names.map((name) => {
    if (!NAME_PATTERN.test(name)) {
      throw new MigrationError(
        `migration directory "${name}" in ${migrationsDir} is not named <14-digit timestamp>_<lowercase_name>, e.g. 20260101120000_add_partner_region. Rename it.`,
      );
    }
    const path = join(migrationsDir, name, 'migration.sql');
    if (!existsSync(path)) {
      throw new MigrationError(
        `migration directory ${join(migrationsDir, name)} has no migration.sql. Add the file or remove the directory.`,
      );
    }
    const bytes = readFileSync(path);
    return { name, path, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
  });
}

interface AppliedRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

// Prisma Migrate's own DDL for its bookkeeping table.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function ensureMigrationsTable(sql: SqlClient): Promise<void> {
  const [row] = await sql.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (!row?.exists) await sql.exec(CREATE_MIGRATIONS_TABLE);
}

async function readApplied(sql: SqlClient): Promise<AppliedRow[]> {
  const [row] = await sql.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (!row?.exists) return [];
  // Rows rolled back (by `prisma migrate resolve --rolled-back`) do not count, as in Prisma.
  return sql.query<AppliedRow>(
    `SELECT "id", "migration_name", "checksum", "finished_at", "rolled_back_at", "started_at", "logs"
       FROM "_prisma_migrations"
      WHERE "rolled_back_at" IS NULL
      ORDER BY "started_at", "migration_name"`,
  );
}

/** Compares disk and database without changing anything. */
function compare(files: MigrationFile[], applied: AppliedRow[]): MigrationStatusEntry[] {
  const byName = new Map<string, AppliedRow>();
  for (const row of applied) {
    // Prefer a finished row if a name appears more than once (a failed attempt, then a success).
    const prev = byName.get(row.migration_name);
    if (!prev || (prev.finished_at === null && row.finished_at !== null)) byName.set(row.migration_name, row);
  }
  const entries: MigrationStatusEntry[] = files.map((file) => {
    const row = byName.get(file.name);
    if (!row) return { name: file.name, state: 'pending', appliedAt: null, checksumOnDisk: file.checksum, checksumApplied: null };
    const state: MigrationState = row.finished_at === null ? 'failed' : row.checksum !== file.checksum ? 'changed' : 'applied';
    return { name: file.name, state, appliedAt: row.finished_at, checksumOnDisk: file.checksum, checksumApplied: row.checksum };
  });
  const onDisk = new Set(files.map((f) => f.name));
  for (const [name, row] of byName) {
    if (onDisk.has(name)) continue;
    entries.push({
      name,
      state: row.finished_at === null ? 'failed' : 'missing',
      appliedAt: row.finished_at,
      checksumOnDisk: null,
      checksumApplied: row.checksum,
    });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Reports every migration's state (applied, pending, changed, missing, failed). Read-only. */
export async function migrationStatus(
  target: SqlClient | { sql: SqlClient },
  opts: Pick<MigrateOptions, 'migrationsDir'> = {},
): Promise<MigrationStatusEntry[]> {
  const sql = 'sql' in target ? target.sql : target;
  return compare(readMigrations(opts.migrationsDir), await readApplied(sql));
}

function refuseInconsistencies(entries: MigrationStatusEntry[], migrationsDir: string): void {
  const failed = entries.find((e) => e.state === 'failed');
  if (failed) throw new MigrationFailedRecordError(failed.name, null);
  const changed = entries.find((e) => e.state === 'changed');
  if (changed) throw new MigrationChecksumError(changed.name, changed.checksumApplied!, changed.checksumOnDisk!, migrationsDir);
  const missing = entries.filter((e) => e.state === 'missing').map((e) => e.name);
  if (missing.length > 0) throw new MigrationMissingError(missing, migrationsDir);
}

/**
 * Applies all pending migrations. Refuses (before applying anything) when an
 * applied migration changed, is missing on disk, or is recorded as failed.
 */
export function migrate(target: SqlClient | { sql: SqlClient }, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const sql = 'sql' in target ? target.sql : target;
  // Calls on the same client in one process run one after the other. (Across
  // processes the advisory lock does this; but on PGlite every call shares one
  // session, and session advisory locks are re-entrant, so it cannot.)
  const previous = inProcessRuns.get(sql) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => migrateExclusive(sql, opts));
  inProcessRuns.set(sql, run);
  return run;
}

const inProcessRuns = new WeakMap<SqlClient, Promise<unknown>>();

async function migrateExclusive(sql: SqlClient, opts: MigrateOptions): Promise<MigrateResult> {
  const migrationsDir = opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const log = opts.log ?? (() => undefined);
  const files = readMigrations(migrationsDir);

  return sql.session(async (session) => {
    // Held for the whole run: a second process waits here, then finds the
    // migrations applied. Session-level, so it spans the per-migration transactions.
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    let failure: { err: unknown } | undefined;
    try {
      await ensureMigrationsTable(session);
      const applied = await readApplied(session);
      const failedRow = applied.find((r) => r.finished_at === null);
      if (failedRow) throw new MigrationFailedRecordError(failedRow.migration_name, failedRow.logs);
      const entries = compare(files, applied);
      refuseInconsistencies(entries, migrationsDir);

      const result: MigrateResult = {
        applied: [],
        alreadyApplied: entries.filter((e) => e.state === 'applied').map((e) => e.name),
      };
      const pending = files.filter((f) => entries.some((e) => e.name === f.name && e.state === 'pending'));
      for (const file of pending) {
        const started = Date.now();
        log(`Applying migration ${file.name} …`);
        try {
          await session.transaction(async (tx) => {
            const id = randomUUID();
            await tx.query(
              `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
               VALUES ($1, $2, $3, now(), 0)`,
              [id, file.checksum, file.name],
            );
            await tx.exec(file.sql);
            await tx.query(`UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`, [
              id,
            ]);
          });
        } catch (err) {
          throw new MigrationApplyError(file.name, err);
        }
        log(`Applied migration ${file.name} (${Date.now() - started} ms)`);
        result.applied.push(file.name);
      }
      if (pending.length === 0) log(`Database is up to date (${result.alreadyApplied.length} migrations applied).`);
      return result;
    } catch (err) {
      failure = { err };
      throw err;
    } finally {
      await releaseLock(session, failure?.err);
    }
  });
}

/**
 * Releases the advisory lock (idempotent: unlocking twice only returns false).
 * If that fails the connection may still hold the lock, so the error is tagged
 * for the pool to discard the connection instead of reusing it.
 */
async function releaseLock(session: SqlClient, pending: unknown): Promise<void> {
  try {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  } catch (unlockErr) {
    const carrier = pending ?? unlockErr;
    if (carrier !== null && typeof carrier === 'object') Object.assign(carrier, { attribBrokenConnection: true });
    if (pending === undefined) throw unlockErr;
    // Otherwise the original error propagates, carrying the tag.
  }
}
