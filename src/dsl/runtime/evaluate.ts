// The entry point: one opportunity against compiled lanes.
import type { LaneResult, OpportunityAttribution, OpportunityFacts } from '../../domain/attribution.js';
import type { CompiledLane, EvaluateOptions } from './compiled.js';
import type { EvaluatePaths } from './credit.js';
import { evaluateLane } from './lane.js';
import { prepare } from './prepare.js';

const ALL_PATHS: EvaluatePaths = { integerCredit: true };

/** Evaluates compiled lanes for one opportunity. */
export function evaluateLanes(
  lanes: readonly CompiledLane[],
  facts: OpportunityFacts,
  options: EvaluateOptions = {},
  paths: EvaluatePaths = ALL_PATHS,
): OpportunityAttribution {
  const p = prepare(facts, options);
  const excluded = p.excluded; // a fresh array per evaluation
  const results: LaneResult[] = [];
  for (const l of lanes) results.push(evaluateLane(l, p, excluded, paths));
  return { opportunityKey: facts.key, lanes: results, excluded };
}
