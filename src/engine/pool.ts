// Evaluation on worker threads. Each worker compiles the version's source
// once; a batch is split into contiguous slices, one per worker, evaluated in
// parallel and concatenated back in order — so results are identical to
// inline evaluation, only faster on several cores. The main thread keeps all
// database I/O (on PGlite only one thread may own the database).
import { Worker } from 'node:worker_threads';
import type { OpportunityAttribution, OpportunityFacts } from '../domain/attribution.js';
import type { TaxonomyEntry } from '../domain/taxonomy.js';
import { EvaluationError, type BatchEvaluator } from './evaluator.js';

interface Reply {
  id: number;
  results?: OpportunityAttribution[];
  error?: { message: string; opportunityKey?: string };
}

class EvaluationWorker {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: OpportunityAttribution[]) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(source: string, taxonomy: readonly TaxonomyEntry[]) {
    this.worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { source, taxonomy } });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error) waiter.reject(new EvaluationError(reply.error.opportunityKey ?? '?', new Error(reply.error.message)));
      else waiter.resolve(reply.results ?? []);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`evaluation worker exited with code ${code}`));
    });
  }

  private fail(err: Error) {
    this.failure = err;
    for (const w of this.pending.values()) w.reject(err);
    this.pending.clear();
  }

  evaluate(facts: readonly OpportunityFacts[], asOf: Date): Promise<OpportunityAttribution[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, facts, asOf });
    });
  }

  async close() {
    await this.worker.terminate();
  }
}

/** `taxonomy`: the entries of the version's taxonomy snapshot (the workers compile against it). */
export function workerEvaluator(source: string, size: number, taxonomy: readonly TaxonomyEntry[]): BatchEvaluator {
  const workers = Array.from({ length: Math.max(1, Math.floor(size)) }, () => new EvaluationWorker(source, taxonomy));
  return {
    async evaluate(facts, asOf) {
      if (facts.length === 0) return [];
      const per = Math.ceil(facts.length / workers.length);
      const slices = workers.map((w, i) => ({ w, slice: facts.slice(i * per, (i + 1) * per) })).filter((s) => s.slice.length > 0);
      const parts = await Promise.all(slices.map((s) => s.w.evaluate(s.slice, asOf)));
      return parts.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
