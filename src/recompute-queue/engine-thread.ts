// The recompute queue's engine on a worker thread (PostgreSQL only; drains
// of 50 opportunities or more, see engineFrom in ./worker.ts): the
// incremental runs a drain starts (evaluation, explanation JSON, the SQL
// parameters of kilobytes per opportunity) run on their own thread with
// their own small connection pool, so they never hold the server's event
// loop while ingestion requests arrive. The drain itself — the advisory
// lock, reading, completing and failing requests — stays with the worker
// (./worker.ts) on the server's thread; only recomputeOpportunities moves.
// PGlite is one connection owned by the server's thread: it recomputes
// in-process.
import { Worker } from 'node:worker_threads';
import type { RecomputeOptions, RecomputeResult } from '../engine/recompute.js';

/** What the worker thread is started with. */
export interface EngineThreadData {
  databaseUrl: string;
  poolSize: number;
}

export type EngineThreadRequest =
  | { id: number; opportunityIds: string[]; options: Pick<RecomputeOptions, 'triggeredBy' | 'staleAfterMs'> }
  | { close: true };
export interface EngineThreadReply {
  id: number;
  result?: RecomputeResult;
  error?: string;
}

/** Runs recomputeOpportunities on one long-lived worker thread; restarts it after a crash. */
export class EngineThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: RecomputeResult) => void; reject: (e: Error) => void }>();
  private closed = false;

  constructor(private readonly data: EngineThreadData) {}

  /** Starts the thread now (loading the engine takes a moment; the first drain should not wait for it). */
  start(): void {
    if (!this.closed) this.thread();
  }

  recompute(opportunityIds: readonly string[], options: Pick<RecomputeOptions, 'triggeredBy' | 'staleAfterMs'>): Promise<RecomputeResult> {
    if (this.closed) return Promise.reject(new Error('the recompute thread is closed'));
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: EngineThreadRequest = { id, opportunityIds: [...opportunityIds], options };
      worker.postMessage(request);
    });
  }

  /** Stops the thread; a recompute in flight fails (its requests stay queued, its run is failed as stale later). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the recompute thread was stopped'));
    if (!worker) return;
    // Let the thread close its connections (at most a second), then end it.
    let timer: NodeJS.Timeout | undefined;
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      timer = setTimeout(resolve, 1_000);
    });
    worker.postMessage({ close: true });
    await exited;
    clearTimeout(timer);
    await worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./engine-thread-entry.mjs', import.meta.url), { workerData: this.data });
    worker.unref();
    worker.on('message', (reply: EngineThreadReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.result!);
    });
    const lost = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(err);
    };
    worker.on('error', (err) => lost(err));
    worker.on('exit', (code) => lost(new Error(`the recompute thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const w of this.pending.values()) w.reject(err);
    this.pending.clear();
  }
}
