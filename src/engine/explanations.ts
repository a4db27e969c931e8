// Compact explanations. The rows of one opportunity share most of their
// explanation: every row of a lane carries the same lane grant, starts with
// the same steps (the deciding rule, the rules it took precedence over) and
// lists the same excluded touches; steps naming no lane appear in every
// lane. A run stores that shared part ONCE per opportunity (table
// credit_explanation) and each allocation row only its own part; readers
// render the whole document on read — in SQL with credit_explanation_of(ca)
// (migration 20261207130000), in TypeScript with renderExplanation — and get
// exactly the document a row holding everything would hold.
import type { ExplanationStep } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import type { AllocationExplanation } from './allocations.js';

/** What an allocation row of a compact run stores in credit_allocation.explanation. */
export interface RowExplanation {
  rule: string;
  /** The row's steps after its lane's shared head. */
  steps: ExplanationStep[];
  /** An unattributed row: its `excluded` is every excluded step, not only its lane's. */
  excludedAll?: true;
}

/** One lane's shared part: its grant and the steps every row of the lane starts with. */
interface SharedLane {
  lane: AllocationExplanation['lane'];
  head: ExplanationStep[];
}

/** An opportunity's shared part (one credit_explanation row per run × opportunity). */
export interface SharedExplanation {
  excluded: ExplanationStep[];
  lanes: Partial<Record<Lane, SharedLane>>;
}

/** Whether a stored explanation is a compact row's own part (its lane grant lives in credit_explanation). */
export function isCompact(stored: unknown): stored is RowExplanation {
  return typeof stored === 'object' && stored !== null && 'rule' in stored && !('lane' in stored);
}

/** SQL expression for the whole explanation of the credit_allocation row aliased `alias`. */
export function explanationSql(alias: string): string {
  return `credit_explanation_of(${alias})`;
}

/** Whether a step names no lane or this one (what a row's `excluded` keeps). */
export function excludedInLane(step: ExplanationStep, lane: Lane): boolean {
  const of = (step.data as { lane?: unknown } | undefined)?.lane;
  return of === undefined || of === lane;
}

/**
 * The whole explanation of a stored row: `stored` as read from
 * credit_allocation.explanation, `shared` the credit_explanation of its run
 * and opportunity (null when the run wrote none: the row holds everything).
 */
export function renderExplanation(
  stored: RowExplanation | AllocationExplanation | Record<string, never>,
  shared: SharedExplanation | null,
  lane: Lane,
): AllocationExplanation | Record<string, never> {
  if (!shared || !isCompact(stored)) return stored as AllocationExplanation | Record<string, never>;
  const own = stored;
  const l = shared.lanes[lane];
  return {
    rule: own.rule,
    lane: l?.lane as AllocationExplanation['lane'],
    steps: [...(l?.head ?? []), ...own.steps],
    excluded: own.excludedAll ? shared.excluded : shared.excluded.filter((s) => excludedInLane(s, lane)),
  };
}

/** Whether two values serialise to the same JSON (same keys in the same order; Dates as instants). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** How many leading steps every list shares. */
export function commonHead(lists: readonly (readonly ExplanationStep[])[]): number {
  if (lists.length === 0) return 0;
  let n = Math.min(...lists.map((l) => l.length));
  for (let i = 0; i < n; i++) {
    const first = lists[0]![i];
    if (!lists.every((l) => sameJson(l[i], first))) n = i;
  }
  return n;
}
