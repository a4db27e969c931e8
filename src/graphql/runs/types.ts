// AttributionRun: one computation of credit under one rule version, with progress.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { countForParent, loadParentPage } from '../common/parent-pages.js';
import type { GraphQLContext } from '../context.js';
import { RunKindEnum, RunStatusEnum } from '../common/enums.js';

const runAllocations = (ctx: GraphQLContext) => ({
  name: 'AttributionRun.allocations', table: 'credit_allocation', parentColumn: 'run_id', parentField: 'runId',
  order: [{ column: 'opportunity_id', field: 'opportunityId', desc: false }, { column: 'id', field: 'id', desc: false }],
  filter: { conditions: [], params: [] },
  findMany: (q: Record<string, unknown>) => ctx.prisma.creditAllocation.findMany(q as Prisma.CreditAllocationFindManyArgs),
});

export const AttributionRunNode = builder.prismaNode('AttributionRun', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A full, incremental or preview computation of credit under one rule version.',
  authScopes: { readInternal: true },
  fields: (t) => ({
    ruleVersion: t.relation('ruleVersion'),
    kind: t.expose('kind', { type: RunKindEnum }),
    scope: t.expose('scope', { type: 'JSON' }),
    status: t.expose('status', { type: RunStatusEnum }),
    opportunitiesTotal: t.exposeInt('opportunitiesTotal'),
    opportunitiesDone: t.exposeInt('opportunitiesDone'),
    allocationsWritten: t.exposeInt('allocationsWritten'),
    percentDone: t.int({
      description: 'Whole percent of opportunities done (0–100).',
      select: { opportunitiesDone: true, opportunitiesTotal: true, status: true },
      resolve: (r) => (r.opportunitiesTotal > 0 ? Math.floor((100 * r.opportunitiesDone) / r.opportunitiesTotal) : r.status === 'succeeded' ? 100 : 0),
    }),
    partitions: t.exposeInt('partitions'),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    heartbeatAt: t.expose('heartbeatAt', { type: 'DateTime', nullable: true }),
    error: t.exposeString('error', { nullable: true }),
    triggeredBy: t.exposeString('triggeredBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    // A full run writes millions of rows: pages are bounded per run (see common/parent-pages.ts).
    allocations: t.prismaConnection({
      type: 'CreditAllocation',
      cursor: 'id',
      resolve: (query, run, _args, ctx) => loadParentPage(ctx, runAllocations(ctx), run.id, query),
      totalCount: (run, _args, ctx) => countForParent(ctx, runAllocations(ctx), run.id),
    }),
  }),
});
