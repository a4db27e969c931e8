// The weekly revenue-hygiene report and queue over GraphQL. Definitions of the
// checks: src/reports/hygiene/.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { HygieneCheck, HygieneDisagreements, HygieneItem, HygieneReport } from '../../reports/hygiene/index.js';
import { computeHygiene, DEFAULT_DISAGREEMENTS, HYGIENE_CHECKS } from '../../reports/hygiene/index.js';
import { MAX_DEALS } from '../../reports/spotlight.js';
import { LaneEnum } from '../common/enums.js';
import { SpotlightDealType, SpotlightModelEnum, SpotlightUnitEnum } from './spotlight.js';
import { builder } from '../builder.js';
import { REPORT_ERRORS, reportCall, ReportPeriodRef } from './common.js';

const HYGIENE_CHECK_DESCRIPTIONS: Record<(typeof HYGIENE_CHECKS)[number], string> = {
  missing_proof_or_owner: 'Live touches with a blank proof or owner.',
  inactive_partner: 'Partners attached to an account with no action in inactiveDays.',
  open_dispute: 'Disputes not yet decided.',
  disputed_allocation: 'Current credit held with role disputed.',
  touch_after_close: 'Touches dated after their deal closed.',
  unknown_reference:
    "A touch whose account is not its deal's account, an account-level touch on an account without deals, or current credit citing a deleted or missing touchpoint.",
  suspected_duplicate: 'Same partner, deal (or account) and action within duplicateDays; the later touch points at the earlier one.',
  next_step_missing: 'Open deals where a partner holds influence credit but its latest touch has no next joint step.',
  missing_fx_rate: 'Deals in another currency than the reporting one with no exchange rate on or before the day reports convert them at.',
  unproven_single_touch_credit: 'Governance edge case: current credit whose only contributing touch has no proof.',
  touches_without_credit: 'Governance edge case: partners with at least 5 live touches and no current credit in any lane.',
};

const HygieneCheckKeyEnum = builder.enumType('HygieneCheckKey', {
  description: 'The checks of the weekly revenue-hygiene review (src/reports/README.md).',
  values: Object.fromEntries(HYGIENE_CHECKS.map((k) => [k, { description: HYGIENE_CHECK_DESCRIPTIONS[k] }])) as Record<
    (typeof HYGIENE_CHECKS)[number],
    { description: string }
  >,
});

const NODE_TYPES: Record<HygieneItem['entityType'], string> = {
  touchpoint: 'Touchpoint',
  partner: 'Partner',
  dispute: 'Dispute',
  allocation: 'CreditAllocation',
  opportunity: 'Opportunity',
};
const globalId = (type: string, id: string | null) => (id ? encodeGlobalID(type, id) : null);

const ItemType = builder.objectRef<HygieneItem>('HygieneItem').implement({
  description: 'One record in the hygiene queue, with the ids and keys to link to it.',
  fields: (t) => ({
    entityType: t.exposeString('entityType', { description: 'touchpoint, partner, dispute, allocation or opportunity.' }),
    nodeId: t.id({
      resolve: (i) => encodeGlobalID(NODE_TYPES[i.entityType], i.entityId),
      description: 'Global id of the record (query it with node(id:)).',
    }),
    label: t.exposeString('label', { description: "A short name of the record for a list, e.g. the touch's source and external id." }),
    detail: t.exposeString('detail', { description: 'What is wrong with it, for people.' }),
    at: t.expose('at', {
      type: 'DateTime',
      nullable: true,
      description: "The instant the finding is about (a touch's occurrence, a dispute's creation …), ISO 8601; null when none applies.",
    }),
    opportunityKey: t.exposeString('opportunityKey', { nullable: true, description: 'The deal concerned (CRM key); null when none.' }),
    partnerKey: t.exposeString('partnerKey', { nullable: true, description: 'The partner concerned (business key); null when none.' }),
    accountKey: t.exposeString('accountKey', { nullable: true, description: 'The account concerned (business key); null when none.' }),
    touchpointId: t.id({
      nullable: true,
      description: 'Global id of the Touchpoint concerned; null when none.',
      resolve: (i) => globalId('Touchpoint', i.touchpointId),
    }),
    disputeId: t.id({
      nullable: true,
      description: 'Global id of the Dispute concerned; null when none.',
      resolve: (i) => globalId('Dispute', i.disputeId),
    }),
    allocationId: t.id({
      nullable: true,
      description: 'Global id of the CreditAllocation concerned; null when none.',
      resolve: (i) => globalId('CreditAllocation', i.allocationId),
    }),
    relatedId: t.id({
      nullable: true,
      description: 'The other record involved: the earlier touch of a suspected duplicate, or the missing touchpoint an allocation cites.',
      resolve: (i) => (i.relatedId === null ? null : encodeGlobalID('Touchpoint', i.relatedId)),
    }),
  }),
});

const CheckType = builder.objectRef<HygieneCheck>('HygieneCheck').implement({
  description: 'One check of the review: what it found now and the week before.',
  fields: (t) => ({
    key: t.expose('key', { type: HygieneCheckKeyEnum, description: 'Which check.' }),
    title: t.exposeString('title', { description: "The check's name, for people." }),
    action: t.exposeString('action', { description: 'What the weekly review should do about these records.' }),
    count: t.exposeInt('count', { description: 'Records in the queue at the end of asOf.' }),
    previousCount: t.exposeInt('previousCount', { description: 'The same check at the end of the previous ISO week.' }),
    delta: t.exposeInt('delta', { description: 'count − previousCount (negative: fewer to fix).' }),
    items: t.expose('items', { type: [ItemType], description: 'The records found, at most `limit` of them.' }),
    truncated: t.exposeBoolean('truncated', { description: 'true when items lists fewer than count (raise limit).' }),
  }),
});

const TotalsType = builder.objectRef<HygieneReport['totals']>('HygieneTotals').implement({
  description: 'The counts of every check, summed.',
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'Findings at the end of asOf.' }),
    previousCount: t.exposeInt('previousCount', { description: 'Findings at the end of the previous ISO week.' }),
    delta: t.exposeInt('delta', { description: 'count − previousCount.' }),
  }),
});

const DisagreementStatusEnum = builder.enumType('HygieneDisagreementStatus', {
  description: 'Whether the spotlight-disagreements section compared a rule set, or why not.',
  values: {
    compared: {
      value: 'compared',
      description: "The rule set's current credit was compared with the model; deals lists the largest disagreements.",
    },
    no_current_results: {
      value: 'no_current_results',
      description: 'The rule set (or every rule set) has no current results: publish a version and run it.',
    },
    several_rule_sets: {
      value: 'several_rule_sets',
      description: 'Several rule sets have current results (candidates): choose one with ruleSetKey.',
    },
  } as const,
});

const DisagreementsSampleType = builder.objectRef<HygieneDisagreements['sample']>('HygieneDisagreementsSample').implement({
  description: 'The closed deals the model saw.',
  fields: (t) => ({
    journeys: t.exposeInt('journeys', {
      description: 'Closed deals (won or lost) with at least one live touch up to the close, closed by closedBy, in currency.',
    }),
    conversions: t.exposeInt('conversions', { description: 'Of those, the won ones.' }),
    value: t.expose('value', { type: 'Decimal', description: 'Their won value (decimal string, 2 places, in currency).' }),
  }),
});

const DisagreementsType = builder.objectRef<HygieneDisagreements>('HygieneDisagreements').implement({
  description:
    "The won deals where the rule set's current credit and the spotlight model split the deal most differently: edge cases for governance, read record by record.",
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The section\'s name, for people ("Spotlight disagreements").' }),
    action: t.exposeString('action', { description: 'What the weekly review should do about these deals.' }),
    status: t.expose('status', { type: DisagreementStatusEnum, description: 'compared, or why no comparison was made.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why deals is empty, in words (null when it lists deals).' }),
    ruleSetKey: t.exposeString('ruleSetKey', { nullable: true, description: 'The rule set compared (null when none could be chosen).' }),
    candidates: t.exposeStringList('candidates', {
      description: 'Rule sets with current results when one has to be chosen (status several_rule_sets); otherwise empty.',
    }),
    model: t.exposeString('model', { description: 'The model, e.g. "markov order 1".' }),
    by: t.expose('by', { type: SpotlightUnitEnum, description: "The unit each deal's credit is split over." }),
    lane: t.expose('lane', { type: LaneEnum, description: 'The rule lane compared (influence).' }),
    currency: t.exposeString('currency', {
      description: 'Only deals in this currency (the reporting currency) are compared; every amount is in it.',
    }),
    closedBy: t.exposeString('closedBy', { description: "Deals closed on or before this day (YYYY-MM-DD, the review's asOf)." }),
    sample: t.expose('sample', { type: DisagreementsSampleType, description: 'How much data the model saw.' }),
    limit: t.exposeInt('limit', { description: 'The most deals listed.' }),
    deals: t.expose('deals', {
      type: [SpotlightDealType],
      description: 'Largest disagreement first, then by opportunity key; deals that agree are not listed.',
    }),
  }),
});

const DisagreementsInputType = builder.inputType('HygieneDisagreementsInput', {
  description: 'Options of the spotlight-disagreements section of the hygiene review.',
  fields: (t) => ({
    ruleSetKey: t.string({
      required: false,
      description: "The rule set compared (default: the review's ruleSetKey, else the only rule set with current results).",
    }),
    model: t.field({ type: SpotlightModelEnum, required: false, description: 'Default markov.' }),
    order: t.int({ required: false, description: 'Markov order, 1 (default) to 4; markov only.' }),
    by: t.field({ type: SpotlightUnitEnum, required: false, description: 'Default partner.' }),
    limit: t.int({ required: false, description: `Deals listed (default ${DEFAULT_DISAGREEMENTS}, 0 to ${MAX_DEALS}).` }),
  }),
});

const ReportType = builder.objectRef<HygieneReport>('HygieneReport').implement({
  description: 'The weekly revenue-hygiene review: what to fix, with the week-over-week trend.',
  fields: (t) => ({
    asOf: t.exposeString('asOf', { description: 'The day the report reads the data at the end of (YYYY-MM-DD, UTC).' }),
    week: t.expose('week', { type: ReportPeriodRef, description: 'The ISO week containing asOf, e.g. "2026-W12".' }),
    previousWeek: t.expose('previousWeek', { type: ReportPeriodRef, description: 'The ISO week before, which previousCount reads.' }),
    inactiveDays: t.exposeInt('inactiveDays', { description: 'Days without action that make an attached partner inactive (default 60).' }),
    duplicateDays: t.exposeInt('duplicateDays', { description: 'Days within which equal touches are suspected duplicates (default 3).' }),
    ruleSetKey: t.exposeString('ruleSetKey', {
      nullable: true,
      description: 'The rule set whose credit the allocation checks read; null: every rule set.',
    }),
    checks: t.field({
      type: [CheckType],
      description: 'Every check, in a fixed order.',
      args: { keys: t.arg({ type: [HygieneCheckKeyEnum], required: false, description: 'Only these checks.' }) },
      resolve: (r, { keys }) => (keys ? r.checks.filter((c) => keys.includes(c.key)) : r.checks),
    }),
    totals: t.expose('totals', { type: TotalsType, description: 'All checks summed.' }),
    disagreements: t.expose('disagreements', {
      type: DisagreementsType,
      description: 'Spotlight disagreements: the won deals where rule and model credit disagree most (not counted in totals).',
    }),
  }),
});

builder.queryFields((t) => ({
  hygieneReport: t.field({
    type: ReportType,
    description:
      'Revenue hygiene as of a day: touches missing proof or owner, inactive attached partners, disputes, touches after close, ' +
      'unknown references, suspected duplicates, influenced deals without a next joint step and deals without an FX rate; ' +
      'edge cases for governance, and the won deals where rule and model credit disagree most (disagreements).',
    authScopes: { readInternal: true },
    complexity: 50,
    errors: { types: REPORT_ERRORS, union: { name: 'HygieneReportResult', description: 'The report, or why the arguments were refused.' } },
    args: {
      asOf: t.arg({ type: 'Date', required: true, description: 'The day (YYYY-MM-DD, UTC); the report reads the data at its end.' }),
      inactiveDays: t.arg.int({ required: false, description: 'Days without action that make an attached partner inactive; default 60.' }),
      duplicateDays: t.arg.int({ required: false, description: 'Window for suspected duplicates, in days; default 3.' }),
      ruleSetKey: t.arg.string({
        required: false,
        description: "Read only this rule set's credit in the allocation checks; omitted: every rule set.",
      }),
      limit: t.arg.int({ required: false, description: 'Records listed per check (default 100, max 10000); counts are exact.' }),
      disagreements: t.arg({
        type: DisagreementsInputType,
        required: false,
        description: 'Options of the spotlight-disagreements section.',
      }),
    },
    resolve: (_r, args, ctx) =>
      reportCall(() =>
        computeHygiene(ctx.db, {
          asOf: args.asOf,
          inactiveDays: args.inactiveDays ?? undefined,
          duplicateDays: args.duplicateDays ?? undefined,
          ruleSetKey: args.ruleSetKey ?? undefined,
          limit: args.limit ?? undefined,
          reportingCurrency: ctx.reporting.reportingCurrency,
          ...(args.disagreements
            ? {
                disagreements: {
                  ...(args.disagreements.ruleSetKey != null ? { ruleSetKey: args.disagreements.ruleSetKey } : {}),
                  ...(args.disagreements.model ? { model: args.disagreements.model } : {}),
                  ...(args.disagreements.order != null ? { order: args.disagreements.order } : {}),
                  ...(args.disagreements.by ? { by: args.disagreements.by } : {}),
                  ...(args.disagreements.limit != null ? { limit: args.disagreements.limit } : {}),
                },
              }
            : {}),
        }),
      ),
  }),
}));
