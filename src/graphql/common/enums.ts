// The domain's closed vocabularies as GraphQL enums (values as in src/domain/enums.ts).
// Taxonomy kinds (partner types and tiers, action types, channels, stages) are
// strings validated against the taxonomy: see ../taxonomy/.
import {
  API_KEY_ROLES,
  DISPUTE_STATUSES,
  LANES,
  OPPORTUNITY_TYPES,
  PARTNER_STATUSES,
  RULE_VERSION_STATUSES,
  RUN_KINDS,
  RUN_STATUSES,
} from '../../domain/enums.js';
import { builder } from '../builder.js';

/** The values of a domain list, each with its description (a value without one does not compile). */
function describedValues<const V extends readonly string[]>(
  values: V,
  descriptions: { [K in V[number]]: string },
): { [K in V[number]]: { description: string } } {
  return Object.fromEntries(values.map((v) => [v, { description: descriptions[v as V[number]] }])) as {
    [K in V[number]]: { description: string };
  };
}

export const PartnerStatusEnum = builder.enumType('PartnerStatus', {
  description: 'Where a partner stands in the program (reports may filter on it; credit does not depend on it).',
  values: describedValues(PARTNER_STATUSES, {
    prospect: 'Being recruited; not yet signed.',
    onboarding: 'Signed, being enabled.',
    active: 'In the program.',
    inactive: 'In the program but not working deals.',
    terminated: 'Left the program; keeps its history and credit.',
  }),
});
export const OpportunityTypeEnum = builder.enumType('OpportunityType', {
  description: 'The kind of deal; expansion and renewal revenue is reported separately in scorecards.',
  values: describedValues(OPPORTUNITY_TYPES, {
    new_business: 'A first sale to the account.',
    expansion: 'More sold to an existing customer.',
    renewal: 'An existing contract renewed.',
  }),
});
export const LaneEnum = builder.enumType('Lane', {
  values: describedValues(LANES, {
    source: 'Sourced: who brought the deal. Shares of the lane sum to at most 100%.',
    influence: 'Influenced: who helped it move or close. Shares of the lane sum to at most 100%, separately from source.',
  }),
  description: 'source: who sourced the deal; influence: who helped it move. Credit in one lane never counts in the other.',
});
export const RuleVersionStatusEnum = builder.enumType('RuleVersionStatus', {
  description: 'The lifecycle of a rule version: draft → published → retired.',
  values: describedValues(RULE_VERSION_STATUSES, {
    draft: 'Editable; can be tested and previewed, never gives credit.',
    published: 'Immutable; gives credit to the opportunities in its effective window.',
    retired: 'Immutable and no longer applied; its past runs and credit stay readable.',
  }),
});
export const RunKindEnum = builder.enumType('RunKind', {
  description: 'What an attribution run covers and whether its credit becomes current.',
  values: describedValues(RUN_KINDS, {
    full: "Every opportunity in the version's window (and scope); its credit becomes current.",
    incremental: 'Only the opportunities a data change touched (the recompute queue); its credit becomes current.',
    preview: 'A draft or any version tried out: rows are compared with current credit and never become current.',
  }),
});
export const RunStatusEnum = builder.enumType('RunStatus', {
  description: 'Where an attribution run stands. Readers never see the credit of a run that did not succeed.',
  values: describedValues(RUN_STATUSES, {
    queued: 'Created, not started.',
    running: 'Evaluating batches; see processed/total.',
    succeeded: 'Done; its credit (unless a preview) became current in one switch.',
    failed: 'Stopped by an error or a killed process (see error); its rows were deleted, current credit is untouched.',
    superseded: 'Replaced by a newer run of the rule set.',
  }),
});
export const DisputeStatusEnum = builder.enumType('DisputeStatus', {
  description: 'Where a dispute about credit stands.',
  values: describedValues(DISPUTE_STATUSES, {
    open: 'Raised, waiting for a governance decision.',
    approved: 'Accepted: an override now applies the requested credit.',
    rejected: 'Refused with a reason; credit is unchanged.',
  }),
});
export const OverrideStatusEnum = builder.enumType('OverrideStatus', {
  description: 'Whether an override still applies in every run.',
  values: describedValues(['active', 'revoked'] as const, {
    active: 'Applied on top of the rules in every run until revoked.',
    revoked:
      'No longer applied (revoked, or replaced by a later approved override for the same partner and lane); credit is recomputed without it.',
  }),
});
export const ApiKeyRoleEnum = builder.enumType('ApiKeyRole', {
  description: 'What an API key may do.',
  values: describedValues(API_KEY_ROLES, {
    admin: 'Everything every other internal role may do.',
    governance: 'Reads everything; manages rules, runs, disputes, overrides and the taxonomy.',
    integrator: 'Writes and reads ingested data (partners, accounts, opportunities, touchpoints).',
    analyst: 'Reads everything internal (credit, reports, runs, audit); changes nothing.',
    partner: 'One partner: reads its own records, credit and disputes and the published methodology; raises disputes.',
  }),
});
