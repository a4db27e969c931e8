import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  MigrationApplyError,
  MigrationChecksumError,
  MigrationFailedRecordError,
  MigrationMissingError,
  migrate,
  migrationStatus,
  readMigrations,
} from '../../src/db/migrator.js';
import { createTestDatabase, describeDatabase, resetDatabase, type TestDatabase } from '../support/db.js';
import { copyMigrations, type MigrationsFixture } from '../support/migrations-fixture.js';

let db: TestDatabase;
let fixture: MigrationsFixture;

// One database for the file; every test starts from an empty, unmigrated schema.
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  fixture = copyMigrations();
  await resetDatabase(db, { migrate: false });
});
afterEach(() => {
  fixture?.cleanup();
});

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const rows = () => db.sql.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
const tableExists = async (name: string) =>
  (await db.sql.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`"${name}"`]))[0]!.ok;

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the promise to reject');
}

describeDatabase('migrator', () => {
  it('applies every migration in name order on a fresh database and records them like Prisma', async () => {
    const files = readMigrations(fixture.dir);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const lines: string[] = [];
    const result = await migrate(db, { migrationsDir: fixture.dir, log: (l) => lines.push(l) });

    expect(result).toEqual({ applied: files.map((f) => f.name), alreadyApplied: [] });
    expect(lines.some((l) => l.startsWith(`Applying migration ${files[0]!.name}`))).toBe(true);
    expect(await tableExists('touchpoint')).toBe(true);

    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of recorded.entries()) {
      const bytes = readFileSync(files[i]!.path);
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("creates _prisma_migrations with Prisma Migrate's exact column layout", async () => {
    await migrate(db, { migrationsDir: fixture.dir });
    const columns = await db.sql.query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      character_maximum_length: number | null;
      column_default: string | null;
    }>(
      `SELECT column_name, data_type, is_nullable, character_maximum_length, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable, c.character_maximum_length])).toEqual([
      ['id', 'character varying', 'NO', 36],
      ['checksum', 'character varying', 'NO', 64],
      ['finished_at', 'timestamp with time zone', 'YES', null],
      ['migration_name', 'character varying', 'NO', 255],
      ['logs', 'text', 'YES', null],
      ['rolled_back_at', 'timestamp with time zone', 'YES', null],
      ['started_at', 'timestamp with time zone', 'NO', null],
      ['applied_steps_count', 'integer', 'NO', null],
    ]);
    expect(columns.find((c) => c.column_name === 'started_at')!.column_default).toBe('now()');
    expect(columns.find((c) => c.column_name === 'applied_steps_count')!.column_default).toBe('0');
  });

  it('re-running is a no-op, and a new migration is applied on the next run', async () => {
    const first = await migrate(db, { migrationsDir: fixture.dir });
    const before = await rows();
    const again = await migrate(db, { migrationsDir: fixture.dir });
    expect(again).toEqual({ applied: [], alreadyApplied: first.applied });
    expect(await rows()).toEqual(before);

    fixture.add('29990101000000_add_partner_region', 'ALTER TABLE "partner" ADD COLUMN "region_test" TEXT;\n');
    const third = await migrate(db, { migrationsDir: fixture.dir });
    expect(third).toEqual({ applied: ['29990101000000_add_partner_region'], alreadyApplied: first.applied });
    expect((await rows()).length).toBe(before.length + 1);
  });

  it('refuses with MigrationChecksumError when an applied migration file changed, applying nothing', async () => {
    const [init] = readMigrations(fixture.dir);
    await migrate(db, { migrationsDir: fixture.dir });
    fixture.append(init!.name, '\n-- an innocent-looking edit\n');
    fixture.add('29990101000000_pending_one', 'CREATE TABLE "should_not_exist" ("id" INTEGER);\n');

    const err = await caught(migrate(db, { migrationsDir: fixture.dir }));
    expect(err).toBeInstanceOf(MigrationChecksumError);
    expect((err as MigrationChecksumError).migration).toBe(init!.name);
    expect(err.message).toContain(`migration ${init!.name} was modified after it was applied`);
    expect(err.message).toContain('restore');
    expect(err.message).toContain('new migration');
    expect(err.message).toContain('Nothing was applied');
    expect(await tableExists('should_not_exist')).toBe(false);

    const status = await migrationStatus(db, { migrationsDir: fixture.dir });
    expect(status.find((s) => s.name === init!.name)!.state).toBe('changed');
    expect(status.find((s) => s.name === '29990101000000_pending_one')!.state).toBe('pending');
  });

  it('refuses when the database has an applied migration that is missing on disk', async () => {
    fixture.add('29990101000000_later', 'SELECT 1;\n');
    await migrate(db, { migrationsDir: fixture.dir });
    fixture.remove('29990101000000_later');
    const err = await caught(migrate(db, { migrationsDir: fixture.dir }));
    expect(err).toBeInstanceOf(MigrationMissingError);
    expect(err.message).toContain('29990101000000_later');
    expect(err.message).toContain('git pull');
    expect((await migrationStatus(db, { migrationsDir: fixture.dir })).at(-1)).toMatchObject({
      name: '29990101000000_later',
      state: 'missing',
    });
  });

  it('refuses when a migration is recorded as started but never finished (a failed Prisma deploy)', async () => {
    await migrate(db, { migrationsDir: fixture.dir });
    fixture.add('29990101000000_half_done', 'SELECT 1;\n');
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ('00000000-0000-0000-0000-000000000001', 'x', '29990101000000_half_done', 'ERROR: boom', now(), 0)`,
    );
    const err = await caught(migrate(db, { migrationsDir: fixture.dir }));
    expect(err).toBeInstanceOf(MigrationFailedRecordError);
    expect(err.message).toContain('29990101000000_half_done');
    expect(err.message).toContain('rolled-back');

    // Marking it rolled back (what `prisma migrate resolve --rolled-back` does) lets it be applied again.
    await db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '29990101000000_half_done'`);
    expect((await migrate(db, { migrationsDir: fixture.dir })).applied).toEqual(['29990101000000_half_done']);
  });

  it('rolls back a failing migration completely, keeps the earlier ones, and names the fix', async () => {
    fixture.add('29990101000000_good', 'CREATE TABLE "good_one" ("id" INTEGER);\n');
    fixture.add('29990102000000_bad', 'CREATE TABLE "half_way" ("id" INTEGER);\nALTER TABLE "no_such_table" ADD COLUMN "x" TEXT;\n');
    fixture.add('29990103000000_after', 'CREATE TABLE "after_bad" ("id" INTEGER);\n');

    const err = await caught(migrate(db, { migrationsDir: fixture.dir }));
    expect(err).toBeInstanceOf(MigrationApplyError);
    expect(err.message).toContain('migration 29990102000000_bad failed and was rolled back');
    expect(err.message).toContain('no_such_table');
    expect(err.message).toContain('SQLSTATE 42P01');
    expect(await tableExists('good_one')).toBe(true);
    expect(await tableExists('half_way')).toBe(false);
    expect(await tableExists('after_bad')).toBe(false);
    expect((await rows()).map((r) => r.migration_name)).not.toContain('29990102000000_bad');

    // Fixing the file (allowed: it was never applied) and re-running continues where it stopped.
    fixture.add('29990102000000_bad', 'CREATE TABLE "half_way" ("id" INTEGER);\n');
    const result = await migrate(db, { migrationsDir: fixture.dir });
    expect(result.applied).toEqual(['29990102000000_bad', '29990103000000_after']);
  });

  it('rejects a badly named migration directory with the expected pattern', async () => {
    fixture.add('add_region', 'SELECT 1;\n');
    const err = await caught(migrate(db, { migrationsDir: fixture.dir }));
    expect(err.message).toContain('"add_region"');
    expect(err.message).toContain('<14-digit timestamp>_<lowercase_name>');
  });

  it('reports status without changing anything', async () => {
    const before = await migrationStatus(db, { migrationsDir: fixture.dir });
    expect(before.every((s) => s.state === 'pending')).toBe(true);
    expect(await tableExists('_prisma_migrations')).toBe(false);
    await migrate(db, { migrationsDir: fixture.dir });
    const after = await migrationStatus(db, { migrationsDir: fixture.dir });
    expect(after.every((s) => s.state === 'applied' && s.appliedAt instanceof Date)).toBe(true);
  });
});
