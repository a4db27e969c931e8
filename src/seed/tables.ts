// How each generated row maps onto its table (see prisma/schema.prisma): every
// column of the catalogue (src/db/columns.ts) from the row field of its
// camelCase name, written by the catalogue.
import type { TableSpec } from '../db/bulk.js';
import { catalogColumns } from '../db/columns.js';
import type { AccountPartnerRow, AccountRow, OpportunityRow, PartnerInvestmentRow, PartnerRow, TouchpointRow } from './rows.js';

const NOW = { updated_at: 'now()' } as const;

export const partnerTable: TableSpec<PartnerRow> = { ...catalogColumns<PartnerRow>()('partner'), constants: NOW };

export const partnerInvestmentTable: TableSpec<PartnerInvestmentRow> = catalogColumns<PartnerInvestmentRow>()('partner_investment');

export const accountTable: TableSpec<AccountRow> = { ...catalogColumns<AccountRow>()('account'), constants: NOW };

export const accountPartnerTable: TableSpec<AccountPartnerRow> = catalogColumns<AccountPartnerRow>()('account_partner');

export const opportunityTable: TableSpec<OpportunityRow> = { ...catalogColumns<OpportunityRow>()('opportunity'), constants: NOW };

/** The touchpoints of the seed have no ingestion batch. */
export const touchpointTable: TableSpec<TouchpointRow> = {
  ...catalogColumns<TouchpointRow>()('touchpoint', { except: ['ingest_event_id'] }),
  constants: NOW,
};
