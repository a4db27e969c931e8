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
    sourceSystem: t.exposeString('sourceSystem', { description: 'The CRM the deal comes from, e.g. "crm" or "salesforce".' }),
    name: t.exposeString('name', { description: 'Deal name.' }),
    type: t.expose('type', { type: OpportunityTypeEnum, description: 'New business, expansion or renewal.' }),
    amount: t.field({
      type: 'Decimal',
      description: 'Deal amount, a decimal string with 2 places, in `currency` (credit stays in this currency).',
      select: { amount: true },
      resolve: (o) => amountString(o.amount),
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code of `amount`, e.g. "USD".' }),
    stage: t.exposeString('stage', { description: 'An opportunity-stage taxonomy key (`taxonomy(kind: opportunity_stage)`).' }),
    stageLabel: t.string({
      description: 'The label of `stage` in the taxonomy, e.g. "Closed won".',
      select: { stage: true },
      resolve: (o, _a, ctx) => labelOf(ctx, 'opportunity-stage', o.stage),
    }),
    outcome: t.field({
      type: StageOutcomeEnum,
      select: { outcome: true },
      description: 'The outcome of its stage: open, won or lost.',
      resolve: (o) => o.outcome as 'open' | 'won' | 'lost',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the deal was created in the CRM (ISO 8601, UTC); its attribution date while open.',
    }),
    closedAt: t.expose('closedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was won or lost (ISO 8601, UTC), its attribution date; null while open.',
    }),
    ownerRep: t.exposeString('ownerRep', { nullable: true, description: 'Our sales rep owning the deal; null when unknown.' }),
    ingestedAt: t.expose('ingestedAt', { type: 'DateTime', description: 'When it was first written here (ISO 8601, UTC).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the record last changed here (ISO 8601, UTC).' }),
    account: t.relation('account', { description: 'The customer account of the deal.' }),
    touchpoints: t.relatedConnection('touchpoints', {
      description: 'Partner touches on this deal, oldest first.',
      cursor: 'id',
      totalCount: true,
      args: {
        includeDeleted: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'Also soft-deleted touches (deletedAt set), which no longer count for credit.',
        }),
      },
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
        lane: t.arg({ type: LaneEnum, required: false, description: 'Only credit in this lane (sourced or influenced); omitted: both.' }),
        includeHistory: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'Also allocations that newer runs replaced (isCurrent false), and preview rows.',
        }),
      },
      query: (args) => ({
        where: { ...(args.includeHistory ? {} : { isCurrent: true }), ...(args.lane ? { lane: args.lane } : {}) },
        orderBy: [{ lane: 'desc' }, { amount: 'desc' }, { id: 'asc' }],
      }),
    }),
    disputes: t.relatedConnection('disputes', {
      description: 'Disputes raised about credit on this deal, newest first; internal readers only.',
      cursor: 'id',
      totalCount: true,
      authScopes: { readInternal: true },
      query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] }),
    }),
    overrides: t.relatedConnection('overrides', {
      description: 'Overrides (active and revoked) on this deal, latest approval first; internal readers only.',
      cursor: 'id',
      totalCount: true,
      authScopes: { readInternal: true },
      query: () => ({ orderBy: [{ approvedAt: 'desc' }, { id: 'asc' }] }),
    }),
  }),
});
