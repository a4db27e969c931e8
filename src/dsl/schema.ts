// The data model as the rules language sees it: every field a condition may
// name, its type, where it is read from the facts and how an in-file test
// gives it. The checker validates against this table, the compiler and the
// generated tests read values through it and in-file tests build their facts
// from it, so none of them can disagree.
import type { OpportunityFacts, PartnerFacts, TouchpointFacts } from '../domain/attribution.js';
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

type AccountFacts = OpportunityFacts['account'];
/** Where a field's value is kept in the facts a rule is evaluated on: the touch, its partner, the opportunity or its account. */
export type FactRef =
  | { record: 'touch'; key: Exclude<keyof TouchpointFacts, 'partner'> }
  | { record: 'partner'; key: keyof PartnerFacts }
  | { record: 'opportunity'; key: Exclude<keyof OpportunityFacts, 'account' | 'touchpoints' | 'outcome'> }
  | { record: 'account'; key: Exclude<keyof AccountFacts, 'partners'> };

/** What the subjects of an in-file test (`given <subject> { … }`) stand for. */
export type GivenSubject = 'opportunity' | 'account' | 'partner' | 'touch';
/** How a `given` property is written: `name` is a bare word (a key or an enum value). */
type GivenKind = 'money' | 'date' | 'string' | 'number' | 'name';

/** What an in-file test fills in when it does not give a property. */
export interface GivenDefaults {
  /** The name of the test. */
  testName: string;
  /** The record being built, with every given property and every plain default already set. */
  record: Readonly<Record<string, unknown>>;
  /** The opportunity of the test (for touches and partners: complete). */
  opportunity: { createdAt: Date; closedAt: Date | null };
}

/** How an in-file test gives a field: `given <subject> { <property> <value> }`. */
interface GivenSpec {
  subject: GivenSubject;
  property: string;
  /** Position in the subject's list of properties (hints, completion). */
  order: number;
  /** How the value is written (default: from the field's type; enum → name). */
  kind?: GivenKind;
  /** The test must give it. */
  required?: boolean;
  /** The value when the test does not give it (default null). */
  default?: FieldValue | ((d: GivenDefaults) => FieldValue);
}

/** A stored value that is not the field's value as rules see it (e.g. a flag shown as a name). */
interface FactCodec {
  decode(stored: unknown): FieldValue;
  encode(value: FieldValue): unknown;
}

export interface FieldSpec {
  path: string;
  type: FieldType;
  optional: boolean;
  description: string;
  fact: FactRef;
  codec?: FactCodec;
  /** How an in-file test gives it (absent: a test cannot give it directly, e.g. an alias). */
  given?: GivenSpec;
  /** Reads the value from the facts (derived from `fact` and `codec`). */
  read(t: TouchpointFacts, o: OpportunityFacts): FieldValue;
}

type FieldEntry = Omit<FieldSpec, 'read'>;

const e = (name: string, values: readonly string[]): FieldType => ({ kind: 'enum', name, values });
/** A field whose values are taxonomy keys. */
const tx = (name: string, taxonomy: TaxonomyKind, defaults: readonly string[]): FieldType => ({
  kind: 'enum',
  name,
  values: defaults,
  taxonomy,
});
const STR: FieldType = { kind: 'string' };
const touch = (key: Extract<FactRef, { record: 'touch' }>['key']): FactRef => ({ record: 'touch', key });
const partner = (key: keyof PartnerFacts): FactRef => ({ record: 'partner', key });
const opportunity = (key: Extract<FactRef, { record: 'opportunity' }>['key']): FactRef => ({ record: 'opportunity', key });
const account = (key: Extract<FactRef, { record: 'account' }>['key']): FactRef => ({ record: 'account', key });

const SCOPES = ['opportunity', 'account'] as const;

/**
 * Every field a rule condition may name: its type, where it is read from the
 * facts, and how an in-file test gives it. The checker, the compiled
 * conditions, the generated tests (codegen.ts), the in-file tests
 * (testcases.ts) and the editor service all derive from this one list, so a
 * field is added here and nowhere else.
 */
const FIELD_TABLE: FieldEntry[] = [
  {
    path: 'action',
    type: tx('action type', 'action-type', ACTION_TYPES),
    optional: false,
    description: 'the partner action type',
    fact: touch('action'),
    given: { subject: 'touch', property: 'action', order: 2, required: true, default: 'other' },
  },
  {
    path: 'channel',
    type: tx('channel', 'channel', CHANNELS),
    optional: false,
    description: 'the channel of the touch',
    fact: touch('channel'),
    given: { subject: 'touch', property: 'channel', order: 3, required: true, default: 'co_sell' },
  },
  {
    path: 'proof',
    type: STR,
    optional: true,
    description: 'link or note proving the action',
    fact: touch('proof'),
    given: { subject: 'touch', property: 'proof', order: 5 },
  },
  {
    path: 'owner',
    type: STR,
    optional: true,
    description: 'who owns the partner action in your team',
    fact: touch('owner'),
    given: { subject: 'touch', property: 'owner', order: 6 },
  },
  {
    path: 'next_joint_step',
    type: STR,
    optional: true,
    description: 'the agreed next joint step',
    fact: touch('nextJointStep'),
    given: { subject: 'touch', property: 'next_joint_step', order: 7 },
  },
  {
    path: 'depth',
    type: { kind: 'number' },
    optional: true,
    description: 'engagement depth (1-5)',
    fact: touch('engagementDepth'),
    given: { subject: 'touch', property: 'depth', order: 8 },
  },
  {
    path: 'stage_at_touch',
    type: tx('stage', 'opportunity-stage', OPPORTUNITY_STAGES),
    optional: true,
    description: 'opportunity stage when the touch happened',
    fact: touch('stageAtTouch'),
    given: { subject: 'touch', property: 'stage', order: 9 },
  },
  {
    path: 'source',
    type: STR,
    optional: false,
    description: 'system the touch came from (crm, prm, csv)',
    fact: touch('source'),
    given: { subject: 'touch', property: 'source', order: 11, kind: 'name', default: 'test' },
  },
  {
    path: 'occurred',
    type: { kind: 'date' },
    optional: false,
    description: 'when the action happened',
    fact: touch('occurredAt'),
    given: { subject: 'touch', property: 'on', order: 4, required: true, default: (d) => d.opportunity.createdAt },
  },
  {
    path: 'scope',
    type: e('scope', SCOPES),
    optional: false,
    description: 'opportunity or account (where the touch was logged)',
    fact: touch('accountLevel'),
    codec: { decode: (accountLevel) => (accountLevel ? 'account' : 'opportunity'), encode: (scope) => scope === 'account' },
    given: { subject: 'touch', property: 'scope', order: 10 },
  },
  {
    path: 'partner',
    type: STR,
    optional: false,
    description: 'the partner key',
    fact: partner('key'),
    // The touch names its partner: the test's partner of that key (made when not given).
    given: { subject: 'touch', property: 'partner', order: 1, kind: 'name', required: true, default: 'unknown' },
  },
  { path: 'partner.key', type: STR, optional: false, description: 'the partner key', fact: partner('key') },
  {
    path: 'partner.name',
    type: STR,
    optional: false,
    description: 'the partner name',
    fact: partner('name'),
    given: { subject: 'partner', property: 'name', order: 1, default: (d) => d.record.key as string },
  },
  {
    path: 'partner.type',
    type: tx('partner type', 'partner-type', PARTNER_TYPES),
    optional: false,
    description: 'the partner type',
    fact: partner('type'),
    given: { subject: 'partner', property: 'type', order: 2, default: 'other' },
  },
  {
    path: 'partner.tier',
    type: tx('partner tier', 'partner-tier', PARTNER_TIERS),
    optional: false,
    description: 'the partner tier',
    fact: partner('tier'),
    given: { subject: 'partner', property: 'tier', order: 3, default: 'registered' },
  },
  {
    path: 'opportunity.amount',
    type: { kind: 'money' },
    optional: false,
    description: 'the opportunity amount',
    fact: opportunity('amount'),
    given: { subject: 'opportunity', property: 'amount', order: 1, default: '100000.00' },
  },
  {
    path: 'opportunity.type',
    type: e('opportunity type', OPPORTUNITY_TYPES),
    optional: false,
    description: 'new_business, expansion or renewal',
    fact: opportunity('type'),
    given: { subject: 'opportunity', property: 'type', order: 5, default: 'new_business' },
  },
  {
    path: 'opportunity.stage',
    type: tx('stage', 'opportunity-stage', OPPORTUNITY_STAGES),
    optional: false,
    description: 'the current stage',
    fact: opportunity('stage'),
    given: {
      subject: 'opportunity',
      property: 'stage',
      order: 2,
      default: (d) => (d.record.closedAt ? 'closed_won' : 'proposal'),
    },
  },
  {
    path: 'opportunity.currency',
    type: STR,
    optional: false,
    description: 'ISO currency code',
    fact: opportunity('currency'),
    given: { subject: 'opportunity', property: 'currency', order: 6, kind: 'name', default: 'USD' },
  },
  {
    path: 'opportunity.created',
    type: { kind: 'date' },
    optional: false,
    description: 'when the opportunity was created',
    fact: opportunity('createdAt'),
    given: { subject: 'opportunity', property: 'created', order: 3, required: true, default: () => new Date(0) },
  },
  {
    path: 'opportunity.closed',
    type: { kind: 'date' },
    optional: true,
    description: 'when the opportunity closed',
    fact: opportunity('closedAt'),
    given: { subject: 'opportunity', property: 'closed', order: 4 },
  },
  {
    path: 'opportunity.name',
    type: STR,
    optional: false,
    description: 'the opportunity name',
    fact: opportunity('name'),
    given: { subject: 'opportunity', property: 'name', order: 7, default: (d) => d.testName },
  },
  {
    path: 'opportunity.key',
    type: STR,
    optional: false,
    description: 'the opportunity key',
    fact: opportunity('key'),
    given: { subject: 'opportunity', property: 'key', order: 8, default: 'TEST-1' },
  },
  {
    path: 'account.key',
    type: STR,
    optional: false,
    description: 'the account key',
    fact: account('key'),
    given: { subject: 'account', property: 'key', order: 1, default: 'test-account' },
  },
  {
    path: 'account.name',
    type: STR,
    optional: false,
    description: 'the account name',
    fact: account('name'),
    given: { subject: 'account', property: 'name', order: 2, default: 'Test account' },
  },
  {
    path: 'account.domain',
    type: STR,
    optional: true,
    description: 'the account web domain',
    fact: account('domain'),
    given: { subject: 'account', property: 'domain', order: 3 },
  },
  {
    path: 'account.segment',
    type: STR,
    optional: true,
    description: 'the account segment',
    fact: account('segment'),
    given: { subject: 'account', property: 'segment', order: 4 },
  },
  {
    path: 'account.region',
    type: STR,
    optional: true,
    description: 'the account region',
    fact: account('region'),
    given: { subject: 'account', property: 'region', order: 5 },
  },
];

function readerOf(f: FieldEntry): FieldSpec['read'] {
  const key = f.fact.key;
  const decode = f.codec?.decode;
  switch (f.fact.record) {
    case 'touch': {
      const k = key as keyof TouchpointFacts;
      return decode ? (t) => decode(t[k]) : (t) => t[k] as FieldValue;
    }
    case 'partner': {
      const k = key as keyof PartnerFacts;
      return decode ? (t) => decode(t.partner[k]) : (t) => t.partner[k];
    }
    case 'opportunity': {
      const k = key as keyof OpportunityFacts;
      return decode ? (_t, o) => decode(o[k]) : (_t, o) => o[k] as FieldValue;
    }
    case 'account': {
      const k = key as keyof AccountFacts;
      return decode ? (_t, o) => decode(o.account[k]) : (_t, o) => o.account[k] as FieldValue;
    }
  }
}

const FIELD_LIST: FieldSpec[] = FIELD_TABLE.map((f) => ({ ...f, read: readerOf(f) }));

export const FIELDS: ReadonlyMap<string, FieldSpec> = new Map(FIELD_LIST.map((f) => [f.path, f]));
export const FIELD_PATHS: readonly string[] = FIELD_LIST.map((f) => f.path);

/**
 * The touch property a field is stored in as is, when it is text (a string
 * or an enum): generated tests (codegen.ts) and compiled conditions read it
 * straight off the touch. Null for every other field.
 */
export function directTouchText(f: FieldSpec): Extract<FactRef, { record: 'touch' }>['key'] | null {
  return f.fact.record === 'touch' && !f.codec && (f.type.kind === 'string' || f.type.kind === 'enum') ? f.fact.key : null;
}

/** `given` properties an in-file test may set that are no field of the rules language. */
const TEST_ONLY_PROPERTIES: ReadonlyArray<{
  subject: GivenSubject;
  property: string;
  kind: GivenKind;
  order: number;
  description: string;
}> = [
  { subject: 'touch', property: 'id', kind: 'string', order: 12, description: 'the touch id (default: its name)' },
  { subject: 'partner', property: 'on', kind: 'name', order: 4, description: '`on account`: the partner is on the account' },
  { subject: 'partner', property: 'since', kind: 'date', order: 5, description: 'on the account since' },
  { subject: 'partner', property: 'until', kind: 'date', order: 6, description: 'on the account until' },
];

const givenKind = (f: FieldSpec): GivenKind => f.given?.kind ?? (f.type.kind === 'enum' ? 'name' : f.type.kind);

/** The properties each `given` subject of an in-file test takes, and how each is written, in listing order. */
export const GIVEN_PROPERTIES: Readonly<Record<string, Readonly<Record<string, GivenKind>>>> = (() => {
  const rows = [
    ...FIELD_LIST.filter((f) => f.given).map((f) => ({
      subject: f.given!.subject,
      property: f.given!.property,
      kind: givenKind(f),
      order: f.given!.order,
    })),
    ...TEST_ONLY_PROPERTIES,
  ].sort((a, b) => a.order - b.order);
  const out: Record<GivenSubject, Record<string, GivenKind>> = { opportunity: {}, account: {}, partner: {}, touch: {} };
  for (const r of rows) out[r.subject][r.property] = r.kind;
  return out;
})();

/** The field each `given` property sets, per subject. */
export const GIVEN_FIELDS: Readonly<Record<GivenSubject, ReadonlyMap<string, FieldSpec>>> = (() => {
  const out: Record<GivenSubject, Map<string, FieldSpec>> = {
    opportunity: new Map(),
    account: new Map(),
    partner: new Map(),
    touch: new Map(),
  };
  for (const f of FIELD_LIST) if (f.given) out[f.given.subject].set(f.given.property, f);
  return out;
})();

/** `given` properties whose values are those of an enum field: subject → property → field path (checker and editor completion). */
export const ENUM_PROPS: Readonly<Record<string, Readonly<Record<string, string>>>> = (() => {
  const out: Record<string, Record<string, string>> = {};
  for (const f of FIELD_LIST) {
    if (!f.given || f.type.kind !== 'enum') continue;
    const props = out[f.given.subject] ?? {};
    props[f.given.property] = f.path;
    out[f.given.subject] = props;
  }
  return out;
})();

/** Properties every `given <subject>` block must set, in listing order. */
export const REQUIRED_GIVEN: Readonly<Record<string, readonly string[]>> = (() => {
  const out: Record<GivenSubject, string[]> = { opportunity: [], account: [], partner: [], touch: [] };
  for (const f of [...FIELD_LIST].sort((a, b) => (a.given?.order ?? 0) - (b.given?.order ?? 0)))
    if (f.given?.required) out[f.given.subject].push(f.given.property);
  return out;
})();

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
