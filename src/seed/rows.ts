// The rows the seed generator produces: plain data, named for the domain,
// independent of how they are written. Money is a decimal string.
import type { DeclaredRole } from '../domain/declared-role.js';
import type { OpportunityRecord, TouchpointRecord } from '../domain/records.js';
import type {
  DefaultActionType as ActionType,
  DefaultChannel as Channel,
  DefaultOpportunityStage as OpportunityStage,
  PartnerStatus,
  DefaultPartnerTier as PartnerTier,
  DefaultPartnerType as PartnerType,
} from '../domain/enums.js';

export interface PartnerRow {
  id: string;
  key: string;
  name: string;
  type: PartnerType;
  tier: PartnerTier;
  status: PartnerStatus;
  owner: string | null;
  createdAt: Date;
}

export interface PartnerInvestmentRow {
  id: string;
  partnerId: string;
  periodStart: Date;
  periodEnd: Date;
  /** Exact decimal, two places. */
  amount: string;
  currency: string;
  category: string;
  note: string | null;
}

export interface AccountRow {
  id: string;
  key: string;
  name: string;
  domain: string | null;
  segment: string | null;
  region: string | null;
  createdAt: Date;
}

export interface AccountPartnerRow {
  id: string;
  accountId: string;
  partnerId: string;
  since: Date;
  until: Date | null;
}

export interface OpportunityRow extends OpportunityRecord {
  id: string;
  sourceSystem: string;
  accountId: string;
  stage: OpportunityStage;
  ownerRep: string | null;
}

export interface TouchpointRow extends TouchpointRecord {
  id: string;
  /** Exactly one of opportunityId / accountId is set: account-level signals have no opportunity. */
  opportunityId: string | null;
  accountId: string | null;
  partnerId: string;
  action: ActionType;
  channel: Channel;
  stageAtTouch: OpportunityStage | null;
  /** The partner role the rep declared in the CRM (null: not declared). */
  declaredRole: DeclaredRole | null;
  metadata: Record<string, unknown>;
  deletedAt: Date | null;
}
