// After data changes: credit for the affected opportunities is recomputed by
// the engine (incremental runs under each applicable published version), then
// subscribers are told ('allocations:changed'). Two ways:
//  * queued (ingestTouchpoints by default): the change recorded a recompute
//    request in its own transaction (src/recompute-queue); the server's worker
//    drains it in the background, coalescing many changes. The report says
//    QUEUED and gives the ticket to follow (recomputeRequest / recomputeQueue
//    queries, or the allocationsChanged subscription).
//  * synchronous (recomputeAfterChange, and ingestTouchpoints with
//    awaitRecompute: true): the mutation answers after the recompute, DONE or
//    FAILED. Ingested data is already committed; a failing recompute is
//    reported, never lost.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { recomputeOpportunities } from '../../engine/recompute.js';
import { queueSnapshot, ticketState, type QueueSnapshot, type RecomputeOutcome, type TicketState } from '../../recompute-queue/index.js';
import { arrayLiteral } from '../../db/sql-arrays.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { PARTNER_CREDIT_SQL } from './visibility.js';

export type RecomputeStatus = 'QUEUED' | 'DONE' | 'FAILED';

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

export async function recomputeAfterChange(ctx: GraphQLContext, opportunityIds: string[], actor: string, reason: string): Promise<RecomputeReport> {
  if (opportunityIds.length === 0) return { ...NOTHING, opportunities: 0 };
  try {
    const result = await recomputeOpportunities(ctx.db, opportunityIds, { triggeredBy: actor });
    const runIds = result.runs.map((r) => r.runId);
    const withdrawn = Object.values(result.withdrawn).reduce((n, ids) => n + ids.length, 0);
    if (runIds.length || withdrawn) await publishAllocationsChanged(ctx, { runIds, opportunityIds, reason });
    return { status: 'DONE', ticket: null, runIds, opportunities: opportunityIds.length, withdrawn, error: null };
  } catch (err) {
    return {
      status: 'FAILED', ticket: null, runIds: [], opportunities: opportunityIds.length, withdrawn: 0,
      error: `credit was not recomputed: ${(err as Error).message}. The data change is saved; start a run (startRun) to recompute.`,
    };
  }
}

/**
 * For a change that recorded a recompute request (`ticket`): wake the worker,
 * and either answer QUEUED at once or, with `wait`, after the worker drained it.
 */
export async function queuedRecompute(ctx: GraphQLContext, ticket: string | null, opportunities: number, wait: boolean): Promise<RecomputeReport> {
  if (!ticket) return { ...NOTHING, opportunities: 0 };
  if (!wait) {
    ctx.recompute.wake();
    return { status: 'QUEUED', ticket, runIds: [], opportunities, withdrawn: 0, error: null };
  }
  const outcome: RecomputeOutcome = await ctx.recompute.waitFor(ticket);
  return {
    status: outcome.status, ticket, runIds: outcome.runIds, opportunities, withdrawn: outcome.withdrawn,
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
  ctx: Pick<GraphQLContext, 'pubsub'>,
  change: { runIds: string[]; opportunityIds: string[]; reason: string },
): Promise<void> {
  ctx.pubsub.publish('allocations:changed', {
    runId: change.runIds[0] ?? null, opportunityIds: change.opportunityIds, partnerIds: undefined,
    reason: change.reason, at: new Date(),
  });
}

/**
 * Which of these opportunities `partnerId` has (or had: superseded rows count)
 * credit on — the part of an allocations:changed event that concerns it
 * (rows of preview runs are not credit). One
 * probe of the partner's allocations per opportunity. With no opportunities
 * (a full run, which recomputes every deal): '*' when the partner has any
 * credit at all, nothing otherwise.
 */
export async function opportunitiesCreditedTo(db: Pick<GraphQLContext['db'], 'sql'>, partnerId: string, opportunityIds: readonly string[]): Promise<Set<string>> {
  if (opportunityIds.length === 0) {
    const [row] = await db.sql.query<{ hit: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM credit_allocation c WHERE c.partner_id = $1::uuid AND ${PARTNER_CREDIT_SQL}) AS hit`, [partnerId],
    );
    return new Set(row?.hit === true ? ['*'] : []);
  }
  const rows = await db.sql.query<{ id: string }>(
    `SELECT o.id::text AS id FROM unnest($2::uuid[]) AS o(id)
      WHERE EXISTS (SELECT 1 FROM credit_allocation c WHERE c.partner_id = $1::uuid AND c.opportunity_id = o.id AND ${PARTNER_CREDIT_SQL})`,
    [partnerId, arrayLiteral(opportunityIds)],
  );
  return new Set(rows.map((r) => r.id));
}

export const RecomputeStatusEnum = builder.enumType('RecomputeStatus', {
  description: 'Where the recompute of credit after a change stands.',
  values: {
    QUEUED: { description: 'Recorded with the change; the server recomputes it shortly (follow the ticket with recomputeRequest, or subscribe to allocationsChanged).' },
    DONE: { description: 'Credit is current for the change (or nothing needed recomputing).' },
    FAILED: { description: 'The last attempt failed (see error); the change is saved, and queued work is retried automatically with backoff.' },
  } as const,
});

export const RecomputeReportRef = builder.objectRef<RecomputeReport>('RecomputeReport').implement({
  description: 'What happened to credit after a data change.',
  fields: (t) => ({
    status: t.field({ type: RecomputeStatusEnum, resolve: (r) => r.status ?? 'DONE' }),
    ticket: t.id({
      nullable: true,
      description: 'The recompute request of this change when it was queued: ask recomputeRequest(ticket:) when its credit is current.',
      resolve: (r) => r.ticket ?? null,
    }),
    opportunities: t.exposeInt('opportunities', { description: 'Opportunities whose credit may have changed.' }),
    runIds: t.idList({
      description: 'Global ids of the incremental runs that recomputed the credit (empty while QUEUED; a queued recompute may share its runs with other changes).',
      resolve: (r) => r.runIds.map((id) => encodeGlobalID('AttributionRun', id)),
    }),
    runs: t.prismaField({
      type: ['AttributionRun'],
      description: 'The incremental runs that recomputed them (one per applicable published rule version); internal readers only.',
      authScopes: { readInternal: true },
      resolve: (query, r, _a, ctx) => (r.runIds.length
        ? ctx.prisma.attributionRun.findMany({ ...query, where: { id: { in: r.runIds } }, orderBy: { createdAt: 'asc' } }) : []),
    }),
    withdrawn: t.exposeInt('withdrawn', { description: 'Opportunities that lost credit because no published version covers them.' }),
    error: t.exposeString('error', { nullable: true }),
  }),
});

const RecomputeRequestRef = builder.objectRef<TicketState & { ticket: string }>('RecomputeRequest').implement({
  description: 'One change\'s queued recompute. DONE once its credit is current (the request is removed when recomputed).',
  fields: (t) => ({
    ticket: t.id({ resolve: (r) => r.ticket }),
    status: t.field({ type: RecomputeStatusEnum, resolve: (r) => r.status }),
    opportunities: t.exposeInt('opportunities', { description: 'Opportunities of this change still waiting.' }),
    attempts: t.exposeInt('attempts', { description: 'Failed attempts so far.' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
  }),
});

interface QueueView extends QueueSnapshot {
  workerRunning: boolean;
  lastDrainAt: Date | null;
}

const RecomputeQueueRef = builder.objectRef<QueueView>('RecomputeQueue').implement({
  description: 'The background recompute of credit after data changes. Empty (pendingRequests 0) means all ingested credit is current.',
  fields: (t) => ({
    pendingRequests: t.exposeInt('pendingRequests', { description: 'Requests waiting (one per opportunity per change).' }),
    pendingOpportunities: t.exposeInt('pendingOpportunities'),
    oldestRequestedAt: t.expose('oldestRequestedAt', { type: 'DateTime', nullable: true }),
    failingRequests: t.exposeInt('failingRequests', { description: 'Requests whose last attempt failed; retried with backoff.' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true, description: 'When failed requests are tried again.' }),
    workerRunning: t.exposeBoolean('workerRunning', { description: 'Whether this server process drains the queue.' }),
    lastDrainAt: t.expose('lastDrainAt', { type: 'DateTime', nullable: true, description: 'When this server process last recomputed queued work.' }),
  }),
});

builder.queryFields((t) => ({
  recomputeQueue: t.field({
    type: RecomputeQueueRef,
    description: 'The recompute queue: how much credit is waiting to be recomputed after data changes, and any failure.',
    authScopes: { $any: { ingest: true, readInternal: true } },
    resolve: async (_r, _a, ctx) => {
      const snap = await queueSnapshot(ctx.db.sql);
      const worker = ctx.recompute.status();
      return { ...snap, workerRunning: worker.running, lastDrainAt: worker.lastDrainAt };
    },
  }),
  recomputeRequest: t.field({
    type: RecomputeRequestRef,
    description: 'Where one change\'s recompute stands, by the ticket its mutation returned (recompute.ticket).',
    authScopes: { $any: { ingest: true, readInternal: true } },
    args: { ticket: t.arg.id({ required: true }) },
    resolve: async (_r, { ticket }, ctx) => {
      const id = String(ticket);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
        throw new GraphQLError(`"${id}" is not a recompute ticket; use recompute.ticket from the mutation's payload`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return { ticket: id, ...(await ticketState(ctx.db.sql, id)) };
    },
  }),
}));
