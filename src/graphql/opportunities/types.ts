// Opportunity: the deal whose revenue is attributed.
import { builder } from '../builder.js';
import { LaneEnum, OpportunityTypeEnum } from '../common/enums.js';
import { StageOutcomeEnum, labelOf } from '../taxonomy/types.js';
import { amountString } from '../../domain/decimal.js';

export const OpportunityNode = builder.prismaNode('Opportunity', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A deal from the CRM. Its amount is split into source and influence credit by the published rules.',
  authScopes: { readIngested: true },
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The CRM id.' }),
    sourceSystem: t.exposeString('sourceSystem'),
    name: t.exposeString('name'),
    type: t.expose('type', { type: OpportunityTypeEnum }),
    amount: t.field({ type: 'Decimal', select: { amount: true }, resolve: (o) => amountString(o.amount) }),
    currency: t.exposeString('currency'),
    stage: t.exposeString('stage', { description: 'An opportunity-stage taxonomy key (`taxonomy(kind: opportunity_stage)`).' }),
    stageLabel: t.string({ select: { stage: true }, resolve: (o, _a, ctx) => labelOf(ctx, 'opportunity-stage', o.stage) }),
    outcome: t.field({ type: StageOutcomeEnum, select: { outcome: true }, description: 'The outcome of its stage: open, won or lost.', resolve: (o) => o.outcome as 'open' | 'won' | 'lost' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    ownerRep: t.exposeString('ownerRep', { nullable: true }),
    ingestedAt: t.expose('ingestedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    account: t.relation('account'),
    touchpoints: t.relatedConnection('touchpoints', {
      cursor: 'id',
      totalCount: true,
      args: { includeDeleted: t.arg.boolean({ required: false, defaultValue: false }) },
      query: (args) => ({
        where: args.includeDeleted ? {} : { deletedAt: null },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      }),
    }),
    allocations: t.relatedConnection('allocations', {
      cursor: 'id',
      totalCount: true,
      authScopes: { readInternal: true },
      description: 'Credit on this deal; current allocations only unless includeHistory.',
      args: {
        lane: t.arg({ type: LaneEnum, required: false }),
        includeHistory: t.arg.boolean({ required: false, defaultValue: false }),
      },
      query: (args) => ({
        where: { ...(args.includeHistory ? {} : { isCurrent: true }), ...(args.lane ? { lane: args.lane } : {}) },
        orderBy: [{ lane: 'desc' }, { amount: 'desc' }, { id: 'asc' }],
      }),
    }),
    disputes: t.relatedConnection('disputes', {
      cursor: 'id',
      totalCount: true,
      authScopes: { readInternal: true },
      query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
    }),
    overrides: t.relatedConnection('overrides', {
      cursor: 'id',
      totalCount: true,
      authScopes: { readInternal: true },
      query: () => ({ orderBy: [{ approvedAt: 'desc' }, { id: 'asc' }] }),
    }),
  }),
});
