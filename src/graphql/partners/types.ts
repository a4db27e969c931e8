// Partner and PartnerInvestment.
import { builder } from '../builder.js';
import { PartnerStatusEnum, PartnerTierEnum, PartnerTypeEnum, ChannelEnum, ActionTypeEnum, LaneEnum } from '../common/enums.js';
import { amountString } from '../common/money.js';
import { DateTimeRange, dateTimeWhere } from '../common/inputs.js';

export const PartnerNode = builder.prismaNode('Partner', {
  id: { field: 'id' },
  description: 'A company in the partner ecosystem (reseller, SI, technology partner …).',
  authScopes: (partner) => ({ $any: { readIngested: true, ownPartner: partner.id } }),
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable business key, as sent by integrators.' }),
    name: t.exposeString('name'),
    type: t.expose('type', { type: PartnerTypeEnum }),
    tier: t.expose('tier', { type: PartnerTierEnum }),
    status: t.expose('status', { type: PartnerStatusEnum }),
    owner: t.exposeString('owner', { nullable: true, description: 'Partner manager on our side.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    investments: t.relatedConnection('investments', {
      cursor: 'id',
      authScopes: { readInternal: true },
      totalCount: true,
      query: () => ({ orderBy: [{ periodStart: 'desc' }, { id: 'asc' }] }),
    }),
    touchpoints: t.relatedConnection('touchpoints', {
      cursor: 'id',
      totalCount: true,
      args: {
        channel: t.arg({ type: ChannelEnum, required: false }),
        action: t.arg({ type: ActionTypeEnum, required: false }),
        occurredAt: t.arg({ type: DateTimeRange, required: false }),
      },
      query: (args) => ({
        where: {
          deletedAt: null,
          ...(args.channel ? { channel: args.channel } : {}),
          ...(args.action ? { action: args.action } : {}),
          ...(dateTimeWhere(args.occurredAt) ? { occurredAt: dateTimeWhere(args.occurredAt) } : {}),
        },
        orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
      }),
    }),
    allocations: t.relatedConnection('allocations', {
      cursor: 'id',
      totalCount: true,
      description: 'Credit this partner holds; current allocations only unless includeHistory.',
      args: {
        lane: t.arg({ type: LaneEnum, required: false }),
        includeHistory: t.arg.boolean({ required: false, defaultValue: false }),
      },
      query: (args) => ({
        where: {
          ...(args.includeHistory ? {} : { isCurrent: true }),
          ...(args.lane ? { lane: args.lane } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      }),
    }),
  }),
});

export const PartnerInvestmentNode = builder.prismaNode('PartnerInvestment', {
  id: { field: 'id' },
  description: 'What we spent on a partner in a period (MDF, enablement, headcount …), for ROI.',
  authScopes: { readInternal: true },
  fields: (t) => ({
    partner: t.relation('partner'),
    periodStart: t.expose('periodStart', { type: 'Date' }),
    periodEnd: t.expose('periodEnd', { type: 'Date' }),
    amount: t.field({ type: 'Decimal', select: { amount: true }, resolve: (i) => amountString(i.amount) }),
    currency: t.exposeString('currency'),
    category: t.exposeString('category'),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
