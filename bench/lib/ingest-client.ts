// The ingestion client on its own worker thread, off the server's event loop
// (the bench starts the server in its own process; a client on the same
// thread would take ~10 ms of that thread's CPU per 1,000 touchpoints for
// JSON.stringify, fetch and the response parse). The thread generates the
// batches itself with touchBatch() (pure, seeded), sends them with C
// requests in flight (each of C lanes sends its next batch when its previous
// response arrived), checks every response as the in-process client does and
// returns the per-batch timings and the CPU used while it was sending.
//
// The thread: bench/workers/ingest-client-worker.ts (loaded through tsx by
// bench/workers/ingest-client-entry.mjs, as src/recompute-queue does).
import { Worker } from 'node:worker_threads';
import { ThreadClient } from '../../src/threads/request-reply.js';
import type { CpuSnapshot } from './cpu.js';
import type { TouchKeys } from './touches.js';

export interface IngestClientData {
  url: string;
  key: string;
  keys: TouchKeys;
}

export interface IngestRunRequest {
  /** touchBatch(keys, source, total, seed), split into batches of batchSize. */
  source: string;
  total: number;
  seed: number;
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export interface IngestRun {
  /** Response time of each batch, in batch order. */
  batchMs: number[];
  /** CPU snapshots (machine, process, the client thread) right before the first request and right after the last response. */
  start: CpuSnapshot;
  end: CpuSnapshot;
}

/** Runs the ingestion phases on the client thread, one request/reply per phase (src/threads/request-reply.ts). */
export class IngestClient {
  private constructor(private readonly client: ThreadClient<IngestRunRequest, IngestRun>) {}

  /** Starts the thread and waits until it has loaded (tsx compiles on the way). */
  static async start(data: IngestClientData): Promise<IngestClient> {
    const worker = new Worker(new URL('../workers/ingest-client-entry.mjs', import.meta.url), { workerData: data });
    const client = new ThreadClient<IngestRunRequest, IngestRun>(worker, { name: 'the ingestion client thread' });
    await client.ready();
    return new IngestClient(client);
  }

  run(request: IngestRunRequest): Promise<IngestRun> {
    return this.client.request(request);
  }

  async close(): Promise<void> {
    await this.client.close('the ingestion client thread is closed');
  }
}
