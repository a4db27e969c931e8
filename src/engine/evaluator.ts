// Evaluates batches of opportunity facts with a rule program. The engine is
// generic over the program (src/domain/attribution.ts is the contract); this
// module decides WHERE evaluation happens: inline, or on worker threads
// (./pool.ts) so CPU-bound rules use several cores while the main thread
// does the database I/O.
import type { OpportunityAttribution, OpportunityFacts } from '../domain/attribution.js';
import type { RuleProgram } from './compile.js';

export interface BatchEvaluator {
  /** Results in the order of `facts`. */
  evaluate(facts: readonly OpportunityFacts[], asOf: Date): Promise<OpportunityAttribution[]>;
  close(): Promise<void>;
}

export class EvaluationError extends Error {
  readonly code = 'EVALUATION_FAILED';
  constructor(
    readonly opportunityKey: string,
    cause: unknown,
  ) {
    super(`evaluating opportunity ${opportunityKey} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'EvaluationError';
  }
}

export function evaluateAll(
  program: Pick<RuleProgram, 'evaluate'>,
  facts: readonly OpportunityFacts[],
  asOf: Date,
): OpportunityAttribution[] {
  return facts.map((f) => {
    try {
      return program.evaluate(f, { asOf });
    } catch (err) {
      throw new EvaluationError(f.key, err);
    }
  });
}

export function inlineEvaluator(program: Pick<RuleProgram, 'evaluate'>): BatchEvaluator {
  return {
    async evaluate(facts, asOf) {
      return evaluateAll(program, facts, asOf);
    },
    async close() {
      /* nothing to release */
    },
  };
}
