// The ingestion client thread (see bench/lib/ingest-client.ts): makes the
// batches, sends them over HTTP with C requests in flight, checks every
// response, replies with the per-batch timings and CPU snapshots (or the
// error, with its stack, through src/threads/request-reply.ts).
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../../src/threads/request-reply.js';
import { cpuSnapshot } from '../lib/cpu.js';
import { postGraphQL } from '../lib/gql-client.js';
import type { IngestClientData, IngestRun, IngestRunRequest } from '../lib/ingest-client.js';
import { nowMs } from '../lib/stats.js';
import { checkIngested, chunk, INGEST_MUTATION, touchBatch, type IngestResponse } from '../lib/touches.js';

const data = workerData as IngestClientData;

async function ingest(req: IngestRunRequest): Promise<IngestRun> {
  if (!(Number.isInteger(req.concurrency) && req.concurrency >= 1))
    throw new Error(`concurrency must be a positive integer, got ${req.concurrency}`);
  const batches = chunk(touchBatch(data.keys, req.source, req.total, req.seed), req.batchSize);
  const batchMs: number[] = new Array<number>(batches.length).fill(0);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < batches.length) {
      const i = next++;
      const touchpoints = batches[i]!;
      const t0 = nowMs();
      const res = await postGraphQL<IngestResponse['data']>(data.url, data.key, INGEST_MUTATION, { input: { touchpoints } });
      batchMs[i] = nowMs() - t0;
      checkIngested(res as IngestResponse, touchpoints.length);
    }
  };
  const start = cpuSnapshot();
  try {
    await Promise.all(Array.from({ length: Math.min(req.concurrency, batches.length) }, lane));
  } catch (error) {
    failed = true;
    throw error;
  }
  const end = cpuSnapshot();
  return { batchMs, start, end };
}

serveRequests<IngestRunRequest, IngestRun>(ingest);
