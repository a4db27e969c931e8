// After an override is created or revoked, the opportunity's allocations are
// recomputed so the change shows in results and explanations. The engine owns
// recomputation (src/engine: recomputeOpportunities); governance calls it
// through this hook so tests and callers can substitute or observe it.
import type { ReportDb } from '../reports/db.js';

export type RecomputeHook = (db: ReportDb, opportunityIds: string[], options: { triggeredBy: string }) => Promise<unknown>;

export interface RecomputeOutcome {
  /** done: recomputed; failed: the governance change is saved but recompute threw. */
  status: 'done' | 'failed' | 'unavailable';
  result?: unknown;
  error?: string;
}

type EngineModule = { recomputeOpportunities?: RecomputeHook };

/** Loads the engine's recomputeOpportunities (absent while the engine is being built). */
async function loadEngineRecompute(): Promise<RecomputeHook | null> {
  for (const spec of ['../engine/recompute.js', '../engine/index.js']) {
    try {
      const mod = (await import(/* @vite-ignore */ spec)) as EngineModule;
      if (typeof mod.recomputeOpportunities === 'function') return mod.recomputeOpportunities;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && !String(err).includes('Cannot find module') && !String(err).includes('Failed to load')) throw err;
    }
  }
  return null;
}

export async function runRecompute(
  db: ReportDb, opportunityIds: string[], triggeredBy: string, hook?: RecomputeHook,
): Promise<RecomputeOutcome> {
  const recompute = hook ?? (await loadEngineRecompute());
  if (!recompute) {
    return { status: 'unavailable', error: 'the attribution engine is not available; run `attrib run` to apply the change to the results' };
  }
  try {
    return { status: 'done', result: await recompute(db, opportunityIds, { triggeredBy }) };
  } catch (err) {
    return {
      status: 'failed',
      error: `the change is saved, but recomputing failed: ${(err as Error).message}. Re-run \`attrib run\` for the opportunity.`,
    };
  }
}
