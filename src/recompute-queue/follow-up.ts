// After data changes: credit for the affected opportunities is recomputed by
// the engine (incremental runs under each applicable published version), then
// subscribers are told ('allocations:changed'). Two ways:
//  * queued (ingestTouchpoints by default): the change recorded a recompute
//    request in its own transaction (./outbox.ts); the server's worker
//    drains it in the background, coalescing many changes. The report says
//    QUEUED and gives the ticket to follow (recomputeRequest / recomputeQueue
//    queries, or the allocationsChanged subscription).
//  * synchronous (recomputeAfterChange, and ingestTouchpoints with
//    awaitRecompute: true): the mutation answers after the recompute, DONE or
//    FAILED. Ingested data is already committed; a failing recompute is
//    reported, never lost.
import type { EngineDb } from '../engine/db.js';
import { recomputeOpportunities } from '../engine/recompute.js';
import type { RecomputeOutcome } from './outcome.js';
import type { RecomputeWorker } from './worker.js';

/** Where allocations:changed events go (the API's pubsub, src/graphql/pubsub.ts). */
interface AllocationsChangedSink {
  publish(
    topic: 'allocations:changed',
    event: {
      runId: string | null;
      opportunityIds: string[];
      partnerIds: string[] | null | undefined;
      reason: string;
      at: Date;
    },
  ): void;
}

type RecomputeStatus = 'QUEUED' | 'DONE' | 'FAILED';

export interface RecomputeReport {
  /** Absent: nothing needed recomputing (DONE). */
  status?: RecomputeStatus;
  /** The recompute request to follow (queued recomputes), null otherwise. */
  ticket?: string | null;
  runIds: string[];
  opportunities: number;
  withdrawn: number;
  error: string | null;
}

const NOTHING: Omit<RecomputeReport, 'opportunities'> = { status: 'DONE', ticket: null, runIds: [], withdrawn: 0, error: null };

export async function recomputeAfterChange(
  ctx: { db: EngineDb; pubsub: AllocationsChangedSink },
  opportunityIds: string[],
  actor: string,
  reason: string,
): Promise<RecomputeReport> {
  if (opportunityIds.length === 0) return { ...NOTHING, opportunities: 0 };
  try {
    const result = await recomputeOpportunities(ctx.db, opportunityIds, { triggeredBy: actor });
    const runIds = result.runs.map((r) => r.runId);
    const withdrawn = Object.values(result.withdrawn).reduce((n, ids) => n + ids.length, 0);
    if (runIds.length || withdrawn) await publishAllocationsChanged(ctx, { runIds, opportunityIds, reason });
    return { status: 'DONE', ticket: null, runIds, opportunities: opportunityIds.length, withdrawn, error: null };
  } catch (err) {
    return {
      status: 'FAILED',
      ticket: null,
      runIds: [],
      opportunities: opportunityIds.length,
      withdrawn: 0,
      error: `credit was not recomputed: ${(err as Error).message}. The data change is saved; start a run (startRun) to recompute.`,
    };
  }
}

/**
 * For a change that recorded a recompute request (`ticket`): wake the worker,
 * and either answer QUEUED at once or, with `wait`, after the worker drained it.
 */
export async function queuedRecompute(
  ctx: { recompute: Pick<RecomputeWorker, 'wake' | 'waitFor'> },
  ticket: string | null,
  opportunities: number,
  wait: boolean,
): Promise<RecomputeReport> {
  if (!ticket) return { ...NOTHING, opportunities: 0 };
  if (!wait) {
    ctx.recompute.wake();
    return { status: 'QUEUED', ticket, runIds: [], opportunities, withdrawn: 0, error: null };
  }
  const outcome: RecomputeOutcome = await ctx.recompute.waitFor(ticket);
  return {
    status: outcome.status,
    ticket,
    runIds: outcome.runIds,
    opportunities,
    withdrawn: outcome.withdrawn,
    error: outcome.status === 'FAILED' ? outcome.error : null,
  };
}

/**
 * Tells subscribers which opportunities' allocations changed. Which partners
 * that concerns is left to the partner-confined subscribers (each asks for
 * its own partner only, opportunitiesCreditedTo): working it out here would
 * read, for every drain, every allocation ever written for those
 * opportunities, history included, whether or not anyone listens.
 */
export async function publishAllocationsChanged(
  ctx: { pubsub: AllocationsChangedSink },
  change: { runIds: string[]; opportunityIds: string[]; reason: string },
): Promise<void> {
  ctx.pubsub.publish('allocations:changed', {
    runId: change.runIds[0] ?? null,
    opportunityIds: change.opportunityIds,
    partnerIds: undefined,
    reason: change.reason,
    at: new Date(),
  });
}
