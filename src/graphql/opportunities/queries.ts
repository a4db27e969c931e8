// Opportunity queries with the filters the dashboards need.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { OpportunityTypeEnum } from '../common/enums.js';
import { StageOutcomeEnum } from '../taxonomy/types.js';
import { DateTimeRange, DecimalRange, dateTimeWhere, decimalWhere, orderByOf, orderInput } from '../common/inputs.js';

const OpportunityFilter = builder.inputType('OpportunityFilter', {
  description: 'Which opportunities to list; every given condition must hold.',
  fields: (t) => ({
    keys: t.stringList({ required: false, description: 'Only these CRM keys.' }),
    accountKey: t.string({ required: false, description: 'Only deals of this account (business key).' }),
    stage: t.stringList({ required: false, description: 'Opportunity-stage taxonomy keys.' }),
    outcome: t.field({
      type: [StageOutcomeEnum],
      required: false,
      description: 'Open, won or lost deals, whatever their stages are called.',
    }),
    type: t.field({ type: [OpportunityTypeEnum], required: false, description: 'Only deals of these types.' }),
    createdAt: t.field({ type: DateTimeRange, required: false, description: 'Only deals created in this range.' }),
    closedAt: t.field({ type: DateTimeRange, required: false, description: 'Only deals closed in this range (open deals never match).' }),
    amount: t.field({
      type: DecimalRange,
      required: false,
      description: 'Only deals whose amount, in its own currency, is in this range.',
    }),
    partnerKey: t.string({ required: false, description: 'Deals this partner touched (live touchpoints) or holds current credit on.' }),
    channel: t.string({ required: false, description: 'Deals with a live touchpoint through this channel (a channel taxonomy key).' }),
  }),
});
const OpportunityOrder = orderInput('Opportunity', ['AMOUNT', 'CREATED_AT', 'CLOSED_AT', 'NAME', 'KEY'] as const);
const COLUMNS = { AMOUNT: 'amount', CREATED_AT: 'createdAt', CLOSED_AT: 'closedAt', NAME: 'name', KEY: 'key' } as const;

function opportunityWhere(f: typeof OpportunityFilter.$inferInput | null | undefined): Prisma.OpportunityWhereInput {
  const and: Prisma.OpportunityWhereInput[] = [];
  if (f?.keys) and.push({ key: { in: f.keys } });
  if (f?.accountKey) and.push({ account: { key: f.accountKey } });
  if (f?.stage) and.push({ stage: { in: f.stage } });
  if (f?.outcome) and.push({ outcome: { in: f.outcome } });
  if (f?.type) and.push({ type: { in: f.type } });
  const created = dateTimeWhere(f?.createdAt);
  if (created) and.push({ createdAt: created });
  const closed = dateTimeWhere(f?.closedAt);
  if (closed) and.push({ closedAt: closed });
  const amount = decimalWhere(f?.amount);
  if (amount) and.push({ amount });
  if (f?.partnerKey) {
    and.push({
      OR: [
        { touchpoints: { some: { deletedAt: null, partner: { key: f.partnerKey } } } },
        { allocations: { some: { isCurrent: true, partner: { key: f.partnerKey } } } },
      ],
    });
  }
  if (f?.channel) and.push({ touchpoints: { some: { deletedAt: null, channel: f.channel } } });
  return and.length ? { AND: and } : {};
}

builder.queryFields((t) => ({
  opportunities: t.prismaConnection(
    {
      type: 'Opportunity',
      cursor: 'id',
      description: 'Deals, newest first unless orderBy says otherwise. Internal readers and integrators.',
      authScopes: { readIngested: true },
      args: {
        filter: t.arg({ type: OpportunityFilter, required: false, description: 'Omitted: all deals.' }),
        orderBy: t.arg({ type: [OpportunityOrder], required: false, description: 'Sort keys in order; default newest created first.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.opportunity.findMany({
          ...query,
          where: opportunityWhere(args.filter),
          orderBy: orderByOf(args.orderBy, COLUMNS, [{ createdAt: 'desc' }]),
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.opportunity.count({ where: opportunityWhere(args.filter) }),
    },
    { name: 'OpportunityConnection' },
    { name: 'OpportunityEdge' },
  ),
  opportunity: t.prismaField({
    type: 'Opportunity',
    nullable: true,
    description: 'One deal by its CRM key; null when none has it. Internal readers and integrators.',
    authScopes: { readIngested: true },
    args: { key: t.arg.string({ required: true, description: "The deal's CRM key." }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.opportunity.findUnique({ ...query, where: { key: args.key } }),
  }),
}));
