// Disputes and overrides: how people contest and correct credit, with a trail.
import { partnerMayReadNode } from '../../auth/partner-policy.js';
import { CreditAllocationNode } from '../allocations/types.js';
import { builder } from '../builder.js';
import { DisputeStatusEnum, LaneEnum, OverrideStatusEnum } from '../common/enums.js';
import { shareString } from '../../domain/decimal.js';

builder.prismaNode('Dispute', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A challenge to the credit on an opportunity, raised by a partner or an internal user.',
  authScopes: (d) => ({ $any: { readInternal: true, ownPartner: d.partnerId } }),
  fields: (t) => ({
    opportunity: t.relation('opportunity', {
      description: 'The deal whose credit is disputed; internal readers only.',
      authScopes: { readIngested: true },
    }),
    partner: t.relation('partner', { nullable: true, description: 'The partner whose credit is in question; null when none was named.' }),
    // A dispute a partner may read can name another partner's allocation (an
    // internal user asking for that credit to move to this partner): the
    // partner key reads null there, as for a record it cannot see.
    allocation: t.field({
      type: CreditAllocationNode,
      nullable: true,
      description:
        "The allocation disputed; null when the dispute names only the deal, or (for a partner key) another partner's allocation.",
      select: { allocation: { select: { id: true, partnerId: true } } },
      resolve: (dispute, _args, ctx) => {
        const partnerId = ctx.principal?.role === 'partner' ? ctx.principal.partnerId : null;
        const { allocation } = dispute;
        return allocation && partnerId && !partnerMayReadNode('CreditAllocation', allocation, partnerId) ? null : allocation;
      },
    }),
    raisedBy: t.exposeString('raisedBy', { description: 'Who raised it: an actor such as "key:<prefix> (<name>)" for an API key.' }),
    reason: t.exposeString('reason', { description: 'Why the raiser thinks the credit is wrong.' }),
    evidence: t.exposeString('evidence', { nullable: true, description: 'Link or text supporting the claim; null when none.' }),
    requested: t.expose('requested', {
      type: 'JSON',
      nullable: true,
      description: 'What the raiser asks for, e.g. {"lane":"source","role":"sourced","share":"1"}.',
    }),
    status: t.expose('status', { type: DisputeStatusEnum, description: 'Open, approved or rejected.' }),
    resolution: t.exposeString('resolution', { nullable: true, description: "The resolver's reason; null while open." }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true, description: 'Who decided; null while open.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was raised (ISO 8601, UTC).' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was decided (ISO 8601, UTC); null while open.',
    }),
    overrides: t.relation('overrides', {
      description: 'Overrides its approval created; internal readers only.',
      authScopes: { readInternal: true },
    }),
  }),
});

builder.prismaNode('Override', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'An approved manual correction of credit; the engine applies it on every run until revoked.',
  authScopes: { readInternal: true },
  fields: (t) => ({
    opportunity: t.relation('opportunity', { description: 'The deal whose credit it corrects.' }),
    partner: t.relation('partner', {
      nullable: true,
      description: 'The partner whose credit it sets; null: it replaces the whole lane (e.g. unattributed).',
    }),
    dispute: t.relation('dispute', { nullable: true, description: 'The dispute whose approval created it.' }),
    ruleSetKey: t.exposeString('ruleSetKey', { nullable: true, description: 'The rule set it applies to; null: every rule set.' }),
    lane: t.expose('lane', { type: LaneEnum, description: 'The lane it corrects.' }),
    role: t.exposeString('role', { description: 'The role it gives, e.g. "sourced" or "disputed".' }),
    share: t.field({
      type: 'Decimal',
      description: 'The share it imposes, 6 places ("0.000000" removes the partner\'s credit); cut to what is left of 100%.',
      select: { share: true },
      resolve: (o) => shareString(o.share),
    }),
    reason: t.exposeString('reason', { description: 'Why it was approved.' }),
    approvedBy: t.exposeString('approvedBy', { description: 'Who approved it.' }),
    approvedAt: t.expose('approvedAt', {
      type: 'DateTime',
      description: 'When it was approved (ISO 8601, UTC); overrides apply in approval order.',
    }),
    status: t.expose('status', { type: OverrideStatusEnum, description: 'Active or revoked.' }),
    revokedBy: t.exposeString('revokedBy', { nullable: true, description: 'Who revoked it; null while active.' }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked (ISO 8601, UTC); null while active.',
    }),
  }),
});
