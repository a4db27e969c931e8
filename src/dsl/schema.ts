// The data model as the rules language sees it: every field a condition may
// name, its type, and how to read it from the facts. The checker validates
// against this table and the compiler reads values through it, so the two
// can never disagree.
import type { OpportunityFacts, TouchpointFacts } from '../domain/attribution.js';
import {
  ACTION_TYPES,
  CHANNELS,
  OPPORTUNITY_STAGES,
  OPPORTUNITY_TYPES,
  PARTNER_TIERS,
  PARTNER_TYPES,
  STANDARD_ROLES,
  LANES,
} from '../domain/enums.js';
import type { TaxonomyKind } from '../domain/taxonomy.js';

export type FieldType =
  /** `taxonomy`: the values are the keys of that taxonomy kind in force (`values`: its defaults). */
  | { kind: 'enum'; name: string; values: readonly string[]; taxonomy?: TaxonomyKind }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'money' }
  | { kind: 'date' };

export type FieldValue = string | number | Date | null;

export interface FieldSpec {
  path: string;
  type: FieldType;
  optional: boolean;
  description: string;
  read(t: TouchpointFacts, o: OpportunityFacts): FieldValue;
}

const e = (name: string, values: readonly string[]): FieldType => ({ kind: 'enum', name, values });
/** A field whose values are taxonomy keys. */
const tx = (name: string, taxonomy: TaxonomyKind, defaults: readonly string[]): FieldType => ({
  kind: 'enum',
  name,
  values: defaults,
  taxonomy,
});
const STR: FieldType = { kind: 'string' };

export const SCOPES = ['opportunity', 'account'] as const;

const FIELD_LIST: FieldSpec[] = [
  {
    path: 'action',
    type: tx('action type', 'action-type', ACTION_TYPES),
    optional: false,
    description: 'the partner action type',
    read: (t) => t.action,
  },
  {
    path: 'channel',
    type: tx('channel', 'channel', CHANNELS),
    optional: false,
    description: 'the channel of the touch',
    read: (t) => t.channel,
  },
  { path: 'proof', type: STR, optional: true, description: 'link or note proving the action', read: (t) => t.proof },
  { path: 'owner', type: STR, optional: true, description: 'who owns the partner action in your team', read: (t) => t.owner },
  { path: 'next_joint_step', type: STR, optional: true, description: 'the agreed next joint step', read: (t) => t.nextJointStep },
  { path: 'depth', type: { kind: 'number' }, optional: true, description: 'engagement depth (1-5)', read: (t) => t.engagementDepth },
  {
    path: 'stage_at_touch',
    type: tx('stage', 'opportunity-stage', OPPORTUNITY_STAGES),
    optional: true,
    description: 'opportunity stage when the touch happened',
    read: (t) => t.stageAtTouch,
  },
  { path: 'source', type: STR, optional: false, description: 'system the touch came from (crm, prm, csv)', read: (t) => t.source },
  { path: 'occurred', type: { kind: 'date' }, optional: false, description: 'when the action happened', read: (t) => t.occurredAt },
  {
    path: 'scope',
    type: e('scope', SCOPES),
    optional: false,
    description: 'opportunity or account (where the touch was logged)',
    read: (t) => (t.accountLevel ? 'account' : 'opportunity'),
  },
  { path: 'partner', type: STR, optional: false, description: 'the partner key', read: (t) => t.partner.key },
  { path: 'partner.key', type: STR, optional: false, description: 'the partner key', read: (t) => t.partner.key },
  { path: 'partner.name', type: STR, optional: false, description: 'the partner name', read: (t) => t.partner.name },
  {
    path: 'partner.type',
    type: tx('partner type', 'partner-type', PARTNER_TYPES),
    optional: false,
    description: 'the partner type',
    read: (t) => t.partner.type,
  },
  {
    path: 'partner.tier',
    type: tx('partner tier', 'partner-tier', PARTNER_TIERS),
    optional: false,
    description: 'the partner tier',
    read: (t) => t.partner.tier,
  },
  {
    path: 'opportunity.amount',
    type: { kind: 'money' },
    optional: false,
    description: 'the opportunity amount',
    read: (_t, o) => o.amount,
  },
  {
    path: 'opportunity.type',
    type: e('opportunity type', OPPORTUNITY_TYPES),
    optional: false,
    description: 'new_business, expansion or renewal',
    read: (_t, o) => o.type,
  },
  {
    path: 'opportunity.stage',
    type: tx('stage', 'opportunity-stage', OPPORTUNITY_STAGES),
    optional: false,
    description: 'the current stage',
    read: (_t, o) => o.stage,
  },
  { path: 'opportunity.currency', type: STR, optional: false, description: 'ISO currency code', read: (_t, o) => o.currency },
  {
    path: 'opportunity.created',
    type: { kind: 'date' },
    optional: false,
    description: 'when the opportunity was created',
    read: (_t, o) => o.createdAt,
  },
  {
    path: 'opportunity.closed',
    type: { kind: 'date' },
    optional: true,
    description: 'when the opportunity closed',
    read: (_t, o) => o.closedAt,
  },
  { path: 'opportunity.name', type: STR, optional: false, description: 'the opportunity name', read: (_t, o) => o.name },
  { path: 'opportunity.key', type: STR, optional: false, description: 'the opportunity key', read: (_t, o) => o.key },
  { path: 'account.key', type: STR, optional: false, description: 'the account key', read: (_t, o) => o.account.key },
  { path: 'account.name', type: STR, optional: false, description: 'the account name', read: (_t, o) => o.account.name },
  { path: 'account.domain', type: STR, optional: true, description: 'the account web domain', read: (_t, o) => o.account.domain },
  { path: 'account.segment', type: STR, optional: true, description: 'the account segment', read: (_t, o) => o.account.segment },
  { path: 'account.region', type: STR, optional: true, description: 'the account region', read: (_t, o) => o.account.region },
];

export const FIELDS: ReadonlyMap<string, FieldSpec> = new Map(FIELD_LIST.map((f) => [f.path, f]));
export const FIELD_PATHS: readonly string[] = FIELD_LIST.map((f) => f.path);

/** Dates a time window can be measured from. */
export const WINDOW_ANCHORS: Record<string, 'close' | 'created'> = {
  close: 'close',
  closed: 'close',
  closing: 'close',
  created: 'created',
  creation: 'created',
};

export interface WeightDimension {
  name: string;
  type: FieldType;
  description: string;
  read(t: TouchpointFacts, o: OpportunityFacts): FieldValue;
}

export const WEIGHT_DIMENSIONS: ReadonlyMap<string, WeightDimension> = new Map(
  (
    [
      { name: 'action', type: tx('action type', 'action-type', ACTION_TYPES), description: 'action type', read: (t) => t.action },
      { name: 'channel', type: tx('channel', 'channel', CHANNELS), description: 'channel', read: (t) => t.channel },
      {
        name: 'stage',
        type: tx('stage', 'opportunity-stage', OPPORTUNITY_STAGES),
        description: 'stage at the touch',
        read: (t) => t.stageAtTouch,
      },
      { name: 'depth', type: { kind: 'number' }, description: 'engagement depth', read: (t) => t.engagementDepth },
      { name: 'tier', type: tx('partner tier', 'partner-tier', PARTNER_TIERS), description: 'partner tier', read: (t) => t.partner.tier },
      {
        name: 'partner_type',
        type: tx('partner type', 'partner-type', PARTNER_TYPES),
        description: 'partner type',
        read: (t) => t.partner.type,
      },
      {
        name: 'outcome',
        type: tx('stage', 'opportunity-stage', OPPORTUNITY_STAGES),
        description: 'opportunity outcome (its stage)',
        read: (_t, o) => o.stage,
      },
    ] as WeightDimension[]
  ).map((d) => [d.name, d]),
);

export const SELECT_MODES = ['all', 'earliest', 'latest'] as const;
export const HIT_POLICIES = ['first', 'priority', 'unique'] as const;
export const OTHERWISE_CREDIT = ['none', 'even'] as const;
export const CREDIT_MODELS = ['first_touch', 'last_touch', 'linear', 'u_shaped', 'w_shaped', 'time_decay', 'even', 'none'] as const;

/** What each name means, for hover and completion in editors (`src/dsl/language/`). */
export const CREDIT_MODEL_DESCRIPTIONS: Record<(typeof CREDIT_MODELS)[number], string> = {
  first_touch: 'all of the lane to the first matching touch',
  last_touch: 'all of the lane to the last matching touch',
  linear: 'the lane equally between the matching touches',
  u_shaped:
    '40% to the first touch, 40% to the last, 20% split between the touches in between (`credit u_shaped 40/20/40`; the three must add up to 100)',
  w_shaped:
    '30% each to the first touch, the middle milestone and the last touch, the rest split between the others (`credit w_shaped 30/30/30`)',
  time_decay: 'each touch weighs 2^(−d/h), d = days from the touch to the close, h the half life (`credit time_decay half life 7 days`)',
  even: 'the lane equally between partners, however many touches each has',
  none: 'records the role (for example `disputed`) but grants nothing',
};
export const SELECT_MODE_DESCRIPTIONS: Record<(typeof SELECT_MODES)[number], string> = {
  all: 'every matching touch counts',
  earliest: 'only the earliest matching touch counts',
  latest: 'only the latest matching touch counts',
};
export const HIT_POLICY_DESCRIPTIONS: Record<(typeof HIT_POLICIES)[number], string> = {
  first: 'the first rule in file order that matches decides the lane',
  priority: 'the matching rule with the lowest priority number decides the lane',
  unique: 'at most one rule may match; two matching rules are an error on that deal',
};
export const LANE_DESCRIPTIONS: Record<(typeof LANES)[number], string> = {
  source: 'origin: who started the buyer conversation (sourced credit)',
  influence: 'meaningful movement: who moved the deal forward (influenced credit)',
};
export const ROLE_DESCRIPTIONS: Record<(typeof STANDARD_ROLES)[number], string> = {
  sourced: 'the partner originated the deal',
  influenced: 'the partner moved the deal forward',
  attached: 'the partner is on the account but no rule credited it',
  assisted_close: 'the partner helped close the deal late in the cycle',
  unattributed: 'nobody earned the lane',
  disputed: 'a claim without proof, to resolve in the hygiene review',
};

export { STANDARD_ROLES, LANES };
