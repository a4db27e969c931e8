// AttributionRun: one computation of credit under one rule version, with progress.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { countForParent, loadParentPage } from '../common/parent-pages.js';
import type { GraphQLContext } from '../context.js';
import { RunKindEnum, RunStatusEnum } from '../common/enums.js';

const runAllocations = (ctx: GraphQLContext) => ({
  name: 'AttributionRun.allocations',
  table: 'credit_allocation',
  parentColumn: 'run_id',
  parentField: 'runId',
  order: [
    { column: 'opportunity_id', field: 'opportunityId', desc: false },
    { column: 'id', field: 'id', desc: false },
  ],
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
    ruleVersion: t.relation('ruleVersion', { description: 'The rule version evaluated.' }),
    kind: t.expose('kind', { type: RunKindEnum, description: 'Full, incremental or preview.' }),
    scope: t.expose('scope', {
      type: 'JSON',
      description:
        'The scope evaluated, as a JSON object: opportunityKeys, from/to (YYYY-MM-DD), partnerKey when given, and asOf (ISO 8601), the instant open deals were evaluated at.',
    }),
    status: t.expose('status', { type: RunStatusEnum, description: 'Queued, running, succeeded, failed or superseded.' }),
    opportunitiesTotal: t.exposeInt('opportunitiesTotal', {
      description: "Opportunities in the version's window and the scope (counted at start).",
    }),
    opportunitiesDone: t.exposeInt('opportunitiesDone', { description: 'Opportunities evaluated and written so far.' }),
    allocationsWritten: t.exposeInt('allocationsWritten', {
      description: 'Credit allocation rows written so far (every evaluated opportunity writes at least one).',
    }),
    percentDone: t.int({
      description: 'Whole percent of opportunities done (0–100).',
      select: { opportunitiesDone: true, opportunitiesTotal: true, status: true },
      resolve: (r) =>
        r.opportunitiesTotal > 0 ? Math.floor((100 * r.opportunitiesDone) / r.opportunitiesTotal) : r.status === 'succeeded' ? 100 : 0,
    }),
    partitions: t.exposeInt('partitions', { description: 'How many slices of the opportunities were evaluated concurrently.' }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When evaluation started (ISO 8601, UTC); null while queued.',
    }),
    finishedAt: t.expose('finishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it succeeded or failed (ISO 8601, UTC); null while queued or running.',
    }),
    heartbeatAt: t.expose('heartbeatAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last sign of life of a running run (ISO 8601, UTC); a run silent for over a minute is failed by the next run.',
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why the run failed; null unless failed.' }),
    triggeredBy: t.exposeString('triggeredBy', {
      description: "Who or what started it: an API key's actor, the CLI, or the recompute queue.",
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: "When the run was created (ISO 8601, UTC); orders runs (a newer run's credit wins).",
    }),
    // A full run writes millions of rows: pages are bounded per run (see common/parent-pages.ts).
    allocations: t.prismaConnection({
      type: 'CreditAllocation',
      cursor: 'id',
      description: "The rows this run wrote, by opportunity (current or not; a failed run's rows are deleted).",
      resolve: (query, run, _args, ctx) => loadParentPage(ctx, runAllocations(ctx), run.id, query),
      totalCount: (run, _args, ctx) => countForParent(ctx, runAllocations(ctx), run.id),
    }),
  }),
});
