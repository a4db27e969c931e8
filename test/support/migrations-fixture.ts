// A private copy of prisma/migrations in a temporary directory, for tests that
// add, edit or remove migration files without touching the real ones.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrator.js';

export interface MigrationsFixture {
  dir: string;
  /** Adds prisma/migrations-style directory `name` with `sql`. */
  add(name: string, sql: string): void;
  /** Appends text to an existing migration.sql. */
  append(name: string, text: string): void;
  remove(name: string): void;
  read(name: string): string;
  cleanup(): void;
}

export function copyMigrations(): MigrationsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'attrib-migrations-'));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  const file = (name: string) => join(dir, name, 'migration.sql');
  return {
    dir,
    add(name, sql) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(file(name), sql);
    },
    append(name, text) {
      writeFileSync(file(name), readFileSync(file(name), 'utf8') + text);
    },
    remove(name) {
      rmSync(join(dir, name), { recursive: true, force: true });
    },
    read(name) {
      return readFileSync(file(name), 'utf8');
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
