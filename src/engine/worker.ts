// Inside an evaluation worker thread: compile the rule source once, then
// answer { id, facts, asOf } messages with the attributions (see ./pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { OpportunityFacts } from '../domain/attribution.js';
import { Vocabulary, type TaxonomyEntry } from '../domain/taxonomy.js';
import { compileOrThrow, defaultRulesLanguage } from './compile.js';
import { evaluateAll, EvaluationError } from './evaluator.js';

const { source, taxonomy } = workerData as { source: string; taxonomy: TaxonomyEntry[] };
const program = compileOrThrow(await defaultRulesLanguage(), source, undefined, new Vocabulary(taxonomy));

parentPort!.on('message', (msg: { id: number; facts: OpportunityFacts[]; asOf: Date }) => {
  try {
    parentPort!.postMessage({ id: msg.id, results: evaluateAll(program, msg.facts, msg.asOf) });
  } catch (err) {
    parentPort!.postMessage({
      id: msg.id,
      error: { message: (err as Error).message, opportunityKey: err instanceof EvaluationError ? err.opportunityKey : undefined },
    });
  }
});
