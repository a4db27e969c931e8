// Dispute and override queries.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { DisputeStatusEnum, OverrideStatusEnum } from '../common/enums.js';
import { partnerRowFilter } from '../common/visibility.js';
import type { GraphQLContext } from '../context.js';

function disputeWhere(
  args: { status?: Array<'open' | 'approved' | 'rejected'> | null; opportunityKey?: string | null },
  ctx: GraphQLContext,
): Prisma.DisputeWhereInput {
  return {
    AND: [
      partnerRowFilter(ctx),
      args.status ? { status: { in: args.status } } : {},
      args.opportunityKey ? { opportunity: { key: args.opportunityKey } } : {},
    ],
  };
}

builder.queryFields((t) => ({
  disputes: t.prismaConnection(
    {
      type: 'Dispute',
      cursor: 'id',
      description: "Disputes, newest first. A partner key sees only its own partner's disputes.",
      authScopes: { $any: { readInternal: true, partner: true } },
      args: {
        status: t.arg({ type: [DisputeStatusEnum], required: false, description: 'Only disputes in these statuses.' }),
        opportunityKey: t.arg.string({ required: false, description: 'Only disputes about this deal (CRM key).' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.dispute.findMany({
          ...query,
          where: disputeWhere(args, ctx),
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.dispute.count({ where: disputeWhere(args, ctx) }),
    },
    { name: 'DisputeConnection' },
    { name: 'DisputeEdge' },
  ),
  overrides: t.prismaConnection(
    {
      type: 'Override',
      cursor: 'id',
      description: 'Overrides, latest approval first. Internal readers only.',
      authScopes: { readInternal: true },
      args: {
        status: t.arg({ type: [OverrideStatusEnum], required: false, description: 'Only overrides in these statuses.' }),
        opportunityKey: t.arg.string({ required: false, description: 'Only overrides on this deal (CRM key).' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.override.findMany({
          ...query,
          where: {
            ...(args.status ? { status: { in: args.status } } : {}),
            ...(args.opportunityKey ? { opportunity: { key: args.opportunityKey } } : {}),
          },
          orderBy: [{ approvedAt: 'desc' }, { id: 'asc' }],
        }),
      totalCount: (_c, args, ctx) =>
        ctx.prisma.override.count({
          where: {
            ...(args.status ? { status: { in: args.status } } : {}),
            ...(args.opportunityKey ? { opportunity: { key: args.opportunityKey } } : {}),
          },
        }),
    },
    { name: 'OverrideConnection' },
    { name: 'OverrideEdge' },
  ),
}));
