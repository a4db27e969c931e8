// Run scopes as input, and the impact report of a preview.
import type { ImpactReport, LaneAmounts, MovedCredit, OpportunityChange, AllocationSummary } from '../../engine/preview.js';
import type { RunScope } from '../../engine/scope.js';
import { builder } from '../builder.js';
import { LaneEnum } from '../common/enums.js';

export const RunScopeInput = builder.inputType('RunScopeInput', {
  description: 'Which opportunities a run covers; empty means all.',
  fields: (t) => ({
    opportunityKeys: t.stringList({ required: false }),
    from: t.field({ type: 'Date', required: false, description: 'Attribution date (close date, else creation) from this day.' }),
    to: t.field({ type: 'Date', required: false, description: '…up to this day, inclusive.' }),
    partnerKey: t.string({ required: false, description: 'Opportunities the partner touched, is present on, or holds credit in.' }),
  }),
});

export function runScopeOf(input: typeof RunScopeInput.$inferInput | null | undefined): RunScope | undefined {
  if (!input) return undefined;
  const scope: RunScope = {};
  if (input.opportunityKeys?.length) scope.opportunityKeys = input.opportunityKeys;
  if (input.from) scope.from = input.from.toISOString().slice(0, 10);
  if (input.to) scope.to = input.to.toISOString().slice(0, 10);
  if (input.partnerKey) scope.partnerKey = input.partnerKey;
  return scope;
}

const LaneAmountsRef = builder.objectRef<LaneAmounts>('LaneAmounts').implement({
  fields: (t) => ({
    source: t.field({ type: 'Decimal', resolve: (a) => a.source }),
    influence: t.field({ type: 'Decimal', resolve: (a) => a.influence }),
  }),
});

const MovedCreditRef = builder.objectRef<MovedCredit>('MovedCredit').implement({
  description: 'Credit of one partner or channel before and after, per lane.',
  fields: (t) => ({
    key: t.exposeString('key'),
    before: t.field({ type: LaneAmountsRef, resolve: (m) => m.before }),
    after: t.field({ type: LaneAmountsRef, resolve: (m) => m.after }),
    delta: t.field({ type: LaneAmountsRef, resolve: (m) => m.delta }),
  }),
});

const AllocationSummaryRef = builder.objectRef<AllocationSummary>('AllocationSummary').implement({
  fields: (t) => ({
    lane: t.field({ type: LaneEnum, resolve: (a) => a.lane }),
    partnerKey: t.string({ nullable: true, resolve: (a) => a.partner }),
    role: t.exposeString('role'),
    share: t.field({ type: 'Decimal', resolve: (a) => a.share }),
    amount: t.field({ type: 'Decimal', resolve: (a) => a.amount }),
  }),
});

const ChangeKindEnum = builder.enumType('OpportunityChangeKind', { values: ['added', 'changed', 'removed'] as const });

const OpportunityChangeRef = builder.objectRef<OpportunityChange>('OpportunityCreditChange').implement({
  fields: (t) => ({
    opportunityKey: t.exposeString('opportunityKey'),
    change: t.field({ type: ChangeKindEnum, resolve: (c) => c.change }),
    before: t.field({ type: [AllocationSummaryRef], resolve: (c) => c.before }),
    after: t.field({ type: [AllocationSummaryRef], resolve: (c) => c.after }),
  }),
});

const ExampleRef = builder.objectRef<{ opportunityKey: string; before: string; after: string }>('ImpactExample').implement({
  fields: (t) => ({
    opportunityKey: t.exposeString('opportunityKey'),
    before: t.exposeString('before', { description: 'Explanation under the current rules.' }),
    after: t.exposeString('after', { description: 'Explanation under the candidate.' }),
  }),
});

const OpportunityCountsRef = builder.objectRef<ImpactReport['opportunities']>('ImpactOpportunityCounts').implement({
  fields: (t) => ({
    evaluated: t.exposeInt('evaluated'),
    changed: t.exposeInt('changed'),
    added: t.exposeInt('added'),
    unchanged: t.exposeInt('unchanged'),
  }),
});

const TotalsRef = builder.objectRef<ImpactReport['totals']>('ImpactTotals').implement({
  fields: (t) => ({
    before: t.field({ type: LaneAmountsRef, resolve: (x) => x.before }),
    after: t.field({ type: LaneAmountsRef, resolve: (x) => x.after }),
    delta: t.field({ type: LaneAmountsRef, resolve: (x) => x.delta }),
  }),
});

export const ImpactReportRef = builder.objectRef<ImpactReport>('ImpactReport').implement({
  description: 'The impact diff of a candidate rule version against the credit in force.',
  fields: (t) => ({
    ruleSetKey: t.exposeString('ruleSetKey'),
    candidate: t.prismaField({
      type: 'RuleVersion',
      resolve: (query, r, _a, ctx) => ctx.prisma.ruleVersion.findUniqueOrThrow({ ...query, where: { id: r.candidate.ruleVersionId } }),
    }),
    asOf: t.exposeString('asOf'),
    scope: t.field({ type: 'JSON', resolve: (r) => r.scope }),
    hasChanges: t.exposeBoolean('hasChanges'),
    opportunities: t.field({ type: OpportunityCountsRef, resolve: (r) => r.opportunities }),
    totals: t.field({ type: TotalsRef, resolve: (r) => r.totals }),
    partners: t.field({ type: [MovedCreditRef], resolve: (r) => r.partners }),
    channels: t.field({ type: [MovedCreditRef], resolve: (r) => r.channels }),
    changes: t.field({
      type: [OpportunityChangeRef],
      args: { first: t.arg.int({ required: false, defaultValue: 100 }) },
      resolve: (r, a) => r.changes.slice(0, Math.max(0, Math.min(1000, a.first ?? 100))),
    }),
    examples: t.field({ type: [ExampleRef], resolve: (r) => r.examples }),
  }),
});
