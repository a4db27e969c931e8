// The vocabularies of the domain. Closed ones (partner status, opportunity
// type, lanes, run and version states …) are database enums: keep them in step
// with prisma/schema.prisma (test/domain/enums.test.ts compares them).
// Partner types and tiers, action types, channels and opportunity stages are
// taxonomy keys (src/domain/taxonomy.ts): the lists here are the defaults
// every new database starts with, and the types are plain strings.

export const PARTNER_TYPES = ['reseller', 'referral', 'technology', 'system_integrator', 'marketplace', 'agency', 'msp', 'other'] as const;
/** A taxonomy key; the defaults are PARTNER_TYPES. */
export type PartnerType = string;
export type DefaultPartnerType = (typeof PARTNER_TYPES)[number];

export const PARTNER_TIERS = ['registered', 'silver', 'gold', 'platinum', 'strategic'] as const;
/** A taxonomy key; the defaults are PARTNER_TIERS. */
export type PartnerTier = string;
export type DefaultPartnerTier = (typeof PARTNER_TIERS)[number];

export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'inactive', 'terminated'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const OPPORTUNITY_TYPES = ['new_business', 'expansion', 'renewal'] as const;
export type OpportunityType = (typeof OPPORTUNITY_TYPES)[number];

export const OPPORTUNITY_STAGES = [
  'prospecting',
  'discovery',
  'evaluation',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
] as const;
/** A taxonomy key; the defaults are OPPORTUNITY_STAGES. */
export type OpportunityStage = string;
export type DefaultOpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const ACTION_TYPES = [
  'referral',
  'deal_registration',
  'validated_intro',
  'joint_discovery',
  'buyer_recommendation',
  'security_review',
  'implementation_scoping',
  'executive_alignment',
  'integration_activation',
  'integration_usage',
  'marketplace_lead',
  'marketplace_transaction',
  'content_engagement',
  'co_marketing',
  'webinar',
  'other',
] as const;
/** A taxonomy key; the defaults are ACTION_TYPES. */
export type ActionType = string;
export type DefaultActionType = (typeof ACTION_TYPES)[number];

export const CHANNELS = ['co_sell', 'integration', 'marketplace', 'content', 'services', 'referral'] as const;
/** A taxonomy key; the defaults are CHANNELS. */
export type Channel = string;
export type DefaultChannel = (typeof CHANNELS)[number];

export const LANES = ['source', 'influence'] as const;
export type Lane = (typeof LANES)[number];

/** Roles of the two-lane model. Rule sets may declare more. */
export const STANDARD_ROLES = ['sourced', 'influenced', 'attached', 'assisted_close', 'unattributed', 'disputed'] as const;

export const RULE_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export const RUN_KINDS = ['full', 'incremental', 'preview'] as const;
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'superseded'] as const;
export const DISPUTE_STATUSES = ['open', 'approved', 'rejected'] as const;
export const API_KEY_ROLES = ['admin', 'governance', 'integrator', 'analyst', 'partner'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
