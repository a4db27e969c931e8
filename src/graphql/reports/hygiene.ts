// The weekly revenue-hygiene report and queue over GraphQL. Definitions of the
// checks: src/reports/hygiene.ts.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { HygieneCheck, HygieneItem, HygieneReport } from '../../reports/hygiene.js';
import { computeHygiene, HYGIENE_CHECKS } from '../../reports/hygiene.js';
import { builder } from '../builder.js';
import { REPORT_ERRORS, reportCall, ReportPeriodRef } from './common.js';

export const HygieneCheckKeyEnum = builder.enumType('HygieneCheckKey', { values: HYGIENE_CHECKS });

const NODE_TYPES: Record<HygieneItem['entityType'], string> = {
  touchpoint: 'Touchpoint', partner: 'Partner', dispute: 'Dispute', allocation: 'CreditAllocation', opportunity: 'Opportunity',
};
const globalId = (type: string, id: string | null) => (id ? encodeGlobalID(type, id) : null);

const ItemType = builder.objectRef<HygieneItem>('HygieneItem').implement({
  description: 'One record in the hygiene queue, with the ids and keys to link to it.',
  fields: (t) => ({
    entityType: t.exposeString('entityType', { description: 'touchpoint, partner, dispute, allocation or opportunity.' }),
    nodeId: t.id({ resolve: (i) => encodeGlobalID(NODE_TYPES[i.entityType], i.entityId), description: 'Global id of the record (query it with node(id:)).' }),
    label: t.exposeString('label'),
    detail: t.exposeString('detail'),
    at: t.expose('at', { type: 'DateTime', nullable: true }),
    opportunityKey: t.exposeString('opportunityKey', { nullable: true }),
    partnerKey: t.exposeString('partnerKey', { nullable: true }),
    accountKey: t.exposeString('accountKey', { nullable: true }),
    touchpointId: t.id({ nullable: true, resolve: (i) => globalId('Touchpoint', i.touchpointId) }),
    disputeId: t.id({ nullable: true, resolve: (i) => globalId('Dispute', i.disputeId) }),
    allocationId: t.id({ nullable: true, resolve: (i) => globalId('CreditAllocation', i.allocationId) }),
    relatedId: t.id({
      nullable: true,
      description: 'The other record involved: the earlier touch of a suspected duplicate, or the missing touchpoint an allocation cites.',
      resolve: (i) => (i.relatedId === null ? null : encodeGlobalID('Touchpoint', i.relatedId)),
    }),
  }),
});

const CheckType = builder.objectRef<HygieneCheck>('HygieneCheck').implement({
  fields: (t) => ({
    key: t.expose('key', { type: HygieneCheckKeyEnum }),
    title: t.exposeString('title'),
    action: t.exposeString('action', { description: 'What the weekly review should do about these records.' }),
    count: t.exposeInt('count', { description: 'Records in the queue at the end of asOf.' }),
    previousCount: t.exposeInt('previousCount', { description: 'The same check at the end of the previous ISO week.' }),
    delta: t.exposeInt('delta'),
    items: t.expose('items', { type: [ItemType] }),
    truncated: t.exposeBoolean('truncated', { description: 'true when items lists fewer than count (raise limit).' }),
  }),
});

const TotalsType = builder.objectRef<HygieneReport['totals']>('HygieneTotals').implement({
  fields: (t) => ({
    count: t.exposeInt('count'),
    previousCount: t.exposeInt('previousCount'),
    delta: t.exposeInt('delta'),
  }),
});

const ReportType = builder.objectRef<HygieneReport>('HygieneReport').implement({
  description: 'The weekly revenue-hygiene review: what to fix, with the week-over-week trend.',
  fields: (t) => ({
    asOf: t.exposeString('asOf'),
    week: t.expose('week', { type: ReportPeriodRef }),
    previousWeek: t.expose('previousWeek', { type: ReportPeriodRef }),
    inactiveDays: t.exposeInt('inactiveDays'),
    duplicateDays: t.exposeInt('duplicateDays'),
    ruleSetKey: t.exposeString('ruleSetKey', { nullable: true }),
    checks: t.field({
      type: [CheckType],
      args: { keys: t.arg({ type: [HygieneCheckKeyEnum], required: false, description: 'Only these checks.' }) },
      resolve: (r, { keys }) => (keys ? r.checks.filter((c) => keys.includes(c.key)) : r.checks),
    }),
    totals: t.expose('totals', { type: TotalsType }),
  }),
});

builder.queryFields((t) => ({
  hygieneReport: t.field({
    type: ReportType,
    description: 'Revenue hygiene as of a day: touches missing proof or owner, inactive attached partners, disputes, touches after close, '
      + 'unknown references, suspected duplicates, influenced deals without a next joint step and deals without an FX rate.',
    authScopes: { readInternal: true },
    complexity: 50,
    errors: { types: REPORT_ERRORS, union: { name: 'HygieneReportResult' } },
    args: {
      asOf: t.arg({ type: 'Date', required: true }),
      inactiveDays: t.arg.int({ required: false }),
      duplicateDays: t.arg.int({ required: false }),
      ruleSetKey: t.arg.string({ required: false }),
      limit: t.arg.int({ required: false, description: 'Records listed per check (default 100, max 10000); counts are exact.' }),
    },
    resolve: (_r, args, ctx) => reportCall(() => computeHygiene(ctx.db, {
      asOf: args.asOf,
      inactiveDays: args.inactiveDays ?? undefined,
      duplicateDays: args.duplicateDays ?? undefined,
      ruleSetKey: args.ruleSetKey ?? undefined,
      limit: args.limit ?? undefined,
      reportingCurrency: ctx.reporting.reportingCurrency,
    })),
  }),
}));
