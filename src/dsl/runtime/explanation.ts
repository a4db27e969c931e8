// The explanation texts the lanes and the credit models share: excluded-touch
// steps and how fractions and weights are written.
import type { ExplanationStep } from '../../domain/attribution.js';
import type { Lane } from '../../domain/enums.js';
import { formatRatio, mul, ratio, toDouble, type Ratio } from '../../domain/rational.js';

/**
 * An explanation step of an excluded touch: `{ kind, touchpointId, data, message }`
 * in that key order (the order JSON.stringify writes). The message is composed
 * here, eagerly: the engine serialises every step it stores, so deferring the
 * text would only move the work (and per-object getters cost the garbage
 * collector far more than the text itself).
 */
export function excludedStep(touchpointId: string, data: Record<string, unknown>, message: string): ExplanationStep {
  return { kind: 'excluded', touchpointId, data, message };
}

/** `data` of the steps of touches a lane's winning rule left out. */
export type ExcludedData = { lane: Lane; rule: string };

/** A fraction as a percentage for explanations: 4 places, trailing zeros dropped ("33.3333%"). */
export const pct = (r: Ratio): string => `${formatRatio(mul(r, ratio(100n)), 4, 'half-up').replace(/\.?0+$/, '')}%`;
/** A weight or fraction for explanations: 6 places, trailing zeros dropped. */
export const num = (r: Ratio): string => {
  const s = toDouble(r)
    .toFixed(6)
    .replace(/\.?0+$/, '');
  return s === '' ? '0' : s;
};
/** num() of numerator / denominator (den > 0), without reducing the fraction first: the same text. */
export const numOf = (numerator: bigint, denominator: bigint): string => num({ num: numerator, den: denominator });
