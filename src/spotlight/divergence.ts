// Compares what the governed rules credit a unit with what a model credits
// it, and flags a divergence only when the rule's figure falls outside the
// model's bootstrap interval (i.e. outside the resampling noise).

import type { BootstrapResult } from './bootstrap.js';
import { cmp, formatRatio, parseRatio, sub } from '../domain/rational.js';

type Measure = 'value' | 'conversions';

interface Divergence {
  unit: string;
  rule: string;
  model: string;
  low: string;
  high: string;
  /** rule - model estimate, same places as the measure (2 for value, 6 for conversions). */
  difference: string;
  /** true when rule < low or rule > high (the interval is closed). */
  diverges: boolean;
}

/**
 * One row per unit in either input, sorted by unit. A unit the rules never
 * credit counts as zero rule credit; a unit the model never saw counts as
 * estimate 0 with interval [0, 0].
 */
export function divergences(
  rule: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
  model: BootstrapResult,
  measure: Measure = 'value',
): Divergence[] {
  const places = measure === 'value' ? 2 : 6;
  const zero = formatRatio(parseRatio('0'), places, 'half-up');
  const ruleMap = rule instanceof Map ? rule : new Map(Object.entries(rule));
  const modelMap = new Map(model.units.map((u) => [u.unit, u[measure]]));
  const units = [...new Set([...ruleMap.keys(), ...modelMap.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return units.map((unit) => {
    const r = parseRatio(ruleMap.get(unit) ?? zero);
    const m = modelMap.get(unit) ?? { estimate: zero, low: zero, high: zero };
    const diverges = cmp(r, parseRatio(m.low)) < 0 || cmp(r, parseRatio(m.high)) > 0;
    return {
      unit,
      rule: formatRatio(r, places, 'half-up'),
      model: m.estimate,
      low: m.low,
      high: m.high,
      difference: formatRatio(sub(r, parseRatio(m.estimate)), places, 'half-up'),
      diverges,
    };
  });
}
