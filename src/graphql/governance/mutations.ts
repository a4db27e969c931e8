// Disputes and overrides: a partner (or an internal user) raises a dispute;
// governance approves it (creating an override the engine applies) or rejects
// it; overrides can be revoked. Services in src/governance audit every change.
import { raiseDispute, resolveDispute } from '../../governance/disputes.js';
import { revokeOverride } from '../../governance/overrides.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { LaneEnum } from '../common/enums.js';
import { idOf } from '../common/ids.js';
import { domainCall } from '../common/domain-errors.js';
import { confinedPartnerId, partnerCreditFilter } from '../common/visibility.js';
import { DomainRuleError, NotAllowedError, COMMON_ERRORS } from '../errors.js';
import { NotFoundError } from '../../ingest/index.js';

const ERRORS = [DomainRuleError, ...COMMON_ERRORS];

const CreditRequestInput = builder.inputType('CreditRequestInput', {
  description: 'The credit a dispute asks for.',
  fields: (t) => ({
    lane: t.field({ type: LaneEnum, required: true, description: 'The lane (sourced or influenced).' }),
    role: t.string({ required: true, description: 'The role asked for, e.g. "sourced".' }),
    share: t.field({ type: 'Decimal', required: true, description: 'Fraction 0–1, e.g. "0.5".' }),
  }),
});

const RaiseDisputeInput = builder.inputType('RaiseDisputeInput', {
  description: 'A challenge to credit: an allocation, or a deal (and partner).',
  fields: (t) => ({
    allocationId: t.id({ required: false, description: 'The CreditAllocation in question (or give opportunityKey).' }),
    opportunityKey: t.string({ required: false, description: 'The deal in question (CRM key), when no allocationId is given.' }),
    partnerKey: t.string({ required: false, description: 'Whose credit is in question; partner keys may only name their own partner.' }),
    reason: t.string({ required: true, description: 'Why the credit is wrong.' }),
    evidence: t.string({ required: false, description: 'Link or text supporting the claim.' }),
    requested: t.field({
      type: CreditRequestInput,
      required: false,
      description: 'The credit asked for; approval imposes it unless the resolver gives another.',
    }),
  }),
});

const DisputePayload = builder.objectRef<{ disputeId: string }>('DisputePayload').implement({
  description: 'The raised dispute.',
  fields: (t) => ({
    dispute: t.prismaField({
      type: 'Dispute',
      description: 'The new dispute (open).',
      resolve: (query, p, _a, ctx) => ctx.prisma.dispute.findUniqueOrThrow({ ...query, where: { id: p.disputeId } }),
    }),
  }),
});

inputMutation('raiseDispute', {
  payload: DisputePayload,
  description:
    "Raises a dispute about credit (audited). Partner keys dispute their own partner's credit only; governance and admin keys any.",
  authScopes: { raiseDispute: true },
  errors: { types: ERRORS, union: "The dispute, or why it was refused (another partner's credit answers NotFoundError)." },
  input: { type: RaiseDisputeInput, description: 'The dispute.' },
  resolve: async (input, ctx) => {
    const allocationId = input.allocationId ? idOf(String(input.allocationId), 'CreditAllocation', 'allocationId') : undefined;
    const confined = confinedPartnerId(ctx);
    if (confined) {
      // A partner disputes its own credit only. Another partner's allocation,
      // or a deal it has no part in, answers exactly like one that does not
      // exist: the error tells nothing about other partners' records.
      if (input.partnerKey && input.partnerKey !== ctx.principal!.partnerKey) {
        throw new NotAllowedError("a partner key can only raise disputes about its own partner's credit");
      }
      if (allocationId) {
        const own = await ctx.prisma.creditAllocation.findFirst({
          where: { id: allocationId, ...partnerCreditFilter(ctx) },
          select: { id: true },
        });
        if (!own)
          throw new NotFoundError(
            'allocation',
            String(input.allocationId),
            'no allocation of your partner has this id; take the id from your `allocations`.',
          );
      } else if (input.opportunityKey) {
        const own = await ctx.prisma.opportunity.findFirst({
          where: {
            key: input.opportunityKey,
            OR: [{ allocations: { some: partnerCreditFilter(ctx) } }, { touchpoints: { some: { partnerId: confined } } }],
          },
          select: { id: true },
        });
        if (!own) {
          throw new NotFoundError(
            'opportunity',
            input.opportunityKey,
            `no opportunity "${input.opportunityKey}" among your partner's deals (credit or touchpoints); check the opportunity key.`,
          );
        }
      }
    }
    const view = await domainCall(() =>
      raiseDispute(ctx.db, {
        allocationId,
        opportunityKey: input.opportunityKey ?? undefined,
        partnerKey: input.partnerKey ?? (confined ? (ctx.principal!.partnerKey ?? undefined) : undefined),
        raisedBy: actorOf(ctx.principal!),
        reason: input.reason,
        evidence: input.evidence ?? null,
        requested: input.requested ? { lane: input.requested.lane, role: input.requested.role, share: input.requested.share } : null,
      }),
    );
    return { disputeId: view.id };
  },
});

const DecisionEnum = builder.enumType('DisputeDecision', {
  description: 'What the resolver decides.',
  values: {
    approved: { description: 'Accept: an override imposes the credit and the deal is recomputed.' },
    rejected: { description: 'Refuse: credit stays as it is.' },
  } as const,
});

const OverrideInput = builder.inputType('OverrideCreditInput', {
  description: 'The credit an approval imposes.',
  fields: (t) => ({
    lane: t.field({ type: LaneEnum, required: true, description: 'The lane (sourced or influenced).' }),
    role: t.string({ required: true, description: 'The role to give, e.g. "sourced" or "unattributed".' }),
    share: t.field({
      type: 'Decimal',
      required: true,
      description: 'Fraction 0–1 of the deal amount, at most 6 places, e.g. "0.5"; "0" removes the partner\'s credit.',
    }),
    partnerKey: t.string({ required: false, description: 'Omit for the whole lane.' }),
  }),
});

const ResolveDisputeInput = builder.inputType('ResolveDisputeInput', {
  description: 'A decision on an open dispute.',
  fields: (t) => ({
    disputeId: t.id({ required: true, description: 'Global id of an open Dispute.' }),
    decision: t.field({ type: DecisionEnum, required: true, description: 'Approve or reject.' }),
    resolution: t.string({ required: true, description: 'Why: kept in the audit trail and shown to the raiser.' }),
    override: t.field({
      type: OverrideInput,
      required: false,
      description: 'Credit to impose on approval; default: what the dispute requested.',
    }),
    ruleSetKey: t.string({ required: false, description: 'Limit the override to one rule set.' }),
  }),
});

const ResolvePayload = builder
  .objectRef<{ disputeId: string; overrideId: string | null; recomputeError: string | null }>('ResolveDisputePayload')
  .implement({
    description: 'The decided dispute and, on approval, its override.',
    fields: (t) => ({
      dispute: t.prismaField({
        type: 'Dispute',
        description: 'The dispute, now approved or rejected.',
        resolve: (query, p, _a, ctx) => ctx.prisma.dispute.findUniqueOrThrow({ ...query, where: { id: p.disputeId } }),
      }),
      override: t.prismaField({
        type: 'Override',
        nullable: true,
        description: "The approved override (approval only); the opportunity's credit was recomputed with it.",
        resolve: (query, p, _a, ctx) => (p.overrideId ? ctx.prisma.override.findUnique({ ...query, where: { id: p.overrideId } }) : null),
      }),
      recomputeError: t.exposeString('recomputeError', {
        nullable: true,
        description: 'Why recomputing the deal failed (the decision is saved); null when it succeeded or nothing was recomputed.',
      }),
    }),
  });

inputMutation('resolveDispute', {
  payload: ResolvePayload,
  description: 'Approve (creating an override) or reject a dispute. The raiser cannot resolve their own dispute.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The decision, or why it was refused (e.g. not open, own dispute).' },
  input: { type: ResolveDisputeInput, description: 'The decision.' },
  resolve: async (input, ctx) => {
    const disputeId = idOf(String(input.disputeId), 'Dispute', 'disputeId');
    const result = await domainCall(() =>
      resolveDispute(ctx.db, {
        disputeId,
        resolver: actorOf(ctx.principal!),
        decision: input.decision,
        resolution: input.resolution,
        override: input.override ? { ...input.override, partnerKey: input.override.partnerKey ?? null } : null,
        ruleSetKey: input.ruleSetKey ?? null,
      }),
    );
    if (result.override) {
      ctx.pubsub.publish('allocations:changed', {
        runId: null,
        opportunityIds: [result.dispute.opportunityId],
        partnerIds: null,
        reason: 'dispute.approve',
        at: new Date(),
      });
    }
    return { disputeId: result.dispute.id, overrideId: result.override?.id ?? null, recomputeError: result.recompute?.error ?? null };
  },
});

const RevokeOverrideInput = builder.inputType('RevokeOverrideInput', {
  description: 'The active override to revoke.',
  fields: (t) => ({
    overrideId: t.id({ required: true, description: 'Global id of an active Override.' }),
    reason: t.string({ required: true, description: 'Why, for the audit trail.' }),
  }),
});

const RevokePayload = builder.objectRef<{ overrideId: string; recomputeError: string | null }>('RevokeOverridePayload').implement({
  description: 'The revoked override.',
  fields: (t) => ({
    override: t.prismaField({
      type: 'Override',
      description: 'The override, now revoked.',
      resolve: (query, p, _a, ctx) => ctx.prisma.override.findUniqueOrThrow({ ...query, where: { id: p.overrideId } }),
    }),
    recomputeError: t.exposeString('recomputeError', {
      nullable: true,
      description: 'Why recomputing the deal failed (the revocation is saved); null when it succeeded.',
    }),
  }),
});

inputMutation('revokeOverride', {
  payload: RevokePayload,
  description: "Revokes an override and recomputes the deal's credit without it (audited). Governance and admin keys.",
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The revoked override, or why it could not be revoked (e.g. already revoked).' },
  input: { type: RevokeOverrideInput, description: 'The override.' },
  resolve: async (input, ctx) => {
    const overrideId = idOf(String(input.overrideId), 'Override', 'overrideId');
    const result = await domainCall(() => revokeOverride(ctx.db, { overrideId, actor: actorOf(ctx.principal!), reason: input.reason }));
    return { overrideId: result.override.id, recomputeError: result.recompute?.error ?? null };
  },
});
