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
    partner: t.relation('partner'),
    opportunity: t.relation('opportunity', { nullable: true }),
    account: t.relation('account', { nullable: true }),
    action: t.exposeString('action', { description: 'An action-type taxonomy key (`taxonomy(kind: action_type)`).' }),
    actionLabel: t.string({ select: { action: true }, resolve: (tp, _a, ctx) => labelOf(ctx, 'action-type', tp.action) }),
    channel: t.exposeString('channel', { description: 'A channel taxonomy key.' }),
    channelLabel: t.string({ select: { channel: true }, resolve: (tp, _a, ctx) => labelOf(ctx, 'channel', tp.channel) }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    proof: t.exposeString('proof', { nullable: true, description: 'Link or reference that evidences the touch.' }),
    owner: t.exposeString('owner', { nullable: true }),
    nextJointStep: t.exposeString('nextJointStep', { nullable: true }),
    engagementDepth: t.exposeInt('engagementDepth', { nullable: true }),
    stageAtTouch: t.exposeString('stageAtTouch', { nullable: true, description: 'An opportunity-stage taxonomy key.' }),
    declaredRole: t.exposeString('declaredRole', {
      nullable: true,
      description: 'The partner role the rep declared in the CRM for this partner on the deal (sourced, influenced or assisted_close); null when not declared.',
    }),
    metadata: t.expose('metadata', { type: 'JSON' }),
    missingFields: t.stringList({
      description: 'Required evidence fields that are empty (proof, owner, nextJointStep): hygiene to fix at the source.',
      select: { proof: true, owner: true, nextJointStep: true },
      resolve: (tp) => (['proof', 'owner', 'nextJointStep'] as const).filter((f) => !tp[f]),
    }),
    ingestedAt: t.expose('ingestedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
  }),
});
