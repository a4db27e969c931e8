// After an override is created or revoked, the opportunity's allocations are
// recomputed so the change shows in results and explanations. The engine owns
// recomputation (src/engine/recompute.ts: recomputeOpportunities, one small
// incremental run per rule set); governance calls it after its own
// transaction commits. Callers may substitute the hook (batch jobs, tests).
import { recomputeOpportunities } from '../engine/recompute.js';
import type { EngineDb } from '../engine/db.js';

/** What governance needs of the database: Prisma for its own writes, the engine's handle for recompute. */
export type GovernanceDb = EngineDb;

export type RecomputeHook = (db: GovernanceDb, opportunityIds: string[], options: { triggeredBy: string }) => Promise<unknown>;

/**
 * The synchronous recompute after a governance change (the hook's result as
 * is). A change through the recompute queue reports RecomputeOutcome
 * (src/recompute-queue/outcome.ts) instead.
 */
export interface GovernanceRecomputeOutcome {
  /** done: recomputed; failed: the governance change is saved but recomputing threw. */
  status: 'done' | 'failed';
  result?: unknown;
  error?: string;
}

const engineRecompute: RecomputeHook = (db, ids, options) => recomputeOpportunities(db, ids, options);

export async function runRecompute(
  db: GovernanceDb,
  opportunityIds: string[],
  triggeredBy: string,
  hook: RecomputeHook = engineRecompute,
): Promise<GovernanceRecomputeOutcome> {
  try {
    return { status: 'done', result: await hook(db, opportunityIds, { triggeredBy }) };
  } catch (err) {
    return {
      status: 'failed',
      error:
        `the change is saved, but recomputing failed: ${(err as Error).message}. ` +
        `Re-run attribution for the opportunity (attrib run) to apply it.`,
    };
  }
}
