// Inside an evaluation worker thread: compile the rule source once, then
// answer { facts, asOf } requests with the attributions (see ./pool.ts).
import { workerData } from 'node:worker_threads';
import type { OpportunityAttribution } from '../domain/attribution.js';
import { serveRequests } from '../threads/request-reply.js';
import { Vocabulary, type TaxonomyEntry } from '../domain/taxonomy.js';
import { compileOrThrow, defaultRulesLanguage } from './compile.js';
import { evaluateAll, EvaluationError } from './evaluator.js';
import type { EvaluationRequest } from './pool.js';

const { source, taxonomy } = workerData as { source: string; taxonomy: TaxonomyEntry[] };
const program = compileOrThrow(await defaultRulesLanguage(), source, undefined, new Vocabulary(taxonomy));

serveRequests<EvaluationRequest, OpportunityAttribution[]>((msg) => evaluateAll(program, msg.facts, msg.asOf), {
  errorData: (err) => (err instanceof EvaluationError ? { opportunityKey: err.opportunityKey } : undefined),
});
