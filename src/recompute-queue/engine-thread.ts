// The recompute queue's engine on a worker thread (PostgreSQL only; drains
// of 50 opportunities or more, see engineFrom in ./worker.ts): the
// incremental runs a drain starts (evaluation, explanation JSON, the SQL
// parameters of kilobytes per opportunity) run on their own thread with
// their own small connection pool, so they never hold the server's event
// loop while ingestion requests arrive. The drain itself — the advisory
// lock, reading, completing and failing requests — stays with the worker
// (./worker.ts) on the server's thread; only recomputeOpportunities moves.
// PGlite is one connection owned by the server's thread: it recomputes
// in-process. Requests and replies go through src/threads/request-reply.ts.
import { Worker } from 'node:worker_threads';
import type { RecomputeOptions, RecomputeResult } from '../engine/recompute.js';
import { ThreadClient } from '../threads/request-reply.js';

/** What the worker thread is started with. */
export interface EngineThreadData {
  databaseUrl: string;
  poolSize: number;
}

export interface EngineThreadRequest {
  opportunityIds: string[];
  options: Pick<RecomputeOptions, 'triggeredBy' | 'staleAfterMs'>;
}

/** Runs recomputeOpportunities on one long-lived worker thread; restarts it after a crash. */
export class EngineThread {
  private client: ThreadClient<EngineThreadRequest, RecomputeResult> | null = null;
  private closed = false;

  constructor(private readonly data: EngineThreadData) {}

  /** Starts the thread now (loading the engine takes a moment; the first drain should not wait for it). */
  start(): void {
    if (!this.closed) this.thread();
  }

  recompute(opportunityIds: readonly string[], options: Pick<RecomputeOptions, 'triggeredBy' | 'staleAfterMs'>): Promise<RecomputeResult> {
    if (this.closed) return Promise.reject(new Error('the recompute thread is closed'));
    return this.thread().request({ opportunityIds: [...opportunityIds], options });
  }

  /** Stops the thread; a recompute in flight fails (its requests stay queued, its run is failed as stale later). */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    // Let the thread close its connections (at most a second), then end it.
    await client?.close('the recompute thread was stopped', 1_000);
  }

  private thread(): ThreadClient<EngineThreadRequest, RecomputeResult> {
    if (this.client) return this.client;
    const worker = new Worker(new URL('./engine-thread-entry.mjs', import.meta.url), { workerData: this.data });
    worker.unref();
    const client = new ThreadClient<EngineThreadRequest, RecomputeResult>(worker, {
      name: 'the recompute thread',
      // Only the message crosses: the drain records it as the requests' error.
      reviveError: (carried) => new Error(carried.message),
    });
    // A thread that crashed or exited is replaced on the next request.
    const drop = () => {
      if (this.client === client) this.client = null;
    };
    worker.once('error', drop).once('exit', drop);
    this.client = client;
    return client;
  }
}
