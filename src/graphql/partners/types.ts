// Partner and PartnerInvestment.
import type { Lane, Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { PartnerStatusEnum, LaneEnum } from '../common/enums.js';
import { labelOf } from '../taxonomy/types.js';
import { amountString } from '../../domain/decimal.js';
import { DateTimeRange } from '../common/inputs.js';
import { countForParent, loadParentPage, type ChildFilter } from '../common/parent-pages.js';
import type { GraphQLContext } from '../context.js';
import { NOT_PREVIEW_CREDIT_SQL } from '../../recompute-queue/credited.js';
import { confinedPartnerId } from '../common/visibility.js';

type TouchpointArgs = { channel?: string | null; action?: string | null; occurredAt?: { from?: Date | null; to?: Date | null } | null };
type AllocationArgs = { lane?: Lane | null; includeHistory?: boolean | null };

function touchpointFilter(args: TouchpointArgs): ChildFilter {
  const f: ChildFilter = { conditions: ['c.deleted_at IS NULL'], params: [] };
  if (args.channel) {
    f.conditions.push('c.channel = ?');
    f.params.push(args.channel);
  }
  if (args.action) {
    f.conditions.push('c.action = ?');
    f.params.push(args.action);
  }
  if (args.occurredAt?.from) {
    f.conditions.push('c.occurred_at >= ?::timestamptz');
    f.params.push(args.occurredAt.from.toISOString());
  }
  if (args.occurredAt?.to) {
    f.conditions.push('c.occurred_at < ?::timestamptz');
    f.params.push(args.occurredAt.to.toISOString());
  }
  return f;
}

function allocationFilter(args: AllocationArgs, confined: boolean): ChildFilter {
  const f: ChildFilter = { conditions: args.includeHistory ? [] : ['c.is_current'], params: [] };
  if (confined && args.includeHistory) f.conditions.push(NOT_PREVIEW_CREDIT_SQL);
  if (args.lane) {
    f.conditions.push('c.lane = ?::"Lane"');
    f.params.push(args.lane);
  }
  return f;
}

const touchpointPages = (ctx: GraphQLContext, args: TouchpointArgs) => ({
  name: 'Partner.touchpoints',
  table: 'touchpoint',
  parentColumn: 'partner_id',
  parentField: 'partnerId',
  order: [
    { column: 'occurred_at', field: 'occurredAt', desc: true },
    { column: 'id', field: 'id', desc: false },
  ],
  filter: touchpointFilter(args),
  findMany: (q: Record<string, unknown>) => ctx.prisma.touchpoint.findMany(q as Prisma.TouchpointFindManyArgs),
});

const allocationPages = (ctx: GraphQLContext, args: AllocationArgs) => ({
  name: 'Partner.allocations',
  table: 'credit_allocation',
  parentColumn: 'partner_id',
  parentField: 'partnerId',
  order: [
    { column: 'created_at', field: 'createdAt', desc: true },
    { column: 'id', field: 'id', desc: true },
  ],
  filter: allocationFilter(args, confinedPartnerId(ctx) !== null),
  findMany: (q: Record<string, unknown>) => ctx.prisma.creditAllocation.findMany(q as Prisma.CreditAllocationFindManyArgs),
});

export const PartnerNode = builder.prismaNode('Partner', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A company in the partner ecosystem (reseller, SI, technology partner …).',
  authScopes: (partner) => ({ $any: { readIngested: true, ownPartner: partner.id } }),
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable business key, as sent by integrators.' }),
    name: t.exposeString('name', { description: 'Display name of the company.' }),
    type: t.exposeString('type', { description: 'A partner-type taxonomy key (`taxonomy(kind: partner_type)`).' }),
    typeLabel: t.string({
      description: 'The label of `type` in the taxonomy, e.g. "System integrator".',
      select: { type: true },
      resolve: (p, _a, ctx) => labelOf(ctx, 'partner-type', p.type),
    }),
    tier: t.exposeString('tier', { description: 'A partner-tier taxonomy key.' }),
    tierLabel: t.string({
      description: 'The label of `tier` in the taxonomy, e.g. "Gold".',
      select: { tier: true },
      resolve: (p, _a, ctx) => labelOf(ctx, 'partner-tier', p.tier),
    }),
    status: t.expose('status', { type: PartnerStatusEnum, description: 'Where the partner stands in the program.' }),
    owner: t.exposeString('owner', { nullable: true, description: 'Partner manager on our side.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the partner was first written here (ISO 8601, UTC).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the partner record last changed (ISO 8601, UTC).' }),
    investments: t.relatedConnection('investments', {
      description: 'What was spent on this partner, newest period first (for ROI); internal readers only.',
      cursor: 'id',
      authScopes: { readInternal: true },
      totalCount: true,
      query: () => ({ orderBy: [{ periodStart: 'desc' }, { id: 'asc' }] }),
    }),
    // A partner's touchpoints and credit grow with the business (hundreds of
    // thousands at scale): pages are read bounded per partner, batched over
    // the partners of the request (see common/parent-pages.ts).
    touchpoints: t.prismaConnection({
      type: 'Touchpoint',
      cursor: 'id',
      description: "This partner's touches (not deleted), newest first; optionally one channel, one action type or a time range.",
      args: {
        channel: t.arg.string({ required: false, description: 'A channel taxonomy key.' }),
        action: t.arg.string({ required: false, description: 'An action-type taxonomy key.' }),
        occurredAt: t.arg({ type: DateTimeRange, required: false, description: 'Only touches that occurred in this range.' }),
      },
      resolve: (query, partner, args, ctx) => loadParentPage(ctx, touchpointPages(ctx, args), partner.id, query),
      totalCount: (partner, args, ctx) => countForParent(ctx, touchpointPages(ctx, args), partner.id),
    }),
    allocations: t.prismaConnection({
      type: 'CreditAllocation',
      cursor: 'id',
      description: 'Credit this partner holds; current allocations only unless includeHistory.',
      args: {
        lane: t.arg({ type: LaneEnum, required: false, description: 'Only credit in this lane (sourced or influenced); omitted: both.' }),
        includeHistory: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: 'Also allocations that newer runs replaced (isCurrent false).',
        }),
      },
      resolve: (query, partner, args, ctx) => loadParentPage(ctx, allocationPages(ctx, args), partner.id, query),
      totalCount: (partner, args, ctx) => countForParent(ctx, allocationPages(ctx, args), partner.id),
    }),
  }),
});

builder.prismaNode('PartnerInvestment', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'What we spent on a partner in a period (MDF, enablement, headcount …), for ROI.',
  authScopes: { readInternal: true },
  fields: (t) => ({
    partner: t.relation('partner', { description: 'The partner invested in.' }),
    periodStart: t.expose('periodStart', { type: 'Date', description: 'First day of the period (YYYY-MM-DD, inclusive).' }),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: 'Last day of the period (YYYY-MM-DD, inclusive).' }),
    amount: t.field({
      type: 'Decimal',
      description: 'Amount spent, a decimal string with 2 places, in `currency`.',
      select: { amount: true },
      resolve: (i) => amountString(i.amount),
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code of `amount`, e.g. "USD".' }),
    category: t.exposeString('category', { description: 'What the money went to, e.g. "mdf", "enablement", "headcount".' }),
    note: t.exposeString('note', { nullable: true, description: 'Free text; null when none.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded (ISO 8601, UTC).' }),
  }),
});
