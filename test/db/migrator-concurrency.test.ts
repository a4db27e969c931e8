// Two processes starting at once must not both apply a migration. On
// PostgreSQL the migrator holds Prisma's advisory lock (72707369) for the whole
// run; within one process calls on the same database are queued.
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { MIGRATION_LOCK_KEY, migrate, readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase, describeDatabase, describePostgresOnly, type TestDatabase } from '../support/db.js';
import { copyMigrations, type MigrationsFixture } from '../support/migrations-fixture.js';

let db: TestDatabase;
let fixture: MigrationsFixture;
const extra: Database[] = [];

beforeEach(async () => {
  fixture = copyMigrations();
  // A slow migration widens the window in which an unguarded second run would start applying too.
  fixture.add('29990101000000_slow', 'SELECT pg_sleep(0.4);\nCREATE TABLE "slow_marker" ("id" INTEGER);\n');
  db = await createTestDatabase({ migrate: false });
});
afterEach(async () => {
  for (const d of extra.splice(0)) await d.close();
  await db?.close();
  fixture?.cleanup();
});

const recordedNames = async () =>
  (await db.sql.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name')).map(
    (r) => r.migration_name,
  );

describeDatabase('migrator concurrency within one process', () => {
  it('queues concurrent migrate() calls on the same database so each migration is applied once', async () => {
    const names = readMigrations(fixture.dir).map((m) => m.name);
    const results = await Promise.all([migrate(db, { migrationsDir: fixture.dir }), migrate(db.sql, { migrationsDir: fixture.dir })]);
    expect(results[0]).toEqual({ applied: names, alreadyApplied: [] });
    expect(results[1]).toEqual({ applied: [], alreadyApplied: names });
    expect(await recordedNames()).toEqual(names);
  });
});

describePostgresOnly(
  'migrator concurrency across processes',
  'PGlite is a single in-process connection and cannot be opened by two processes',
  () => {
    it('two independent connections migrating at once apply each migration exactly once', async () => {
      const names = readMigrations(fixture.dir).map((m) => m.name);
      const a = await openDatabase({ databaseUrl: db.databaseUrl!, poolSize: 2 });
      const b = await openDatabase({ databaseUrl: db.databaseUrl!, poolSize: 2 });
      extra.push(a, b);
      const results = await Promise.all([migrate(a, { migrationsDir: fixture.dir }), migrate(b, { migrationsDir: fixture.dir })]);

      const winners = results.filter((r) => r.applied.length > 0);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.applied).toEqual(names);
      const loser = results.find((r) => r.applied.length === 0)!;
      expect(loser.alreadyApplied).toEqual(names);
      expect(await recordedNames()).toEqual(names);
    });

    it("waits while another tool (e.g. prisma migrate deploy) holds Prisma's migration lock", async () => {
      const holder = new pg.Client({ connectionString: db.databaseUrl! });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        let finished = false;
        const run = migrate(db, { migrationsDir: fixture.dir }).then((r) => {
          finished = true;
          return r;
        });
        await new Promise((r) => setTimeout(r, 600));
        expect(finished).toBe(false);
        const tables = await holder.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
        expect(tables.rows[0].exists).toBe(false);

        await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        const result = await run;
        expect(result.applied).toHaveLength(readMigrations(fixture.dir).length);
      } finally {
        await holder.end();
      }
    });

    it('releases the lock when a migration fails, so the next run can proceed', async () => {
      fixture.add('29990102000000_broken', 'SELECT no_such_function();\n');
      await expect(migrate(db, { migrationsDir: fixture.dir })).rejects.toThrow(/29990102000000_broken failed and was rolled back/);
      const probe = new pg.Client({ connectionString: db.databaseUrl! });
      await probe.connect();
      try {
        const got = await probe.query('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_KEY]);
        expect(got.rows[0].ok).toBe(true);
        await probe.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      } finally {
        await probe.end();
      }
    });
  },
);
