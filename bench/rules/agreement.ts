// Proof that two implementations of a rule file did the same work before
// either is timed: identical JSON, opportunity by opportunity, and results
// made of plain data only (so no work hides in getters until serialisation).
import type { OpportunityAttribution } from '../../src/domain/attribution.js';

export interface JsonDifference {
  /** How many opportunities differ. */
  count: number;
  opportunityKey: string;
  /** Character offset of the first difference in the first differing JSON. */
  at: number;
  /** Up to 160 characters of each side around the difference. */
  expected: string;
  actual: string;
}

/** The first opportunity whose JSON differs, or null when all are identical. */
export function firstJsonDifference(
  expected: readonly OpportunityAttribution[],
  actual: readonly OpportunityAttribution[],
): JsonDifference | null {
  let first: JsonDifference | null = null;
  let count = 0;
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const e = expected[i] ? JSON.stringify(expected[i]) : '<missing>';
    const a = actual[i] ? JSON.stringify(actual[i]) : '<missing>';
    if (e === a) continue;
    count++;
    if (first) continue;
    let at = 0;
    while (at < e.length && at < a.length && e[at] === a[at]) at++;
    const from = Math.max(0, at - 60);
    first = {
      count: 0,
      opportunityKey: expected[i]?.opportunityKey ?? actual[i]!.opportunityKey,
      at,
      expected: e.slice(from, at + 100),
      actual: a.slice(from, at + 100),
    };
  }
  return first && { ...first, count };
}

/**
 * Why `value` is not plain data (arrays, plain objects, strings, numbers,
 * booleans, null), or null when it is. Accessor properties and class
 * instances would let an implementation defer work out of evaluate().
 */
export function plainDataProblem(value: unknown, path = '$'): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return null;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return `${path} is an array subclass`;
  } else if (proto !== Object.prototype && proto !== null) {
    return `${path} is an instance of ${(value as object).constructor?.name ?? 'a class'}`;
  }
  const descriptors = Object.getOwnPropertyDescriptors(value);
  for (const [key, d] of Object.entries(descriptors)) {
    if (Array.isArray(value) && key === 'length') continue;
    if (d.get || d.set) return `${path}.${key} is an accessor property`;
    const problem = plainDataProblem(d.value, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}
