// `attrib migrate` end to end (in-process, real database): applies, reports
// status, and refuses a changed migration with a message that says what to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase, describeDatabase, testBackend, type TestDatabase } from '../support/db.js';
import { copyMigrations, type MigrationsFixture } from '../support/migrations-fixture.js';
import { pgliteTemplate } from '../support/pglite-template.js';

let fixture: MigrationsFixture;
let target: string[]; // --database-url URL or --data-dir DIR
let pgDatabase: TestDatabase | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  fixture = copyMigrations();
  if (testBackend === 'postgres') {
    pgDatabase = await createTestDatabase({ migrate: false });
    target = ['--database-url', pgDatabase.databaseUrl!];
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'attrib-cli-db-'));
    // Start the data directory from the cached fresh-database dump instead of running initdb.
    const pglite = await PGlite.create({ dataDir, loadDataDir: await pgliteTemplate(null) });
    await pglite.close();
    target = ['--data-dir', dataDir];
  }
});
afterAll(async () => {
  await pgDatabase?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  fixture?.cleanup();
});

async function attrib(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await main(argv);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describeDatabase('attrib migrate', () => {
  it('applies pending migrations, then reports the database up to date', async () => {
    const names = readMigrations(fixture.dir).map((m) => m.name);
    const pending = await attrib('migrate', ...target, '--migrations-dir', fixture.dir, '--status');
    expect(pending.code).toBe(1);
    expect(pending.stdout).toContain(`${names[0]}  pending`);
    expect(pending.stdout).toContain('Run `npm run db:migrate`');

    const first = await attrib('migrate', ...target, '--migrations-dir', fixture.dir);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Applying migration ${names[0]}`);
    expect(first.stdout).toContain(`Applied ${names.length} migration(s)`);

    // (Each invocation reopens the database, which is slow on PGlite; the re-run no-op is covered in migrator.test.ts.)
    const status = await attrib('migrate', ...target, '--migrations-dir', fixture.dir, '--status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${names.at(-1)}  applied`);
    expect(status.stdout).toContain('Database is up to date.');
  });

  it('refuses a changed migration, exits 1 and tells how to fix it', async () => {
    const [init] = readMigrations(fixture.dir);
    fixture.append(init!.name, '\n-- edited after being applied\n');
    const status = await attrib('migrate', ...target, '--migrations-dir', fixture.dir, '--status');
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`${init!.name}  CHANGED after it was applied`);

    const run = await attrib('migrate', ...target, '--migrations-dir', fixture.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`attrib migrate: migration ${init!.name} was modified after it was applied`);
    expect(run.stderr).toContain('put your change in a new migration directory');
  });

  it('rejects an unusable --database-url and an unreachable server with clear messages', async () => {
    const bad = await attrib('migrate', '--database-url', 'mysql://localhost/x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--database-url must be a postgresql:// URL');

    const down = await attrib('migrate', '--database-url', 'postgresql://attrib:secret@127.0.0.1:1/attrib');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot connect to PostgreSQL at postgresql://attrib:***@127.0.0.1:1/attrib');
    expect(down.stderr).not.toContain('secret');
    expect(down.stderr).toContain('unset DATABASE_URL to use the embedded database');
  });

  it('rejects unknown options and arguments', async () => {
    expect((await attrib('migrate', '--force')).stderr).toContain('unknown option --force');
    expect((await attrib('migrate', 'now')).stderr).toContain('unexpected argument "now"');
  });
});
