// Disputes and overrides: how people contest and correct credit, with a trail.
import { partnerMayReadNode } from '../../auth/partner-policy.js';
import { CreditAllocationNode } from '../allocations/types.js';
import { builder } from '../builder.js';
import { DisputeStatusEnum, LaneEnum, OverrideStatusEnum } from '../common/enums.js';
import { shareString } from '../../domain/decimal.js';

export const DisputeNode = builder.prismaNode('Dispute', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A challenge to the credit on an opportunity, raised by a partner or an internal user.',
  authScopes: (d) => ({ $any: { readInternal: true, ownPartner: d.partnerId } }),
  fields: (t) => ({
    opportunity: t.relation('opportunity', { authScopes: { readIngested: true } }),
    partner: t.relation('partner', { nullable: true }),
    // A dispute a partner may read can name another partner's allocation (an
    // internal user asking for that credit to move to this partner): the
    // partner key reads null there, as for a record it cannot see.
    allocation: t.field({
      type: CreditAllocationNode,
      nullable: true,
      select: { allocation: { select: { id: true, partnerId: true } } },
      resolve: (dispute, _args, ctx) => {
        const partnerId = ctx.principal?.role === 'partner' ? ctx.principal.partnerId : null;
        const { allocation } = dispute;
        return allocation && partnerId && !partnerMayReadNode('CreditAllocation', allocation, partnerId) ? null : allocation;
      },
    }),
    raisedBy: t.exposeString('raisedBy'),
    reason: t.exposeString('reason'),
    evidence: t.exposeString('evidence', { nullable: true }),
    requested: t.expose('requested', { type: 'JSON', nullable: true, description: 'What the raiser asks for, e.g. {"lane":"source","role":"sourced","share":"1"}.' }),
    status: t.expose('status', { type: DisputeStatusEnum }),
    resolution: t.exposeString('resolution', { nullable: true }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    overrides: t.relation('overrides', { authScopes: { readInternal: true } }),
  }),
});

export const OverrideNode = builder.prismaNode('Override', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'An approved manual correction of credit; the engine applies it on every run until revoked.',
  authScopes: { readInternal: true },
  fields: (t) => ({
    opportunity: t.relation('opportunity'),
    partner: t.relation('partner', { nullable: true }),
    dispute: t.relation('dispute', { nullable: true }),
    ruleSetKey: t.exposeString('ruleSetKey', { nullable: true }),
    lane: t.expose('lane', { type: LaneEnum }),
    role: t.exposeString('role'),
    share: t.field({ type: 'Decimal', select: { share: true }, resolve: (o) => shareString(o.share) }),
    reason: t.exposeString('reason'),
    approvedBy: t.exposeString('approvedBy'),
    approvedAt: t.expose('approvedAt', { type: 'DateTime' }),
    status: t.expose('status', { type: OverrideStatusEnum }),
    revokedBy: t.exposeString('revokedBy', { nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});
