// The slice of the project's Database handle (src/db/client.ts) the engine
// uses: raw SQL for the bulk work of runs, Prisma for lifecycle CRUD. The
// driver helpers are src/db's own (sql-arrays.ts, timestamps.ts).
import type { Database, SqlClient } from '../db/client.js';

export type EngineDb = Pick<Database, 'prisma' | 'sql' | 'kind'>;
export type { SqlClient };
