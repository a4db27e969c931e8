// At most N ingestion batches write to the database at once in this server
// process; further batches (already parsed and validated by GraphQL) wait
// their turn in arrival order. Each writing batch keeps one PostgreSQL
// backend busy; with more busy backends than cores the backends are
// descheduled while holding PostgreSQL's short-term locks and the others
// spin on them. Measured on 2 cores with PostgreSQL on the same machine,
// 4 requests in flight: 67–71 ms of backend CPU per 1,000 touchpoints
// without a limit, 45–55 ms with 2 slots. The default is the machine's
// core count (at least 2); ATTRIB_INGEST_CONCURRENCY sets it, e.g. higher
// when PostgreSQL runs on a bigger machine of its own.
import os from 'node:os';

export function defaultIngestionSlots(): number {
  return Math.max(2, os.availableParallelism());
}

export class IngestionSlots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ingestion slots must be a positive integer, got ${size}`);
  }

  /** Batches waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `write` once a slot is free (first come, first served), then frees the slot. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    if (this.busy < this.size) this.busy++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await write();
    } finally {
      // Hand the slot straight to the next batch, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }
}
