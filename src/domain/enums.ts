// The closed vocabularies of the domain, shared by the database schema
// (prisma/schema.prisma), the rules-language checker, CSV import and GraphQL.
// Keep in step with schema.prisma: test/domain/enums.test.ts compares them.

export const PARTNER_TYPES = [
  'reseller', 'referral', 'technology', 'system_integrator', 'marketplace', 'agency', 'msp', 'other',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_TIERS = ['registered', 'silver', 'gold', 'platinum', 'strategic'] as const;
export type PartnerTier = (typeof PARTNER_TIERS)[number];

export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'inactive', 'terminated'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const OPPORTUNITY_TYPES = ['new_business', 'expansion', 'renewal'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

export const OPPORTUNITY_STAGES = [
  'prospecting', 'discovery', 'evaluation', 'proposal', 'negotiation', 'closed_won', 'closed_lost',
] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const ACTION_TYPES = [
  'referral', 'deal_registration', 'validated_intro', 'joint_discovery', 'buyer_recommendation',
  'security_review', 'implementation_scoping', 'executive_alignment', 'integration_activation',
  'integration_usage', 'marketplace_lead', 'marketplace_transaction', 'content_engagement',
  'co_marketing', 'webinar', 'other',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const CHANNELS = ['co_sell', 'integration', 'marketplace', 'content', 'services', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANES = ['source', 'influence'] as const;
export type Lane = (typeof LANES)[number];

/** Roles of the two-lane model. Rule sets may declare more. */
export const STANDARD_ROLES = ['sourced', 'influenced', 'attached', 'assisted_close', 'unattributed', 'disputed'] as const;
export type StandardRole = (typeof STANDARD_ROLES)[number];

export const RULE_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export const RUN_KINDS = ['full', 'incremental', 'preview'] as const;
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'superseded'] as const;
export const DISPUTE_STATUSES = ['open', 'approved', 'rejected'] as const;
export const API_KEY_ROLES = ['admin', 'governance', 'integrator', 'analyst', 'partner'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
