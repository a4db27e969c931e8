// Opportunity upsert (integrators); changed deals get their credit recomputed.
import { upsertOpportunity } from '../../ingest/opportunities.js';
import type { Opportunity } from '../../generated/prisma/client.js';
import type { UpsertResult } from '../../ingest/upsert.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { OpportunityTypeEnum } from '../common/enums.js';
import { UpsertStatusEnum } from '../common/payloads.js';
import { RecomputeReportRef } from '../common/recompute.js';
import { recomputeAfterChange, type RecomputeReport } from '../../recompute-queue/follow-up.js';
import { COMMON_ERRORS } from '../errors.js';
import { OpportunityNode } from './types.js';

const UpsertOpportunityInput = builder.inputType('UpsertOpportunityInput', {
  description: 'A deal by its CRM key. Amount is a decimal string ("125000.00"), never a float.',
  fields: (t) => ({
    key: t.string({ required: true }),
    accountKey: t.string({ required: true }),
    name: t.string({ required: true }),
    type: t.field({ type: OpportunityTypeEnum, required: true }),
    amount: t.field({ type: 'Decimal', required: true }),
    currency: t.string({ required: false, description: 'ISO 4217 code; default USD.' }),
    stage: t.string({ required: true, description: 'An active opportunity-stage taxonomy key; a won or lost stage needs closedAt.' }),
    createdAt: t.field({ type: 'DateTime', required: true }),
    closedAt: t.field({ type: 'DateTime', required: false, description: 'Required for a won or lost stage (closed_won, closed_lost …), empty while open.' }),
    ownerRep: t.string({ required: false }),
    sourceSystem: t.string({ required: false, description: 'Default "crm".' }),
  }),
});

type Result = UpsertResult<Opportunity> & { recompute: RecomputeReport };

const UpsertOpportunityPayload = builder.objectRef<Result>('UpsertOpportunityPayload').implement({
  fields: (t) => ({
    opportunity: t.field({ type: OpportunityNode, resolve: (r) => r.record }),
    status: t.field({ type: UpsertStatusEnum, resolve: (r) => r.status }),
    recompute: t.field({ type: RecomputeReportRef, resolve: (r) => r.recompute }),
  }),
});

builder.mutationField('upsertOpportunity', (t) => t.field({
  type: UpsertOpportunityPayload,
  authScopes: { ingest: true },
  errors: { types: [...COMMON_ERRORS], union: { name: 'UpsertOpportunityResult' } },
  args: { input: t.arg({ type: UpsertOpportunityInput, required: true }) },
  resolve: async (_root, { input }, ctx) => {
    const actor = actorOf(ctx.principal!);
    const result = await upsertOpportunity(ctx.prisma, input, actor);
    const recompute = result.status === 'unchanged'
      ? { runIds: [], opportunities: 0, withdrawn: 0, error: null }
      : await recomputeAfterChange(ctx, [result.record.id], actor, 'opportunity.upsert');
    return { ...result, recompute };
  },
}));
