// Rule queries.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { RuleVersionStatusEnum } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';

/** Statuses a caller may see: drafts are internal. */
function visibleStatuses(ctx: GraphQLContext): Prisma.RuleVersionWhereInput {
  return ctx.principal?.role === 'partner' || ctx.principal?.role === 'integrator' ? { status: { in: ['published', 'retired'] } } : {};
}

builder.queryFields((t) => ({
  ruleSets: t.prismaConnection(
    {
      type: 'RuleSet',
      cursor: 'id',
      description: 'Every methodology, by key. Any API key.',
      authScopes: { authenticated: true },
      resolve: (query, _root, _args, ctx) => ctx.prisma.ruleSet.findMany({ ...query, orderBy: [{ key: 'asc' }, { id: 'asc' }] }),
      totalCount: (_c, _a, ctx) => ctx.prisma.ruleSet.count(),
    },
    { name: 'RuleSetConnection' },
    { name: 'RuleSetEdge' },
  ),
  ruleSet: t.prismaField({
    type: 'RuleSet',
    nullable: true,
    description: 'One methodology by key; null when none has it. Any API key.',
    authScopes: { authenticated: true },
    args: { key: t.arg.string({ required: true, description: 'The rule set key, e.g. "default".' }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.ruleSet.findUnique({ ...query, where: { key: args.key } }),
  }),
  ruleVersions: t.prismaConnection(
    {
      type: 'RuleVersion',
      cursor: 'id',
      description: 'Rule versions, newest first. Partner and integrator keys see published and retired versions only.',
      authScopes: { authenticated: true },
      args: {
        ruleSetKey: t.arg.string({ required: false, description: 'Only versions of this rule set.' }),
        status: t.arg({ type: [RuleVersionStatusEnum], required: false, description: 'Only versions in these statuses.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.ruleVersion.findMany({
          ...query,
          where: {
            AND: [
              visibleStatuses(ctx),
              args.ruleSetKey ? { ruleSet: { key: args.ruleSetKey } } : {},
              args.status ? { status: { in: args.status } } : {},
            ],
          },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        }),
      totalCount: (_c, args, ctx) =>
        ctx.prisma.ruleVersion.count({
          where: {
            AND: [
              visibleStatuses(ctx),
              args.ruleSetKey ? { ruleSet: { key: args.ruleSetKey } } : {},
              args.status ? { status: { in: args.status } } : {},
            ],
          },
        }),
    },
    { name: 'RuleVersionConnection' },
    { name: 'RuleVersionEdge' },
  ),
}));
