// Partner queries.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { PartnerStatusEnum } from '../common/enums.js';
import { orderByOf, orderInput } from '../common/inputs.js';
import { confinedPartnerId } from '../common/visibility.js';
import type { GraphQLContext } from '../context.js';

const PartnerFilter = builder.inputType('PartnerFilter', {
  description: 'Which partners to list; every given condition must hold.',
  fields: (t) => ({
    keys: t.stringList({ required: false, description: 'Only these business keys.' }),
    type: t.stringList({ required: false, description: 'Partner-type taxonomy keys.' }),
    tier: t.stringList({ required: false, description: 'Partner-tier taxonomy keys.' }),
    status: t.field({ type: [PartnerStatusEnum], required: false, description: 'Only partners in one of these statuses.' }),
    search: t.string({ required: false, description: 'Case-insensitive match on name or key.' }),
  }),
});

const PartnerOrder = orderInput('Partner', ['NAME', 'KEY', 'CREATED_AT', 'TIER'] as const);
const PARTNER_COLUMNS = { NAME: 'name', KEY: 'key', CREATED_AT: 'createdAt', TIER: 'tier' } as const;

function partnerWhere(filter: typeof PartnerFilter.$inferInput | null | undefined, ctx: GraphQLContext): Prisma.PartnerWhereInput {
  const confined = confinedPartnerId(ctx);
  return {
    ...(confined ? { id: confined } : {}),
    ...(filter?.keys ? { key: { in: filter.keys } } : {}),
    ...(filter?.type ? { type: { in: filter.type } } : {}),
    ...(filter?.tier ? { tier: { in: filter.tier } } : {}),
    ...(filter?.status ? { status: { in: filter.status } } : {}),
    ...(filter?.search
      ? { OR: [{ name: { contains: filter.search, mode: 'insensitive' } }, { key: { contains: filter.search, mode: 'insensitive' } }] }
      : {}),
  };
}

builder.queryFields((t) => ({
  partners: t.prismaConnection(
    {
      type: 'Partner',
      cursor: 'id',
      description: 'Partners; a partner key sees only its own partner.',
      authScopes: { $any: { readIngested: true, partner: true } },
      args: {
        filter: t.arg({ type: PartnerFilter, required: false, description: 'Omitted: all partners the caller may read.' }),
        orderBy: t.arg({ type: [PartnerOrder], required: false, description: 'Sort keys in order; default by name.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.partner.findMany({
          ...query,
          where: partnerWhere(args.filter, ctx),
          orderBy: orderByOf(args.orderBy, PARTNER_COLUMNS, [{ name: 'asc' }]),
        }),
      totalCount: (_conn, args, ctx) => ctx.prisma.partner.count({ where: partnerWhere(args.filter, ctx) }),
    },
    { name: 'PartnerConnection' },
    { name: 'PartnerEdge' },
  ),
  partner: t.prismaField({
    type: 'Partner',
    nullable: true,
    description: 'One partner by its business key.',
    authScopes: { $any: { readIngested: true, partner: true } },
    args: { key: t.arg.string({ required: true, description: 'The partner\'s business key, e.g. "acme-consulting".' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.partner.findFirst({
        ...query,
        where: { key: args.key, ...(confinedPartnerId(ctx) ? { id: confinedPartnerId(ctx)! } : {}) },
      }),
  }),
}));
