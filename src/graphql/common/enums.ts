// The domain's closed vocabularies as GraphQL enums (values as in src/domain/enums.ts).
// Taxonomy kinds (partner types and tiers, action types, channels, stages) are
// strings validated against the taxonomy: see ../taxonomy/.
import {
  API_KEY_ROLES, DISPUTE_STATUSES, LANES, OPPORTUNITY_TYPES, PARTNER_STATUSES, RULE_VERSION_STATUSES, RUN_KINDS, RUN_STATUSES,
} from '../../domain/enums.js';
import { builder } from '../builder.js';

export const PartnerStatusEnum = builder.enumType('PartnerStatus', { values: PARTNER_STATUSES });
export const OpportunityTypeEnum = builder.enumType('OpportunityType', { values: OPPORTUNITY_TYPES });
export const LaneEnum = builder.enumType('Lane', {
  values: LANES,
  description: 'source: who sourced the deal; influence: who helped it move. Credit in one lane never counts in the other.',
});
export const RuleVersionStatusEnum = builder.enumType('RuleVersionStatus', { values: RULE_VERSION_STATUSES });
export const RunKindEnum = builder.enumType('RunKind', { values: RUN_KINDS });
export const RunStatusEnum = builder.enumType('RunStatus', { values: RUN_STATUSES });
export const DisputeStatusEnum = builder.enumType('DisputeStatus', { values: DISPUTE_STATUSES });
export const OverrideStatusEnum = builder.enumType('OverrideStatus', { values: ['active', 'revoked'] as const });
export const ApiKeyRoleEnum = builder.enumType('ApiKeyRole', { values: API_KEY_ROLES });
