// Touchpoint queries. A partner key sees only its own partner's touchpoints.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { DateTimeRange, dateTimeWhere, orderByOf, orderInput } from '../common/inputs.js';
import { partnerRowFilter } from '../common/visibility.js';
import type { GraphQLContext } from '../context.js';

const TouchpointFilter = builder.inputType('TouchpointFilter', {
  description: 'Which touchpoints to list; every given condition must hold.',
  fields: (t) => ({
    partnerKey: t.string({ required: false, description: "Only this partner's touches (business key)." }),
    opportunityKey: t.string({ required: false, description: 'Only touches on this deal (CRM key).' }),
    accountKey: t.string({ required: false, description: 'Only touches on this account, directly or through one of its deals.' }),
    source: t.string({ required: false, description: 'Only touches from this source system.' }),
    channel: t.stringList({ required: false, description: 'Channel taxonomy keys.' }),
    action: t.stringList({ required: false, description: 'Action-type taxonomy keys.' }),
    occurredAt: t.field({ type: DateTimeRange, required: false, description: 'Only touches that occurred in this range.' }),
    missingEvidence: t.boolean({ required: false, description: 'Only touches missing proof, owner or next joint step.' }),
    includeDeleted: t.boolean({ required: false, defaultValue: false, description: 'Also soft-deleted touches.' }),
  }),
});
const TouchpointOrder = orderInput('Touchpoint', ['OCCURRED_AT', 'INGESTED_AT', 'EXTERNAL_ID'] as const);
const COLUMNS = { OCCURRED_AT: 'occurredAt', INGESTED_AT: 'ingestedAt', EXTERNAL_ID: 'externalId' } as const;

function touchpointWhere(f: typeof TouchpointFilter.$inferInput | null | undefined, ctx: GraphQLContext): Prisma.TouchpointWhereInput {
  const and: Prisma.TouchpointWhereInput[] = [partnerRowFilter(ctx)];
  if (!f?.includeDeleted) and.push({ deletedAt: null });
  if (f?.partnerKey) and.push({ partner: { key: f.partnerKey } });
  if (f?.opportunityKey) and.push({ opportunity: { key: f.opportunityKey } });
  if (f?.accountKey) and.push({ OR: [{ account: { key: f.accountKey } }, { opportunity: { account: { key: f.accountKey } } }] });
  if (f?.source) and.push({ source: f.source });
  if (f?.channel) and.push({ channel: { in: f.channel } });
  if (f?.action) and.push({ action: { in: f.action } });
  const occurred = dateTimeWhere(f?.occurredAt);
  if (occurred) and.push({ occurredAt: occurred });
  if (f?.missingEvidence) and.push({ OR: [{ proof: null }, { owner: null }, { nextJointStep: null }] });
  return { AND: and };
}

builder.queryFields((t) => ({
  touchpoints: t.prismaConnection(
    {
      type: 'Touchpoint',
      cursor: 'id',
      description: 'Touchpoints, newest first unless orderBy says otherwise; a partner key sees only its own.',
      authScopes: { $any: { readIngested: true, partner: true } },
      args: {
        filter: t.arg({ type: TouchpointFilter, required: false, description: 'Omitted: all live touches the caller may read.' }),
        orderBy: t.arg({ type: [TouchpointOrder], required: false, description: 'Sort keys in order; default newest occurred first.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.touchpoint.findMany({
          ...query,
          where: touchpointWhere(args.filter, ctx),
          orderBy: orderByOf(args.orderBy, COLUMNS, [{ occurredAt: 'desc' }]),
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.touchpoint.count({ where: touchpointWhere(args.filter, ctx) }),
    },
    { name: 'TouchpointConnection' },
    { name: 'TouchpointEdge' },
  ),
  touchpoint: t.prismaField({
    type: 'Touchpoint',
    nullable: true,
    description: 'One touchpoint by its source system and external id.',
    authScopes: { $any: { readIngested: true, partner: true } },
    args: {
      source: t.arg.string({ required: true, description: 'The source system, as sent at ingestion.' }),
      externalId: t.arg.string({ required: true, description: "The touch's id in that system." }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.touchpoint.findFirst({
        ...query,
        where: { source: args.source, externalId: args.externalId, ...partnerRowFilter(ctx) },
      }),
  }),
}));
