// After data changes: recompute credit for the affected opportunities with the
// engine (incremental runs under each applicable published version), then tell
// subscribers. Ingested data is already committed; a failing recompute is
// reported in the payload (and can be retried with startRun), never lost.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { recomputeOpportunities } from '../../engine/recompute.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';

export interface RecomputeReport {
  runIds: string[];
  opportunities: number;
  withdrawn: number;
  error: string | null;
}

export async function recomputeAfterChange(ctx: GraphQLContext, opportunityIds: string[], actor: string, reason: string): Promise<RecomputeReport> {
  if (opportunityIds.length === 0) return { runIds: [], opportunities: 0, withdrawn: 0, error: null };
  try {
    const result = await recomputeOpportunities(ctx.db, opportunityIds, { triggeredBy: actor });
    const runIds = result.runs.map((r) => r.runId);
    const withdrawn = Object.values(result.withdrawn).reduce((n, ids) => n + ids.length, 0);
    if (runIds.length || withdrawn) {
      const partnerIds = await ctx.prisma.creditAllocation.findMany({
        where: { opportunityId: { in: opportunityIds }, partnerId: { not: null } },
        select: { partnerId: true }, distinct: ['partnerId'],
      });
      ctx.pubsub.publish('allocations:changed', {
        runId: runIds[0] ?? null, opportunityIds, partnerIds: partnerIds.map((p) => p.partnerId!), reason, at: new Date(),
      });
    }
    return { runIds, opportunities: opportunityIds.length, withdrawn, error: null };
  } catch (err) {
    return {
      runIds: [], opportunities: opportunityIds.length, withdrawn: 0,
      error: `credit was not recomputed: ${(err as Error).message}. The data change is saved; start a run (startRun) to recompute.`,
    };
  }
}

export const RecomputeReportRef = builder.objectRef<RecomputeReport>('RecomputeReport').implement({
  description: 'What happened to credit after a data change.',
  fields: (t) => ({
    opportunities: t.exposeInt('opportunities', { description: 'Opportunities whose credit may have changed.' }),
    runIds: t.idList({
      description: 'Global ids of the incremental runs that recomputed the credit.',
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

