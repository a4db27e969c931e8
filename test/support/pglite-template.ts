// Fresh PGlite databases in ~2 s instead of ~10 s: PGlite's initdb (and the
// migrations) run once, the result is dumped (dumpDataDir) and every test
// database is loaded from that dump. The dump is cached on disk under
// node_modules/.cache/attrib, keyed by the PGlite version and the checksums of
// the migrations, so parallel test files and later runs share it; any change to
// a migration makes a new key.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgliteSqlClient } from '../../src/db/sql.js';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'attrib');

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  try {
    return (require('@electric-sql/pglite/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const inProcess = new Map<string, Promise<Blob>>();

/**
 * A dump of a fresh PGlite database, migrated with `migrationsDir` when given
 * (null = not migrated at all).
 */
export function pgliteTemplate(migrationsDir: string | null): Promise<Blob> {
  const checksums =
    migrationsDir === null
      ? 'none'
      : readMigrations(migrationsDir)
          .map((m) => `${m.name}:${m.checksum}`)
          .join(',');
  const key = createHash('sha256').update(`${pgliteVersion()}|${checksums}`).digest('hex').slice(0, 24);
  let template = inProcess.get(key);
  if (!template) {
    template = loadOrBuild(key, migrationsDir);
    inProcess.set(key, template);
  }
  return template;
}

async function loadOrBuild(key: string, migrationsDir: string | null): Promise<Blob> {
  const file = join(CACHE_DIR, `pglite-template-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const pglite = await PGlite.create();
  try {
    if (migrationsDir !== null) await migrate(pgliteSqlClient(pglite), { migrationsDir });
    const dump = await pglite.dumpDataDir('none');
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Write then rename: a parallel worker never reads a half-written file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      renameSync(tmp, file);
    } catch {
      // A read-only checkout only loses the cache, not the test.
    }
    return dump;
  } finally {
    await pglite.close();
  }
}

export { DEFAULT_MIGRATIONS_DIR };
