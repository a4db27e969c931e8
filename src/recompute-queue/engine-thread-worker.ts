// The recompute thread (see ./engine-thread.ts): its own PostgreSQL pool,
// recomputeOpportunities per request, results or the error back.
import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { postgresSqlClient } from '../db/sql.js';
import type { EngineDb } from '../engine/db.js';
import { recomputeOpportunities, type RecomputeResult } from '../engine/recompute.js';
import { serveRequests } from '../threads/request-reply.js';
import type { EngineThreadData, EngineThreadRequest } from './engine-thread.js';

const data = workerData as EngineThreadData;
const pool = new pg.Pool({ connectionString: data.databaseUrl, max: data.poolSize, application_name: 'attrib-recompute' });
pool.on('error', () => undefined); // an idle connection died; the next query reconnects
// recomputeOpportunities reads and writes through raw SQL only.
const db = { sql: postgresSqlClient(pool), kind: 'postgres' } as unknown as EngineDb;

serveRequests<EngineThreadRequest, RecomputeResult>((request) => recomputeOpportunities(db, request.opportunityIds, request.options), {
  onClose: () => pool.end(),
});
