// Disputes and overrides: a partner (or an internal user) raises a dispute;
// governance approves it (creating an override the engine applies) or rejects
// it; overrides can be revoked. Services in src/governance audit every change.
import { raiseDispute, resolveDispute } from '../../governance/disputes.js';
import { revokeOverride } from '../../governance/overrides.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { LaneEnum } from '../common/enums.js';
import { idOf } from '../common/ids.js';
import { domainCall } from '../common/domain-errors.js';
import { confinedPartnerId, partnerCreditFilter } from '../common/visibility.js';
import { DomainRuleError, NotAllowedError, COMMON_ERRORS } from '../errors.js';
import { NotFoundError } from '../../ingest/issues.js';

const ERRORS = [DomainRuleError, ...COMMON_ERRORS];

const CreditRequestInput = builder.inputType('CreditRequestInput', {
  fields: (t) => ({
    lane: t.field({ type: LaneEnum, required: true }),
    role: t.string({ required: true }),
    share: t.field({ type: 'Decimal', required: true, description: 'Fraction 0–1, e.g. "0.5".' }),
  }),
});

const RaiseDisputeInput = builder.inputType('RaiseDisputeInput', {
  fields: (t) => ({
    allocationId: t.id({ required: false, description: 'The CreditAllocation in question (or give opportunityKey).' }),
    opportunityKey: t.string({ required: false }),
    partnerKey: t.string({ required: false, description: 'Whose credit is in question; partner keys may only name their own partner.' }),
    reason: t.string({ required: true }),
    evidence: t.string({ required: false }),
    requested: t.field({ type: CreditRequestInput, required: false }),
  }),
});

const DisputePayload = builder.objectRef<{ disputeId: string }>('DisputePayload').implement({
  fields: (t) => ({
    dispute: t.prismaField({
      type: 'Dispute',
      resolve: (query, p, _a, ctx) => ctx.prisma.dispute.findUniqueOrThrow({ ...query, where: { id: p.disputeId } }),
    }),
  }),
});

builder.mutationField('raiseDispute', (t) => t.field({
  type: DisputePayload,
  authScopes: { raiseDispute: true },
  errors: { types: ERRORS, union: { name: 'RaiseDisputeResult' } },
  args: { input: t.arg({ type: RaiseDisputeInput, required: true }) },
  resolve: async (_r, { input }, ctx) => {
    const allocationId = input.allocationId ? idOf(String(input.allocationId), 'CreditAllocation', 'allocationId') : undefined;
    const confined = confinedPartnerId(ctx);
    if (confined) {
      // A partner disputes its own credit only. Another partner's allocation,
      // or a deal it has no part in, answers exactly like one that does not
      // exist: the error tells nothing about other partners' records.
      if (input.partnerKey && input.partnerKey !== ctx.principal!.partnerKey) {
        throw new NotAllowedError('a partner key can only raise disputes about its own partner\'s credit');
      }
      if (allocationId) {
        const own = await ctx.prisma.creditAllocation.findFirst({ where: { id: allocationId, ...partnerCreditFilter(ctx) }, select: { id: true } });
        if (!own) throw new NotFoundError('allocation', String(input.allocationId), 'no allocation of your partner has this id; take the id from your `allocations`.');
      } else if (input.opportunityKey) {
        const own = await ctx.prisma.opportunity.findFirst({
          where: { key: input.opportunityKey, OR: [{ allocations: { some: partnerCreditFilter(ctx) } }, { touchpoints: { some: { partnerId: confined } } }] },
          select: { id: true },
        });
        if (!own) {
          throw new NotFoundError('opportunity', input.opportunityKey,
            `no opportunity "${input.opportunityKey}" among your partner's deals (credit or touchpoints); check the opportunity key.`);
        }
      }
    }
    const view = await domainCall(() => raiseDispute(ctx.db, {
      allocationId, opportunityKey: input.opportunityKey ?? undefined,
      partnerKey: input.partnerKey ?? (confined ? ctx.principal!.partnerKey ?? undefined : undefined),
      raisedBy: actorOf(ctx.principal!), reason: input.reason, evidence: input.evidence ?? null,
      requested: input.requested ? { lane: input.requested.lane, role: input.requested.role, share: input.requested.share } : null,
    }));
    return { disputeId: view.id };
  },
}));

const DecisionEnum = builder.enumType('DisputeDecision', { values: ['approved', 'rejected'] as const });

const OverrideInput = builder.inputType('OverrideCreditInput', {
  fields: (t) => ({
    lane: t.field({ type: LaneEnum, required: true }),
    role: t.string({ required: true }),
    share: t.field({ type: 'Decimal', required: true }),
    partnerKey: t.string({ required: false, description: 'Omit for the whole lane.' }),
  }),
});

const ResolveDisputeInput = builder.inputType('ResolveDisputeInput', {
  fields: (t) => ({
    disputeId: t.id({ required: true }),
    decision: t.field({ type: DecisionEnum, required: true }),
    resolution: t.string({ required: true, description: 'Why: kept in the audit trail and shown to the raiser.' }),
    override: t.field({ type: OverrideInput, required: false, description: 'Credit to impose on approval; default: what the dispute requested.' }),
    ruleSetKey: t.string({ required: false, description: 'Limit the override to one rule set.' }),
  }),
});

const ResolvePayload = builder.objectRef<{ disputeId: string; overrideId: string | null; recomputeError: string | null }>('ResolveDisputePayload').implement({
  fields: (t) => ({
    dispute: t.prismaField({
      type: 'Dispute',
      resolve: (query, p, _a, ctx) => ctx.prisma.dispute.findUniqueOrThrow({ ...query, where: { id: p.disputeId } }),
    }),
    override: t.prismaField({
      type: 'Override',
      nullable: true,
      description: 'The approved override (approval only); the opportunity\'s credit was recomputed with it.',
      resolve: (query, p, _a, ctx) => (p.overrideId ? ctx.prisma.override.findUnique({ ...query, where: { id: p.overrideId } }) : null),
    }),
    recomputeError: t.exposeString('recomputeError', { nullable: true }),
  }),
});

builder.mutationField('resolveDispute', (t) => t.field({
  type: ResolvePayload,
  description: 'Approve (creating an override) or reject a dispute. The raiser cannot resolve their own dispute.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'ResolveDisputeResult' } },
  args: { input: t.arg({ type: ResolveDisputeInput, required: true }) },
  resolve: async (_r, { input }, ctx) => {
    const disputeId = idOf(String(input.disputeId), 'Dispute', 'disputeId');
    const result = await domainCall(() => resolveDispute(ctx.db, {
      disputeId, resolver: actorOf(ctx.principal!), decision: input.decision, resolution: input.resolution,
      override: input.override ? { ...input.override, partnerKey: input.override.partnerKey ?? null } : null,
      ruleSetKey: input.ruleSetKey ?? null,
    }));
    if (result.override) {
      ctx.pubsub.publish('allocations:changed', {
        runId: null, opportunityIds: [result.dispute.opportunityId], partnerIds: null, reason: 'dispute.approve', at: new Date(),
      });
    }
    return { disputeId: result.dispute.id, overrideId: result.override?.id ?? null, recomputeError: result.recompute?.error ?? null };
  },
}));

const RevokeOverrideInput = builder.inputType('RevokeOverrideInput', {
  fields: (t) => ({
    overrideId: t.id({ required: true }),
    reason: t.string({ required: true }),
  }),
});

const RevokePayload = builder.objectRef<{ overrideId: string; recomputeError: string | null }>('RevokeOverridePayload').implement({
  fields: (t) => ({
    override: t.prismaField({
      type: 'Override',
      resolve: (query, p, _a, ctx) => ctx.prisma.override.findUniqueOrThrow({ ...query, where: { id: p.overrideId } }),
    }),
    recomputeError: t.exposeString('recomputeError', { nullable: true }),
  }),
});

builder.mutationField('revokeOverride', (t) => t.field({
  type: RevokePayload,
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'RevokeOverrideResult' } },
  args: { input: t.arg({ type: RevokeOverrideInput, required: true }) },
  resolve: async (_r, { input }, ctx) => {
    const overrideId = idOf(String(input.overrideId), 'Override', 'overrideId');
    const result = await domainCall(() => revokeOverride(ctx.db, { overrideId, actor: actorOf(ctx.principal!), reason: input.reason }));
    return { overrideId: result.override.id, recomputeError: result.recompute?.error ?? null };
  },
}));

