// describe() that names the database backend, so a report shows whether a
// suite ran on PGlite or PostgreSQL: "import [postgres] > rejects bad rows".
import { describe } from 'vitest';

const backend = process.env.TEST_DATABASE_URL?.trim() ? 'postgres' : 'pglite';

export function describeDatabase(name: string, fn: () => void): void {
  describe(`${name} [${backend}]`, fn);
}

/** Like describeDatabase, but only on PostgreSQL; on PGlite it is reported as skipped with the reason. */
export function describePostgresOnly(name: string, reason: string, fn: () => void): void {
  if (backend === 'postgres') describe(`${name} [postgres]`, fn);
  else describe.skip(`${name} [skipped on pglite: ${reason}; set TEST_DATABASE_URL to run it]`, fn);
}
