// The slice of the project's Database handle (src/db/client.ts) the engine
// uses: raw SQL for the bulk work of runs, Prisma for lifecycle CRUD; and the
// driver helpers of src/db the engine's queries use, under the engine's names.
import type { Database, SqlClient } from '../db/client.js';

export type EngineDb = Pick<Database, 'prisma' | 'sql' | 'kind'>;
export type { SqlClient };
export { toDate, toDateOrNull } from '../db/timestamps.js';
/** A PostgreSQL array literal for a text parameter, cast in SQL ($1::uuid[], $1::text[]): src/db/sql-arrays.ts. */
export { arrayLiteral as pgArray } from '../db/sql-arrays.js';
