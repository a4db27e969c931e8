// Touchpoint ingestion (batched, idempotent) and soft delete.
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  deleteTouchpoint,
  ingestTouchpoints,
  type TouchpointBatchResult,
  type TouchpointItemResult,
  BatchTooLargeError,
  NotFoundError,
} from '../../ingest/index.js';
import type { Touchpoint } from '../../generated/prisma/client.js';
import { actorOf } from '../../auth/principal.js';
import { DECLARED_ROLES } from '../../domain/declared-role.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { idOf } from '../common/ids.js';
import { RecomputeReportRef } from '../common/recompute.js';
import { queuedRecompute, recomputeAfterChange, type RecomputeReport } from '../../recompute-queue/follow-up.js';
import { COMMON_ERRORS, FieldIssueRef } from '../errors.js';
import { TouchpointNode } from './types.js';

const TouchpointInput = builder.inputType('TouchpointInput', {
  description: 'One partner touch. Identified by (source, externalId): sending it again updates it or leaves it unchanged.',
  fields: (t) => ({
    source: t.string({ required: true, description: "Your system's name (crm, prm, product …)." }),
    externalId: t.string({ required: true, description: "The touch's id in that system." }),
    partnerKey: t.string({ required: true, description: 'Business key of an existing partner.' }),
    opportunityKey: t.string({ required: false, description: 'The deal it is about; give this or accountKey (or both).' }),
    accountKey: t.string({ required: false, description: 'The account, for touches not tied to one deal.' }),
    action: t.string({ required: true, description: 'An active action-type taxonomy key.' }),
    channel: t.string({ required: true, description: 'An active channel taxonomy key.' }),
    occurredAt: t.field({ type: 'DateTime', required: true, description: 'When the partner acted (ISO 8601 with offset).' }),
    proof: t.string({ required: false, description: 'Link or reference evidencing the touch.' }),
    owner: t.string({ required: false, description: 'Who on our side owns the follow-up.' }),
    nextJointStep: t.string({ required: false, description: 'The agreed next step with the partner.' }),
    engagementDepth: t.int({ required: false, description: '1 (light touch) to 5 (deep joint work).' }),
    stageAtTouch: t.string({ required: false, description: 'An active opportunity-stage taxonomy key.' }),
    declaredRole: t.string({
      required: false,
      description:
        `The partner role the rep declared in the CRM for this touch's partner on its deal: one of ${DECLARED_ROLES.join(', ')}; null or omitted when not declared. ` +
        "Any other value rejects the item (status rejected, an issue at path declaredRole naming the allowed values). Influence accuracy compares it with the rules' role.",
    }),
    metadata: t.field({ type: 'JSON', required: false, description: 'A JSON object of extra attributes.' }),
  }),
});

const IngestTouchpointsInput = builder.inputType('IngestTouchpointsInput', {
  description: 'A batch of touchpoints and whether to wait for their credit.',
  fields: (t) => ({
    touchpoints: t.field({
      type: [TouchpointInput],
      required: true,
      description: 'At most 5,000 per call (more is a BatchTooLargeError: split the batch).',
    }),
    awaitRecompute: t.boolean({
      required: false,
      defaultValue: false,
      description:
        'Answer only after the affected credit is recomputed (recompute.status DONE or FAILED). Default false: the recompute is queued durably with the data and the mutation answers at once (recompute.status QUEUED).',
    }),
  }),
});

const ItemStatusEnum = builder.enumType('IngestItemStatus', {
  description: 'What ingestion did with one item of a batch.',
  values: {
    created: { description: 'New (source, externalId): stored.' },
    updated: { description: 'Known key with different values: changed.' },
    unchanged: { description: 'Known key, same values: nothing written.' },
    rejected: { description: 'Invalid (see issues): nothing written for this item; the others are unaffected.' },
  } as const,
});

const ItemRef = builder.objectRef<TouchpointItemResult>('TouchpointIngestItem').implement({
  description: 'What happened to one item of the batch (same order as sent).',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the item in the batch, from 0.' }),
    source: t.exposeString('source', { nullable: true, description: "The item's source, as sent; null when missing." }),
    externalId: t.exposeString('externalId', { nullable: true, description: "The item's external id, as sent; null when missing." }),
    status: t.field({ type: ItemStatusEnum, description: 'Created, updated, unchanged or rejected.', resolve: (i) => i.status }),
    touchpoint: t.prismaField({
      type: 'Touchpoint',
      nullable: true,
      description: 'The stored touchpoint; null when rejected.',
      resolve: (query, i, _a, ctx) =>
        i.touchpointId ? ctx.prisma.touchpoint.findUnique({ ...query, where: { id: i.touchpointId } }) : null,
    }),
    touchpointId: t.id({
      nullable: true,
      description: 'Global id of the stored touchpoint.',
      resolve: (i) => (i.touchpointId ? encodeGlobalID('Touchpoint', i.touchpointId) : null),
    }),
    issues: t.field({
      type: [FieldIssueRef],
      description: 'Why the item was rejected (field path relative to the item).',
      resolve: (i) => i.issues,
    }),
  }),
});

type IngestResult = TouchpointBatchResult & { recompute: RecomputeReport };

const IngestPayload = builder.objectRef<IngestResult>('IngestTouchpointsPayload').implement({
  description: 'The outcome of a batch: counts per status, each item, and the recompute of the affected credit.',
  fields: (t) => ({
    created: t.int({ description: 'Items stored as new touchpoints.', resolve: (r) => r.counts.created }),
    updated: t.int({ description: 'Items that changed an existing touchpoint.', resolve: (r) => r.counts.updated }),
    unchanged: t.int({ description: 'Items that matched the stored touchpoint.', resolve: (r) => r.counts.unchanged }),
    rejected: t.int({ description: 'Invalid items (nothing written for them).', resolve: (r) => r.counts.rejected }),
    items: t.field({
      type: [ItemRef],
      description: 'One result per item, in batch order.',
      args: {
        onlyRejected: t.arg.boolean({ required: false, defaultValue: false, description: 'Only the rejected items (with their issues).' }),
      },
      resolve: (r, a) => (a.onlyRejected ? r.items.filter((i) => i.status === 'rejected') : r.items),
    }),
    recompute: t.field({
      type: RecomputeReportRef,
      description: "The recompute of the affected deals' credit: QUEUED with a ticket, or DONE/FAILED with awaitRecompute.",
      resolve: (r) => r.recompute,
    }),
  }),
});

inputMutation('ingestTouchpoints', {
  payload: IngestPayload,
  description:
    "Upsert up to 5,000 touchpoints idempotently by (source, externalId). Each item is created, updated, unchanged or rejected (with reasons); rejected items write nothing and do not stop the others. The affected opportunities' credit is recomputed in the background (recompute.status QUEUED, follow recompute.ticket), or before answering with awaitRecompute: true.",
  authScopes: { ingest: true },
  errors: { types: [BatchTooLargeError, ...COMMON_ERRORS], union: "The batch's outcome, or why the whole batch was refused." },
  input: { type: IngestTouchpointsInput, description: 'The batch.' },
  complexity: 5,
  resolve: async (input, ctx) => {
    const actor = actorOf(ctx.principal!);
    // The recompute worker yields to in-flight ingestion, then coalesces.
    const done = ctx.recompute.beginWrite();
    let result;
    try {
      result = await ctx.ingestionSlots.run(() =>
        ingestTouchpoints(ctx.db, input.touchpoints, { actor, maxBatch: ctx.limits.maxTouchpointBatch }),
      );
    } finally {
      done();
    }
    const recompute = await queuedRecompute(
      ctx,
      result.recomputeTicket,
      result.affectedOpportunityIds.length,
      input.awaitRecompute ?? false,
    );
    return { ...result, recompute };
  },
});

const DeleteTouchpointInput = builder.inputType('DeleteTouchpointInput', {
  description: 'The touchpoint to soft-delete.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global id of the touchpoint.' }) }),
});

const DeletePayload = builder
  .objectRef<{ touchpoint: Touchpoint; changed: boolean; recompute: RecomputeReport }>('DeleteTouchpointPayload')
  .implement({
    description: "The deleted touchpoint and the recompute of its deal's credit.",
    fields: (t) => ({
      touchpoint: t.field({ type: TouchpointNode, description: 'The touchpoint, with deletedAt set.', resolve: (r) => r.touchpoint }),
      changed: t.exposeBoolean('changed', { description: 'false when it was already deleted.' }),
      recompute: t.field({
        type: RecomputeReportRef,
        description: 'The recompute of the affected credit (done before answering).',
        resolve: (r) => r.recompute,
      }),
    }),
  });

inputMutation('deleteTouchpoint', {
  payload: DeletePayload,
  description: 'Soft delete: the touchpoint stays for audit (deletedAt set) and stops counting for credit.',
  authScopes: { ingest: true },
  errors: { types: COMMON_ERRORS, union: 'The deleted touchpoint, or why nothing was written.' },
  input: { type: DeleteTouchpointInput, description: 'Which touchpoint.' },
  resolve: async (input, ctx) => {
    const id = idOf(String(input.id), 'Touchpoint', 'id');
    const actor = actorOf(ctx.principal!);
    const result = await deleteTouchpoint(ctx.prisma, id, actor);
    if (!result)
      throw new NotFoundError(
        'touchpoint',
        `id ${String(input.id)}`,
        `no touchpoint with id ${String(input.id)}; use the id from the touchpoints query`,
      );
    const recompute = await recomputeAfterChange(ctx, result.affectedOpportunityIds, actor, 'touchpoint.delete');
    return { touchpoint: result.touchpoint, changed: result.changed, recompute };
  },
});
