// The recompute thread (see ./engine-thread.ts): its own PostgreSQL pool,
// recomputeOpportunities per request, results or the error message back.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { postgresSqlClient } from '../db/sql.js';
import { recomputeOpportunities } from '../engine/recompute.js';
import type { EngineDb } from '../engine/db.js';
import type { EngineThreadData, EngineThreadReply, EngineThreadRequest } from './engine-thread.js';

const data = workerData as EngineThreadData;
const pool = new pg.Pool({ connectionString: data.databaseUrl, max: data.poolSize, application_name: 'attrib-recompute' });
pool.on('error', () => undefined); // an idle connection died; the next query reconnects
// recomputeOpportunities reads and writes through raw SQL only.
const db = { sql: postgresSqlClient(pool), kind: 'postgres' } as unknown as EngineDb;

parentPort!.on('message', (request: EngineThreadRequest) => {
  if ('close' in request) {
    void pool
      .end()
      .catch(() => undefined)
      .finally(() => process.exit(0));
    return;
  }
  recomputeOpportunities(db, request.opportunityIds, request.options).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies EngineThreadReply),
    (err: unknown) =>
      parentPort!.postMessage({ id: request.id, error: (err as Error)?.message ?? String(err) } satisfies EngineThreadReply),
  );
});
