// What the compiler hands the runtime: lanes of rules, each rule with its
// condition (conditions.ts, codegen.ts), credit model, weights, cap and floor.
import type { OpportunityFacts, TouchpointFacts } from '../../domain/attribution.js';
import type { Lane } from '../../domain/enums.js';
import type { Ratio } from '../../domain/rational.js';
import type { CompiledCondition } from '../conditions.js';
import type { CreditSpec } from '../literals.js';
import type { WeightDimension } from '../schema.js';

export interface CompiledWeight {
  dimension: WeightDimension;
  text: string;
  /** The factor for a touch, and the entry that gave it (null when none matched: factor 1). */
  factor(t: TouchpointFacts, o: OpportunityFacts): { factor: Ratio; label: string } | null;
}

export interface CompiledRule {
  name: string;
  priority: number | null;
  conditionText: string | null;
  when: CompiledCondition | null;
  role: string;
  select: 'all' | 'earliest' | 'latest';
  credit: CreditSpec;
  creditText: string;
  weights: CompiledWeight[];
  cap: Ratio | null;
  floor: Ratio | null;
  /** Chosen at compile time from the rule's structure: see hasIntegerCredit. */
  integerCredit: boolean;
}

interface CompiledOtherwise {
  role: string;
  accountPartners: boolean;
  credit: 'none' | 'even';
}

export interface CompiledLane {
  lane: Lane;
  grants: Ratio;
  policy: 'first' | 'priority' | 'unique';
  /** Rules in the order the hit policy tries them. */
  rules: CompiledRule[];
  otherwise: CompiledOtherwise | null;
}

export interface EvaluateOptions {
  asOf?: Date;
}
