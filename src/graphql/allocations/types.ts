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
import type { Lane } from '../../domain/enums.js';
import { isCompact, renderExplanation, type RowExplanation, type SharedExplanation } from '../../engine/explanations.js';

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

/**
 * The whole explanation of a row: a row of a compact run keeps only its own
 * part, the part its opportunity's rows share is read (batched) from
 * credit_explanation and rendered (src/engine/explanations.ts).
 */
async function storedExplanation(
  ctx: GraphQLContext,
  a: { explanation: unknown; runId: string; opportunityId: string; lane: Lane },
): Promise<unknown> {
  const stored = (a.explanation ?? {}) as RowExplanation;
  if (!isCompact(stored)) return stored;
  const loader = loaderFor<SharedExplanation>(ctx, 'creditExplanation', async (keys) => {
    const pairs = keys.map((k) => k.split('/') as [string, string]);
    const rows = await ctx.prisma.creditExplanation.findMany({
      where: { OR: pairs.map(([runId, opportunityId]) => ({ runId, opportunityId })) },
    });
    return new Map(
      rows.map((r) => [`${r.runId}/${r.opportunityId}`, { excluded: r.excluded, lanes: r.lanes } as unknown as SharedExplanation]),
    );
  });
  const shared = await loader.load(`${a.runId}/${a.opportunityId}`);
  return renderExplanation(stored, shared ?? null, a.lane);
}

const StepKindEnum = builder.enumType('ExplanationStepKind', {
  description: 'What an explanation step records.',
  values: {
    rule: { description: 'Which rule matched and what the lane grants.' },
    included: { description: 'A touch that counted toward the credit.' },
    excluded: { description: 'A touch that did not count, and why (outside the window, missing evidence …).' },
    weight: { description: 'How a credit model weighted a touch or partner.' },
    cap: { description: 'A share cut down to a maximum.' },
    floor: { description: 'A share raised to a minimum.' },
    rounding: { description: 'Cents assigned by the largest-remainder method so the lane sums exactly.' },
    override: { description: 'An approved override replaced rule credit (approver, date, dispute, reason in data).' },
    note: { description: 'Any other remark.' },
  } as const,
});

const ExplanationStepRef = builder.objectRef<ExplanationStep>('ExplanationStep').implement({
  description: 'One plain-language step of how the credit was decided.',
  fields: (t) => ({
    kind: t.field({ type: StepKindEnum, description: 'What the step records.', resolve: (s) => s.kind }),
    message: t.exposeString('message', { description: 'The step in plain language.' }),
    touchpointId: t.string({
      nullable: true,
      description: 'Global id of the touchpoint this step is about, if any.',
      resolve: (s) => (s.touchpointId ? encodeGlobalID('Touchpoint', s.touchpointId) : null),
    }),
    data: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Machine-readable details of the step (a JSON object: weights, shares, override ids …); null when none.',
      resolve: (s) => s.data ?? null,
    }),
  }),
});

const ExplanationRef = builder.objectRef<ExplanationShape>('AllocationExplanation').implement({
  description: 'Why this credit exists: the rule that produced it, the lane grant, and each step.',
  fields: (t) => ({
    rule: t.string({
      description: 'Name of the rule (inside the rule version) that produced this credit; "override" for an override\'s row.',
      resolve: (e) => e.rule ?? '',
    }),
    laneRule: t.string({
      nullable: true,
      description: "The rule that set the lane's grant; null when no rule granted the lane.",
      resolve: (e) => e.lane?.rule ?? null,
    }),
    laneGrantedShare: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Fraction of the deal amount the lane grants (at most 1), 6 places; null when not recorded.',
      resolve: (e) => e.lane?.grantedShare ?? null,
    }),
    laneGrantedAmount: t.field({
      type: 'Decimal',
      nullable: true,
      description:
        "Amount the lane grants, 2 places, in the deal's currency; the lane's allocations sum to it exactly. Null when not recorded.",
      resolve: (e) => e.lane?.grantedAmount ?? null,
    }),
    steps: t.field({
      type: [ExplanationStepRef],
      description: 'How the credit was decided, in order (redacted to its own steps for a partner key).',
      resolve: (e) => e.steps ?? [],
    }),
    excluded: t.field({
      type: [ExplanationStepRef],
      description: 'Touches that did not count, with the reason.',
      resolve: (e) => e.excluded ?? [],
    }),
    text: t.string({
      description: 'The explanation as readable text, one step a line.',
      resolve: (e) =>
        [
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
    id: t.id({ description: 'Global id of the RuleVersion.', resolve: (v) => encodeGlobalID('RuleVersion', v.id) }),
    number: t.int({
      nullable: true,
      description: 'The version number within its rule set; null for a draft (preview rows).',
      resolve: (v) => v.number,
    }),
    sourceHash: t.exposeString('sourceHash', { description: 'SHA-256 hex of the rules source that produced the credit.' }),
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
    opportunity: t.relation('opportunity', {
      description: 'The deal credited; internal readers only.',
      authScopes: { readIngested: true },
    }),
    partner: t.relation('partner', {
      nullable: true,
      description: 'The partner credited; null for a lane-wide row (unattributed, disputed).',
    }),
    lane: t.expose('lane', { type: LaneEnum, description: 'Sourced or influenced; the two lanes are never added together.' }),
    role: t.exposeString('role', {
      description: 'sourced, influenced, attached, assisted_close, unattributed, disputed, or a role the rule set declares.',
    }),
    share: t.field({
      type: 'Decimal',
      description: 'Fraction of the opportunity amount, 6 places.',
      select: { share: true },
      resolve: (a) => shareString(a.share),
    }),
    amount: t.field({
      type: 'Decimal',
      description: "Credited amount, 2 places, in `currency`: deal amount × lane grant split by share; a lane's amounts sum to the cent.",
      select: { amount: true },
      resolve: (a) => amountString(a.amount),
    }),
    currency: t.exposeString('currency', {
      description: "ISO 4217 code: the deal's currency (credit is never converted; reports convert).",
    }),
    ruleVersion: t.field({
      type: RuleVersionTagRef,
      description: 'The exact rule version that produced the credit.',
      select: { ruleVersionId: true, ruleVersionNumber: true, sourceHash: true },
      resolve: (a) => ({ id: a.ruleVersionId, number: a.ruleVersionNumber, sourceHash: a.sourceHash }),
    }),
    explanation: t.field({
      type: ExplanationRef,
      description: 'Why the credit exists. For a partner key, steps about other partners read "another partner".',
      select: { explanation: true, runId: true, opportunityId: true, lane: true },
      resolve: async (a, _args, ctx) => explanationFor(ctx, (await storedExplanation(ctx, a)) as ExplanationShape),
    }),
    contributingTouchpoints: t.field({
      type: [TouchpointNode],
      description: 'The touches that earned the credit (a partner key sees only its own).',
      select: { contributingTouchpointIds: true },
      resolve: async (a, _args, ctx) => {
        const loader = loaderFor<Touchpoint>(ctx, 'touchpointById', async (ids) => {
          const rows = await ctx.prisma.touchpoint.findMany({ where: { id: { in: [...ids] } } });
          return new Map(rows.map((r) => [r.id, r]));
        });
        const rows = (await Promise.all(a.contributingTouchpointIds.map((id) => loader.load(id)))).filter(
          (r): r is Touchpoint => r !== undefined,
        );
        // A partner key gets its own touchpoints only (an override's row can carry touches it replaced).
        const partnerId = confinedPartnerId(ctx);
        return partnerId ? ownRows(rows, partnerId) : rows;
      },
    }),
    isCurrent: t.exposeBoolean('isCurrent', { description: 'true for the credit in force; false for history from superseded runs.' }),
    run: t.relation('run', { description: 'The run that wrote the row; internal readers only.', authScopes: { readInternal: true } }),
    override: t.relation('override', {
      nullable: true,
      description: 'The override that imposed this credit; null for rule credit. Internal readers only.',
      authScopes: { readInternal: true },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the run wrote the row (ISO 8601, UTC).' }),
  }),
});
