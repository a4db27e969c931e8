// The contract between the data (engine, database) and the rules language
// runtime: what one opportunity looks like to a rule ("facts"), and what a
// compiled rule version returns for it ("OpportunityAttribution").
//
// Everything here is plain data: no Prisma types, no Decimal class. Money and
// shares travel as decimal strings ("1234.50", "0.400000") so nothing is ever
// a float on the way to or from the database.

import { DEFAULT_VOCABULARY, type StageOutcome } from './taxonomy.js';
import type { Lane, PartnerTier, PartnerType } from './enums.js';
import type { OpportunityRecord, TouchpointRecord } from './records.js';

export interface PartnerFacts {
  key: string;
  name: string;
  type: PartnerType;
  tier: PartnerTier;
}

export interface TouchpointFacts extends TouchpointRecord {
  /** Database id (uuid); allocations list contributing touchpoint ids. */
  id: string;
  partner: PartnerFacts;
  /** true when the touch was logged against the account, not the opportunity. */
  accountLevel: boolean;
}

export interface AccountPartnerFacts {
  partner: PartnerFacts;
  since: Date;
  until: Date | null;
}

export interface OpportunityFacts extends OpportunityRecord {
  id: string;
  /** The outcome of the stage in the taxonomy in force; absent: the default taxonomy's (see stageOutcomeOf). */
  outcome?: StageOutcome;
  account: {
    key: string;
    name: string;
    domain: string | null;
    segment: string | null;
    region: string | null;
    /** Partners present on the account (the "attached" signal). */
    partners: AccountPartnerFacts[];
  };
  /** Live (not soft-deleted) touches on the opportunity and on its account. */
  touchpoints: TouchpointFacts[];
}

/** One plain-language step of an explanation. */
export interface ExplanationStep {
  kind: 'rule' | 'included' | 'excluded' | 'weight' | 'cap' | 'floor' | 'rounding' | 'override' | 'note';
  message: string;
  touchpointId?: string;
  data?: Record<string, unknown>;
}

export interface AllocationResult {
  lane: Lane;
  /** null for roles that name no partner (unattributed). */
  partnerKey: string | null;
  role: string;
  /** Fraction of the opportunity amount, decimal string with 6 places: "0.400000". */
  share: string;
  /** Exact amount, two places; a lane's amounts sum to exactly the granted amount. */
  amount: string;
  /** Name of the rule (inside the rule version) that produced this credit. */
  rule: string;
  touchpointIds: string[];
  explanation: ExplanationStep[];
}

export interface LaneResult {
  lane: Lane;
  /** Fraction of the opportunity amount this lane grants (<= 1), 6 places. */
  grantedShare: string;
  /** Exact amount granted by the lane, two places. */
  grantedAmount: string;
  rule: string | null;
  allocations: AllocationResult[];
}

export interface OpportunityAttribution {
  opportunityKey: string;
  lanes: LaneResult[];
  /** Touches that did not count, each with the reason, for explanations. */
  excluded: ExplanationStep[];
}

/** Open, won or lost: the loaded outcome, else the default taxonomy's for the stage (open when unknown). */
export function stageOutcomeOf(o: { stage: string; outcome?: StageOutcome }): StageOutcome {
  return o.outcome ?? DEFAULT_VOCABULARY.outcome(o.stage) ?? 'open';
}
