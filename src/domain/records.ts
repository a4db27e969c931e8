// The fields of an opportunity and a touchpoint as code carries them, named
// for the domain (camelCase, the row property of each column, src/db/columns.ts):
// what the seed generates, the import and ingestion write, and rules see in
// their facts (src/domain/attribution.ts). Money is a decimal string.
import type { ActionType, Channel, OpportunityStage, OpportunityType } from './enums.js';

export interface OpportunityRecord {
  key: string;
  name: string;
  type: OpportunityType;
  /** Exact decimal string, two places: "125000.00". */
  amount: string;
  currency: string;
  stage: OpportunityStage;
  createdAt: Date;
  closedAt: Date | null;
}

export interface TouchpointRecord {
  source: string;
  externalId: string;
  action: ActionType;
  channel: Channel;
  occurredAt: Date;
  proof: string | null;
  owner: string | null;
  nextJointStep: string | null;
  engagementDepth: number | null;
  stageAtTouch: OpportunityStage | null;
}
