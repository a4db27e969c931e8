// Opportunity upsert (integrators); changed deals get their credit recomputed.
import { upsertOpportunity, type UpsertResult } from '../../ingest/index.js';
import type { Opportunity } from '../../generated/prisma/client.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { OpportunityTypeEnum } from '../common/enums.js';
import { UpsertStatusEnum } from '../common/payloads.js';
import { RecomputeReportRef } from '../common/recompute.js';
import { recomputeAfterChange, type RecomputeReport } from '../../recompute-queue/follow-up.js';
import { COMMON_ERRORS } from '../errors.js';
import { inputMutation } from '../common/mutation.js';
import { OpportunityNode } from './types.js';

const UpsertOpportunityInput = builder.inputType('UpsertOpportunityInput', {
  description: 'A deal by its CRM key. Amount is a decimal string ("125000.00"), never a float.',
  fields: (t) => ({
    key: t.string({ required: true, description: "The deal's CRM id; the upsert matches on it." }),
    accountKey: t.string({ required: true, description: 'Business key of an existing account.' }),
    name: t.string({ required: true, description: 'Deal name.' }),
    type: t.field({ type: OpportunityTypeEnum, required: true, description: 'New business, expansion or renewal.' }),
    amount: t.field({
      type: 'Decimal',
      required: true,
      description: 'Deal amount in `currency`, at most 2 decimal places, e.g. "125000.00".',
    }),
    currency: t.string({ required: false, description: 'ISO 4217 code; default USD.' }),
    stage: t.string({ required: true, description: 'An active opportunity-stage taxonomy key; a won or lost stage needs closedAt.' }),
    createdAt: t.field({ type: 'DateTime', required: true, description: 'When the deal was created in the CRM (ISO 8601 with offset).' }),
    closedAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'Required for a won or lost stage (closed_won, closed_lost …), empty while open.',
    }),
    ownerRep: t.string({ required: false, description: 'Our sales rep owning the deal.' }),
    sourceSystem: t.string({ required: false, description: 'Default "crm".' }),
  }),
});

type Result = UpsertResult<Opportunity> & { recompute: RecomputeReport };

const UpsertOpportunityPayload = builder.objectRef<Result>('UpsertOpportunityPayload').implement({
  description: 'The deal as stored after the upsert, and the recompute of its credit.',
  fields: (t) => ({
    opportunity: t.field({ type: OpportunityNode, description: 'The deal as stored now.', resolve: (r) => r.record }),
    status: t.field({
      type: UpsertStatusEnum,
      description: 'Whether it was created, updated or already matched.',
      resolve: (r) => r.status,
    }),
    recompute: t.field({
      type: RecomputeReportRef,
      description: "The recompute of the deal's credit (done before answering; nothing when unchanged).",
      resolve: (r) => r.recompute,
    }),
  }),
});

inputMutation('upsertOpportunity', {
  payload: UpsertOpportunityPayload,
  description:
    'Creates or updates a deal by CRM key (idempotent; audited), then recomputes its credit under every applicable published rule version. Integrator and admin keys.',
  authScopes: { ingest: true },
  errors: { types: COMMON_ERRORS, union: 'The upserted deal, or why nothing was written.' },
  input: { type: UpsertOpportunityInput, description: 'The deal, by CRM key.' },
  resolve: async (input, ctx) => {
    const actor = actorOf(ctx.principal!);
    const result = await upsertOpportunity(ctx.prisma, input, actor);
    const recompute =
      result.status === 'unchanged'
        ? { runIds: [], opportunities: 0, withdrawn: 0, error: null }
        : await recomputeAfterChange(ctx, [result.record.id], actor, 'opportunity.upsert');
    return { ...result, recompute };
  },
});
