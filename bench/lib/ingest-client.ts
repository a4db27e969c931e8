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

export type IngestClientMessage = { id: number } & IngestRunRequest;
export type IngestClientReply = { ready: true } | { id: number; result?: IngestRun; error?: string };

export class IngestClient {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: IngestRun) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: IngestClientReply) => {
      if ('ready' in reply) return;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result!);
    });
    const lost = (err: Error) => {
      this.failure ??= err;
      for (const w of this.pending.values()) w.reject(err);
      this.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the ingestion client thread exited (code ${code})`)));
  }

  /** Starts the thread and waits until it has loaded (tsx compiles on the way). */
  static async start(data: IngestClientData): Promise<IngestClient> {
    const worker = new Worker(new URL('../workers/ingest-client-entry.mjs', import.meta.url), { workerData: data });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: IngestClientReply) => {
        if ('ready' in m) {
          cleanup();
          resolve();
        }
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`the ingestion client thread exited while starting (code ${code})`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    return new IngestClient(worker);
  }

  run(request: IngestRunRequest): Promise<IngestRun> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request } satisfies IngestClientMessage);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the ingestion client thread is closed');
    await this.worker.terminate();
  }
}
