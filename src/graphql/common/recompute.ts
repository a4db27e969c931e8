// The GraphQL side of the recompute after data changes: the report's and the
// queue's types and the queue queries. What happens after a change (queued or
// synchronous recompute, the allocations:changed event) is
// src/recompute-queue/follow-up.ts; which opportunities of an event concern a
// partner is src/recompute-queue/credited.ts (opportunitiesCreditedTo).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { queueSnapshot, ticketState, type QueueSnapshot, type TicketState } from '../../recompute-queue/index.js';
import type { RecomputeReport } from '../../recompute-queue/follow-up.js';
import { builder } from '../builder.js';

/** For the partner-confined allocationsChanged subscription (src/graphql/subscriptions.ts). */
export { opportunitiesCreditedTo } from '../../recompute-queue/credited.js';

const RecomputeStatusEnum = builder.enumType('RecomputeStatus', {
  description: 'Where the recompute of credit after a change stands.',
  values: {
    QUEUED: {
      description:
        'Recorded with the change; the server recomputes it shortly (follow the ticket with recomputeRequest, or subscribe to allocationsChanged).',
    },
    DONE: { description: 'Credit is current for the change (or nothing needed recomputing).' },
    FAILED: {
      description: 'The last attempt failed (see error); the change is saved, and queued work is retried automatically with backoff.',
    },
  } as const,
});

export const RecomputeReportRef = builder.objectRef<RecomputeReport>('RecomputeReport').implement({
  description: 'What happened to credit after a data change.',
  fields: (t) => ({
    status: t.field({
      type: RecomputeStatusEnum,
      description: 'DONE: credit is current; QUEUED: follow `ticket`; FAILED: see `error`.',
      resolve: (r) => r.status ?? 'DONE',
    }),
    ticket: t.id({
      nullable: true,
      description: 'The recompute request of this change when it was queued: ask recomputeRequest(ticket:) when its credit is current.',
      resolve: (r) => r.ticket ?? null,
    }),
    opportunities: t.exposeInt('opportunities', { description: 'Opportunities whose credit may have changed.' }),
    runIds: t.idList({
      description:
        'Global ids of the incremental runs that recomputed the credit (empty while QUEUED; a queued recompute may share its runs with other changes).',
      resolve: (r) => r.runIds.map((id) => encodeGlobalID('AttributionRun', id)),
    }),
    runs: t.prismaField({
      type: ['AttributionRun'],
      description: 'The incremental runs that recomputed them (one per applicable published rule version); internal readers only.',
      authScopes: { readInternal: true },
      resolve: (query, r, _a, ctx) =>
        r.runIds.length
          ? ctx.prisma.attributionRun.findMany({ ...query, where: { id: { in: r.runIds } }, orderBy: { createdAt: 'asc' } })
          : [],
    }),
    withdrawn: t.exposeInt('withdrawn', { description: 'Opportunities that lost credit because no published version covers them.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why the recompute failed; null unless FAILED.' }),
  }),
});

const RecomputeRequestRef = builder.objectRef<TicketState & { ticket: string }>('RecomputeRequest').implement({
  description: "One change's queued recompute. DONE once its credit is current (the request is removed when recomputed).",
  fields: (t) => ({
    ticket: t.id({ description: 'The ticket asked about (recompute.ticket of the mutation).', resolve: (r) => r.ticket }),
    status: t.field({
      type: RecomputeStatusEnum,
      description: 'QUEUED while any of its opportunities waits, FAILED when the last attempt failed, DONE once its credit is current.',
      resolve: (r) => r.status,
    }),
    opportunities: t.exposeInt('opportunities', { description: 'Opportunities of this change still waiting.' }),
    attempts: t.exposeInt('attempts', { description: 'Failed attempts so far.' }),
    lastError: t.exposeString('lastError', { nullable: true, description: 'Error of the last failed attempt; null when none failed.' }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a failed request is tried again (ISO 8601); null when it is not waiting for a retry.',
    }),
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
    pendingOpportunities: t.exposeInt('pendingOpportunities', { description: 'Distinct opportunities waiting for a recompute.' }),
    oldestRequestedAt: t.expose('oldestRequestedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the oldest waiting request was recorded (ISO 8601); null when the queue is empty.',
    }),
    failingRequests: t.exposeInt('failingRequests', { description: 'Requests whose last attempt failed; retried with backoff.' }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Most recent error of a failing request; null when none fails.',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true, description: 'When failed requests are tried again.' }),
    workerRunning: t.exposeBoolean('workerRunning', { description: 'Whether this server process drains the queue.' }),
    lastDrainAt: t.expose('lastDrainAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When this server process last recomputed queued work.',
    }),
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
    description: "Where one change's recompute stands, by the ticket its mutation returned (recompute.ticket).",
    authScopes: { $any: { ingest: true, readInternal: true } },
    args: { ticket: t.arg.id({ required: true, description: "recompute.ticket from a mutation's payload (a UUID)." }) },
    resolve: async (_r, { ticket }, ctx) => {
      const id = String(ticket);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
        throw new GraphQLError(`"${id}" is not a recompute ticket; use recompute.ticket from the mutation's payload`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return { ticket: id, ...(await ticketState(ctx.db.sql, id)) };
    },
  }),
}));
