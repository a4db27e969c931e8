// How each generated row maps onto its table (see prisma/schema.prisma): which
// field fills each column; the column catalogue (src/db/columns.ts) writes it.
import type { TableSpec } from '../db/bulk.js';
import { tableColumns } from '../db/columns.js';
import type { AccountPartnerRow, AccountRow, OpportunityRow, PartnerInvestmentRow, PartnerRow, TouchpointRow } from './rows.js';

const NOW = { updated_at: 'now()' } as const;

export const partnerTable: TableSpec<PartnerRow> = {
  ...tableColumns('partner', {
    id: (r) => r.id,
    key: (r) => r.key,
    name: (r) => r.name,
    type: (r) => r.type,
    tier: (r) => r.tier,
    status: (r) => r.status,
    owner: (r) => r.owner,
    created_at: (r) => r.createdAt,
  }),
  constants: NOW,
};

export const partnerInvestmentTable: TableSpec<PartnerInvestmentRow> = {
  ...tableColumns('partner_investment', {
    id: (r) => r.id,
    partner_id: (r) => r.partnerId,
    period_start: (r) => r.periodStart,
    period_end: (r) => r.periodEnd,
    amount: (r) => r.amount,
    currency: (r) => r.currency,
    category: (r) => r.category,
    note: (r) => r.note,
  }),
};

export const accountTable: TableSpec<AccountRow> = {
  ...tableColumns('account', {
    id: (r) => r.id,
    key: (r) => r.key,
    name: (r) => r.name,
    domain: (r) => r.domain,
    segment: (r) => r.segment,
    region: (r) => r.region,
    created_at: (r) => r.createdAt,
  }),
  constants: NOW,
};

export const accountPartnerTable: TableSpec<AccountPartnerRow> = {
  ...tableColumns('account_partner', {
    id: (r) => r.id,
    account_id: (r) => r.accountId,
    partner_id: (r) => r.partnerId,
    since: (r) => r.since,
    until: (r) => r.until,
  }),
};

export const opportunityTable: TableSpec<OpportunityRow> = {
  ...tableColumns('opportunity', {
    id: (r) => r.id,
    key: (r) => r.key,
    source_system: (r) => r.sourceSystem,
    account_id: (r) => r.accountId,
    name: (r) => r.name,
    type: (r) => r.type,
    amount: (r) => r.amount,
    currency: (r) => r.currency,
    stage: (r) => r.stage,
    created_at: (r) => r.createdAt,
    closed_at: (r) => r.closedAt,
    owner_rep: (r) => r.ownerRep,
  }),
  constants: NOW,
};

export const touchpointTable: TableSpec<TouchpointRow> = {
  ...tableColumns('touchpoint', {
    id: (r) => r.id,
    source: (r) => r.source,
    external_id: (r) => r.externalId,
    opportunity_id: (r) => r.opportunityId,
    account_id: (r) => r.accountId,
    partner_id: (r) => r.partnerId,
    action: (r) => r.action,
    channel: (r) => r.channel,
    occurred_at: (r) => r.occurredAt,
    proof: (r) => r.proof,
    owner: (r) => r.owner,
    next_joint_step: (r) => r.nextJointStep,
    engagement_depth: (r) => r.engagementDepth,
    stage_at_touch: (r) => r.stageAtTouch,
    declared_role: (r) => r.declaredRole,
    metadata: (r) => r.metadata,
    deleted_at: (r) => r.deletedAt,
  }),
  constants: NOW,
};
