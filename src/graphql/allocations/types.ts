// CreditAllocation: one partner's (or nobody's) credit on one deal, in one
// lane, under one rule version — with the explanation of why.
import type { ExplanationStep } from '../../domain/attribution.js';
import type { Touchpoint } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { LaneEnum } from '../common/enums.js';
import { amountString, shareString } from '../../domain/decimal.js';
import { loaderFor } from '../common/batch.js';
import { TouchpointNode } from '../touchpoints/types.js';
import { confinedPartnerId } from '../common/visibility.js';
import type { GraphQLContext } from '../context.js';
import { explanationTouchpointIds, ownRows, redactExplanation } from '../../auth/partner-policy.js';
import { encodeGlobalID } from '@pothos/plugin-relay';

interface ExplanationShape {
  rule?: string;
  lane?: { lane?: string; rule?: string | null; grantedShare?: string; grantedAmount?: string };
  steps?: ExplanationStep[];
  excluded?: ExplanationStep[];
}

/**
 * The explanation a caller may read: whole for internal readers; for a
 * partner key, redacted to its own steps (src/auth/partner-policy.ts), so
 * `steps`, `excluded` and `text` never name another partner.
 */
async function explanationFor(ctx: GraphQLContext, e: ExplanationShape): Promise<ExplanationShape> {
  const partnerId = confinedPartnerId(ctx);
  if (!partnerId) return e;
  const loader = loaderFor<string | null>(ctx, 'touchpointPartnerId', async (ids) => {
    const rows = await ctx.prisma.touchpoint.findMany({ where: { id: { in: [...ids] } }, select: { id: true, partnerId: true } });
    return new Map(rows.map((r) => [r.id, r.partnerId]));
  });
  const ids = explanationTouchpointIds(e);
  const owners = await Promise.all(ids.map((id) => loader.load(id)));
  const ownTouchpointIds = new Set(ids.filter((_id, i) => owners[i] === partnerId));
  return redactExplanation(e, { partnerKey: ctx.principal?.partnerKey ?? null, ownTouchpointIds });
}

const StepKindEnum = builder.enumType('ExplanationStepKind', {
  values: ['rule', 'included', 'excluded', 'weight', 'cap', 'floor', 'rounding', 'override', 'note'] as const,
});

const ExplanationStepRef = builder.objectRef<ExplanationStep>('ExplanationStep').implement({
  description: 'One plain-language step of how the credit was decided.',
  fields: (t) => ({
    kind: t.field({ type: StepKindEnum, resolve: (s) => s.kind }),
    message: t.exposeString('message'),
    touchpointId: t.string({
      nullable: true,
      description: 'Global id of the touchpoint this step is about, if any.',
      resolve: (s) => (s.touchpointId ? encodeGlobalID('Touchpoint', s.touchpointId) : null),
    }),
    data: t.field({ type: 'JSON', nullable: true, resolve: (s) => s.data ?? null }),
  }),
});

const ExplanationRef = builder.objectRef<ExplanationShape>('AllocationExplanation').implement({
  description: 'Why this credit exists: the rule that produced it, the lane grant, and each step.',
  fields: (t) => ({
    rule: t.string({ resolve: (e) => e.rule ?? '' }),
    laneRule: t.string({ nullable: true, resolve: (e) => e.lane?.rule ?? null }),
    laneGrantedShare: t.field({ type: 'Decimal', nullable: true, resolve: (e) => e.lane?.grantedShare ?? null }),
    laneGrantedAmount: t.field({ type: 'Decimal', nullable: true, resolve: (e) => e.lane?.grantedAmount ?? null }),
    steps: t.field({ type: [ExplanationStepRef], resolve: (e) => e.steps ?? [] }),
    excluded: t.field({ type: [ExplanationStepRef], description: 'Touches that did not count, with the reason.', resolve: (e) => e.excluded ?? [] }),
    text: t.string({
      description: 'The explanation as readable text, one step a line.',
      resolve: (e) => [
        `${e.rule ?? 'rule'}${e.lane?.lane ? ` (${e.lane.lane} lane)` : ''}`,
        ...(e.steps ?? []).map((s) => `- ${s.message}`),
        ...((e.excluded ?? []).length ? ['Not counted:', ...(e.excluded ?? []).map((s) => `- ${s.message}`)] : []),
      ].join('\n'),
    }),
  }),
});

const RuleVersionTagRef = builder.objectRef<{ id: string; number: number | null; sourceHash: string }>('RuleVersionTag').implement({
  description: 'Which exact rules produced a credit: the version id, its number and the hash of its source.',
  fields: (t) => ({
    id: t.id({ resolve: (v) => encodeGlobalID('RuleVersion', v.id) }),
    number: t.int({ nullable: true, resolve: (v) => v.number }),
    sourceHash: t.exposeString('sourceHash'),
  }),
});

export const CreditAllocationNode = builder.prismaNode('CreditAllocation', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'Credit on one opportunity for one partner (or none, when unattributed) in one lane.',
  // Select mode: the explanation (kilobytes of JSON per row) and the touchpoint
  // id array are read only when a query asks for them.
  select: { id: true, partnerId: true },
  authScopes: (a) => ({ $any: { readInternal: true, ownPartner: a.partnerId } }),
  fields: (t) => ({
    opportunity: t.relation('opportunity', { authScopes: { readIngested: true } }),
    partner: t.relation('partner', { nullable: true }),
    lane: t.expose('lane', { type: LaneEnum }),
    role: t.exposeString('role', { description: 'sourced, influenced, attached, assisted_close, unattributed, disputed, or a role the rule set declares.' }),
    share: t.field({ type: 'Decimal', description: 'Fraction of the opportunity amount, 6 places.', select: { share: true }, resolve: (a) => shareString(a.share) }),
    amount: t.field({ type: 'Decimal', select: { amount: true }, resolve: (a) => amountString(a.amount) }),
    currency: t.exposeString('currency'),
    ruleVersion: t.field({
      type: RuleVersionTagRef,
      select: { ruleVersionId: true, ruleVersionNumber: true, sourceHash: true },
      resolve: (a) => ({ id: a.ruleVersionId, number: a.ruleVersionNumber, sourceHash: a.sourceHash }),
    }),
    explanation: t.field({
      type: ExplanationRef,
      select: { explanation: true },
      resolve: (a, _args, ctx) => explanationFor(ctx, (a.explanation ?? {}) as ExplanationShape),
    }),
    contributingTouchpoints: t.field({
      type: [TouchpointNode],
      select: { contributingTouchpointIds: true },
      resolve: async (a, _args, ctx) => {
        const loader = loaderFor<Touchpoint>(ctx, 'touchpointById', async (ids) => {
          const rows = await ctx.prisma.touchpoint.findMany({ where: { id: { in: [...ids] } } });
          return new Map(rows.map((r) => [r.id, r]));
        });
        const rows = (await Promise.all(a.contributingTouchpointIds.map((id) => loader.load(id)))).filter((r): r is Touchpoint => r !== undefined);
        // A partner key gets its own touchpoints only (an override's row can carry touches it replaced).
        const partnerId = confinedPartnerId(ctx);
        return partnerId ? ownRows(rows, partnerId) : rows;
      },
    }),
    isCurrent: t.exposeBoolean('isCurrent', { description: 'true for the credit in force; false for history from superseded runs.' }),
    run: t.relation('run', { authScopes: { readInternal: true } }),
    override: t.relation('override', { nullable: true, authScopes: { readInternal: true } }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
