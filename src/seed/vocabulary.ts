// Word lists for realistic, clearly fictional names. Pure data.
import type { DefaultActionType as ActionType, DefaultChannel as Channel, DefaultPartnerType as PartnerType } from '../domain/enums.js';

export const PARTNER_STEMS = [
  'Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Redwood', 'Brightpath', 'Clearwater', 'Stonegate',
  'Summit', 'Lighthouse', 'Granite', 'Cobalt', 'Harbor', 'Evergreen', 'Keystone', 'Meridian',
  'Pinecrest', 'Riverbend', 'Skyward', 'Tidewater', 'Vantage', 'Westbrook', 'Ashford', 'Beacon',
  'Cedar', 'Driftwood', 'Elmstead', 'Foxglove', 'Goldcrest', 'Highland', 'Juniper', 'Kestrel',
  'Larkspur', 'Maplewood', 'Nimbus', 'Oakridge', 'Quarry', 'Rookwood', 'Sterling', 'Thornbury',
  'Upland', 'Vireo', 'Willowby', 'Yarrow', 'Zephyr', 'Arclight', 'Bramble', 'Copperleaf',
  'Dunmore', 'Emberline', 'Fairhaven', 'Glenmoor', 'Halcyon', 'Inkwell', 'Jasper', 'Kingsley',
] as const;

export const PARTNER_SUFFIXES: Readonly<Record<PartnerType, readonly string[]>> = {
  reseller: ['Solutions', 'Distribution', 'Direct', 'Technology Group'],
  referral: ['Ventures', 'Connect', 'Advisors'],
  technology: ['Labs', 'Software', 'Cloud', 'Data'],
  system_integrator: ['Consulting', 'Partners', 'Advisory', 'Digital Services'],
  marketplace: ['Marketplace', 'Exchange', 'Commerce'],
  agency: ['Creative', 'Media', 'Growth Agency'],
  msp: ['Managed Services', 'IT', 'Networks'],
  other: ['Alliance', 'Group', 'Collective'],
};

/** Partner managers: owners of partners and of most partner touches. */
export const PARTNER_MANAGERS = [
  'Avery Chen', 'Jordan Patel', 'Morgan Alvarez', 'Riley Okafor', 'Casey Lindqvist',
  'Taylor Nakamura', 'Quinn Dubois', 'Devon Mensah',
] as const;

/** Account executives: opportunity owners. */
export const SALES_REPS = [
  'Sam Whitaker', 'Priya Raman', 'Luca Romano', 'Hannah Schmidt', 'Diego Fernandez', 'Aisha Bello',
  'Tom Gallagher', 'Mei Lin', 'Oliver Grant', 'Sofia Costa', 'Noah Becker', 'Fatima Haddad',
  'Ethan Brooks', 'Yuki Tanaka', 'Grace Mwangi', 'Lars Jensen', 'Chloe Martin', 'Ravi Iyer',
  'Emma Novak', 'Marcus Reid', 'Isabel Ortiz', 'Kofi Asante', 'Nina Petrova', 'Ben Carter',
] as const;

export const COMPANY_FIRST = [
  'Acme', 'Apex', 'Atlas', 'Aurora', 'Bolt', 'Cascade', 'Citadel', 'Crescent', 'Delta', 'Eagle',
  'Echo', 'Falcon', 'Frontier', 'Gemini', 'Globe', 'Helix', 'Horizon', 'Hudson', 'Ion', 'Jade',
  'Kinetic', 'Lumen', 'Magnolia', 'Metro', 'Nova', 'Orbit', 'Pacific', 'Pioneer', 'Prairie', 'Quantum',
  'Radiant', 'Sable', 'Sequoia', 'Solstice', 'Spruce', 'Titan', 'Trident', 'Union', 'Vertex', 'Zenith',
] as const;

export const COMPANY_SECOND = [
  'Logistics', 'Health', 'Financial', 'Foods', 'Energy', 'Robotics', 'Retail', 'Media', 'Biotech',
  'Insurance', 'Manufacturing', 'Analytics', 'Airlines', 'Pharma', 'Telecom', 'Mobility', 'Realty',
  'Semiconductors', 'Apparel', 'Gaming',
] as const;

export const COMPANY_SUFFIX = ['Inc', 'Corp', 'Group', 'Holdings', 'LLC', 'Ltd', 'AG', 'SA'] as const;

export const TOP_LEVEL_DOMAINS = ['com', 'com', 'com', 'io', 'co', 'net', 'de', 'co.uk', 'fr', 'com.au'] as const;

export const DEAL_NAME_PARTS: Readonly<Record<'new_business' | 'expansion' | 'renewal', readonly string[]>> = {
  new_business: ['Platform rollout', 'Pilot to production', 'Data platform consolidation', 'Security modernisation', 'Analytics suite'],
  expansion: ['Seat expansion', 'New business unit', 'Add-on: governance module', 'Regional expansion', 'Upgrade to enterprise plan'],
  renewal: ['Annual renewal', 'Multi-year renewal', 'Renewal with price uplift', 'Co-term renewal'],
};

export const NEXT_JOINT_STEPS = [
  'Schedule joint discovery call with the buyer',
  'Partner SE to run technical validation',
  'Send mutual action plan to champion',
  'Book executive sponsor meeting',
  'Complete security questionnaire together',
  'Scope implementation statement of work',
  'Co-present business case to CFO',
  'Register follow-on opportunity in the partner portal',
  'Publish private offer on the marketplace',
  'Run joint webinar for the buying committee',
  'Confirm integration go-live date',
  'Quarterly business review with partner account team',
] as const;

/** The actions a partner of each type typically takes, with relative frequency. */
export const ACTIONS_BY_PARTNER_TYPE: Readonly<Record<PartnerType, readonly (readonly [ActionType, number])[]>> = {
  reseller: [['deal_registration', 5], ['joint_discovery', 3], ['executive_alignment', 2], ['buyer_recommendation', 2], ['validated_intro', 1], ['webinar', 1]],
  referral: [['referral', 6], ['validated_intro', 4], ['buyer_recommendation', 1], ['other', 1]],
  technology: [['integration_activation', 3], ['buyer_recommendation', 3], ['security_review', 2], ['joint_discovery', 2], ['co_marketing', 1], ['webinar', 1]],
  system_integrator: [['implementation_scoping', 4], ['joint_discovery', 3], ['security_review', 2], ['executive_alignment', 2], ['validated_intro', 1], ['deal_registration', 1]],
  marketplace: [['marketplace_lead', 4], ['marketplace_transaction', 4], ['co_marketing', 1]],
  agency: [['content_engagement', 4], ['co_marketing', 3], ['webinar', 3], ['referral', 1]],
  msp: [['deal_registration', 3], ['implementation_scoping', 3], ['buyer_recommendation', 2], ['joint_discovery', 1]],
  other: [['other', 3], ['webinar', 2], ['content_engagement', 2], ['referral', 1]],
};

/** The channel (motion) an action belongs to; `other` takes its partner's usual channel. */
export const CHANNEL_OF_ACTION: Readonly<Record<ActionType, Channel | null>> = {
  referral: 'referral',
  deal_registration: 'co_sell',
  validated_intro: 'referral',
  joint_discovery: 'co_sell',
  buyer_recommendation: 'co_sell',
  security_review: 'services',
  implementation_scoping: 'services',
  executive_alignment: 'co_sell',
  integration_activation: 'integration',
  integration_usage: 'integration',
  marketplace_lead: 'marketplace',
  marketplace_transaction: 'marketplace',
  content_engagement: 'content',
  co_marketing: 'content',
  webinar: 'content',
  other: null,
};

export const DEFAULT_CHANNEL_OF_PARTNER: Readonly<Record<PartnerType, Channel>> = {
  reseller: 'co_sell',
  referral: 'referral',
  technology: 'integration',
  system_integrator: 'services',
  marketplace: 'marketplace',
  agency: 'content',
  msp: 'services',
  other: 'co_sell',
};

/** Typical engagement depth (1–5) of each action; the generator adds noise. */
export const DEPTH_OF_ACTION: Readonly<Record<ActionType, number>> = {
  referral: 3, deal_registration: 3, validated_intro: 3, joint_discovery: 4, buyer_recommendation: 3,
  security_review: 4, implementation_scoping: 5, executive_alignment: 5, integration_activation: 4,
  integration_usage: 2, marketplace_lead: 2, marketplace_transaction: 3, content_engagement: 1,
  co_marketing: 2, webinar: 1, other: 2,
};

/** When in a deal's life an action usually happens: [from, to] as a fraction of the cycle; negative = before creation. */
export const TIMING_OF_ACTION: Readonly<Record<ActionType, readonly [number, number]>> = {
  referral: [-0.25, 0.05], deal_registration: [-0.1, 0.15], validated_intro: [-0.2, 0.1], marketplace_lead: [-0.2, 0.1],
  content_engagement: [-0.3, 0.6], webinar: [-0.3, 0.5], co_marketing: [-0.3, 0.5],
  joint_discovery: [0.05, 0.4], buyer_recommendation: [0.2, 0.8], integration_activation: [0.1, 0.9],
  integration_usage: [0.1, 1], security_review: [0.4, 0.85], implementation_scoping: [0.5, 0.95],
  executive_alignment: [0.55, 0.98], marketplace_transaction: [0.85, 1], other: [0, 1],
};
