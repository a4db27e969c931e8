// Run queries.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RunKindEnum, RunStatusEnum } from '../common/enums.js';
import { DateTimeRange, dateTimeWhere } from '../common/inputs.js';
import { optionalIdOf } from '../common/ids.js';

const RunFilter = builder.inputType('AttributionRunFilter', {
  description: 'Which runs to list; every given condition must hold.',
  fields: (t) => ({
    status: t.field({ type: [RunStatusEnum], required: false, description: 'Only runs in these statuses.' }),
    kind: t.field({ type: [RunKindEnum], required: false, description: 'Only runs of these kinds.' }),
    ruleVersionId: t.id({ required: false, description: 'Only runs of this RuleVersion (global id).' }),
    createdAt: t.field({ type: DateTimeRange, required: false, description: 'Only runs created in this range.' }),
  }),
});

function runWhere(f: typeof RunFilter.$inferInput | null | undefined): Prisma.AttributionRunWhereInput {
  const created = dateTimeWhere(f?.createdAt);
  const ruleVersionId = optionalIdOf(f?.ruleVersionId == null ? null : String(f.ruleVersionId), 'RuleVersion', 'filter.ruleVersionId');
  return {
    ...(f?.status ? { status: { in: f.status } } : {}),
    ...(f?.kind ? { kind: { in: f.kind } } : {}),
    ...(ruleVersionId ? { ruleVersionId } : {}),
    ...(created ? { createdAt: created } : {}),
  };
}

builder.queryFields((t) => ({
  attributionRuns: t.prismaConnection(
    {
      type: 'AttributionRun',
      cursor: 'id',
      description: 'Attribution runs, newest first. Internal readers only.',
      authScopes: { readInternal: true },
      args: { filter: t.arg({ type: RunFilter, required: false, description: 'Omitted: every run.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.attributionRun.findMany({
          ...query,
          where: runWhere(args.filter),
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.attributionRun.count({ where: runWhere(args.filter) }),
    },
    { name: 'AttributionRunConnection' },
    { name: 'AttributionRunEdge' },
  ),
}));
