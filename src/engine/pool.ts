// Evaluation on worker threads. Each worker compiles the version's source
// once; a batch is split into contiguous slices, one per worker, evaluated in
// parallel and concatenated back in order — so results are identical to
// inline evaluation, only faster on several cores. The main thread keeps all
// database I/O (on PGlite only one thread may own the database).
import { Worker } from 'node:worker_threads';
import type { OpportunityAttribution, OpportunityFacts } from '../domain/attribution.js';
import type { TaxonomyEntry } from '../domain/taxonomy.js';
import { ThreadClient } from '../threads/request-reply.js';
import { EvaluationError, type BatchEvaluator } from './evaluator.js';

/** A request to an evaluation worker (./worker.ts, through src/threads/request-reply.ts): the batch slice it evaluates. */
export interface EvaluationRequest {
  facts: readonly OpportunityFacts[];
  asOf: Date;
}

class EvaluationWorker {
  private readonly client: ThreadClient<EvaluationRequest, OpportunityAttribution[]>;

  constructor(source: string, taxonomy: readonly TaxonomyEntry[]) {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { source, taxonomy } });
    this.client = new ThreadClient(worker, {
      name: 'evaluation worker',
      reviveError: (e) =>
        new EvaluationError(typeof e.data?.opportunityKey === 'string' ? e.data.opportunityKey : '?', new Error(e.message)),
    });
  }

  evaluate(facts: readonly OpportunityFacts[], asOf: Date): Promise<OpportunityAttribution[]> {
    return this.client.request({ facts, asOf });
  }

  async close() {
    await this.client.close();
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
