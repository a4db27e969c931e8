// Allocation queries: the dashboards' main list. Partner keys see only their own credit.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { LaneEnum, OpportunityTypeEnum } from '../common/enums.js';
import { DateTimeRange, dateTimeWhere, orderByOf, orderInput } from '../common/inputs.js';
import { optionalIdOf } from '../common/ids.js';
import { partnerCreditFilter } from '../common/visibility.js';
import type { GraphQLContext } from '../context.js';

const AllocationFilter = builder.inputType('AllocationFilter', {
  description: 'Which credit to list; every given condition must hold.',
  fields: (t) => ({
    partnerKey: t.string({ required: false, description: "Only this partner's credit (business key)." }),
    partnerType: t.stringList({ required: false, description: 'Partner-type taxonomy keys.' }),
    opportunityKey: t.string({ required: false, description: 'Only credit on this deal (CRM key).' }),
    lane: t.field({ type: LaneEnum, required: false, description: 'Only this lane (sourced or influenced); omitted: both.' }),
    role: t.stringList({ required: false, description: 'Only these roles, e.g. ["sourced", "influenced"].' }),
    ruleVersionId: t.id({ required: false, description: 'Global id of a RuleVersion.' }),
    ruleSetKey: t.string({ required: false, description: 'Only credit from versions of this rule set.' }),
    stage: t.stringList({ required: false, description: 'Opportunity-stage taxonomy keys.' }),
    opportunityType: t.field({ type: [OpportunityTypeEnum], required: false, description: 'Only credit on deals of these types.' }),
    channel: t.string({
      required: false,
      description: 'Credit on opportunities with a live touchpoint through this channel (a channel taxonomy key).',
    }),
    closedAt: t.field({ type: DateTimeRange, required: false, description: 'Close date of the opportunity.' }),
    includeHistory: t.boolean({ required: false, defaultValue: false, description: 'Also list credit from superseded runs.' }),
  }),
});
const AllocationOrder = orderInput('Allocation', ['AMOUNT', 'SHARE', 'CREATED_AT'] as const);
const COLUMNS = { AMOUNT: 'amount', SHARE: 'share', CREATED_AT: 'createdAt' } as const;

function allocationWhere(
  f: typeof AllocationFilter.$inferInput | null | undefined,
  ctx: GraphQLContext,
): Prisma.CreditAllocationWhereInput {
  const and: Prisma.CreditAllocationWhereInput[] = [partnerCreditFilter(ctx)];
  if (!f?.includeHistory) and.push({ isCurrent: true });
  if (f?.partnerKey) and.push({ partner: { key: f.partnerKey } });
  if (f?.partnerType) and.push({ partner: { type: { in: f.partnerType } } });
  if (f?.opportunityKey) and.push({ opportunity: { key: f.opportunityKey } });
  if (f?.lane) and.push({ lane: f.lane });
  if (f?.role) and.push({ role: { in: f.role } });
  const rv = optionalIdOf(f?.ruleVersionId == null ? null : String(f.ruleVersionId), 'RuleVersion', 'filter.ruleVersionId');
  if (rv) and.push({ ruleVersionId: rv });
  if (f?.ruleSetKey) and.push({ ruleVersion: { ruleSet: { key: f.ruleSetKey } } });
  if (f?.stage) and.push({ opportunity: { stage: { in: f.stage } } });
  if (f?.opportunityType) and.push({ opportunity: { type: { in: f.opportunityType } } });
  const closed = dateTimeWhere(f?.closedAt);
  if (closed) and.push({ opportunity: { closedAt: closed } });
  if (f?.channel) {
    // Allocations list their contributing touchpoint ids; match those with the channel.
    and.push({ opportunity: { touchpoints: { some: { channel: f.channel, deletedAt: null } } } });
  }
  return { AND: and };
}

builder.queryFields((t) => ({
  allocations: t.prismaConnection(
    {
      type: 'CreditAllocation',
      cursor: 'id',
      description: "Credit allocations (current by default). A partner key sees only its own partner's credit.",
      authScopes: { $any: { readInternal: true, partner: true } },
      args: {
        filter: t.arg({ type: AllocationFilter, required: false, description: 'Omitted: all current credit the caller may read.' }),
        orderBy: t.arg({ type: [AllocationOrder], required: false, description: 'Sort keys in order; default largest amount first.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.creditAllocation.findMany({
          ...query,
          where: allocationWhere(args.filter, ctx),
          orderBy: orderByOf(args.orderBy, COLUMNS, [{ amount: 'desc' }]),
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.creditAllocation.count({ where: allocationWhere(args.filter, ctx) }),
    },
    { name: 'CreditAllocationConnection' },
    { name: 'CreditAllocationEdge' },
  ),
}));
