// Touchpoint: one partner action on a deal or an account, with its evidence.
import { builder } from '../builder.js';
import { labelOf } from '../taxonomy/types.js';

export const TouchpointNode = builder.prismaNode('Touchpoint', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A partner action (referral, joint discovery, integration usage …) with its proof, owner and next joint step.',
  authScopes: (tp) => ({ $any: { readIngested: true, ownPartner: tp.partnerId } }),
  fields: (t) => ({
    source: t.exposeString('source', { description: 'System the touch came from (crm, prm, product …).' }),
    externalId: t.exposeString('externalId', { description: 'Id in the source system; (source, externalId) is unique.' }),
    partner: t.relation('partner', { description: 'The partner who acted.' }),
    opportunity: t.relation('opportunity', { nullable: true, description: 'The deal it is about; null for a touch on an account only.' }),
    account: t.relation('account', {
      nullable: true,
      description: 'The account sent with the touch (accountKey); null when the touch named only its deal.',
    }),
    action: t.exposeString('action', { description: 'An action-type taxonomy key (`taxonomy(kind: action_type)`).' }),
    actionLabel: t.string({
      description: 'The label of `action` in the taxonomy, e.g. "Deal registration".',
      select: { action: true },
      resolve: (tp, _a, ctx) => labelOf(ctx, 'action-type', tp.action),
    }),
    channel: t.exposeString('channel', { description: 'A channel taxonomy key.' }),
    channelLabel: t.string({
      description: 'The label of `channel` in the taxonomy, e.g. "Co-sell".',
      select: { channel: true },
      resolve: (tp, _a, ctx) => labelOf(ctx, 'channel', tp.channel),
    }),
    occurredAt: t.expose('occurredAt', {
      type: 'DateTime',
      description: 'When the partner acted (ISO 8601, UTC); rules order and window touches by it.',
    }),
    proof: t.exposeString('proof', { nullable: true, description: 'Link or reference that evidences the touch.' }),
    owner: t.exposeString('owner', {
      nullable: true,
      description: 'Who on our side owns the follow-up; null when missing (a hygiene gap).',
    }),
    nextJointStep: t.exposeString('nextJointStep', {
      nullable: true,
      description: 'The agreed next step with the partner; null when missing (a hygiene gap).',
    }),
    engagementDepth: t.exposeInt('engagementDepth', {
      nullable: true,
      description: '1 (light touch) to 5 (deep joint work); null when not rated.',
    }),
    stageAtTouch: t.exposeString('stageAtTouch', { nullable: true, description: 'An opportunity-stage taxonomy key.' }),
    declaredRole: t.exposeString('declaredRole', {
      nullable: true,
      description:
        'The partner role the rep declared in the CRM for this partner on the deal (sourced, influenced or assisted_close); null when not declared.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'The JSON object of extra attributes sent with the touch ({} when none).',
    }),
    missingFields: t.stringList({
      description: 'Required evidence fields that are empty (proof, owner, nextJointStep): hygiene to fix at the source.',
      select: { proof: true, owner: true, nextJointStep: true },
      resolve: (tp) => (['proof', 'owner', 'nextJointStep'] as const).filter((f) => !tp[f]),
    }),
    ingestedAt: t.expose('ingestedAt', { type: 'DateTime', description: 'When it was first written here (ISO 8601, UTC).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed here (ISO 8601, UTC).' }),
    deletedAt: t.expose('deletedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was soft-deleted (ISO 8601, UTC); null while live. A deleted touch gives no credit.',
    }),
  }),
});
