// startRun: a full (or scoped) attribution run under a published version. The
// mutation returns as soon as the run exists; follow it with the runProgress
// subscription or the run's fields.
import type { AttributionRun } from '../../generated/prisma/client.js';
import { awaitRun, enqueueRun } from '../../engine/partitioned-run.js';
import { startRun } from '../../engine/run.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { inputMutation } from '../common/mutation.js';
import { idOf } from '../common/ids.js';
import { asApiError } from '../common/domain-errors.js';
import { DomainRuleError, COMMON_ERRORS } from '../errors.js';
import { AttributionRunNode } from './types.js';
import { RunScopeInput, runScopeOf } from './scope.js';

const StartRunInput = builder.inputType('StartRunInput', {
  description: 'The version to run and on which opportunities.',
  fields: (t) => ({
    ruleVersionId: t.id({ required: true, description: 'A published RuleVersion.' }),
    scope: t.field({ type: RunScopeInput, required: false, description: "Omitted: every opportunity in the version's window." }),
  }),
});

const StartRunPayload = builder.objectRef<{ run: AttributionRun }>('StartRunPayload').implement({
  description: 'The started run.',
  fields: (t) => ({
    run: t.field({
      type: AttributionRunNode,
      description: 'The run as just created (queued or running); follow it with runProgress.',
      resolve: (p) => p.run,
    }),
  }),
});

/** A run's progress, for the runProgress subscription. */
function publishRunProgress(ctx: GraphQLContext, runId: string): void {
  ctx.pubsub.publish('run:progress', runId, { runId });
}

/** A run's end: its last progress, and its credit for allocationsChanged. */
function publishRunEnd(ctx: GraphQLContext, runId: string): void {
  publishRunProgress(ctx, runId);
  ctx.pubsub.publish('allocations:changed', { runId, opportunityIds: [], partnerIds: null, reason: 'run', at: new Date() });
}

inputMutation('startRun', {
  payload: StartRunPayload,
  description:
    'Starts a full run of a published version and answers as soon as the run exists; its credit becomes current in one switch when it succeeds. Governance and admin keys.',
  authScopes: { govern: true },
  errors: {
    types: [DomainRuleError, ...COMMON_ERRORS],
    union: 'The started run, or why it could not start (e.g. the version is not published, an unknown opportunity key).',
  },
  input: { type: StartRunInput, description: 'The version and scope.' },
  resolve: async (input, ctx) => {
    const ruleVersionId = idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId');
    const actor = actorOf(ctx.principal!);
    if (ctx.runQueue) {
      // Executed as jobs: the partitions are queued for this server's worker and every `attrib worker`.
      const queued = await enqueueRun(ctx.db, ctx.runQueue, {
        ruleVersionId,
        kind: 'full',
        scope: runScopeOf(input.scope),
        triggeredBy: actor,
      }).catch((err: unknown) => {
        throw asApiError(err);
      });
      ctx.background.track(
        awaitRun(ctx.db.sql, queued.runId, {
          pollMs: 500,
          onProgress: (p) => publishRunProgress(ctx, p.runId),
        }).then((summary) => publishRunEnd(ctx, summary.runId)),
      );
      return { run: await ctx.prisma.attributionRun.findUniqueOrThrow({ where: { id: queued.runId } }) };
    }
    let started: (id: string) => void = () => undefined;
    const runIdKnown = new Promise<string>((resolve) => {
      started = resolve;
    });
    const run = startRun(ctx.db, {
      ruleVersionId,
      kind: 'full',
      scope: runScopeOf(input.scope),
      triggeredBy: actor,
      onStarted: (id) => started(id),
      onProgress: (p) => publishRunProgress(ctx, p.runId),
    });
    ctx.background.track(run.then((summary) => publishRunEnd(ctx, summary.runId)));
    // Either the run row exists (return it) or the run failed before creating one (typed error).
    const first = await Promise.race([runIdKnown, run.then((s) => s.runId)]).catch((err: unknown) => {
      throw asApiError(err);
    });
    return { run: await ctx.prisma.attributionRun.findUniqueOrThrow({ where: { id: first } }) };
  },
});
