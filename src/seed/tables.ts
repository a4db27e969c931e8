// How each generated row maps onto its table (see prisma/schema.prisma).
import type { TableSpec } from '../db/bulk.js';
import type {
  AccountPartnerRow, AccountRow, OpportunityRow, PartnerInvestmentRow, PartnerRow, TouchpointRow,
} from './rows.js';

const NOW = { updated_at: 'now()' } as const;

export const partnerTable: TableSpec<PartnerRow> = {
  table: 'partner',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'key', type: 'text', value: (r) => r.key },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'type', type: 'text', value: (r) => r.type },
    { name: 'tier', type: 'text', value: (r) => r.tier },
    { name: 'status', type: '"PartnerStatus"', value: (r) => r.status },
    { name: 'owner', type: 'text', value: (r) => r.owner },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  ],
  constants: NOW,
};

export const partnerInvestmentTable: TableSpec<PartnerInvestmentRow> = {
  table: 'partner_investment',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'partner_id', type: 'uuid', value: (r) => r.partnerId },
    { name: 'period_start', type: 'date', value: (r) => r.periodStart.toISOString().slice(0, 10) },
    { name: 'period_end', type: 'date', value: (r) => r.periodEnd.toISOString().slice(0, 10) },
    { name: 'amount', type: 'numeric', value: (r) => r.amount },
    { name: 'currency', type: 'varchar(3)', value: (r) => r.currency },
    { name: 'category', type: 'text', value: (r) => r.category },
    { name: 'note', type: 'text', value: (r) => r.note },
  ],
};

export const accountTable: TableSpec<AccountRow> = {
  table: 'account',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'key', type: 'text', value: (r) => r.key },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'domain', type: 'text', value: (r) => r.domain },
    { name: 'segment', type: 'text', value: (r) => r.segment },
    { name: 'region', type: 'text', value: (r) => r.region },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  ],
  constants: NOW,
};

export const accountPartnerTable: TableSpec<AccountPartnerRow> = {
  table: 'account_partner',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'account_id', type: 'uuid', value: (r) => r.accountId },
    { name: 'partner_id', type: 'uuid', value: (r) => r.partnerId },
    { name: 'since', type: 'timestamptz', value: (r) => r.since },
    { name: 'until', type: 'timestamptz', value: (r) => r.until },
  ],
};

export const opportunityTable: TableSpec<OpportunityRow> = {
  table: 'opportunity',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'key', type: 'text', value: (r) => r.key },
    { name: 'source_system', type: 'text', value: (r) => r.sourceSystem },
    { name: 'account_id', type: 'uuid', value: (r) => r.accountId },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'type', type: '"OpportunityType"', value: (r) => r.type },
    { name: 'amount', type: 'numeric', value: (r) => r.amount },
    { name: 'currency', type: 'varchar(3)', value: (r) => r.currency },
    { name: 'stage', type: 'text', value: (r) => r.stage },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'closed_at', type: 'timestamptz', value: (r) => r.closedAt },
    { name: 'owner_rep', type: 'text', value: (r) => r.ownerRep },
  ],
  constants: NOW,
};

export const touchpointTable: TableSpec<TouchpointRow> = {
  table: 'touchpoint',
  columns: [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'source', type: 'text', value: (r) => r.source },
    { name: 'external_id', type: 'text', value: (r) => r.externalId },
    { name: 'opportunity_id', type: 'uuid', value: (r) => r.opportunityId },
    { name: 'account_id', type: 'uuid', value: (r) => r.accountId },
    { name: 'partner_id', type: 'uuid', value: (r) => r.partnerId },
    { name: 'action', type: 'text', value: (r) => r.action },
    { name: 'channel', type: 'text', value: (r) => r.channel },
    { name: 'occurred_at', type: 'timestamptz', value: (r) => r.occurredAt },
    { name: 'proof', type: 'text', value: (r) => r.proof },
    { name: 'owner', type: 'text', value: (r) => r.owner },
    { name: 'next_joint_step', type: 'text', value: (r) => r.nextJointStep },
    { name: 'engagement_depth', type: 'smallint', value: (r) => r.engagementDepth },
    { name: 'stage_at_touch', type: 'text', value: (r) => r.stageAtTouch },
    { name: 'metadata', type: 'jsonb', value: (r) => r.metadata },
    { name: 'deleted_at', type: 'timestamptz', value: (r) => r.deletedAt },
  ],
  constants: NOW,
};
