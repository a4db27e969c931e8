// What the credit models share: the result a winning rule's model hands back
// to its lane, which model a rule uses, and the texts of their steps. Two
// models: integerCredit (integer-credit.ts) for first_touch / last_touch /
// linear / none without weights, caps or floors, exactCredit (exact-credit.ts,
// exact rationals) for every rule; property-tested to give the same JSON.
import type { ExplanationStep } from '../../domain/attribution.js';
import type { LaneAllocation, PartnerAllocation } from '../allocate.js';
import type { CompiledLane, CompiledRule } from './compiled.js';
import { excludedStep, type ExcludedData } from './explanation.js';
import { described, type Prepared } from './prepare.js';

/** What a winning rule's credit model hands back to evaluateLane. */
interface Credit {
  /** Partner keys in order of their first selected touch. */
  order: string[];
  /** A partner's own steps and counted touch ids (undefined when it has none). */
  steps: PartnerLookup<ExplanationStep[]>;
  touchIds: PartnerLookup<string[]>;
  alloc: LaneAllocation;
  /** true when the rule grants nothing (credit none, or every weight zero). */
  noCredit: boolean;
  /** The partner's exact credit in money (num() text) when its amount had to be rounded to the cent, else null. */
  rounded(a: PartnerAllocation, index: number): string | null;
}

export interface PartnerLookup<T> {
  get(partnerKey: string): T | undefined;
}

/**
 * A credit model: the credit of the winning rule of a lane over its selected
 * touches (indices into the qualifying touches, in order). Touches it gives no
 * weight are pushed to `excluded`, with `excludedData`.
 */
export type CreditModel = (
  rule: CompiledRule,
  lane: CompiledLane,
  p: Prepared,
  selected: number[],
  excluded: ExplanationStep[],
  excludedData: ExcludedData,
) => Credit;

/** Which credit paths evaluate may use (tests force the exact path to compare both). */
export interface EvaluatePaths {
  /** Integer weights for first_touch / last_touch / linear / none without weights, caps or floors. */
  integerCredit: boolean;
}

/** The integer-weight credit path applies (chosen from the rule's structure, never from the facts). */
export function hasIntegerCredit(rule: CompiledRule): boolean {
  const k = rule.credit.kind;
  return (
    (k === 'first_touch' || k === 'last_touch' || k === 'linear' || k === 'none') &&
    rule.weights.length === 0 &&
    rule.cap === null &&
    rule.floor === null
  );
}

export function modelLabel(rule: CompiledRule, index: number, n: number): string {
  switch (rule.credit.kind) {
    case 'first_touch':
      return index === 0 ? 'first touch' : 'not the first touch';
    case 'last_touch':
      return index === n - 1 ? 'last touch' : 'not the last touch';
    case 'linear':
      return `1 of ${n} touches`;
    case 'u_shaped':
    case 'w_shaped':
      return `position ${index + 1} of ${n}`;
    case 'time_decay':
      return `half-life ${rule.credit.halfLifeDays} days`;
    case 'even':
      return 'equal split between partners';
    case 'none':
      return 'no credit';
  }
}

/**
 * The step of selected touch i (the j-th of n selected) that the rule's credit
 * model gives no weight; `factors` is the text of its weight factors, if any.
 */
export function noWeightStep(
  rule: CompiledRule,
  p: Prepared,
  i: number,
  j: number,
  n: number,
  excludedData: ExcludedData,
  factors: string,
): ExplanationStep {
  return excludedStep(
    p.qualifying[i]!.id,
    excludedData,
    `lane ${excludedData.lane}, rule "${rule.name}": ${described(p, i)} gets no weight under ${rule.creditText} (${modelLabel(rule, j, n)}${factors})`,
  );
}
