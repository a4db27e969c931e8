// Run scopes as input, and the impact report of a preview.
import type { ImpactReport, LaneAmounts, MovedCredit, OpportunityChange, AllocationSummary } from '../../engine/preview.js';
import type { RunScope } from '../../engine/scope.js';
import { builder } from '../builder.js';
import { LaneEnum } from '../common/enums.js';
import { isoDate } from '../../db/timestamps.js';

export const RunScopeInput = builder.inputType('RunScopeInput', {
  description: 'Which opportunities a run covers; empty means all.',
  fields: (t) => ({
    opportunityKeys: t.stringList({ required: false, description: 'Only these opportunities (CRM keys); an unknown key is an error.' }),
    from: t.field({ type: 'Date', required: false, description: 'Attribution date (close date, else creation) from this day.' }),
    to: t.field({ type: 'Date', required: false, description: '…up to this day, inclusive.' }),
    partnerKey: t.string({ required: false, description: 'Opportunities the partner touched, is present on, or holds credit in.' }),
  }),
});

export function runScopeOf(input: typeof RunScopeInput.$inferInput | null | undefined): RunScope | undefined {
  if (!input) return undefined;
  const scope: RunScope = {};
  if (input.opportunityKeys?.length) scope.opportunityKeys = input.opportunityKeys;
  if (input.from) scope.from = isoDate(input.from);
  if (input.to) scope.to = isoDate(input.to);
  if (input.partnerKey) scope.partnerKey = input.partnerKey;
  return scope;
}

const LaneAmountsRef = builder.objectRef<LaneAmounts>('LaneAmounts').implement({
  description:
    "Credit amounts per lane, decimal strings with 2 places: sums of allocation amounts in the deals' own currencies (not converted). The lanes are never added together.",
  fields: (t) => ({
    source: t.field({ type: 'Decimal', description: 'Sourced lane.', resolve: (a) => a.source }),
    influence: t.field({ type: 'Decimal', description: 'Influenced lane.', resolve: (a) => a.influence }),
  }),
});

const MovedCreditRef = builder.objectRef<MovedCredit>('MovedCredit').implement({
  description: 'Credit of one partner or channel before and after, per lane.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description:
        'The partner key (partners; "(no partner)" for lane-wide rows) or channel taxonomy key (channels; "none" for credit without a contributing touch).',
    }),
    before: t.field({ type: LaneAmountsRef, description: 'Under the credit in force.', resolve: (m) => m.before }),
    after: t.field({ type: LaneAmountsRef, description: 'Under the candidate version.', resolve: (m) => m.after }),
    delta: t.field({ type: LaneAmountsRef, description: 'after − before (negative when credit is lost).', resolve: (m) => m.delta }),
  }),
});

const AllocationSummaryRef = builder.objectRef<AllocationSummary>('AllocationSummary').implement({
  description: 'One allocation of a deal, in short: lane, partner, role, share and amount.',
  fields: (t) => ({
    lane: t.field({ type: LaneEnum, description: 'Sourced or influenced lane.', resolve: (a) => a.lane }),
    partnerKey: t.string({
      nullable: true,
      description: 'The partner credited; null for a lane-wide row (e.g. unattributed).',
      resolve: (a) => a.partner,
    }),
    role: t.exposeString('role', { description: 'The role the rules gave, e.g. "sourced", "influenced", "unattributed".' }),
    share: t.field({
      type: 'Decimal',
      description: 'Share of the deal amount in this lane, a decimal string with 6 places ("0.400000" is 40%).',
      resolve: (a) => a.share,
    }),
    amount: t.field({
      type: 'Decimal',
      description: "Credited amount, a decimal string with 2 places, in the deal's currency.",
      resolve: (a) => a.amount,
    }),
  }),
});

const ChangeKindEnum = builder.enumType('OpportunityChangeKind', {
  description: "How a deal's credit differs under the candidate.",
  values: {
    added: { description: 'The candidate credits a deal that has no credit in force.' },
    changed: { description: 'Both credit the deal, differently.' },
    removed: { description: 'The deal has credit in force that the candidate would not give.' },
  } as const,
});

const OpportunityChangeRef = builder.objectRef<OpportunityChange>('OpportunityCreditChange').implement({
  description: 'One deal whose credit the candidate changes: its allocations before and after.',
  fields: (t) => ({
    opportunityKey: t.exposeString('opportunityKey', { description: "The deal's CRM key." }),
    change: t.field({ type: ChangeKindEnum, description: 'Added, changed or removed.', resolve: (c) => c.change }),
    before: t.field({ type: [AllocationSummaryRef], description: 'Allocations in force (empty when added).', resolve: (c) => c.before }),
    after: t.field({
      type: [AllocationSummaryRef],
      description: 'Allocations under the candidate (empty when removed).',
      resolve: (c) => c.after,
    }),
  }),
});

const ExampleRef = builder.objectRef<{ opportunityKey: string; before: string; after: string }>('ImpactExample').implement({
  description: 'A changed deal with its explanation text before and after.',
  fields: (t) => ({
    opportunityKey: t.exposeString('opportunityKey', { description: "The deal's CRM key." }),
    before: t.exposeString('before', { description: 'Explanation under the current rules.' }),
    after: t.exposeString('after', { description: 'Explanation under the candidate.' }),
  }),
});

const OpportunityCountsRef = builder.objectRef<ImpactReport['opportunities']>('ImpactOpportunityCounts').implement({
  description: 'How many deals the preview evaluated and how their credit compares.',
  fields: (t) => ({
    evaluated: t.exposeInt('evaluated', { description: 'Deals the candidate evaluated.' }),
    changed: t.exposeInt('changed', { description: 'Deals whose credit differs.' }),
    added: t.exposeInt('added', { description: 'Deals credited now that have no credit in force.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Deals whose credit is the same.' }),
  }),
});

const TotalsRef = builder.objectRef<ImpactReport['totals']>('ImpactTotals').implement({
  description: 'Total credit per lane over the evaluated deals, before and after.',
  fields: (t) => ({
    before: t.field({ type: LaneAmountsRef, description: 'Under the credit in force.', resolve: (x) => x.before }),
    after: t.field({ type: LaneAmountsRef, description: 'Under the candidate.', resolve: (x) => x.after }),
    delta: t.field({ type: LaneAmountsRef, description: 'after − before.', resolve: (x) => x.delta }),
  }),
});

export const ImpactReportRef = builder.objectRef<ImpactReport>('ImpactReport').implement({
  description: 'The impact diff of a candidate rule version against the credit in force.',
  fields: (t) => ({
    ruleSetKey: t.exposeString('ruleSetKey', { description: 'The rule set whose credit in force the candidate is compared with.' }),
    candidate: t.prismaField({
      type: 'RuleVersion',
      description: 'The version previewed.',
      resolve: (query, r, _a, ctx) => ctx.prisma.ruleVersion.findUniqueOrThrow({ ...query, where: { id: r.candidate.ruleVersionId } }),
    }),
    asOf: t.exposeString('asOf', { description: 'The instant open deals were evaluated at (ISO 8601, UTC).' }),
    scope: t.field({
      type: 'JSON',
      description: 'The scope evaluated, as a JSON object (opportunityKeys, from, to, partnerKey when given).',
      resolve: (r) => r.scope,
    }),
    hasChanges: t.exposeBoolean('hasChanges', { description: "Whether any deal's credit would change." }),
    opportunities: t.field({
      type: OpportunityCountsRef,
      description: 'Deals evaluated, changed, added and unchanged.',
      resolve: (r) => r.opportunities,
    }),
    totals: t.field({ type: TotalsRef, description: 'Credit per lane before and after.', resolve: (r) => r.totals }),
    partners: t.field({ type: [MovedCreditRef], description: 'Credit moved per partner.', resolve: (r) => r.partners }),
    channels: t.field({
      type: [MovedCreditRef],
      description: 'Credit moved per channel (an allocation counts for the channel of its earliest contributing touch).',
      resolve: (r) => r.channels,
    }),
    changes: t.field({
      type: [OpportunityChangeRef],
      description: 'The changed deals with their allocations before and after.',
      args: { first: t.arg.int({ required: false, defaultValue: 100, description: 'How many changed deals to list, 0–1000 (capped).' }) },
      resolve: (r, a) => r.changes.slice(0, Math.max(0, Math.min(1000, a.first ?? 100))),
    }),
    examples: t.field({
      type: [ExampleRef],
      description: "A few changed deals with explanations (as many as the input's examples).",
      resolve: (r) => r.examples,
    }),
  }),
});
