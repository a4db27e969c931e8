// openDatabase: the embedded database persists across restarts in its data
// directory, opening problems are reported with what to do, and the config
// chooses the backend.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, openDatabaseFromConfig } from '../../src/db/client.js';
import { loadConfig } from '../../src/config.js';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock.js';
import { createTestDatabase, describePostgresOnly } from '../support/db.js';
import { pgliteTemplate } from '../support/pglite-template.js';

const scratch = mkdtempSync(join(tmpdir(), 'attrib-client-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('openDatabase (embedded PGlite in a data directory)', () => {
  it('migrates on open, persists rows across close and reopen, and reports what it applied', async () => {
    const dataDir = join(scratch, 'data');
    // Start from the cached fresh-database dump rather than running initdb (slow).
    const seed = await PGlite.create({ dataDir, loadDataDir: await pgliteTemplate(null) });
    await seed.close();

    const first = await openDatabaseFromConfig(loadConfig({ ATTRIB_DATA_DIR: dataDir }), { migrate: true });
    try {
      expect(first.kind).toBe('pglite');
      expect(first.location).toBe(dataDir);
      expect(first.migrations!.applied.length).toBeGreaterThanOrEqual(2);
      await first.prisma.partner.create({ data: { key: 'persisted', name: 'Persisted Partner', type: 'technology' } });
    } finally {
      await first.close();
      await first.close(); // idempotent
    }

    const second = await openDatabase({ dataDir, migrate: true });
    try {
      expect(second.migrations).toEqual({ applied: [], alreadyApplied: first.migrations!.applied });
      expect((await second.prisma.partner.findUniqueOrThrow({ where: { key: 'persisted' } })).name).toBe('Persisted Partner');
    } finally {
      await second.close();
    }
  });

  it('explains what to do when the data directory cannot be used', async () => {
    const notADirectory = join(scratch, 'a-file');
    writeFileSync(notADirectory, 'not a database');
    const err = await openDatabase({ dataDir: notADirectory }).then(
      () => {
        throw new Error('expected openDatabase to fail');
      },
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect(err.message).toContain(`cannot open the embedded database in ${notADirectory}`);
    expect(err.message).toContain('set ATTRIB_DATA_DIR to another directory, or DATABASE_URL to use PostgreSQL');
  });
});

describePostgresOnly('openDatabaseFromConfig with DATABASE_URL', 'needs a PostgreSQL server', () => {
  it('uses PostgreSQL, hides the password in its location, and shares one pool between Prisma and raw SQL', async () => {
    const test = await createTestDatabase();
    try {
      const db = await openDatabaseFromConfig(loadConfig({ DATABASE_URL: test.databaseUrl! }));
      try {
        expect(db.kind).toBe('postgres');
        const password = new URL(test.databaseUrl!).password;
        if (password) expect(db.location).not.toContain(password);
        await db.prisma.account.create({ data: { key: 'acc', name: 'Acme' } });
        expect(await db.sql.query('SELECT key FROM account')).toEqual([{ key: 'acc' }]);
      } finally {
        await db.close();
      }
    } finally {
      await test.close();
    }
  });

  it('turns JIT off for its own sessions (Prisma and raw SQL alike), unless the URL sets its own options', async () => {
    const test = await createTestDatabase();
    try {
      const db = await openDatabaseFromConfig(loadConfig({ DATABASE_URL: test.databaseUrl! }));
      try {
        expect(await db.sql.query('SHOW jit')).toEqual([{ jit: 'off' }]);
        expect(await db.prisma.$queryRawUnsafe('SHOW jit')).toEqual([{ jit: 'off' }]);
      } finally {
        await db.close();
      }
      const url = new URL(test.databaseUrl!);
      url.searchParams.set('options', '-c jit=on');
      const own = await openDatabaseFromConfig(loadConfig({ DATABASE_URL: url.toString() }));
      try {
        expect(await own.sql.query('SHOW jit')).toEqual([{ jit: 'on' }]);
      } finally {
        await own.close();
      }
    } finally {
      await test.close();
    }
  });
});

describe('embedded data directory lock', () => {
  it('refuses a second open of the same data directory while the first is open, and allows it after close', async () => {
    const dataDir = join(scratch, 'locked');
    const seed = await PGlite.create({ dataDir, loadDataDir: await pgliteTemplate(null) });
    await seed.close();
    const first = await openDatabase({ dataDir });
    try {
      const err = await openDatabase({ dataDir }).then(
        () => {
          throw new Error('expected the second open to fail');
        },
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(DatabaseOpenError);
      expect(err.message).toContain(`the embedded database in ${dataDir} is in use by another process (pid ${process.pid}, this process)`);
      expect(err.message).toContain('use PostgreSQL (DATABASE_URL) for concurrent access');
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists, and one of an earlier process with our pid', () => {
    const dir = mkdtempSync(join(scratch, 'stale-'));
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid, host: hostname(), since: '2020-01-01T00:00:00Z' }));
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    // Same pid as ours but not taken by this process: a previous incarnation (containers reuse pids).
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), since: '2020-01-01T00:00:00Z' }));
    lockDataDir(dir)();
  });

  it('respects a lock held by a live process', () => {
    const dir = mkdtempSync(join(scratch, 'live-'));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2020-01-01T00:00:00Z' }));
    expect(() => lockDataDir(dir)).toThrow(`in use by another process (pid ${process.ppid})`);
  });
});
