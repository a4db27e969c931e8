// Subscriptions over Yoga's SSE transport.
//  - runProgress(runId): the run row each time its progress changes, until it
//    finishes. Reads the database (so runs started by the CLI or another
//    server process are followed too) and wakes early on in-process events.
//  - allocationsChanged: an event each time credit was recomputed.
import { GraphQLError } from 'graphql';
import { Repeater } from 'graphql-yoga';
import type { AttributionRun } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { idOf } from './common/ids.js';
import type { AllocationsChangedEvent } from './pubsub.js';
import { AttributionRunNode } from './runs/types.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { confinedPartnerId } from './common/visibility.js';
import { opportunitiesCreditedTo } from './common/recompute.js';
import { partnerEventView } from '../auth/partner-policy.js';

const TERMINAL = new Set(['succeeded', 'failed', 'superseded']);
const POLL_MS = 200;

const AllocationsChangedRef = builder.objectRef<AllocationsChangedEvent>('AllocationsChanged').implement({
  description: 'Credit changed: re-read the allocations of these opportunities.',
  fields: (t) => ({
    runId: t.id({
      nullable: true,
      description:
        'Global id of the run that wrote the new credit; null for a partner key, or when no single run did (e.g. a dispute decision).',
      resolve: (e) => (e.runId ? encodeGlobalID('AttributionRun', e.runId) : null),
    }),
    opportunityIds: t.idList({
      description: 'Global ids of the opportunities whose credit was recomputed.',
      resolve: (e) => e.opportunityIds.map((id) => encodeGlobalID('Opportunity', id)),
    }),
    reason: t.exposeString('reason', {
      description:
        'What caused it: "run", "dispute.approve", or the changes a recompute covered, comma-separated (e.g. "touchpoint.ingest,opportunity.upsert").',
    }),
    at: t.expose('at', { type: 'DateTime', description: 'When the change was published (ISO 8601, UTC).' }),
  }),
});

builder.subscriptionFields((t) => ({
  runProgress: t.field({
    type: AttributionRunNode,
    description: 'Progress of one run; completes after the run finishes (succeeded, failed or superseded).',
    authScopes: { readInternal: true },
    args: { runId: t.arg.id({ required: true, description: "Global id of an AttributionRun (startRun's run.id)." }) },
    subscribe: (_root, args, ctx) => {
      let id: string;
      try {
        id = idOf(String(args.runId), 'AttributionRun', 'runId');
      } catch (err) {
        throw new GraphQLError((err as Error).message, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return new Repeater<AttributionRun>(async (push, stop) => {
        const waker: { wake: (() => void) | null } = { wake: null };
        const events = ctx.pubsub.subscribe('run:progress', id);
        void (async () => {
          for await (const _e of events) waker.wake?.();
        })();
        let last = '';
        let done = false;
        void stop.then(() => {
          done = true;
          waker.wake?.();
          void events.return?.();
        });
        try {
          while (!done) {
            const run = await ctx.prisma.attributionRun.findUnique({ where: { id } });
            if (!run) {
              stop(
                new GraphQLError(`no attribution run ${String(args.runId)}; use the id returned by startRun`, {
                  extensions: { code: 'NOT_FOUND' },
                }),
              );
              break;
            }
            const signature = `${run.status}|${run.opportunitiesDone}|${run.allocationsWritten}|${run.opportunitiesTotal}`;
            if (signature !== last) {
              last = signature;
              await push(run);
            }
            if (TERMINAL.has(run.status)) {
              stop();
              break;
            }
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, POLL_MS);
              waker.wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            waker.wake = null;
          }
        } finally {
          void events.return?.();
        }
      });
    },
    resolve: (run) => run,
  }),
  allocationsChanged: t.field({
    type: AllocationsChangedRef,
    description:
      'Fires when credit is recomputed (ingestion, runs, overrides). A partner key hears only of opportunities where it has or had credit, and gets no runId.',
    authScopes: { $any: { readInternal: true, partner: true } },
    subscribe: (_root, _args, ctx) => {
      const confined = confinedPartnerId(ctx);
      const source = ctx.pubsub.subscribe('allocations:changed');
      if (!confined) return source;
      return new Repeater<AllocationsChangedEvent>(async (push, stop) => {
        void stop.then(() => source.return?.());
        for await (const e of source) {
          // A partner key hears only of opportunities it has or had credit on,
          // without the run id (src/auth/partner-policy.ts). When the check
          // cannot be made (database unreachable) the event is withheld.
          if (Array.isArray(e.partnerIds) && !e.partnerIds.includes(confined)) continue;
          const credited = await opportunitiesCreditedTo(ctx.db, confined, e.opportunityIds).catch(() => null);
          const view = credited ? partnerEventView(e, credited) : null;
          if (view) await push(view);
        }
        stop();
      });
    },
    resolve: (e) => e,
  }),
}));
