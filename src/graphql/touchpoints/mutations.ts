// Touchpoint ingestion (batched, idempotent) and soft delete.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { deleteTouchpoint, ingestTouchpoints, type TouchpointBatchResult, type TouchpointItemResult } from '../../ingest/touchpoints.js';
import { BatchTooLargeError, NotFoundError } from '../../ingest/issues.js';
import type { Touchpoint } from '../../generated/prisma/client.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { idOf } from '../common/ids.js';
import { RecomputeReportRef } from '../common/recompute.js';
import { queuedRecompute, recomputeAfterChange, type RecomputeReport } from '../../recompute-queue/follow-up.js';
import { COMMON_ERRORS, FieldIssueRef } from '../errors.js';
import { TouchpointNode } from './types.js';

const TouchpointInput = builder.inputType('TouchpointInput', {
  description: 'One partner touch. Identified by (source, externalId): sending it again updates it or leaves it unchanged.',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Your system\'s name (crm, prm, product …).' }),
    externalId: t.string({ required: true, description: 'The touch\'s id in that system.' }),
    partnerKey: t.string({ required: true }),
    opportunityKey: t.string({ required: false, description: 'The deal it is about; give this or accountKey (or both).' }),
    accountKey: t.string({ required: false, description: 'The account, for touches not tied to one deal.' }),
    action: t.string({ required: true, description: 'An active action-type taxonomy key.' }),
    channel: t.string({ required: true, description: 'An active channel taxonomy key.' }),
    occurredAt: t.field({ type: 'DateTime', required: true }),
    proof: t.string({ required: false, description: 'Link or reference evidencing the touch.' }),
    owner: t.string({ required: false }),
    nextJointStep: t.string({ required: false }),
    engagementDepth: t.int({ required: false, description: '1 (light touch) to 5 (deep joint work).' }),
    stageAtTouch: t.string({ required: false, description: 'An active opportunity-stage taxonomy key.' }),
    metadata: t.field({ type: 'JSON', required: false, description: 'A JSON object of extra attributes.' }),
  }),
});

const IngestTouchpointsInput = builder.inputType('IngestTouchpointsInput', {
  fields: (t) => ({
    touchpoints: t.field({
      type: [TouchpointInput],
      required: true,
      description: 'At most 5,000 per call (more is a BatchTooLargeError: split the batch).',
    }),
    awaitRecompute: t.boolean({
      required: false,
      defaultValue: false,
      description: 'Answer only after the affected credit is recomputed (recompute.status DONE or FAILED). Default false: the recompute is queued durably with the data and the mutation answers at once (recompute.status QUEUED).',
    }),
  }),
});

const ItemStatusEnum = builder.enumType('IngestItemStatus', { values: ['created', 'updated', 'unchanged', 'rejected'] as const });

const ItemRef = builder.objectRef<TouchpointItemResult>('TouchpointIngestItem').implement({
  description: 'What happened to one item of the batch (same order as sent).',
  fields: (t) => ({
    index: t.exposeInt('index'),
    source: t.exposeString('source', { nullable: true }),
    externalId: t.exposeString('externalId', { nullable: true }),
    status: t.field({ type: ItemStatusEnum, resolve: (i) => i.status }),
    touchpoint: t.prismaField({
      type: 'Touchpoint',
      nullable: true,
      resolve: (query, i, _a, ctx) => (i.touchpointId ? ctx.prisma.touchpoint.findUnique({ ...query, where: { id: i.touchpointId } }) : null),
    }),
    touchpointId: t.id({ nullable: true, description: 'Global id of the stored touchpoint.', resolve: (i) => (i.touchpointId ? encodeGlobalID('Touchpoint', i.touchpointId) : null) }),
    issues: t.field({ type: [FieldIssueRef], description: 'Why the item was rejected (field path relative to the item).', resolve: (i) => i.issues }),
  }),
});

type IngestResult = TouchpointBatchResult & { recompute: RecomputeReport };

const IngestPayload = builder.objectRef<IngestResult>('IngestTouchpointsPayload').implement({
  fields: (t) => ({
    created: t.int({ resolve: (r) => r.counts.created }),
    updated: t.int({ resolve: (r) => r.counts.updated }),
    unchanged: t.int({ resolve: (r) => r.counts.unchanged }),
    rejected: t.int({ resolve: (r) => r.counts.rejected }),
    items: t.field({ type: [ItemRef], args: { onlyRejected: t.arg.boolean({ required: false, defaultValue: false }) }, resolve: (r, a) => (a.onlyRejected ? r.items.filter((i) => i.status === 'rejected') : r.items) }),
    recompute: t.field({ type: RecomputeReportRef, resolve: (r) => r.recompute }),
  }),
});

builder.mutationField('ingestTouchpoints', (t) => t.field({
  type: IngestPayload,
  description: 'Upsert up to 5,000 touchpoints idempotently by (source, externalId). Each item is created, updated, unchanged or rejected (with reasons); rejected items write nothing and do not stop the others. The affected opportunities\' credit is recomputed in the background (recompute.status QUEUED, follow recompute.ticket), or before answering with awaitRecompute: true.',
  authScopes: { ingest: true },
  errors: { types: [BatchTooLargeError, ...COMMON_ERRORS], union: { name: 'IngestTouchpointsResult' } },
  complexity: 5,
  args: { input: t.arg({ type: IngestTouchpointsInput, required: true }) },
  resolve: async (_root, { input }, ctx) => {
    const actor = actorOf(ctx.principal!);
    // The recompute worker yields to in-flight ingestion, then coalesces.
    const done = ctx.recompute.beginWrite();
    let result;
    try {
      result = await ctx.ingestionSlots.run(() => ingestTouchpoints(ctx.db, input.touchpoints, { actor, maxBatch: ctx.limits.maxTouchpointBatch }));
    } finally {
      done();
    }
    const recompute = await queuedRecompute(ctx, result.recomputeTicket, result.affectedOpportunityIds.length, input.awaitRecompute ?? false);
    return { ...result, recompute };
  },
}));

const DeleteTouchpointInput = builder.inputType('DeleteTouchpointInput', {
  fields: (t) => ({ id: t.id({ required: true, description: 'Global id of the touchpoint.' }) }),
});

const DeletePayload = builder.objectRef<{ touchpoint: Touchpoint; changed: boolean; recompute: RecomputeReport }>('DeleteTouchpointPayload').implement({
  fields: (t) => ({
    touchpoint: t.field({ type: TouchpointNode, resolve: (r) => r.touchpoint }),
    changed: t.exposeBoolean('changed', { description: 'false when it was already deleted.' }),
    recompute: t.field({ type: RecomputeReportRef, resolve: (r) => r.recompute }),
  }),
});

builder.mutationField('deleteTouchpoint', (t) => t.field({
  type: DeletePayload,
  description: 'Soft delete: the touchpoint stays for audit (deletedAt set) and stops counting for credit.',
  authScopes: { ingest: true },
  errors: { types: [...COMMON_ERRORS], union: { name: 'DeleteTouchpointResult' } },
  args: { input: t.arg({ type: DeleteTouchpointInput, required: true }) },
  resolve: async (_root, { input }, ctx) => {
    const id = idOf(String(input.id), 'Touchpoint', 'id');
    const actor = actorOf(ctx.principal!);
    const result = await deleteTouchpoint(ctx.prisma, id, actor);
    if (!result) throw new NotFoundError('touchpoint', `id ${String(input.id)}`, `no touchpoint with id ${String(input.id)}; use the id from the touchpoints query`);
    const recompute = await recomputeAfterChange(ctx, result.affectedOpportunityIds, actor, 'touchpoint.delete');
    return { touchpoint: result.touchpoint, changed: result.changed, recompute };
  },
}));
