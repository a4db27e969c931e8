/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date "YYYY-MM-DD" (UTC). */
  Date: { input: string; output: string; }
  /** An instant as an ISO-8601 string in UTC, e.g. "2025-03-01T10:00:00.000Z". */
  DateTime: { input: string; output: string; }
  /** An exact decimal number as a string, e.g. "125000.00" (money) or "0.400000" (share). Never a float. */
  Decimal: { input: string; output: string; }
  /** Any JSON value (object, array, string, number, boolean or null), as is; each field says what shape to expect. */
  JSON: { input: unknown; output: unknown; }
};

/** A customer account; its partner links are the "attached" signal. */
export type Account = Node & {
  __typename?: 'Account';
  /** When the account was first written here (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** Web domain, e.g. "acme.com"; null when unknown. */
  domain?: Maybe<Scalars['String']['output']>;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** Stable business key, as sent by integrators. */
  key: Scalars['String']['output'];
  /** Customer name. */
  name: Scalars['String']['output'];
  /** The account's opportunities, newest first. */
  opportunities: AccountOpportunitiesConnection;
  /** Partners present on the account, with the period of their presence. */
  partners: Array<AccountPartnerLink>;
  /** Sales region as your CRM names it (e.g. "EMEA"); null when unknown. */
  region?: Maybe<Scalars['String']['output']>;
  /** Market segment as your CRM names it (e.g. "enterprise"); null when unknown. */
  segment?: Maybe<Scalars['String']['output']>;
  /** Touches logged against the account (not a specific opportunity), newest first. */
  touchpoints: AccountTouchpointsConnection;
  /** When the account record last changed (ISO 8601, UTC). */
  updatedAt: Scalars['DateTime']['output'];
};


/** A customer account; its partner links are the "attached" signal. */
export type AccountOpportunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  stage?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** A customer account; its partner links are the "attached" signal. */
export type AccountTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type AccountConnection = {
  __typename?: 'AccountConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<AccountEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Account>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type AccountEdge = {
  __typename?: 'AccountEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Account;
};

/** Which accounts to list; every given condition must hold. */
export type AccountFilter = {
  /** Only these business keys. */
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Accounts where this partner is (or was) present. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Only this region (exact match). */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive match on name, key or domain. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only this segment (exact match). */
  segment?: InputMaybe<Scalars['String']['input']>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type AccountOpportunitiesConnection = {
  __typename?: 'AccountOpportunitiesConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<AccountOpportunitiesConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Opportunity>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type AccountOpportunitiesConnectionEdge = {
  __typename?: 'AccountOpportunitiesConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Opportunity;
};

/** One sort key of a Account list. Several keys sort by the first, then the next; the id always breaks ties, so pages are stable. */
export type AccountOrder = {
  /** Ascending unless DESC. */
  direction?: InputMaybe<OrderDirection>;
  /** The value to sort by. */
  field: AccountOrderField;
};

/** What a list of Account records can be sorted by. */
export type AccountOrderField =
  /** Sort by created at. */
  | 'CREATED_AT'
  /** Sort by key. */
  | 'KEY'
  /** Sort by name. */
  | 'NAME';

/** A partner's presence on an account over a period (the "attached" signal rules can read). */
export type AccountPartnerLink = {
  __typename?: 'AccountPartnerLink';
  /** The partner present on the account. */
  partner: Partner;
  /** Start of the presence (ISO 8601, UTC). */
  since: Scalars['DateTime']['output'];
  /** End of the presence (ISO 8601, UTC); null while it lasts. */
  until?: Maybe<Scalars['DateTime']['output']>;
};

/** A partner present on the account over a period. */
export type AccountPartnerLinkInput = {
  /** Business key of an existing partner. */
  partnerKey: Scalars['String']['input'];
  /** Start of the presence (ISO 8601 with offset). */
  since: Scalars['DateTime']['input'];
  /** End of the presence (ISO 8601 with offset); omitted: still present. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type AccountTouchpointsConnection = {
  __typename?: 'AccountTouchpointsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<AccountTouchpointsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Touchpoint>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type AccountTouchpointsConnectionEdge = {
  __typename?: 'AccountTouchpointsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Touchpoint;
};

/** A new value of a vocabulary. */
export type AddTaxonomyEntryInput = {
  /** What the value means, for people choosing it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Lowercase letters, digits and underscores, starting with a letter: rule files and records hold it. */
  key: Scalars['String']['input'];
  /** The vocabulary to add to. */
  kind: TaxonomyKind;
  /** Default: the key in words ("system_integrator" -> "System integrator"). */
  label?: InputMaybe<Scalars['String']['input']>;
  /** Required for an opportunity stage. */
  outcome?: InputMaybe<StageOutcome>;
};

/** The new entry, or why it was refused (e.g. the key exists). */
export type AddTaxonomyEntryResult = DomainRuleError | NotAllowedError | NotFoundError | TaxonomyEntry | ValidationError;

/** Why this credit exists: the rule that produced it, the lane grant, and each step. */
export type AllocationExplanation = {
  __typename?: 'AllocationExplanation';
  /** Touches that did not count, with the reason. */
  excluded: Array<ExplanationStep>;
  /** Amount the lane grants, 2 places, in the deal's currency; the lane's allocations sum to it exactly. Null when not recorded. */
  laneGrantedAmount?: Maybe<Scalars['Decimal']['output']>;
  /** Fraction of the deal amount the lane grants (at most 1), 6 places; null when not recorded. */
  laneGrantedShare?: Maybe<Scalars['Decimal']['output']>;
  /** The rule that set the lane's grant; null when no rule granted the lane. */
  laneRule?: Maybe<Scalars['String']['output']>;
  /** Name of the rule (inside the rule version) that produced this credit; "override" for an override's row. */
  rule: Scalars['String']['output'];
  /** How the credit was decided, in order (redacted to its own steps for a partner key). */
  steps: Array<ExplanationStep>;
  /** The explanation as readable text, one step a line. */
  text: Scalars['String']['output'];
};

/** Which credit to list; every given condition must hold. */
export type AllocationFilter = {
  /** Credit on opportunities with a live touchpoint through this channel (a channel taxonomy key). */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** Close date of the opportunity. */
  closedAt?: InputMaybe<DateTimeRange>;
  /** Also list credit from superseded runs. */
  includeHistory?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only this lane (sourced or influenced); omitted: both. */
  lane?: InputMaybe<Lane>;
  /** Only credit on this deal (CRM key). */
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  /** Only credit on deals of these types. */
  opportunityType?: InputMaybe<Array<OpportunityType>>;
  /** Only this partner's credit (business key). */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Partner-type taxonomy keys. */
  partnerType?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only these roles, e.g. ["sourced", "influenced"]. */
  role?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only credit from versions of this rule set. */
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
  /** Global id of a RuleVersion. */
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** Opportunity-stage taxonomy keys. */
  stage?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** One sort key of a Allocation list. Several keys sort by the first, then the next; the id always breaks ties, so pages are stable. */
export type AllocationOrder = {
  /** Ascending unless DESC. */
  direction?: InputMaybe<OrderDirection>;
  /** The value to sort by. */
  field: AllocationOrderField;
};

/** What a list of Allocation records can be sorted by. */
export type AllocationOrderField =
  /** Sort by amount. */
  | 'AMOUNT'
  /** Sort by created at. */
  | 'CREATED_AT'
  /** Sort by share. */
  | 'SHARE';

/** One allocation of a deal, in short: lane, partner, role, share and amount. */
export type AllocationSummary = {
  __typename?: 'AllocationSummary';
  /** Credited amount, a decimal string with 2 places, in the deal's currency. */
  amount: Scalars['Decimal']['output'];
  /** Sourced or influenced lane. */
  lane: Lane;
  /** The partner credited; null for a lane-wide row (e.g. unattributed). */
  partnerKey?: Maybe<Scalars['String']['output']>;
  /** The role the rules gave, e.g. "sourced", "influenced", "unattributed". */
  role: Scalars['String']['output'];
  /** Share of the deal amount in this lane, a decimal string with 6 places ("0.400000" is 40%). */
  share: Scalars['Decimal']['output'];
};

/** Credit changed: re-read the allocations of these opportunities. */
export type AllocationsChanged = {
  __typename?: 'AllocationsChanged';
  /** When the change was published (ISO 8601, UTC). */
  at: Scalars['DateTime']['output'];
  /** Global ids of the opportunities whose credit was recomputed. */
  opportunityIds: Array<Scalars['ID']['output']>;
  /** What caused it: "run", "dispute.approve", or the changes a recompute covered, comma-separated (e.g. "touchpoint.ingest,opportunity.upsert"). */
  reason: Scalars['String']['output'];
  /** Global id of the run that wrote the new credit; null for a partner key, or when no single run did (e.g. a dispute decision). */
  runId?: Maybe<Scalars['ID']['output']>;
};

/** What an API key may do. */
export type ApiKeyRole =
  /** Everything every other internal role may do. */
  | 'admin'
  /** Reads everything internal (credit, reports, runs, audit); changes nothing. */
  | 'analyst'
  /** Reads everything; manages rules, runs, disputes, overrides and the taxonomy. */
  | 'governance'
  /** Writes and reads ingested data (partners, accounts, opportunities, touchpoints). */
  | 'integrator'
  /** One partner: reads its own records, credit and disputes and the published methodology; raises disputes. */
  | 'partner';

/** A full, incremental or preview computation of credit under one rule version. */
export type AttributionRun = Node & {
  __typename?: 'AttributionRun';
  /** The rows this run wrote, by opportunity (current or not; a failed run's rows are deleted). */
  allocations: AttributionRunAllocationsConnection;
  /** Credit allocation rows written so far (every evaluated opportunity writes at least one). */
  allocationsWritten: Scalars['Int']['output'];
  /** When the run was created (ISO 8601, UTC); orders runs (a newer run's credit wins). */
  createdAt: Scalars['DateTime']['output'];
  /** Why the run failed; null unless failed. */
  error?: Maybe<Scalars['String']['output']>;
  /** When it succeeded or failed (ISO 8601, UTC); null while queued or running. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Last sign of life of a running run (ISO 8601, UTC); a run silent for over a minute is failed by the next run. */
  heartbeatAt?: Maybe<Scalars['DateTime']['output']>;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** Full, incremental or preview. */
  kind: RunKind;
  /** Opportunities evaluated and written so far. */
  opportunitiesDone: Scalars['Int']['output'];
  /** Opportunities in the version's window and the scope (counted at start). */
  opportunitiesTotal: Scalars['Int']['output'];
  /** How many slices of the opportunities were evaluated concurrently. */
  partitions: Scalars['Int']['output'];
  /** Whole percent of opportunities done (0–100). */
  percentDone: Scalars['Int']['output'];
  /** The rule version evaluated. */
  ruleVersion: RuleVersion;
  /** The scope evaluated, as a JSON object: opportunityKeys, from/to (YYYY-MM-DD), partnerKey when given, and asOf (ISO 8601), the instant open deals were evaluated at. */
  scope: Scalars['JSON']['output'];
  /** When evaluation started (ISO 8601, UTC); null while queued. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Queued, running, succeeded, failed or superseded. */
  status: RunStatus;
  /** Who or what started it: an API key's actor, the CLI, or the recompute queue. */
  triggeredBy: Scalars['String']['output'];
};


/** A full, incremental or preview computation of credit under one rule version. */
export type AttributionRunAllocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type AttributionRunAllocationsConnection = {
  __typename?: 'AttributionRunAllocationsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<AttributionRunAllocationsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<CreditAllocation>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type AttributionRunAllocationsConnectionEdge = {
  __typename?: 'AttributionRunAllocationsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: CreditAllocation;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type AttributionRunConnection = {
  __typename?: 'AttributionRunConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<AttributionRunEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<AttributionRun>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type AttributionRunEdge = {
  __typename?: 'AttributionRunEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AttributionRun;
};

/** Which runs to list; every given condition must hold. */
export type AttributionRunFilter = {
  /** Only runs created in this range. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Only runs of these kinds. */
  kind?: InputMaybe<Array<RunKind>>;
  /** Only runs of this RuleVersion (global id). */
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** Only runs in these statuses. */
  status?: InputMaybe<Array<RunStatus>>;
};

/** One change, with the actor and the state before and after. */
export type AuditEvent = Node & {
  __typename?: 'AuditEvent';
  /** Dotted verb, e.g. "touchpoint.ingest", "ruleVersion.publish". */
  action: Scalars['String']['output'];
  /** Who made the change: "key:<prefix> (<name>)" for an API key, otherwise the CLI user or system process. */
  actor: Scalars['String']['output'];
  /** The changed values after, as JSON; null for a deletion. */
  after?: Maybe<Scalars['JSON']['output']>;
  /** When the change committed (ISO 8601, UTC). */
  at: Scalars['DateTime']['output'];
  /** The changed values before, as JSON; null for a creation. */
  before?: Maybe<Scalars['JSON']['output']>;
  /** The entity of a one-entity event; null for a batch event (see entityIds). */
  entityId?: Maybe<Scalars['String']['output']>;
  /** Every entity the event covers: for a batch event (touchpoint.ingest of a batch) the touchpoints it created, in batch order; otherwise [entityId]. */
  entityIds: Array<Scalars['String']['output']>;
  /** What kind of record changed, e.g. "Touchpoint", "RuleVersion". */
  entityType: Scalars['String']['output'];
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<AuditEventEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<AuditEvent>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AuditEvent;
};

/** Which audit events to list; every given condition must hold. */
export type AuditEventFilter = {
  /** Only these actions, e.g. ["ruleVersion.publish"]. */
  action?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only changes by this actor (exact). */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** Only changes made in this range. */
  at?: InputMaybe<DateTimeRange>;
  /** Events about this entity alone or about a batch that includes it. */
  entityId?: InputMaybe<Scalars['String']['input']>;
  /** Only changes to this kind of record, e.g. "Opportunity". */
  entityType?: InputMaybe<Scalars['String']['input']>;
};

/** A batch holds more items than one request may send (code BATCH_TOO_LARGE); split it. */
export type BatchTooLargeError = UserError & {
  __typename?: 'BatchTooLargeError';
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED. */
  code: Scalars['String']['output'];
  /** Most items one batch may hold. */
  limit: Scalars['Int']['output'];
  /** What went wrong and what to do next, in English, for people. */
  message: Scalars['String']['output'];
  /** Items sent. */
  size: Scalars['Int']['output'];
};

/** A new methodology. */
export type CreateRuleSetInput = {
  /** What the methodology is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–80 letters, digits, "_", "-" or "."; named in the rules header. */
  key: Scalars['String']['input'];
  /** Display name; default: the key. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** The created rule set. */
export type CreateRuleSetPayload = {
  __typename?: 'CreateRuleSetPayload';
  /** The new rule set (no versions yet). */
  ruleSet: RuleSet;
};

/** The new rule set, or why it was refused (e.g. the key exists). */
export type CreateRuleSetResult = CreateRuleSetPayload | DomainRuleError | NotAllowedError | NotFoundError | ValidationError;

/** Credit on one opportunity for one partner (or none, when unattributed) in one lane. */
export type CreditAllocation = Node & {
  __typename?: 'CreditAllocation';
  /** Credited amount, 2 places, in `currency`: deal amount × lane grant split by share; a lane's amounts sum to the cent. */
  amount: Scalars['Decimal']['output'];
  /** The touches that earned the credit (a partner key sees only its own). */
  contributingTouchpoints: Array<Touchpoint>;
  /** When the run wrote the row (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 code: the deal's currency (credit is never converted; reports convert). */
  currency: Scalars['String']['output'];
  /** Why the credit exists. For a partner key, steps about other partners read "another partner". */
  explanation: AllocationExplanation;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** true for the credit in force; false for history from superseded runs. */
  isCurrent: Scalars['Boolean']['output'];
  /** Sourced or influenced; the two lanes are never added together. */
  lane: Lane;
  /** The deal credited; internal readers only. */
  opportunity: Opportunity;
  /** The override that imposed this credit; null for rule credit. Internal readers only. */
  override?: Maybe<Override>;
  /** The partner credited; null for a lane-wide row (unattributed, disputed). */
  partner?: Maybe<Partner>;
  /** sourced, influenced, attached, assisted_close, unattributed, disputed, or a role the rule set declares. */
  role: Scalars['String']['output'];
  /** The exact rule version that produced the credit. */
  ruleVersion: RuleVersionTag;
  /** The run that wrote the row; internal readers only. */
  run: AttributionRun;
  /** Fraction of the opportunity amount, 6 places. */
  share: Scalars['Decimal']['output'];
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type CreditAllocationConnection = {
  __typename?: 'CreditAllocationConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<CreditAllocationEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<CreditAllocation>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type CreditAllocationEdge = {
  __typename?: 'CreditAllocationEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: CreditAllocation;
};

/** The credit a dispute asks for. */
export type CreditRequestInput = {
  /** The lane (sourced or influenced). */
  lane: Lane;
  /** The role asked for, e.g. "sourced". */
  role: Scalars['String']['input'];
  /** Fraction 0–1, e.g. "0.5". */
  share: Scalars['Decimal']['input'];
};

/** A CSV file (RFC 4180, CRLF, UTF-8): save `content` as `filename`. */
export type CsvDownload = {
  __typename?: 'CsvDownload';
  /** The whole file: header line, then one line per row. Text cells that could start a spreadsheet formula are prefixed with an apostrophe. */
  content: Scalars['String']['output'];
  /** The MIME type: "text/csv; charset=utf-8". */
  contentType: Scalars['String']['output'];
  /** A file name to save it as, e.g. "scorecard-default-partner-quarter-2026-01-01-2026-03-31.csv". */
  filename: Scalars['String']['output'];
  /** The column names, in order (stable; new columns are only appended). */
  header: Array<Scalars['String']['output']>;
  /** Data lines (without the header). */
  rows: Scalars['Int']['output'];
};

/** Inclusive lower bound `from`, exclusive upper bound `to`; either may be omitted. */
export type DateTimeRange = {
  /** Earliest instant included (ISO 8601); omitted: no lower bound. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** First instant excluded (ISO 8601); omitted: no upper bound. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A figure against the same group's previous period (QoQ or MoM). */
export type DecimalChange = {
  __typename?: 'DecimalChange';
  /** The figure in this period. */
  current: Scalars['Decimal']['output'];
  /** current − previous. */
  delta: Scalars['Decimal']['output'];
  /** The figure in the previous period. */
  previous: Scalars['Decimal']['output'];
  /** (current - previous) / previous, 4 places ("0.2500" = +25 %); null when previous is zero. */
  relative?: Maybe<Scalars['Decimal']['output']>;
};

/** Inclusive bounds on a decimal value. */
export type DecimalRange = {
  /** Largest value included (decimal string); omitted: no upper bound. */
  max?: InputMaybe<Scalars['Decimal']['input']>;
  /** Smallest value included (decimal string); omitted: no lower bound. */
  min?: InputMaybe<Scalars['Decimal']['input']>;
};

/** The touchpoint to soft-delete. */
export type DeleteTouchpointInput = {
  /** Global id of the touchpoint. */
  id: Scalars['ID']['input'];
};

/** The deleted touchpoint and the recompute of its deal's credit. */
export type DeleteTouchpointPayload = {
  __typename?: 'DeleteTouchpointPayload';
  /** false when it was already deleted. */
  changed: Scalars['Boolean']['output'];
  /** The recompute of the affected credit (done before answering). */
  recompute: RecomputeReport;
  /** The touchpoint, with deletedAt set. */
  touchpoint: Touchpoint;
};

/** The deleted touchpoint, or why nothing was written. */
export type DeleteTouchpointResult = DeleteTouchpointPayload | NotAllowedError | NotFoundError | ValidationError;

/** A problem (or note) the rules checker found, with its place in the source. */
export type Diagnostic = {
  __typename?: 'Diagnostic';
  /** Stable code of the problem, e.g. "unknown-field" (UNKNOWN when none was stored). */
  code: Scalars['String']['output'];
  /** How to fix it (e.g. a did-you-mean); null when none. */
  hint?: Maybe<Scalars['String']['output']>;
  /** What is wrong, for people. */
  message: Scalars['String']['output'];
  /** Where in the source; null for a problem of the whole file. */
  range?: Maybe<SourceRange>;
  /** Error, warning or info. */
  severity: DiagnosticSeverity;
};

/** How serious a diagnostic is. */
export type DiagnosticSeverity =
  /** The version cannot be published until it is fixed. */
  | 'error'
  /** A note. */
  | 'info'
  /** Probably a mistake; publishing is allowed. */
  | 'warning';

/** A challenge to the credit on an opportunity, raised by a partner or an internal user. */
export type Dispute = Node & {
  __typename?: 'Dispute';
  /** The allocation disputed; null when the dispute names only the deal, or (for a partner key) another partner's allocation. */
  allocation?: Maybe<CreditAllocation>;
  /** When it was raised (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** Link or text supporting the claim; null when none. */
  evidence?: Maybe<Scalars['String']['output']>;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** The deal whose credit is disputed; internal readers only. */
  opportunity: Opportunity;
  /** Overrides its approval created; internal readers only. */
  overrides: Array<Override>;
  /** The partner whose credit is in question; null when none was named. */
  partner?: Maybe<Partner>;
  /** Who raised it: an actor such as "key:<prefix> (<name>)" for an API key. */
  raisedBy: Scalars['String']['output'];
  /** Why the raiser thinks the credit is wrong. */
  reason: Scalars['String']['output'];
  /** What the raiser asks for, e.g. {"lane":"source","role":"sourced","share":"1"}. */
  requested?: Maybe<Scalars['JSON']['output']>;
  /** The resolver's reason; null while open. */
  resolution?: Maybe<Scalars['String']['output']>;
  /** When it was decided (ISO 8601, UTC); null while open. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who decided; null while open. */
  resolvedBy?: Maybe<Scalars['String']['output']>;
  /** Open, approved or rejected. */
  status: DisputeStatus;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type DisputeConnection = {
  __typename?: 'DisputeConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<DisputeEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Dispute>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** What the resolver decides. */
export type DisputeDecision =
  /** Accept: an override imposes the credit and the deal is recomputed. */
  | 'approved'
  /** Refuse: credit stays as it is. */
  | 'rejected';

/** One item of a page and its cursor. */
export type DisputeEdge = {
  __typename?: 'DisputeEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Dispute;
};

/** The raised dispute. */
export type DisputePayload = {
  __typename?: 'DisputePayload';
  /** The new dispute (open). */
  dispute: Dispute;
};

/** Where a dispute about credit stands. */
export type DisputeStatus =
  /** Accepted: an override now applies the requested credit. */
  | 'approved'
  /** Raised, waiting for a governance decision. */
  | 'open'
  /** Refused with a reason; credit is unchanged. */
  | 'rejected';

/** The change breaks a governance rule; `code` names which (e.g. TESTS_FAILED, NOT_A_DRAFT). */
export type DomainRuleError = UserError & {
  __typename?: 'DomainRuleError';
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED. */
  code: Scalars['String']['output'];
  /** Machine-readable context of the refusal (e.g. the failing tests or diagnostics); null when there is none. */
  details?: Maybe<Scalars['JSON']['output']>;
  /** What went wrong and what to do next, in English, for people. */
  message: Scalars['String']['output'];
};

/** One plain-language step of how the credit was decided. */
export type ExplanationStep = {
  __typename?: 'ExplanationStep';
  /** Machine-readable details of the step (a JSON object: weights, shares, override ids …); null when none. */
  data?: Maybe<Scalars['JSON']['output']>;
  /** What the step records. */
  kind: ExplanationStepKind;
  /** The step in plain language. */
  message: Scalars['String']['output'];
  /** Global id of the touchpoint this step is about, if any. */
  touchpointId?: Maybe<Scalars['String']['output']>;
};

/** What an explanation step records. */
export type ExplanationStepKind =
  /** A share cut down to a maximum. */
  | 'cap'
  /** A touch that did not count, and why (outside the window, missing evidence …). */
  | 'excluded'
  /** A share raised to a minimum. */
  | 'floor'
  /** A touch that counted toward the credit. */
  | 'included'
  /** Any other remark. */
  | 'note'
  /** An approved override replaced rule credit (approver, date, dispute, reason in data). */
  | 'override'
  /** Cents assigned by the largest-remainder method so the lane sums exactly. */
  | 'rounding'
  /** Which rule matched and what the lane grants. */
  | 'rule'
  /** How a credit model weighted a touch or partner. */
  | 'weight';

/** One invalid field: its dotted path in the input and what is wrong with it. */
export type FieldIssue = {
  __typename?: 'FieldIssue';
  /** What is wrong with the value and what is expected. */
  message: Scalars['String']['output'];
  /** Dotted path in the input, e.g. "touchpoints.3.occurredAt". */
  path: Scalars['String']['output'];
};

/** A money figure (reporting currency, 2 places) under the base and the candidate results. */
export type FigureDiff = {
  __typename?: 'FigureDiff';
  /** Under the base results. */
  base: Scalars['Decimal']['output'];
  /** Under the candidate results. */
  candidate: Scalars['Decimal']['output'];
  /** candidate − base. */
  delta: Scalars['Decimal']['output'];
  /** delta / base, 4 places; null when base is 0. */
  relative?: Maybe<Scalars['Decimal']['output']>;
};

/** An exchange rate: `rate` units of the reporting currency (ATTRIB_REPORTING_CURRENCY) per unit of `currency` on `date`. */
export type FxRate = {
  __typename?: 'FxRate';
  /** ISO 4217 code. */
  currency: Scalars['String']['output'];
  /** The day the rate is for (YYYY-MM-DD); it also serves later days without a rate of their own. */
  date: Scalars['Date']['output'];
  /** Exact decimal, up to 10 places. */
  rate: Scalars['Decimal']['output'];
  /** When the rate was last written (ISO 8601, UTC). */
  updatedAt: Scalars['DateTime']['output'];
};

/** One exchange rate for one currency and day. */
export type FxRateInput = {
  /** ISO 4217 code, e.g. "EUR". */
  currency: Scalars['String']['input'];
  /** The day (YYYY-MM-DD). */
  date: Scalars['Date']['input'];
  /** Units of the reporting currency per unit of `currency` on `date`, positive, at most 10 places, e.g. "1.0842". */
  rate: Scalars['Decimal']['input'];
};

/** The rates, or why the arguments were refused. */
export type FxRatesResult = QueryFxRatesSuccess | ValidationError;

/** One check of the review: what it found now and the week before. */
export type HygieneCheck = {
  __typename?: 'HygieneCheck';
  /** What the weekly review should do about these records. */
  action: Scalars['String']['output'];
  /** Records in the queue at the end of asOf. */
  count: Scalars['Int']['output'];
  /** count − previousCount (negative: fewer to fix). */
  delta: Scalars['Int']['output'];
  /** The records found, at most `limit` of them. */
  items: Array<HygieneItem>;
  /** Which check. */
  key: HygieneCheckKey;
  /** The same check at the end of the previous ISO week. */
  previousCount: Scalars['Int']['output'];
  /** The check's name, for people. */
  title: Scalars['String']['output'];
  /** true when items lists fewer than count (raise limit). */
  truncated: Scalars['Boolean']['output'];
};

/** The checks of the weekly revenue-hygiene review (src/reports/README.md). */
export type HygieneCheckKey =
  /** Current credit held with role disputed. */
  | 'disputed_allocation'
  /** Partners attached to an account with no action in inactiveDays. */
  | 'inactive_partner'
  /** Deals in another currency than the reporting one with no exchange rate on or before the day reports convert them at. */
  | 'missing_fx_rate'
  /** Live touches with a blank proof or owner. */
  | 'missing_proof_or_owner'
  /** Open deals where a partner holds influence credit but its latest touch has no next joint step. */
  | 'next_step_missing'
  /** Disputes not yet decided. */
  | 'open_dispute'
  /** Same partner, deal (or account) and action within duplicateDays; the later touch points at the earlier one. */
  | 'suspected_duplicate'
  /** Touches dated after their deal closed. */
  | 'touch_after_close'
  /** Governance edge case: partners with at least 5 live touches and no current credit in any lane. */
  | 'touches_without_credit'
  /** A touch whose account is not its deal's account, an account-level touch on an account without deals, or current credit citing a deleted or missing touchpoint. */
  | 'unknown_reference'
  /** Governance edge case: current credit whose only contributing touch has no proof. */
  | 'unproven_single_touch_credit';

/** Whether the spotlight-disagreements section compared a rule set, or why not. */
export type HygieneDisagreementStatus =
  /** The rule set's current credit was compared with the model; deals lists the largest disagreements. */
  | 'compared'
  /** The rule set (or every rule set) has no current results: publish a version and run it. */
  | 'no_current_results'
  /** Several rule sets have current results (candidates): choose one with ruleSetKey. */
  | 'several_rule_sets';

/** The won deals where the rule set's current credit and the spotlight model split the deal most differently: edge cases for governance, read record by record. */
export type HygieneDisagreements = {
  __typename?: 'HygieneDisagreements';
  /** What the weekly review should do about these deals. */
  action: Scalars['String']['output'];
  /** The unit each deal's credit is split over. */
  by: SpotlightUnit;
  /** Rule sets with current results when one has to be chosen (status several_rule_sets); otherwise empty. */
  candidates: Array<Scalars['String']['output']>;
  /** Deals closed on or before this day (YYYY-MM-DD, the review's asOf). */
  closedBy: Scalars['String']['output'];
  /** Only deals in this currency (the reporting currency) are compared; every amount is in it. */
  currency: Scalars['String']['output'];
  /** Largest disagreement first, then by opportunity key; deals that agree are not listed. */
  deals: Array<SpotlightDeal>;
  /** The rule lane compared (influence). */
  lane: Lane;
  /** The most deals listed. */
  limit: Scalars['Int']['output'];
  /** The model, e.g. "markov order 1". */
  model: Scalars['String']['output'];
  /** Why deals is empty, in words (null when it lists deals). */
  reason?: Maybe<Scalars['String']['output']>;
  /** The rule set compared (null when none could be chosen). */
  ruleSetKey?: Maybe<Scalars['String']['output']>;
  /** How much data the model saw. */
  sample: HygieneDisagreementsSample;
  /** compared, or why no comparison was made. */
  status: HygieneDisagreementStatus;
  /** The section's name, for people ("Spotlight disagreements"). */
  title: Scalars['String']['output'];
};

/** Options of the spotlight-disagreements section of the hygiene review. */
export type HygieneDisagreementsInput = {
  /** Default partner. */
  by?: InputMaybe<SpotlightUnit>;
  /** Deals listed (default 5, 0 to 100). */
  limit?: InputMaybe<Scalars['Int']['input']>;
  /** Default markov. */
  model?: InputMaybe<SpotlightModel>;
  /** Markov order, 1 (default) to 4; markov only. */
  order?: InputMaybe<Scalars['Int']['input']>;
  /** The rule set compared (default: the review's ruleSetKey, else the only rule set with current results). */
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
};

/** The closed deals the model saw. */
export type HygieneDisagreementsSample = {
  __typename?: 'HygieneDisagreementsSample';
  /** Of those, the won ones. */
  conversions: Scalars['Int']['output'];
  /** Closed deals (won or lost) with at least one live touch up to the close, closed by closedBy, in currency. */
  journeys: Scalars['Int']['output'];
  /** Their won value (decimal string, 2 places, in currency). */
  value: Scalars['Decimal']['output'];
};

/** One record in the hygiene queue, with the ids and keys to link to it. */
export type HygieneItem = {
  __typename?: 'HygieneItem';
  /** The account concerned (business key); null when none. */
  accountKey?: Maybe<Scalars['String']['output']>;
  /** Global id of the CreditAllocation concerned; null when none. */
  allocationId?: Maybe<Scalars['ID']['output']>;
  /** The instant the finding is about (a touch's occurrence, a dispute's creation …), ISO 8601; null when none applies. */
  at?: Maybe<Scalars['DateTime']['output']>;
  /** What is wrong with it, for people. */
  detail: Scalars['String']['output'];
  /** Global id of the Dispute concerned; null when none. */
  disputeId?: Maybe<Scalars['ID']['output']>;
  /** touchpoint, partner, dispute, allocation or opportunity. */
  entityType: Scalars['String']['output'];
  /** A short name of the record for a list, e.g. the touch's source and external id. */
  label: Scalars['String']['output'];
  /** Global id of the record (query it with node(id:)). */
  nodeId: Scalars['ID']['output'];
  /** The deal concerned (CRM key); null when none. */
  opportunityKey?: Maybe<Scalars['String']['output']>;
  /** The partner concerned (business key); null when none. */
  partnerKey?: Maybe<Scalars['String']['output']>;
  /** The other record involved: the earlier touch of a suspected duplicate, or the missing touchpoint an allocation cites. */
  relatedId?: Maybe<Scalars['ID']['output']>;
  /** Global id of the Touchpoint concerned; null when none. */
  touchpointId?: Maybe<Scalars['ID']['output']>;
};

/** The weekly revenue-hygiene review: what to fix, with the week-over-week trend. */
export type HygieneReport = {
  __typename?: 'HygieneReport';
  /** The day the report reads the data at the end of (YYYY-MM-DD, UTC). */
  asOf: Scalars['String']['output'];
  /** Every check, in a fixed order. */
  checks: Array<HygieneCheck>;
  /** Spotlight disagreements: the won deals where rule and model credit disagree most (not counted in totals). */
  disagreements: HygieneDisagreements;
  /** Days within which equal touches are suspected duplicates (default 3). */
  duplicateDays: Scalars['Int']['output'];
  /** Days without action that make an attached partner inactive (default 60). */
  inactiveDays: Scalars['Int']['output'];
  /** The ISO week before, which previousCount reads. */
  previousWeek: ReportPeriod;
  /** The rule set whose credit the allocation checks read; null: every rule set. */
  ruleSetKey?: Maybe<Scalars['String']['output']>;
  /** All checks summed. */
  totals: HygieneTotals;
  /** The ISO week containing asOf, e.g. "2026-W12". */
  week: ReportPeriod;
};


/** The weekly revenue-hygiene review: what to fix, with the week-over-week trend. */
export type HygieneReportChecksArgs = {
  keys?: InputMaybe<Array<HygieneCheckKey>>;
};

/** The report, or why the arguments were refused. */
export type HygieneReportResult = DomainRuleError | HygieneReport | NotAllowedError | NotFoundError | ValidationError;

/** The counts of every check, summed. */
export type HygieneTotals = {
  __typename?: 'HygieneTotals';
  /** Findings at the end of asOf. */
  count: Scalars['Int']['output'];
  /** count − previousCount. */
  delta: Scalars['Int']['output'];
  /** Findings at the end of the previous ISO week. */
  previousCount: Scalars['Int']['output'];
};

/** A changed deal with its explanation text before and after. */
export type ImpactExample = {
  __typename?: 'ImpactExample';
  /** Explanation under the candidate. */
  after: Scalars['String']['output'];
  /** Explanation under the current rules. */
  before: Scalars['String']['output'];
  /** The deal's CRM key. */
  opportunityKey: Scalars['String']['output'];
};

/** How many deals the preview evaluated and how their credit compares. */
export type ImpactOpportunityCounts = {
  __typename?: 'ImpactOpportunityCounts';
  /** Deals credited now that have no credit in force. */
  added: Scalars['Int']['output'];
  /** Deals whose credit differs. */
  changed: Scalars['Int']['output'];
  /** Deals the candidate evaluated. */
  evaluated: Scalars['Int']['output'];
  /** Deals whose credit is the same. */
  unchanged: Scalars['Int']['output'];
};

/** The impact diff of a candidate rule version against the credit in force. */
export type ImpactReport = {
  __typename?: 'ImpactReport';
  /** The instant open deals were evaluated at (ISO 8601, UTC). */
  asOf: Scalars['String']['output'];
  /** The version previewed. */
  candidate: RuleVersion;
  /** The changed deals with their allocations before and after. */
  changes: Array<OpportunityCreditChange>;
  /** Credit moved per channel (an allocation counts for the channel of its earliest contributing touch). */
  channels: Array<MovedCredit>;
  /** A few changed deals with explanations (as many as the input's examples). */
  examples: Array<ImpactExample>;
  /** Whether any deal's credit would change. */
  hasChanges: Scalars['Boolean']['output'];
  /** Deals evaluated, changed, added and unchanged. */
  opportunities: ImpactOpportunityCounts;
  /** Credit moved per partner. */
  partners: Array<MovedCredit>;
  /** The rule set whose credit in force the candidate is compared with. */
  ruleSetKey: Scalars['String']['output'];
  /** The scope evaluated, as a JSON object (opportunityKeys, from, to, partnerKey when given). */
  scope: Scalars['JSON']['output'];
  /** Credit per lane before and after. */
  totals: ImpactTotals;
};


/** The impact diff of a candidate rule version against the credit in force. */
export type ImpactReportChangesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Total credit per lane over the evaluated deals, before and after. */
export type ImpactTotals = {
  __typename?: 'ImpactTotals';
  /** Under the candidate. */
  after: LaneAmounts;
  /** Under the credit in force. */
  before: LaneAmounts;
  /** after − before. */
  delta: LaneAmounts;
};

/** Exchange rates to upsert. */
export type ImportFxRatesInput = {
  /** One rate per currency and day. */
  rates: Array<FxRateInput>;
};

/** What the import did, per rate. */
export type ImportFxRatesPayload = {
  __typename?: 'ImportFxRatesPayload';
  /** Rates for a currency and day that had none. */
  created: Scalars['Int']['output'];
  /** Rates given. */
  rates: Scalars['Int']['output'];
  /** Rates equal to the stored ones (a re-import changes nothing). */
  unchanged: Scalars['Int']['output'];
  /** Rates that replaced a different stored rate for the same currency and day. */
  updated: Scalars['Int']['output'];
};

/** What the import did, or every invalid rate (nothing is written then). */
export type ImportFxRatesResult = ImportFxRatesPayload | ValidationError;

/** Agreement between teams (target at least 90%): of the won deals closed in the period on which the rules credit a partner, the share whose credit stood (no dispute upheld), and, where reps declared partner roles in the CRM, the share where the rules' role agrees. */
export type InfluenceAccuracy = {
  __typename?: 'InfluenceAccuracy';
  /** Of declaredDeals, those where every credited partner's declared role is among the roles the rules gave that partner on the deal. */
  agreedDeals: Scalars['Int']['output'];
  /** Won deals closed in the period with partner credit from the selected results. */
  deals: Scalars['Int']['output'];
  /** Of deals, those where a credited partner's latest live touch on the deal (up to the close) with a declared role declares one (touchpoint declaredRole, from the CRM). */
  declaredDeals: Scalars['Int']['output'];
  /** Period key, e.g. "2026-Q1" or "FY2027-Q1". */
  period: Scalars['String']['output'];
  /** stood / deals as a decimal string with 4 places ("0.9500"); null without such deals. */
  rate?: Maybe<Scalars['String']['output']>;
  /** agreedDeals / declaredDeals as a decimal string with 4 places ("0.8750"): how often the rules' role agrees with the rep-declared one; null without declarations. */
  roleAgreement?: Maybe<Scalars['String']['output']>;
  /** Of those, deals with no approved dispute. */
  stood: Scalars['Int']['output'];
};

/** What ingestion did with one item of a batch. */
export type IngestItemStatus =
  /** New (source, externalId): stored. */
  | 'created'
  /** Invalid (see issues): nothing written for this item; the others are unaffected. */
  | 'rejected'
  /** Known key, same values: nothing written. */
  | 'unchanged'
  /** Known key with different values: changed. */
  | 'updated';

/** A batch of touchpoints and whether to wait for their credit. */
export type IngestTouchpointsInput = {
  /** Answer only after the affected credit is recomputed (recompute.status DONE or FAILED). Default false: the recompute is queued durably with the data and the mutation answers at once (recompute.status QUEUED). */
  awaitRecompute?: InputMaybe<Scalars['Boolean']['input']>;
  /** At most 5,000 per call (more is a BatchTooLargeError: split the batch). */
  touchpoints: Array<TouchpointInput>;
};

/** The outcome of a batch: counts per status, each item, and the recompute of the affected credit. */
export type IngestTouchpointsPayload = {
  __typename?: 'IngestTouchpointsPayload';
  /** Items stored as new touchpoints. */
  created: Scalars['Int']['output'];
  /** One result per item, in batch order. */
  items: Array<TouchpointIngestItem>;
  /** The recompute of the affected deals' credit: QUEUED with a ticket, or DONE/FAILED with awaitRecompute. */
  recompute: RecomputeReport;
  /** Invalid items (nothing written for them). */
  rejected: Scalars['Int']['output'];
  /** Items that matched the stored touchpoint. */
  unchanged: Scalars['Int']['output'];
  /** Items that changed an existing touchpoint. */
  updated: Scalars['Int']['output'];
};


/** The outcome of a batch: counts per status, each item, and the recompute of the affected credit. */
export type IngestTouchpointsPayloadItemsArgs = {
  onlyRejected?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The batch's outcome, or why the whole batch was refused. */
export type IngestTouchpointsResult = BatchTooLargeError | IngestTouchpointsPayload | NotAllowedError | NotFoundError | ValidationError;

/** source: who sourced the deal; influence: who helped it move. Credit in one lane never counts in the other. */
export type Lane =
  /** Influenced: who helped it move or close. Shares of the lane sum to at most 100%, separately from source. */
  | 'influence'
  /** Sourced: who brought the deal. Shares of the lane sum to at most 100%. */
  | 'source';

/** Credit amounts per lane, decimal strings with 2 places: sums of allocation amounts in the deals' own currencies (not converted). The lanes are never added together. */
export type LaneAmounts = {
  __typename?: 'LaneAmounts';
  /** Influenced lane. */
  influence: Scalars['Decimal']['output'];
  /** Sourced lane. */
  source: Scalars['Decimal']['output'];
};

/** Revenue per lane on one kind of won deal (expansion or renewal), in the reporting currency, 2 places. */
export type LaneRevenue = {
  __typename?: 'LaneRevenue';
  /** Credited revenue in the influenced lane (never added to sourced). */
  influenced: Scalars['Decimal']['output'];
  /** Won amount of the deals the group is involved in, each counted once. */
  involvedRevenue: Scalars['Decimal']['output'];
  /** Credited revenue in the sourced lane. */
  sourced: Scalars['Decimal']['output'];
};

/** Credit of one partner or channel before and after, per lane. */
export type MovedCredit = {
  __typename?: 'MovedCredit';
  /** Under the candidate version. */
  after: LaneAmounts;
  /** Under the credit in force. */
  before: LaneAmounts;
  /** after − before (negative when credit is lost). */
  delta: LaneAmounts;
  /** The partner key (partners; "(no partner)" for lane-wide rows) or channel taxonomy key (channels; "none" for credit without a contributing touch). */
  key: Scalars['String']['output'];
};

/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a value to a vocabulary (no migration, no restart). Governance and admin keys. */
  addTaxonomyEntry: AddTaxonomyEntryResult;
  /** Creates an empty methodology (audited). Governance and admin keys. */
  createRuleSet: CreateRuleSetResult;
  /** Soft delete: the touchpoint stays for audit (deletedAt set) and stops counting for credit. */
  deleteTouchpoint: DeleteTouchpointResult;
  /** Upsert exchange rates by (currency, date): all or nothing, audited; re-importing the same rates changes nothing. Scorecards convert deals with them. */
  importFxRates: ImportFxRatesResult;
  /** Upsert up to 5,000 touchpoints idempotently by (source, externalId). Each item is created, updated, unchanged or rejected (with reasons); rejected items write nothing and do not stop the others. The affected opportunities' credit is recomputed in the background (recompute.status QUEUED, follow recompute.ticket), or before answering with awaitRecompute: true. */
  ingestTouchpoints: IngestTouchpointsResult;
  /** What would change if this version were in force: credit moved per partner and channel, and examples. Writes no current credit. */
  previewRuleVersion: PreviewRuleVersionResult;
  /** Publishes a draft: it must check clean, have passing in-file tests and not overlap another published window. Start a run afterwards to apply it. */
  publishRuleVersion: PublishRuleVersionResult;
  /** Raises a dispute about credit (audited). Partner keys dispute their own partner's credit only; governance and admin keys any. */
  raiseDispute: RaiseDisputeResult;
  /** Approve (creating an override) or reject a dispute. The raiser cannot resolve their own dispute. */
  resolveDispute: ResolveDisputeResult;
  /** Retires a published version; its allocations stay for history. */
  retireRuleVersion: RetireRuleVersionResult;
  /** Retires a value: records that have it keep it and stay readable; new records may not use it. Governance and admin keys. */
  retireTaxonomyEntry: RetireTaxonomyEntryResult;
  /** Revokes an override and recomputes the deal's credit without it (audited). Governance and admin keys. */
  revokeOverride: RevokeOverrideResult;
  /** Saves a draft (even with errors) and returns the checker's diagnostics; audited. Governance and admin keys. */
  saveRuleDraft: SaveRuleDraftResult;
  /** Starts a full run of a published version and answers as soon as the run exists; its credit becomes current in one switch when it succeeds. Governance and admin keys. */
  startRun: StartRunResult;
  /** Runs the version's in-file tests now. A draft keeps the new results; a published version is frozen and only reports them. */
  testRuleVersion: TestRuleVersionResult;
  /** Creates or updates an account by business key (idempotent; audited). Integrator and admin keys. */
  upsertAccount: UpsertAccountResult;
  /** Creates or updates a deal by CRM key (idempotent; audited), then recomputes its credit under every applicable published rule version. Integrator and admin keys. */
  upsertOpportunity: UpsertOpportunityResult;
  /** Creates or updates a partner by business key (idempotent; audited). Integrator and admin keys. */
  upsertPartner: UpsertPartnerResult;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationAddTaxonomyEntryArgs = {
  input: AddTaxonomyEntryInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationCreateRuleSetArgs = {
  input: CreateRuleSetInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationDeleteTouchpointArgs = {
  input: DeleteTouchpointInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationImportFxRatesArgs = {
  input: ImportFxRatesInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationIngestTouchpointsArgs = {
  input: IngestTouchpointsInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationPreviewRuleVersionArgs = {
  input: PreviewRuleVersionInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationPublishRuleVersionArgs = {
  input: PublishRuleVersionInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationRaiseDisputeArgs = {
  input: RaiseDisputeInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationResolveDisputeArgs = {
  input: ResolveDisputeInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationRetireRuleVersionArgs = {
  input: RetireRuleVersionInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationRetireTaxonomyEntryArgs = {
  key: Scalars['String']['input'];
  kind: TaxonomyKind;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationRevokeOverrideArgs = {
  input: RevokeOverrideInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationSaveRuleDraftArgs = {
  input: SaveRuleDraftInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationStartRunArgs = {
  input: StartRunInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationTestRuleVersionArgs = {
  input: RuleVersionRefInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationUpsertAccountArgs = {
  input: UpsertAccountInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationUpsertOpportunityArgs = {
  input: UpsertOpportunityInput;
};


/** Changes. Each is audited in its own transaction; expected failures are members of its result union (UserError), never bare errors. */
export type MutationUpsertPartnerArgs = {
  input: UpsertPartnerInput;
};

/** A record with a global id, readable with node(id:) and nodes(ids:). */
export type Node = {
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
};

/** The caller may not make this change to this record (code NOT_ALLOWED), e.g. a partner key acting for another partner. */
export type NotAllowedError = UserError & {
  __typename?: 'NotAllowedError';
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED. */
  code: Scalars['String']['output'];
  /** What went wrong and what to do next, in English, for people. */
  message: Scalars['String']['output'];
};

/** A record the input names does not exist, or the caller may not see it (code NOT_FOUND; the same answer either way). */
export type NotFoundError = UserError & {
  __typename?: 'NotFoundError';
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED. */
  code: Scalars['String']['output'];
  /** What kind of record was looked up, e.g. "partner", "opportunity", "rule_version". */
  entity: Scalars['String']['output'];
  /** What went wrong and what to do next, in English, for people. */
  message: Scalars['String']['output'];
  /** The key or id that named it, as given; empty when the service does not report it. */
  reference: Scalars['String']['output'];
};

/** A deal from the CRM. Its amount is split into source and influence credit by the published rules. */
export type Opportunity = Node & {
  __typename?: 'Opportunity';
  /** The customer account of the deal. */
  account: Account;
  /** Credit on this deal; current allocations only unless includeHistory. */
  allocations: OpportunityAllocationsConnection;
  /** Deal amount, a decimal string with 2 places, in `currency` (credit stays in this currency). */
  amount: Scalars['Decimal']['output'];
  /** When it was won or lost (ISO 8601, UTC), its attribution date; null while open. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the deal was created in the CRM (ISO 8601, UTC); its attribution date while open. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 code of `amount`, e.g. "USD". */
  currency: Scalars['String']['output'];
  /** Disputes raised about credit on this deal, newest first; internal readers only. */
  disputes: OpportunityDisputesConnection;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** When it was first written here (ISO 8601, UTC). */
  ingestedAt: Scalars['DateTime']['output'];
  /** The CRM id. */
  key: Scalars['String']['output'];
  /** Deal name. */
  name: Scalars['String']['output'];
  /** The outcome of its stage: open, won or lost. */
  outcome: StageOutcome;
  /** Overrides (active and revoked) on this deal, latest approval first; internal readers only. */
  overrides: OpportunityOverridesConnection;
  /** Our sales rep owning the deal; null when unknown. */
  ownerRep?: Maybe<Scalars['String']['output']>;
  /** The CRM the deal comes from, e.g. "crm" or "salesforce". */
  sourceSystem: Scalars['String']['output'];
  /** An opportunity-stage taxonomy key (`taxonomy(kind: opportunity_stage)`). */
  stage: Scalars['String']['output'];
  /** The label of `stage` in the taxonomy, e.g. "Closed won". */
  stageLabel: Scalars['String']['output'];
  /** Partner touches on this deal, oldest first. */
  touchpoints: OpportunityTouchpointsConnection;
  /** New business, expansion or renewal. */
  type: OpportunityType;
  /** When the record last changed here (ISO 8601, UTC). */
  updatedAt: Scalars['DateTime']['output'];
};


/** A deal from the CRM. Its amount is split into source and influence credit by the published rules. */
export type OpportunityAllocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeHistory?: InputMaybe<Scalars['Boolean']['input']>;
  lane?: InputMaybe<Lane>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A deal from the CRM. Its amount is split into source and influence credit by the published rules. */
export type OpportunityDisputesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A deal from the CRM. Its amount is split into source and influence credit by the published rules. */
export type OpportunityOverridesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A deal from the CRM. Its amount is split into source and influence credit by the published rules. */
export type OpportunityTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeleted?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type OpportunityAllocationsConnection = {
  __typename?: 'OpportunityAllocationsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<OpportunityAllocationsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<CreditAllocation>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type OpportunityAllocationsConnectionEdge = {
  __typename?: 'OpportunityAllocationsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: CreditAllocation;
};

/** How a deal's credit differs under the candidate. */
export type OpportunityChangeKind =
  /** The candidate credits a deal that has no credit in force. */
  | 'added'
  /** Both credit the deal, differently. */
  | 'changed'
  /** The deal has credit in force that the candidate would not give. */
  | 'removed';

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type OpportunityConnection = {
  __typename?: 'OpportunityConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<OpportunityEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Opportunity>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One deal whose credit the candidate changes: its allocations before and after. */
export type OpportunityCreditChange = {
  __typename?: 'OpportunityCreditChange';
  /** Allocations under the candidate (empty when removed). */
  after: Array<AllocationSummary>;
  /** Allocations in force (empty when added). */
  before: Array<AllocationSummary>;
  /** Added, changed or removed. */
  change: OpportunityChangeKind;
  /** The deal's CRM key. */
  opportunityKey: Scalars['String']['output'];
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type OpportunityDisputesConnection = {
  __typename?: 'OpportunityDisputesConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<OpportunityDisputesConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Dispute>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type OpportunityDisputesConnectionEdge = {
  __typename?: 'OpportunityDisputesConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Dispute;
};

/** One item of a page and its cursor. */
export type OpportunityEdge = {
  __typename?: 'OpportunityEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Opportunity;
};

/** Which opportunities to list; every given condition must hold. */
export type OpportunityFilter = {
  /** Only deals of this account (business key). */
  accountKey?: InputMaybe<Scalars['String']['input']>;
  /** Only deals whose amount, in its own currency, is in this range. */
  amount?: InputMaybe<DecimalRange>;
  /** Deals with a live touchpoint through this channel (a channel taxonomy key). */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** Only deals closed in this range (open deals never match). */
  closedAt?: InputMaybe<DateTimeRange>;
  /** Only deals created in this range. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Only these CRM keys. */
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Open, won or lost deals, whatever their stages are called. */
  outcome?: InputMaybe<Array<StageOutcome>>;
  /** Deals this partner touched (live touchpoints) or holds current credit on. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Opportunity-stage taxonomy keys. */
  stage?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only deals of these types. */
  type?: InputMaybe<Array<OpportunityType>>;
};

/** One sort key of a Opportunity list. Several keys sort by the first, then the next; the id always breaks ties, so pages are stable. */
export type OpportunityOrder = {
  /** Ascending unless DESC. */
  direction?: InputMaybe<OrderDirection>;
  /** The value to sort by. */
  field: OpportunityOrderField;
};

/** What a list of Opportunity records can be sorted by. */
export type OpportunityOrderField =
  /** Sort by amount. */
  | 'AMOUNT'
  /** Sort by closed at. */
  | 'CLOSED_AT'
  /** Sort by created at. */
  | 'CREATED_AT'
  /** Sort by key. */
  | 'KEY'
  /** Sort by name. */
  | 'NAME';

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type OpportunityOverridesConnection = {
  __typename?: 'OpportunityOverridesConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<OpportunityOverridesConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Override>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type OpportunityOverridesConnectionEdge = {
  __typename?: 'OpportunityOverridesConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Override;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type OpportunityTouchpointsConnection = {
  __typename?: 'OpportunityTouchpointsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<OpportunityTouchpointsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Touchpoint>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type OpportunityTouchpointsConnectionEdge = {
  __typename?: 'OpportunityTouchpointsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Touchpoint;
};

/** The kind of deal; expansion and renewal revenue is reported separately in scorecards. */
export type OpportunityType =
  /** More sold to an existing customer. */
  | 'expansion'
  /** A first sale to the account. */
  | 'new_business'
  /** An existing contract renewed. */
  | 'renewal';

/** Sort direction. */
export type OrderDirection =
  /** Ascending: smallest, earliest or A first. */
  | 'ASC'
  /** Descending: largest, latest or Z first. */
  | 'DESC';

/** An approved manual correction of credit; the engine applies it on every run until revoked. */
export type Override = Node & {
  __typename?: 'Override';
  /** When it was approved (ISO 8601, UTC); overrides apply in approval order. */
  approvedAt: Scalars['DateTime']['output'];
  /** Who approved it. */
  approvedBy: Scalars['String']['output'];
  /** The dispute whose approval created it. */
  dispute?: Maybe<Dispute>;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** The lane it corrects. */
  lane: Lane;
  /** The deal whose credit it corrects. */
  opportunity: Opportunity;
  /** The partner whose credit it sets; null: it replaces the whole lane (e.g. unattributed). */
  partner?: Maybe<Partner>;
  /** Why it was approved. */
  reason: Scalars['String']['output'];
  /** When it was revoked (ISO 8601, UTC); null while active. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who revoked it; null while active. */
  revokedBy?: Maybe<Scalars['String']['output']>;
  /** The role it gives, e.g. "sourced" or "disputed". */
  role: Scalars['String']['output'];
  /** The rule set it applies to; null: every rule set. */
  ruleSetKey?: Maybe<Scalars['String']['output']>;
  /** The share it imposes, 6 places ("0.000000" removes the partner's credit); cut to what is left of 100%. */
  share: Scalars['Decimal']['output'];
  /** Active or revoked. */
  status: OverrideStatus;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type OverrideConnection = {
  __typename?: 'OverrideConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<OverrideEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Override>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** The credit an approval imposes. */
export type OverrideCreditInput = {
  /** The lane (sourced or influenced). */
  lane: Lane;
  /** Omit for the whole lane. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** The role to give, e.g. "sourced" or "unattributed". */
  role: Scalars['String']['input'];
  /** Fraction 0–1 of the deal amount, at most 6 places, e.g. "0.5"; "0" removes the partner's credit. */
  share: Scalars['Decimal']['input'];
};

/** One item of a page and its cursor. */
export type OverrideEdge = {
  __typename?: 'OverrideEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Override;
};

/** Whether an override still applies in every run. */
export type OverrideStatus =
  /** Applied on top of the rules in every run until revoked. */
  | 'active'
  /** No longer applied (revoked, or replaced by a later approved override for the same partner and lane); credit is recomputed without it. */
  | 'revoked';

/** Where a page sits in its list: whether more items exist before or after it, and the cursors of its ends. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether items follow this page: fetch them with first and after: endCursor. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede this page: fetch them with last and before: startCursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A company in the partner ecosystem (reseller, SI, technology partner …). */
export type Partner = Node & {
  __typename?: 'Partner';
  /** Credit this partner holds; current allocations only unless includeHistory. */
  allocations: PartnerAllocationsConnection;
  /** When the partner was first written here (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** What was spent on this partner, newest period first (for ROI); internal readers only. */
  investments: PartnerInvestmentsConnection;
  /** Stable business key, as sent by integrators. */
  key: Scalars['String']['output'];
  /** Display name of the company. */
  name: Scalars['String']['output'];
  /** Partner manager on our side. */
  owner?: Maybe<Scalars['String']['output']>;
  /** Where the partner stands in the program. */
  status: PartnerStatus;
  /** A partner-tier taxonomy key. */
  tier: Scalars['String']['output'];
  /** The label of `tier` in the taxonomy, e.g. "Gold". */
  tierLabel: Scalars['String']['output'];
  /** This partner's touches (not deleted), newest first; optionally one channel, one action type or a time range. */
  touchpoints: PartnerTouchpointsConnection;
  /** A partner-type taxonomy key (`taxonomy(kind: partner_type)`). */
  type: Scalars['String']['output'];
  /** The label of `type` in the taxonomy, e.g. "System integrator". */
  typeLabel: Scalars['String']['output'];
  /** When the partner record last changed (ISO 8601, UTC). */
  updatedAt: Scalars['DateTime']['output'];
};


/** A company in the partner ecosystem (reseller, SI, technology partner …). */
export type PartnerAllocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeHistory?: InputMaybe<Scalars['Boolean']['input']>;
  lane?: InputMaybe<Lane>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A company in the partner ecosystem (reseller, SI, technology partner …). */
export type PartnerInvestmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A company in the partner ecosystem (reseller, SI, technology partner …). */
export type PartnerTouchpointsArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  occurredAt?: InputMaybe<DateTimeRange>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type PartnerAllocationsConnection = {
  __typename?: 'PartnerAllocationsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<PartnerAllocationsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<CreditAllocation>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type PartnerAllocationsConnectionEdge = {
  __typename?: 'PartnerAllocationsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: CreditAllocation;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type PartnerConnection = {
  __typename?: 'PartnerConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<PartnerEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Partner>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type PartnerEdge = {
  __typename?: 'PartnerEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Partner;
};

/** Which partners to list; every given condition must hold. */
export type PartnerFilter = {
  /** Only these business keys. */
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Case-insensitive match on name or key. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Only partners in one of these statuses. */
  status?: InputMaybe<Array<PartnerStatus>>;
  /** Partner-tier taxonomy keys. */
  tier?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Partner-type taxonomy keys. */
  type?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What we spent on a partner in a period (MDF, enablement, headcount …), for ROI. */
export type PartnerInvestment = Node & {
  __typename?: 'PartnerInvestment';
  /** Amount spent, a decimal string with 2 places, in `currency`. */
  amount: Scalars['Decimal']['output'];
  /** What the money went to, e.g. "mdf", "enablement", "headcount". */
  category: Scalars['String']['output'];
  /** When it was recorded (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 code of `amount`, e.g. "USD". */
  currency: Scalars['String']['output'];
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** Free text; null when none. */
  note?: Maybe<Scalars['String']['output']>;
  /** The partner invested in. */
  partner: Partner;
  /** Last day of the period (YYYY-MM-DD, inclusive). */
  periodEnd: Scalars['Date']['output'];
  /** First day of the period (YYYY-MM-DD, inclusive). */
  periodStart: Scalars['Date']['output'];
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type PartnerInvestmentsConnection = {
  __typename?: 'PartnerInvestmentsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<PartnerInvestmentsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<PartnerInvestment>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type PartnerInvestmentsConnectionEdge = {
  __typename?: 'PartnerInvestmentsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: PartnerInvestment;
};

/** One sort key of a Partner list. Several keys sort by the first, then the next; the id always breaks ties, so pages are stable. */
export type PartnerOrder = {
  /** Ascending unless DESC. */
  direction?: InputMaybe<OrderDirection>;
  /** The value to sort by. */
  field: PartnerOrderField;
};

/** What a list of Partner records can be sorted by. */
export type PartnerOrderField =
  /** Sort by created at. */
  | 'CREATED_AT'
  /** Sort by key. */
  | 'KEY'
  /** Sort by name. */
  | 'NAME'
  /** Sort by tier. */
  | 'TIER';

/** Where a partner stands in the program (reports may filter on it; credit does not depend on it). */
export type PartnerStatus =
  /** In the program. */
  | 'active'
  /** In the program but not working deals. */
  | 'inactive'
  /** Signed, being enabled. */
  | 'onboarding'
  /** Being recruited; not yet signed. */
  | 'prospect'
  /** Left the program; keeps its history and credit. */
  | 'terminated';

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type PartnerTouchpointsConnection = {
  __typename?: 'PartnerTouchpointsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<PartnerTouchpointsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Touchpoint>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type PartnerTouchpointsConnectionEdge = {
  __typename?: 'PartnerTouchpointsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Touchpoint;
};

/** The length of a scorecard period (UTC). */
export type PeriodUnit =
  /** Calendar months, e.g. "2026-03". */
  | 'month'
  /** Fiscal quarters (ATTRIB_FISCAL_YEAR_START), e.g. "2026-Q1" or "FY2027-Q1". */
  | 'quarter';

/** A version to preview and on which opportunities. */
export type PreviewRuleVersionInput = {
  /** Changed opportunities to explain before/after (0–20). */
  examples?: InputMaybe<Scalars['Int']['input']>;
  /** Evaluate the scope's opportunities whatever their attribution date (ignore the version's effectiveFrom/effectiveTo). */
  ignoreEffectiveWindow?: InputMaybe<Scalars['Boolean']['input']>;
  /** Global id of a RuleVersion: a draft or any other version. */
  ruleVersionId: Scalars['ID']['input'];
  /** Which opportunities to evaluate; omitted: every one in the version's window. */
  scope?: InputMaybe<RunScopeInput>;
};

/** The impact of the previewed version. */
export type PreviewRuleVersionPayload = {
  __typename?: 'PreviewRuleVersionPayload';
  /** What would change against the credit in force. */
  impact: ImpactReport;
};

/** The impact report, or why the preview was refused. */
export type PreviewRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | PreviewRuleVersionPayload | ValidationError;

/** The draft to publish. */
export type PublishRuleVersionInput = {
  /** Retire published versions whose effective window overlaps. */
  retireOverlapping?: InputMaybe<Scalars['Boolean']['input']>;
  /** Global id of a draft RuleVersion. */
  ruleVersionId: Scalars['ID']['input'];
};

/** The published version and the versions it retired. */
export type PublishRuleVersionPayload = {
  __typename?: 'PublishRuleVersionPayload';
  /** Versions retired because their window overlapped (retireOverlapping); empty otherwise. */
  retired: Array<RuleVersion>;
  /** The version, now published with its number. */
  ruleVersion: RuleVersion;
};

/** The published version, or why it may not be published (e.g. TESTS_FAILED). */
export type PublishRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | PublishRuleVersionPayload | ValidationError;

/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type Query = {
  __typename?: 'Query';
  /** One account by its business key; null when none has it. Internal readers and integrators. */
  account?: Maybe<Account>;
  /** Customer accounts, by name unless orderBy says otherwise. Internal readers and integrators. */
  accounts: AccountConnection;
  /** Credit allocations (current by default). A partner key sees only its own partner's credit. */
  allocations: CreditAllocationConnection;
  /** Attribution runs, newest first. Internal readers only. */
  attributionRuns: AttributionRunConnection;
  /** The audit trail, newest first. Admin, governance and analyst keys. */
  auditEvents: AuditEventConnection;
  /** Disputes, newest first. A partner key sees only its own partner's disputes. */
  disputes: DisputeConnection;
  /** The stored exchange rates, by currency and day (at most 10,000). */
  fxRates: FxRatesResult;
  /** Revenue hygiene as of a day: touches missing proof or owner, inactive attached partners, disputes, touches after close, unknown references, suspected duplicates, influenced deals without a next joint step and deals without an FX rate; edge cases for governance, and the won deals where rule and model credit disagree most (disagreements). */
  hygieneReport: HygieneReportResult;
  /** Any record by its global id; null when it does not exist or the caller may not read it (a partner key reads only its own records and the published methodology). */
  node?: Maybe<Node>;
  /** Several records by global id, in the order of ids; null for each that does not exist or the caller may not read. */
  nodes: Array<Maybe<Node>>;
  /** Deals, newest first unless orderBy says otherwise. Internal readers and integrators. */
  opportunities: OpportunityConnection;
  /** One deal by its CRM key; null when none has it. Internal readers and integrators. */
  opportunity?: Maybe<Opportunity>;
  /** Overrides, latest approval first. Internal readers only. */
  overrides: OverrideConnection;
  /** One partner by its business key. */
  partner?: Maybe<Partner>;
  /** Partners; a partner key sees only its own partner. */
  partners: PartnerConnection;
  /** The recompute queue: how much credit is waiting to be recomputed after data changes, and any failure. */
  recomputeQueue: RecomputeQueue;
  /** Where one change's recompute stands, by the ticket its mutation returned (recompute.ticket). */
  recomputeRequest: RecomputeRequest;
  /** One methodology by key; null when none has it. Any API key. */
  ruleSet?: Maybe<RuleSet>;
  /** Every methodology, by key. Any API key. */
  ruleSets: RuleSetConnection;
  /** Rule versions, newest first. Partner and integrator keys see published and retired versions only. */
  ruleVersions: RuleVersionConnection;
  /** Partner KPIs per group and period, in the reporting currency. Refuses (FX_RATE_MISSING) rather than drop an amount without an exchange rate. Internal readers only. */
  scorecard: ScorecardResult;
  /** Compare the scorecard of the given results (base: the credit in force unless ruleVersionId/runId) with a candidate rule version or run. */
  scorecardComparison: ScorecardComparisonResult;
  /** The `scorecard` as a CSV download for finance and BI tools (header documented in src/reports/README.md). */
  scorecardCsv: ScorecardCsvResult;
  /** The data-driven spotlight: per partner (or channel, action, partner type), the rules' credit beside a Markov, Shapley or heuristic model's, with a bootstrap interval and a flag where the rules lie outside it. Internal roles only. Errors: RULE_SET_NOT_FOUND, INVALID_INPUT. */
  spotlight: SpotlightResult;
  /** The vocabulary in force: partner types and tiers, action types, channels and opportunity stages, in display order. */
  taxonomy: Array<TaxonomyEntry>;
  /** One touchpoint by its source system and external id. */
  touchpoint?: Maybe<Touchpoint>;
  /** Touchpoints, newest first unless orderBy says otherwise; a partner key sees only its own. */
  touchpoints: TouchpointConnection;
  /** Who the API key is and what it may do, for UIs deciding what to show. Any API key. */
  viewer: Viewer;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryAccountArgs = {
  key: Scalars['String']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AccountOrder>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryAllocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AllocationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AllocationOrder>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryAttributionRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AttributionRunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryDisputesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<DisputeStatus>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryFxRatesArgs = {
  currency?: InputMaybe<Scalars['String']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryHygieneReportArgs = {
  asOf: Scalars['Date']['input'];
  disagreements?: InputMaybe<HygieneDisagreementsInput>;
  duplicateDays?: InputMaybe<Scalars['Int']['input']>;
  inactiveDays?: InputMaybe<Scalars['Int']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryOpportunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OpportunityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<OpportunityOrder>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryOpportunityArgs = {
  key: Scalars['String']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryOverridesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<OverrideStatus>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryPartnerArgs = {
  key: Scalars['String']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryPartnersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PartnerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<PartnerOrder>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryRecomputeRequestArgs = {
  ticket: Scalars['ID']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryRuleSetArgs = {
  key: Scalars['String']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryRuleSetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryRuleVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<RuleVersionStatus>>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryScorecardArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  from: Scalars['Date']['input'];
  groupBy?: InputMaybe<ScorecardGroupBy>;
  period?: InputMaybe<PeriodUnit>;
  ruleSetKey: Scalars['String']['input'];
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['Date']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryScorecardComparisonArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  candidateRuleVersionId?: InputMaybe<Scalars['ID']['input']>;
  candidateRunId?: InputMaybe<Scalars['ID']['input']>;
  from: Scalars['Date']['input'];
  groupBy?: InputMaybe<ScorecardGroupBy>;
  period?: InputMaybe<PeriodUnit>;
  ruleSetKey: Scalars['String']['input'];
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['Date']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryScorecardCsvArgs = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  from: Scalars['Date']['input'];
  groupBy?: InputMaybe<ScorecardGroupBy>;
  period?: InputMaybe<PeriodUnit>;
  ruleSetKey: Scalars['String']['input'];
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['Date']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QuerySpotlightArgs = {
  input: SpotlightInput;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryTaxonomyArgs = {
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
  kind?: InputMaybe<TaxonomyKind>;
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryTouchpointArgs = {
  externalId: Scalars['String']['input'];
  source: Scalars['String']['input'];
};


/** Reads. Every field needs an API key (`Authorization: Bearer <key>`); each says which roles may read it. */
export type QueryTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TouchpointFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TouchpointOrder>>;
};

/** The stored rates that match. */
export type QueryFxRatesSuccess = {
  __typename?: 'QueryFxRatesSuccess';
  /** The rates, by currency then day. */
  data: Array<FxRate>;
};

/** A challenge to credit: an allocation, or a deal (and partner). */
export type RaiseDisputeInput = {
  /** The CreditAllocation in question (or give opportunityKey). */
  allocationId?: InputMaybe<Scalars['ID']['input']>;
  /** Link or text supporting the claim. */
  evidence?: InputMaybe<Scalars['String']['input']>;
  /** The deal in question (CRM key), when no allocationId is given. */
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  /** Whose credit is in question; partner keys may only name their own partner. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Why the credit is wrong. */
  reason: Scalars['String']['input'];
  /** The credit asked for; approval imposes it unless the resolver gives another. */
  requested?: InputMaybe<CreditRequestInput>;
};

/** The dispute, or why it was refused (another partner's credit answers NotFoundError). */
export type RaiseDisputeResult = DisputePayload | DomainRuleError | NotAllowedError | NotFoundError | ValidationError;

/** A win rate: won / closed among deals closed in the period. */
export type RateFigure = {
  __typename?: 'RateFigure';
  /** Deals won or lost in the period. */
  closed: Scalars['Int']['output'];
  /** won / closed, 4 places ("0.2500" = 25 %); null when no deal closed. */
  rate?: Maybe<Scalars['Decimal']['output']>;
  /** Deals won in the period. */
  won: Scalars['Int']['output'];
};

/** A ratio (4 places) under the base and the candidate results; null where the ratio is undefined (nothing to divide by). */
export type RatioDiff = {
  __typename?: 'RatioDiff';
  /** Under the base results. */
  base?: Maybe<Scalars['Decimal']['output']>;
  /** Under the candidate results. */
  candidate?: Maybe<Scalars['Decimal']['output']>;
  /** candidate − base; null when either is null. */
  delta?: Maybe<Scalars['Decimal']['output']>;
};

/** The background recompute of credit after data changes. Empty (pendingRequests 0) means all ingested credit is current. */
export type RecomputeQueue = {
  __typename?: 'RecomputeQueue';
  /** Requests whose last attempt failed; retried with backoff. */
  failingRequests: Scalars['Int']['output'];
  /** When this server process last recomputed queued work. */
  lastDrainAt?: Maybe<Scalars['DateTime']['output']>;
  /** Most recent error of a failing request; null when none fails. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When failed requests are tried again. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the oldest waiting request was recorded (ISO 8601); null when the queue is empty. */
  oldestRequestedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Distinct opportunities waiting for a recompute. */
  pendingOpportunities: Scalars['Int']['output'];
  /** Requests waiting (one per opportunity per change). */
  pendingRequests: Scalars['Int']['output'];
  /** Whether this server process drains the queue. */
  workerRunning: Scalars['Boolean']['output'];
};

/** What happened to credit after a data change. */
export type RecomputeReport = {
  __typename?: 'RecomputeReport';
  /** Why the recompute failed; null unless FAILED. */
  error?: Maybe<Scalars['String']['output']>;
  /** Opportunities whose credit may have changed. */
  opportunities: Scalars['Int']['output'];
  /** Global ids of the incremental runs that recomputed the credit (empty while QUEUED; a queued recompute may share its runs with other changes). */
  runIds: Array<Scalars['ID']['output']>;
  /** The incremental runs that recomputed them (one per applicable published rule version); internal readers only. */
  runs: Array<AttributionRun>;
  /** DONE: credit is current; QUEUED: follow `ticket`; FAILED: see `error`. */
  status: RecomputeStatus;
  /** The recompute request of this change when it was queued: ask recomputeRequest(ticket:) when its credit is current. */
  ticket?: Maybe<Scalars['ID']['output']>;
  /** Opportunities that lost credit because no published version covers them. */
  withdrawn: Scalars['Int']['output'];
};

/** One change's queued recompute. DONE once its credit is current (the request is removed when recomputed). */
export type RecomputeRequest = {
  __typename?: 'RecomputeRequest';
  /** Failed attempts so far. */
  attempts: Scalars['Int']['output'];
  /** Error of the last failed attempt; null when none failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** When a failed request is tried again (ISO 8601); null when it is not waiting for a retry. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Opportunities of this change still waiting. */
  opportunities: Scalars['Int']['output'];
  /** QUEUED while any of its opportunities waits, FAILED when the last attempt failed, DONE once its credit is current. */
  status: RecomputeStatus;
  /** The ticket asked about (recompute.ticket of the mutation). */
  ticket: Scalars['ID']['output'];
};

/** Where the recompute of credit after a change stands. */
export type RecomputeStatus =
  /** Credit is current for the change (or nothing needed recomputing). */
  | 'DONE'
  /** The last attempt failed (see error); the change is saved, and queued work is retried automatically with backoff. */
  | 'FAILED'
  /** Recorded with the change; the server recomputes it shortly (follow the ticket with recomputeRequest, or subscribe to allocationsChanged). */
  | 'QUEUED';

/** A calendar period in UTC: start inclusive, end exclusive (YYYY-MM-DD). */
export type ReportPeriod = {
  __typename?: 'ReportPeriod';
  /** Day after the last (YYYY-MM-DD, exclusive). */
  end: Scalars['String']['output'];
  /** "2026-Q1", "2026-03" or "2026-W12". */
  key: Scalars['String']['output'];
  /** First day (YYYY-MM-DD, inclusive). */
  start: Scalars['String']['output'];
};

/** A decision on an open dispute. */
export type ResolveDisputeInput = {
  /** Approve or reject. */
  decision: DisputeDecision;
  /** Global id of an open Dispute. */
  disputeId: Scalars['ID']['input'];
  /** Credit to impose on approval; default: what the dispute requested. */
  override?: InputMaybe<OverrideCreditInput>;
  /** Why: kept in the audit trail and shown to the raiser. */
  resolution: Scalars['String']['input'];
  /** Limit the override to one rule set. */
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
};

/** The decided dispute and, on approval, its override. */
export type ResolveDisputePayload = {
  __typename?: 'ResolveDisputePayload';
  /** The dispute, now approved or rejected. */
  dispute: Dispute;
  /** The approved override (approval only); the opportunity's credit was recomputed with it. */
  override?: Maybe<Override>;
  /** Why recomputing the deal failed (the decision is saved); null when it succeeded or nothing was recomputed. */
  recomputeError?: Maybe<Scalars['String']['output']>;
};

/** The decision, or why it was refused (e.g. not open, own dispute). */
export type ResolveDisputeResult = DomainRuleError | NotAllowedError | NotFoundError | ResolveDisputePayload | ValidationError;

/** The published version to retire. */
export type RetireRuleVersionInput = {
  /** Why, for the audit trail. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Global id of a published RuleVersion. */
  ruleVersionId: Scalars['ID']['input'];
};

/** The retired version. */
export type RetireRuleVersionPayload = {
  __typename?: 'RetireRuleVersionPayload';
  /** The version, now retired. */
  ruleVersion: RuleVersion;
};

/** The retired version, or why it may not be retired. */
export type RetireRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | RetireRuleVersionPayload | ValidationError;

/** The retired entry, or why it could not be retired. */
export type RetireTaxonomyEntryResult = DomainRuleError | NotAllowedError | NotFoundError | TaxonomyEntry | ValidationError;

/** The active override to revoke. */
export type RevokeOverrideInput = {
  /** Global id of an active Override. */
  overrideId: Scalars['ID']['input'];
  /** Why, for the audit trail. */
  reason: Scalars['String']['input'];
};

/** The revoked override. */
export type RevokeOverridePayload = {
  __typename?: 'RevokeOverridePayload';
  /** The override, now revoked. */
  override: Override;
  /** Why recomputing the deal failed (the revocation is saved); null when it succeeded. */
  recomputeError?: Maybe<Scalars['String']['output']>;
};

/** The revoked override, or why it could not be revoked (e.g. already revoked). */
export type RevokeOverrideResult = DomainRuleError | NotAllowedError | NotFoundError | RevokeOverridePayload | ValidationError;

/** A named methodology (e.g. "default"); its versions are drafted, published and retired. */
export type RuleSet = Node & {
  __typename?: 'RuleSet';
  /** When the rule set was created (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** The published version in effect today, if any. */
  currentVersion?: Maybe<RuleVersion>;
  /** What the methodology is for; null when none was given. */
  description?: Maybe<Scalars['String']['output']>;
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** Stable key, as named in the rules file header (e.g. "default"). */
  key: Scalars['String']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** When the rule set record last changed (ISO 8601, UTC). */
  updatedAt: Scalars['DateTime']['output'];
  /** Versions, newest first. Partner keys see published and retired versions only. */
  versions: RuleSetVersionsConnection;
};


/** A named methodology (e.g. "default"); its versions are drafted, published and retired. */
export type RuleSetVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<RuleVersionStatus>>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type RuleSetConnection = {
  __typename?: 'RuleSetConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<RuleSetEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<RuleSet>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type RuleSetEdge = {
  __typename?: 'RuleSetEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: RuleSet;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type RuleSetVersionsConnection = {
  __typename?: 'RuleSetVersionsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<RuleSetVersionsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<RuleVersion>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type RuleSetVersionsConnectionEdge = {
  __typename?: 'RuleSetVersionsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: RuleVersion;
};

/** One in-file test of a rule version. */
export type RuleTestCase = {
  __typename?: 'RuleTestCase';
  /** Why it failed (expected vs actual); null when it passed. */
  message?: Maybe<Scalars['String']['output']>;
  /** The test's name in the rules file ("test N" when unnamed). */
  name: Scalars['String']['output'];
  /** Whether the rules gave the expected credit. */
  passed: Scalars['Boolean']['output'];
};

/** Outcome of the in-file tests of a rule version. */
export type RuleTestResults = {
  __typename?: 'RuleTestResults';
  /** Each test, in file order. */
  cases: Array<RuleTestCase>;
  /** Problems that kept tests from running (e.g. a test naming an unknown partner). */
  diagnostics: Array<Diagnostic>;
  /** Tests that failed. */
  failed: Scalars['Int']['output'];
  /** true when every test passed and there is at least one. */
  ok: Scalars['Boolean']['output'];
  /** Tests that passed. */
  passed: Scalars['Int']['output'];
  /** Tests in the file. */
  total: Scalars['Int']['output'];
};

/** One version of a rule set: its source, check diagnostics, in-file test results and lifecycle. */
export type RuleVersion = Node & {
  __typename?: 'RuleVersion';
  /** Who saved the draft: an actor such as "key:<prefix> (<name>)" for an API key. */
  author: Scalars['String']['output'];
  /** What changed and why, as written by its author; null when none. */
  changeNote?: Maybe<Scalars['String']['output']>;
  /** When the draft was first saved (ISO 8601, UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** What the checker found when the version was saved (errors, warnings, notes), in source order. */
  diagnostics: Array<Diagnostic>;
  /** First attribution date (YYYY-MM-DD, inclusive) the version applies to, from the rules header; null: no lower bound. */
  effectiveFrom?: Maybe<Scalars['Date']['output']>;
  /** Last attribution date (YYYY-MM-DD, inclusive) the version applies to; null: open-ended. */
  effectiveTo?: Maybe<Scalars['Date']['output']>;
  /** Error diagnostics; a version with any cannot be published. */
  errorCount: Scalars['Int']['output'];
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** When it was published (ISO 8601, UTC); null while a draft. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who published it; null while a draft. */
  publishedBy?: Maybe<Scalars['String']['output']>;
  /** When it was retired (ISO 8601, UTC); null unless retired. */
  retiredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The methodology this is a version of. */
  ruleSet: RuleSet;
  /** Runs under this version (full, incremental and preview), newest first; internal readers only. */
  runs: RuleVersionRunsConnection;
  /** Hash of the rules' meaning (insensitive to layout and comments): equal for two versions that give the same credit; null when the source does not parse. */
  semanticHash?: Maybe<Scalars['String']['output']>;
  /** The rules file text (the rules language, dsl/README.md). */
  source: Scalars['String']['output'];
  /** SHA-256 hex of the source text; credit allocations carry it, so each is traceable to the exact text. */
  sourceHash: Scalars['String']['output'];
  /** Draft, published or retired. */
  status: RuleVersionStatus;
  /** Hash of the taxonomy the version was checked against (keys, outcomes, active flags); null: the default taxonomy. */
  taxonomyHash?: Maybe<Scalars['String']['output']>;
  /** The latest in-file test results (for a published version: at publication); null when never tested. */
  testResults?: Maybe<RuleTestResults>;
  /** When the version last changed (ISO 8601, UTC); frozen once published. */
  updatedAt: Scalars['DateTime']['output'];
  /** Assigned on publish (1, 2, 3 … per rule set); null while a draft. */
  version?: Maybe<Scalars['Int']['output']>;
};


/** One version of a rule set: its source, check diagnostics, in-file test results and lifecycle. */
export type RuleVersionRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type RuleVersionConnection = {
  __typename?: 'RuleVersionConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<RuleVersionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<RuleVersion>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type RuleVersionEdge = {
  __typename?: 'RuleVersionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: RuleVersion;
};

/** One rule version. */
export type RuleVersionRefInput = {
  /** Global id of a RuleVersion. */
  ruleVersionId: Scalars['ID']['input'];
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type RuleVersionRunsConnection = {
  __typename?: 'RuleVersionRunsConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<RuleVersionRunsConnectionEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<AttributionRun>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type RuleVersionRunsConnectionEdge = {
  __typename?: 'RuleVersionRunsConnectionEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: AttributionRun;
};

/** The lifecycle of a rule version: draft → published → retired. */
export type RuleVersionStatus =
  /** Editable; can be tested and previewed, never gives credit. */
  | 'draft'
  /** Immutable; gives credit to the opportunities in its effective window. */
  | 'published'
  /** Immutable and no longer applied; its past runs and credit stay readable. */
  | 'retired';

/** Which exact rules produced a credit: the version id, its number and the hash of its source. */
export type RuleVersionTag = {
  __typename?: 'RuleVersionTag';
  /** Global id of the RuleVersion. */
  id: Scalars['ID']['output'];
  /** The version number within its rule set; null for a draft (preview rows). */
  number?: Maybe<Scalars['Int']['output']>;
  /** SHA-256 hex of the rules source that produced the credit. */
  sourceHash: Scalars['String']['output'];
};

/** What an attribution run covers and whether its credit becomes current. */
export type RunKind =
  /** Every opportunity in the version's window (and scope); its credit becomes current. */
  | 'full'
  /** Only the opportunities a data change touched (the recompute queue); its credit becomes current. */
  | 'incremental'
  /** A draft or any version tried out: rows are compared with current credit and never become current. */
  | 'preview';

/** Which opportunities a run covers; empty means all. */
export type RunScopeInput = {
  /** Attribution date (close date, else creation) from this day. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Only these opportunities (CRM keys); an unknown key is an error. */
  opportunityKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Opportunities the partner touched, is present on, or holds credit in. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** …up to this day, inclusive. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** Where an attribution run stands. Readers never see the credit of a run that did not succeed. */
export type RunStatus =
  /** Stopped by an error or a killed process (see error); its rows were deleted, current credit is untouched. */
  | 'failed'
  /** Created, not started. */
  | 'queued'
  /** Evaluating batches; see processed/total. */
  | 'running'
  /** Done; its credit (unless a preview) became current in one switch. */
  | 'succeeded'
  /** Replaced by a newer run of the rule set. */
  | 'superseded';

/** A draft's rules text, new or edited. */
export type SaveRuleDraftInput = {
  /** What changed and why, for reviewers. */
  changeNote?: InputMaybe<Scalars['String']['input']>;
  /** Create the rule set if it does not exist. */
  createRuleSet?: InputMaybe<Scalars['Boolean']['input']>;
  /** The rule set the draft belongs to. */
  ruleSetKey: Scalars['String']['input'];
  /** Edit this draft instead of creating a new one. */
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** The rules text. Saved even when it has errors (drafts are work in progress). */
  source: Scalars['String']['input'];
};

/** The saved draft and what the checker found. */
export type SaveRuleDraftPayload = {
  __typename?: 'SaveRuleDraftPayload';
  /** false when an identical draft already existed and was returned. */
  created: Scalars['Boolean']['output'];
  /** What the checker found, with line:column ranges. */
  diagnostics: Array<Diagnostic>;
  /** true when there are no error diagnostics. */
  ok: Scalars['Boolean']['output'];
  /** The draft as saved. */
  ruleVersion: RuleVersion;
  /** The draft's stored in-file test results; null when never tested (run testRuleVersion). */
  testResults?: Maybe<RuleTestResults>;
};

/** The saved draft, or why it was refused (e.g. editing a version that is not a draft). */
export type SaveRuleDraftResult = DomainRuleError | NotAllowedError | NotFoundError | SaveRuleDraftPayload | ValidationError;

/** Partner ecosystem KPIs from the credit in force (or from one rule version or run). */
export type Scorecard = {
  __typename?: 'Scorecard';
  /** The reporting currency (ISO 4217, ATTRIB_REPORTING_CURRENCY) of every money figure. Deals convert at the rate of their close day (open deals: asOf), or the nearest earlier one. */
  currency: Scalars['String']['output'];
  /** The month (1–12) the fiscal year starts in (ATTRIB_FISCAL_YEAR_START); quarters follow it: "FY2027-Q1", or "2026-Q1" when it is 1. */
  fiscalYearStart: Scalars['Int']['output'];
  /** The requested first day (YYYY-MM-DD). */
  from: Scalars['String']['output'];
  /** Per currency, the deals and investments converted to `currency` (empty when every amount is already in it). */
  fxConversions: Array<ScorecardFxConversion>;
  /** What each row stands for. */
  groupBy: ScorecardGroupBy;
  /** Per period: the share of partner-credited won deals whose credit stood (src/reports/README.md). */
  influenceAccuracy: Array<InfluenceAccuracy>;
  /** Month or quarter. */
  period: PeriodUnit;
  /** The period keys covered, in order: every whole period from the one containing `from` to the one containing `to`. */
  periods: Array<Scalars['String']['output']>;
  /** One row per group and period. */
  rows: Array<ScorecardRow>;
  /** Every rule version whose allocations produced a figure. */
  ruleVersions: Array<ScorecardRuleVersion>;
  /** The requested last day (YYYY-MM-DD, inclusive). */
  to: Scalars['String']['output'];
};

/** The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row. */
export type ScorecardComparison = {
  __typename?: 'ScorecardComparison';
  /** The results compared against. */
  base: ScorecardSelection;
  /** Rule versions behind the base figures. */
  baseRuleVersions: Array<ScorecardRuleVersion>;
  /** The results compared. */
  candidate: ScorecardSelection;
  /** Rule versions behind the candidate figures. */
  candidateRuleVersions: Array<ScorecardRuleVersion>;
  /** The reporting currency (ISO 4217) of every money figure, on both sides. */
  currency: Scalars['String']['output'];
  /** The requested first day (YYYY-MM-DD). */
  from: Scalars['String']['output'];
  /** What each row stands for. */
  groupBy: ScorecardGroupBy;
  /** Month or quarter. */
  period: PeriodUnit;
  /** One row per group and period present on either side. */
  rows: Array<ScorecardComparisonRow>;
  /** The requested last day (YYYY-MM-DD, inclusive). */
  to: Scalars['String']['output'];
};


/** The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row. */
export type ScorecardComparisonRowsArgs = {
  changedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The comparison, or why it was refused. */
export type ScorecardComparisonResult = DomainRuleError | NotAllowedError | NotFoundError | ScorecardComparison | ValidationError;

/** One group and period of the scorecard under both results (the figures as in ScorecardRow). */
export type ScorecardComparisonRow = {
  __typename?: 'ScorecardComparisonRow';
  /** Whether any figure of the row differs. */
  changed: Scalars['Boolean']['output'];
  /** Coverage rate, both sides. */
  coverage: RatioDiff;
  /** The group: a partner key, partner-type key, channel key or "all". */
  groupKey: Scalars['String']['output'];
  /** The group's display name. */
  groupLabel: Scalars['String']['output'];
  /** Influenced pipeline, both sides. */
  influencedPipeline: FigureDiff;
  /** Influenced revenue, both sides. */
  influencedRevenue: FigureDiff;
  /** Won amount of the involved deals, both sides. */
  involvedRevenue: FigureDiff;
  /** Period key, e.g. "2026-Q1". */
  period: Scalars['String']['output'];
  /** Sourced pipeline, both sides. */
  sourcedPipeline: FigureDiff;
  /** Sourced revenue, both sides. */
  sourcedRevenue: FigureDiff;
  /** Win rate of the involved deals, both sides. */
  winRateInvolved: RatioDiff;
};

/** The CSV, or why the scorecard was refused. */
export type ScorecardCsvResult = CsvDownload | DomainRuleError | NotAllowedError | NotFoundError | ValidationError;

/** Amounts of one currency converted to the reporting currency, and the days of the rates used. */
export type ScorecardFxConversion = {
  __typename?: 'ScorecardFxConversion';
  /** The converted currency (ISO 4217). */
  currency: Scalars['String']['output'];
  /** Day of the earliest rate used (YYYY-MM-DD). */
  firstRateDate: Scalars['String']['output'];
  /** Partner investments in that currency converted. */
  investments: Scalars['Int']['output'];
  /** Day of the latest rate used (YYYY-MM-DD). */
  lastRateDate: Scalars['String']['output'];
  /** Deals in that currency converted. */
  opportunities: Scalars['Int']['output'];
};

/** What one scorecard row stands for (within a period). */
export type ScorecardGroupBy =
  /** One row per channel: the channel of each allocation's earliest contributing touch ("none" without one), so channel totals add up to the period total. */
  | 'channel'
  /** One row per partner. */
  | 'partner'
  /** One row per partner-type taxonomy key. */
  | 'partner_type'
  /** A single "all" row per period. */
  | 'period';

/** The scorecard, or why it was refused (RULE_SET_NOT_FOUND, FX_RATE_MISSING …). */
export type ScorecardResult = DomainRuleError | NotAllowedError | NotFoundError | Scorecard | ValidationError;

/** The KPIs of one group in one period. Money is in the reporting currency (Scorecard.currency), 2 places; ratios have 4 places; lanes are never added together. Definitions: src/reports/README.md. */
export type ScorecardRow = {
  __typename?: 'ScorecardRow';
  /** Deals created in the period. */
  coverageOpportunities: Scalars['Int']['output'];
  /** coverageWithSignals / coverageOpportunities, 4 places; null when no deal was created. */
  coverageRate?: Maybe<Scalars['Decimal']['output']>;
  /** Of those, deals with a partner signal from the group (an allocation naming a partner, or a live touch). */
  coverageWithSignals: Scalars['Int']['output'];
  /** Revenue on won expansion deals. */
  expansion: LaneRevenue;
  /** The group: a partner key, partner-type key, channel key ("none" without a touch) or "all". */
  groupKey: Scalars['String']['output'];
  /** The group's display name (partner name, taxonomy label). */
  groupLabel: Scalars['String']['output'];
  /** Credited influenced-lane amount on open deals created in the period. */
  influencedPipeline: Scalars['Decimal']['output'];
  /** influencedPipeline against the previous period. */
  influencedPipelineChange: DecimalChange;
  /** Credited influenced-lane amount on deals won in the period. */
  influencedRevenue: Scalars['Decimal']['output'];
  /** influencedRevenue against the previous period. */
  influencedRevenueChange: DecimalChange;
  /** Open amount of the deals the group holds credit on, each counted once. */
  involvedPipeline: Scalars['Decimal']['output'];
  /** Won amount of the deals the group holds credit on, each counted once; each lane is at most this. */
  involvedRevenue: Scalars['Decimal']['output'];
  /** Period key, e.g. "2026-Q1", "FY2027-Q1" or "2026-03". */
  period: Scalars['String']['output'];
  /** Day after the period (YYYY-MM-DD, exclusive). */
  periodEnd: Scalars['String']['output'];
  /** First day of the period (YYYY-MM-DD, inclusive). */
  periodStart: Scalars['String']['output'];
  /** Key of the period the changes compare with. */
  previousPeriod: Scalars['String']['output'];
  /** Revenue on won renewal deals. */
  renewal: LaneRevenue;
  /** influencedRevenue / investment, 4 places; null with roiReason. */
  roiInfluenced?: Maybe<Scalars['Decimal']['output']>;
  /** Investment in the group (partner investments whose period starts in this period), 2 places; null when there is none or the grouping is by channel (see roiReason). */
  roiInvestment?: Maybe<Scalars['Decimal']['output']>;
  /** Why the ROI is null: no_investment, zero_investment or not_applicable; null when it is computed. */
  roiReason?: Maybe<Scalars['String']['output']>;
  /** sourcedRevenue / investment, 4 places; null with roiReason. */
  roiSourced?: Maybe<Scalars['Decimal']['output']>;
  /** The rule versions whose allocations produced this row. */
  ruleVersions: Array<ScorecardRuleVersion>;
  /** Credited sourced-lane amount on open deals created in the period. */
  sourcedPipeline: Scalars['Decimal']['output'];
  /** sourcedPipeline against the previous period. */
  sourcedPipelineChange: DecimalChange;
  /** Credited sourced-lane amount on deals won in the period (by close date). */
  sourcedRevenue: Scalars['Decimal']['output'];
  /** sourcedRevenue against the previous period. */
  sourcedRevenueChange: DecimalChange;
  /** Deals whose allocations are older than their event (not yet recomputed). */
  staleOpportunities: Scalars['Int']['output'];
  /** Median hours from a deal's event (close, or latest touch while open) to its newest allocation, 2 places; null without deals. */
  timeToInsightP50Hours?: Maybe<Scalars['Decimal']['output']>;
  /** 90th percentile of the same hours (nearest rank), 2 places; null without deals. */
  timeToInsightP90Hours?: Maybe<Scalars['Decimal']['output']>;
  /** Velocity of the involved deals won in the period. */
  velocityInvolved: VelocityFigure;
  /** Velocity of won deals no partner holds credit on. */
  velocityOther: VelocityFigure;
  /** Win rate of the deals the group is involved in. */
  winRateInvolved: RateFigure;
  /** Win rate of deals no partner holds credit on (the same baseline for every group). */
  winRateOther: RateFigure;
};

/** A rule version whose allocations produced figures (provenance). */
export type ScorecardRuleVersion = {
  __typename?: 'ScorecardRuleVersion';
  /** Global id of the RuleVersion. */
  id: Scalars['ID']['output'];
  /** Its number in the rule set; null for a draft. */
  number?: Maybe<Scalars['Int']['output']>;
  /** SHA-256 hex of its rules source. */
  sourceHash: Scalars['String']['output'];
  /** draft, published or retired. */
  status: Scalars['String']['output'];
};

/** Which results were scored: current (in force) results, a rule version, or one run. */
export type ScorecardSelection = {
  __typename?: 'ScorecardSelection';
  /** current, rule_version or run. */
  kind: Scalars['String']['output'];
  /** The rule set scored. */
  ruleSetKey: Scalars['String']['output'];
  /** Global id of the RuleVersion scored; null for current results. */
  ruleVersionId?: Maybe<Scalars['ID']['output']>;
  /** Global id of the AttributionRun scored; null unless one run was. */
  runId?: Maybe<Scalars['ID']['output']>;
};

/** 1-based line and column, 0-based offset into the source. */
export type SourcePosition = {
  __typename?: 'SourcePosition';
  /** Column, from 1. */
  column: Scalars['Int']['output'];
  /** Line, from 1. */
  line: Scalars['Int']['output'];
  /** Character offset into the source, from 0. */
  offset: Scalars['Int']['output'];
};

/** A span of the rules source. */
export type SourceRange = {
  __typename?: 'SourceRange';
  /** Where the span ends (the start when the checker gave only one position). */
  end: SourcePosition;
  /** Where the span starts. */
  start: SourcePosition;
};

/** A won deal where the rules and the model split the credit differently: an edge case for the governance review. */
export type SpotlightDeal = {
  __typename?: 'SpotlightDeal';
  /** The lane's rule credit on the deal, touch-less credit left out: the total both splits share (2 places). */
  credit: Scalars['Decimal']['output'];
  /** Half the sum of |rule - model| over the units: the credit the model would move (2 places). */
  disagreement: Scalars['Decimal']['output'];
  /** Global id of the opportunity (query it with node(id:)). */
  nodeId: Scalars['ID']['output'];
  /** Opportunity id (uuid); read it with node(id:) or the opportunity query. */
  opportunityId: Scalars['String']['output'];
  /** The opportunity's key in the source CRM. */
  opportunityKey: Scalars['String']['output'];
  /** The deal's units, the largest gap first. */
  units: Array<SpotlightDealUnit>;
};

/** One unit on one deal: how the rules and the model split the deal's credit. */
export type SpotlightDealUnit = {
  __typename?: 'SpotlightDealUnit';
  /** ruleCredit - modelCredit: the gap on this unit (decimal string, 2 places). */
  difference: Scalars['Decimal']['output'];
  /** The unit's part of the same deal credit, in proportion to its model credit (2 places). */
  modelCredit: Scalars['Decimal']['output'];
  /** The rules' credit of the unit on the deal (decimal string, 2 places). */
  ruleCredit: Scalars['Decimal']['output'];
  /** Partner key, channel, action or partner type. */
  unit: Scalars['String']['output'];
};

/** Closed deals left out because no touch leads to them. */
export type SpotlightExcluded = {
  __typename?: 'SpotlightExcluded';
  /** Closed deals with no live touch up to the close. */
  untouched: Scalars['Int']['output'];
  /** Of those, the won ones. */
  untouchedWon: Scalars['Int']['output'];
  /** Their won value (2 places). */
  untouchedWonValue: Scalars['Decimal']['output'];
};

/** Which heuristic the heuristic model uses. */
export type SpotlightHeuristic =
  /** The whole deal to the first touch. */
  | 'first'
  /** The whole deal to the last touch before the close. */
  | 'last'
  /** The deal split equally over its touches. */
  | 'linear';

/** What to compare: a rule set's lane, a model, a unit and a window of closed deals. */
export type SpotlightInput = {
  /** Default partner. */
  by?: InputMaybe<SpotlightUnit>;
  /** ISO 4217 code; required when the deals are in more than one currency. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Won deals listed in `deals` (default 10, 0 to 100). */
  deals?: InputMaybe<Scalars['Int']['input']>;
  /** Deals closed on or after this day (UTC). */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** For model heuristic; default linear. */
  heuristic?: InputMaybe<SpotlightHeuristic>;
  /** The rule lane compared; default influence (the multi-touch lane). */
  lane?: InputMaybe<Lane>;
  /** Default markov. */
  model?: InputMaybe<SpotlightModel>;
  /** Markov order, 1 (default) to 4; markov only. */
  order?: InputMaybe<Scalars['Int']['input']>;
  /** Bootstrap resamples for the interval (default 200, at most 2000). */
  resamples?: InputMaybe<Scalars['Int']['input']>;
  /** Rule set whose current credit is compared. */
  ruleSetKey: Scalars['String']['input'];
  /** Seed of the resampling (default 1): the same seed gives the same interval. */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Deals closed on or before this day (UTC). */
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** The data-driven model compared with the rules. */
export type SpotlightModel =
  /** First-, last- or linear-touch. */
  | 'heuristic'
  /** Markov chain removal effect (order 1 to 4). */
  | 'markov'
  /** Shapley value: each won deal split equally among the distinct units on it. */
  | 'shapley';

/** Rule credit beside data-driven credit per unit. The model is a spotlight, not a judge: credit changes only through a reviewed rule version. */
export type SpotlightReport = {
  __typename?: 'SpotlightReport';
  /** What each row is about. */
  by: SpotlightUnit;
  /** Currency of every amount (null when no deal matched). */
  currency?: Maybe<Scalars['String']['output']>;
  /** Won deals where rules and model split the credit most differently, largest disagreement first; deals that agree are not listed. */
  deals: Array<SpotlightDeal>;
  /** Closed deals left out. */
  excluded: SpotlightExcluded;
  /** First close day included (YYYY-MM-DD), null for no lower bound. */
  from?: Maybe<Scalars['String']['output']>;
  /** The rule lane compared. */
  lane: Lane;
  /** The lane's rule credit on those deals: the total the model credit is rescaled to. */
  laneTotal: Scalars['Decimal']['output'];
  /** The model, e.g. "markov order 1", "shapley (closed-form)", "heuristic linear". */
  model: Scalars['String']['output'];
  /** Bootstrap resamples behind the intervals. */
  resamples: Scalars['Int']['output'];
  /** Diverging units first, then by the size of the difference, then by name. */
  rows: Array<SpotlightRow>;
  /** The rule set compared. */
  ruleSetKey: Scalars['String']['output'];
  /** Rule versions of the compared credit (number + hash). */
  ruleVersions: Array<SpotlightRuleVersion>;
  /** The data the model saw. */
  sample: SpotlightSample;
  /** Seed of the resampling. */
  seed: Scalars['Int']['output'];
  /** Last close day included (YYYY-MM-DD), null for no upper bound. */
  to?: Maybe<Scalars['String']['output']>;
};

/** The spotlight, or why it was refused. */
export type SpotlightResult = DomainRuleError | NotAllowedError | NotFoundError | SpotlightReport | ValidationError;

/** One unit: the rules' credit, the model's credit of the same total, and whether they differ beyond the noise. */
export type SpotlightRow = {
  __typename?: 'SpotlightRow';
  /** Won deals the unit is on. */
  conversions: Scalars['Int']['output'];
  /** ruleCredit - modelCredit. */
  difference: Scalars['Decimal']['output'];
  /** true when ruleCredit lies outside [low, high]: a work item for governance, not a verdict. */
  diverges: Scalars['Boolean']['output'];
  /** Upper end of the model credit's 95% bootstrap interval. */
  high: Scalars['Decimal']['output'];
  /** Closed deals (won or lost) the unit is on. */
  journeys: Scalars['Int']['output'];
  /** Lower end of the model credit's 95% bootstrap interval. */
  low: Scalars['Decimal']['output'];
  /** The model's share of the same total (laneTotal), 2 places. */
  modelCredit: Scalars['Decimal']['output'];
  /** The lane's current rule credit on the won deals the model saw (decimal string, 2 places, the report's currency). */
  ruleCredit: Scalars['Decimal']['output'];
  /** Partner key, channel, action or partner type; "(no touch)" for rule credit that rests on no touch. */
  unit: Scalars['String']['output'];
};

/** A rule version whose current credit the spotlight compares. */
export type SpotlightRuleVersion = {
  __typename?: 'SpotlightRuleVersion';
  /** Content hash of the rule source. */
  hash: Scalars['String']['output'];
  /** Rule version id (uuid). */
  id: Scalars['String']['output'];
  /** Version number (null for a draft). */
  number?: Maybe<Scalars['Int']['output']>;
};

/** How much data the model saw: always read it with the figures. */
export type SpotlightSample = {
  __typename?: 'SpotlightSample';
  /** Of those, the won ones. */
  conversions: Scalars['Int']['output'];
  /** Closed deals with at least one live touch up to the close. */
  journeys: Scalars['Int']['output'];
  /** Their won value (decimal string, 2 places). */
  value: Scalars['Decimal']['output'];
};

/** What a row of the spotlight is about. */
export type SpotlightUnit =
  /** One row per action. */
  | 'action'
  /** One row per channel. */
  | 'channel'
  /** One row per partner. */
  | 'partner'
  /** One row per partner type. */
  | 'partner_type';

/** What an opportunity in a stage is: still open, won or lost. */
export type StageOutcome =
  /** Closed lost: counts in win rates only. */
  | 'lost'
  /** Still in the pipeline: counts as pipeline, attributed at its creation date. */
  | 'open'
  /** Closed won: counts as revenue, attributed at its close date. */
  | 'won';

/** The version to run and on which opportunities. */
export type StartRunInput = {
  /** A published RuleVersion. */
  ruleVersionId: Scalars['ID']['input'];
  /** Omitted: every opportunity in the version's window. */
  scope?: InputMaybe<RunScopeInput>;
};

/** The started run. */
export type StartRunPayload = {
  __typename?: 'StartRunPayload';
  /** The run as just created (queued or running); follow it with runProgress. */
  run: AttributionRun;
};

/** The started run, or why it could not start (e.g. the version is not published, an unknown opportunity key). */
export type StartRunResult = DomainRuleError | NotAllowedError | NotFoundError | StartRunPayload | ValidationError;

/** Live events, streamed over server-sent events (POST or GET /graphql with Accept: text/event-stream); the same API key as queries. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Fires when credit is recomputed (ingestion, runs, overrides). A partner key hears only of opportunities where it has or had credit, and gets no runId. */
  allocationsChanged: AllocationsChanged;
  /** Progress of one run; completes after the run finishes (succeeded, failed or superseded). */
  runProgress: AttributionRun;
};


/** Live events, streamed over server-sent events (POST or GET /graphql with Accept: text/event-stream); the same API key as queries. */
export type SubscriptionRunProgressArgs = {
  runId: Scalars['ID']['input'];
};

/** One value of a vocabulary. Fields that hold one (Partner.tier, Touchpoint.action …) hold its key; retired entries stay readable on old records but new records may not use them. */
export type TaxonomyEntry = {
  __typename?: 'TaxonomyEntry';
  /** False once retired: new records may not use it. */
  active: Scalars['Boolean']['output'];
  /** What the value means, for people choosing it; null when none. */
  description?: Maybe<Scalars['String']['output']>;
  /** What records and rule files hold, e.g. "gold". */
  key: Scalars['String']['output'];
  /** The vocabulary it belongs to. */
  kind: TaxonomyKind;
  /** What people read, e.g. "Gold". */
  label: Scalars['String']['output'];
  /** Opportunity stages only. */
  outcome?: Maybe<StageOutcome>;
  /** Display order within the kind (stages: pipeline order). */
  position: Scalars['Int']['output'];
};

/** A vocabulary of the program: partner-type, partner-tier, action-type, channel, opportunity-stage (GraphQL spells the dashes as underscores). */
export type TaxonomyKind =
  /** What a partner did (Touchpoint.action), e.g. referral, deal_registration, joint_discovery. */
  | 'action_type'
  /** Through which motion (Touchpoint.channel), e.g. co_sell, marketplace, integration. */
  | 'channel'
  /** Pipeline stages (Opportunity.stage), each with an outcome: open, won or lost. */
  | 'opportunity_stage'
  /** Program tiers (Partner.tier), e.g. registered, silver, gold. */
  | 'partner_tier'
  /** Kinds of partner (Partner.type), e.g. reseller, system_integrator, technology. */
  | 'partner_type';

/** The tested version and its test results. */
export type TestRuleVersionPayload = {
  __typename?: 'TestRuleVersionPayload';
  /** The results of this test run. */
  results: RuleTestResults;
  /** The version (a draft with the new results stored). */
  ruleVersion: RuleVersion;
};

/** The test results, or why the version could not be tested. */
export type TestRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | TestRuleVersionPayload | ValidationError;

/** A partner action (referral, joint discovery, integration usage …) with its proof, owner and next joint step. */
export type Touchpoint = Node & {
  __typename?: 'Touchpoint';
  /** The account sent with the touch (accountKey); null when the touch named only its deal. */
  account?: Maybe<Account>;
  /** An action-type taxonomy key (`taxonomy(kind: action_type)`). */
  action: Scalars['String']['output'];
  /** The label of `action` in the taxonomy, e.g. "Deal registration". */
  actionLabel: Scalars['String']['output'];
  /** A channel taxonomy key. */
  channel: Scalars['String']['output'];
  /** The label of `channel` in the taxonomy, e.g. "Co-sell". */
  channelLabel: Scalars['String']['output'];
  /** The partner role the rep declared in the CRM for this partner on the deal (sourced, influenced or assisted_close); null when not declared. */
  declaredRole?: Maybe<Scalars['String']['output']>;
  /** When it was soft-deleted (ISO 8601, UTC); null while live. A deleted touch gives no credit. */
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 1 (light touch) to 5 (deep joint work); null when not rated. */
  engagementDepth?: Maybe<Scalars['Int']['output']>;
  /** Id in the source system; (source, externalId) is unique. */
  externalId: Scalars['String']['output'];
  /** Global id: opaque, stable, unique across types. Pass it to node(id:) or to arguments that take this record. */
  id: Scalars['ID']['output'];
  /** When it was first written here (ISO 8601, UTC). */
  ingestedAt: Scalars['DateTime']['output'];
  /** The JSON object of extra attributes sent with the touch ({} when none). */
  metadata: Scalars['JSON']['output'];
  /** Required evidence fields that are empty (proof, owner, nextJointStep): hygiene to fix at the source. */
  missingFields: Array<Scalars['String']['output']>;
  /** The agreed next step with the partner; null when missing (a hygiene gap). */
  nextJointStep?: Maybe<Scalars['String']['output']>;
  /** When the partner acted (ISO 8601, UTC); rules order and window touches by it. */
  occurredAt: Scalars['DateTime']['output'];
  /** The deal it is about; null for a touch on an account only. */
  opportunity?: Maybe<Opportunity>;
  /** Who on our side owns the follow-up; null when missing (a hygiene gap). */
  owner?: Maybe<Scalars['String']['output']>;
  /** The partner who acted. */
  partner: Partner;
  /** Link or reference that evidences the touch. */
  proof?: Maybe<Scalars['String']['output']>;
  /** System the touch came from (crm, prm, product …). */
  source: Scalars['String']['output'];
  /** An opportunity-stage taxonomy key. */
  stageAtTouch?: Maybe<Scalars['String']['output']>;
  /** When it last changed here (ISO 8601, UTC). */
  updatedAt: Scalars['DateTime']['output'];
};

/** One page of a list (a Relay cursor connection): at most 500 items, 50 when neither first nor last is given. */
export type TouchpointConnection = {
  __typename?: 'TouchpointConnection';
  /** The items of this page, in order, each with its cursor. */
  edges: Array<TouchpointEdge>;
  /** The items of this page, in order, without cursors (the nodes of `edges`). */
  nodes: Array<Touchpoint>;
  /** Whether more pages exist, and the cursors to fetch them. */
  pageInfo: PageInfo;
  /** How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected. */
  totalCount: Scalars['Int']['output'];
};

/** One item of a page and its cursor. */
export type TouchpointEdge = {
  __typename?: 'TouchpointEdge';
  /** Opaque position of this item in the list: pass it as after (next page) or before (previous page). */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: Touchpoint;
};

/** Which touchpoints to list; every given condition must hold. */
export type TouchpointFilter = {
  /** Only touches on this account, directly or through one of its deals. */
  accountKey?: InputMaybe<Scalars['String']['input']>;
  /** Action-type taxonomy keys. */
  action?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Channel taxonomy keys. */
  channel?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Also soft-deleted touches. */
  includeDeleted?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only touches missing proof, owner or next joint step. */
  missingEvidence?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only touches that occurred in this range. */
  occurredAt?: InputMaybe<DateTimeRange>;
  /** Only touches on this deal (CRM key). */
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  /** Only this partner's touches (business key). */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Only touches from this source system. */
  source?: InputMaybe<Scalars['String']['input']>;
};

/** What happened to one item of the batch (same order as sent). */
export type TouchpointIngestItem = {
  __typename?: 'TouchpointIngestItem';
  /** The item's external id, as sent; null when missing. */
  externalId?: Maybe<Scalars['String']['output']>;
  /** Position of the item in the batch, from 0. */
  index: Scalars['Int']['output'];
  /** Why the item was rejected (field path relative to the item). */
  issues: Array<FieldIssue>;
  /** The item's source, as sent; null when missing. */
  source?: Maybe<Scalars['String']['output']>;
  /** Created, updated, unchanged or rejected. */
  status: IngestItemStatus;
  /** The stored touchpoint; null when rejected. */
  touchpoint?: Maybe<Touchpoint>;
  /** Global id of the stored touchpoint. */
  touchpointId?: Maybe<Scalars['ID']['output']>;
};

/** One partner touch. Identified by (source, externalId): sending it again updates it or leaves it unchanged. */
export type TouchpointInput = {
  /** The account, for touches not tied to one deal. */
  accountKey?: InputMaybe<Scalars['String']['input']>;
  /** An active action-type taxonomy key. */
  action: Scalars['String']['input'];
  /** An active channel taxonomy key. */
  channel: Scalars['String']['input'];
  /** The partner role the rep declared in the CRM for this touch's partner on its deal: one of sourced, influenced, assisted_close; null or omitted when not declared. Any other value rejects the item (status rejected, an issue at path declaredRole naming the allowed values). Influence accuracy compares it with the rules' role. */
  declaredRole?: InputMaybe<Scalars['String']['input']>;
  /** 1 (light touch) to 5 (deep joint work). */
  engagementDepth?: InputMaybe<Scalars['Int']['input']>;
  /** The touch's id in that system. */
  externalId: Scalars['String']['input'];
  /** A JSON object of extra attributes. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** The agreed next step with the partner. */
  nextJointStep?: InputMaybe<Scalars['String']['input']>;
  /** When the partner acted (ISO 8601 with offset). */
  occurredAt: Scalars['DateTime']['input'];
  /** The deal it is about; give this or accountKey (or both). */
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  /** Who on our side owns the follow-up. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Business key of an existing partner. */
  partnerKey: Scalars['String']['input'];
  /** Link or reference evidencing the touch. */
  proof?: InputMaybe<Scalars['String']['input']>;
  /** Your system's name (crm, prm, product …). */
  source: Scalars['String']['input'];
  /** An active opportunity-stage taxonomy key. */
  stageAtTouch?: InputMaybe<Scalars['String']['input']>;
};

/** One sort key of a Touchpoint list. Several keys sort by the first, then the next; the id always breaks ties, so pages are stable. */
export type TouchpointOrder = {
  /** Ascending unless DESC. */
  direction?: InputMaybe<OrderDirection>;
  /** The value to sort by. */
  field: TouchpointOrderField;
};

/** What a list of Touchpoint records can be sorted by. */
export type TouchpointOrderField =
  /** Sort by external id. */
  | 'EXTERNAL_ID'
  /** Sort by ingested at. */
  | 'INGESTED_AT'
  /** Sort by occurred at. */
  | 'OCCURRED_AT';

/** An account by business key. When `partners` is given it replaces the account's partner links. */
export type UpsertAccountInput = {
  /** Web domain, e.g. "acme.com". */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** Stable business key (from your CRM); the upsert matches on it. */
  key: Scalars['String']['input'];
  /** Customer name. */
  name: Scalars['String']['input'];
  /** Replaces all partner links of the account; omitted: links unchanged. */
  partners?: InputMaybe<Array<AccountPartnerLinkInput>>;
  /** Sales region, e.g. "EMEA". */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Market segment, e.g. "enterprise". */
  segment?: InputMaybe<Scalars['String']['input']>;
};

/** The account as stored after the upsert. */
export type UpsertAccountPayload = {
  __typename?: 'UpsertAccountPayload';
  /** The account as stored now. */
  account: Account;
  /** Whether it was created, updated or already matched. */
  status: UpsertStatus;
};

/** The upserted account, or why nothing was written. */
export type UpsertAccountResult = NotAllowedError | NotFoundError | UpsertAccountPayload | ValidationError;

/** A deal by its CRM key. Amount is a decimal string ("125000.00"), never a float. */
export type UpsertOpportunityInput = {
  /** Business key of an existing account. */
  accountKey: Scalars['String']['input'];
  /** Deal amount in `currency`, at most 2 decimal places, e.g. "125000.00". */
  amount: Scalars['Decimal']['input'];
  /** Required for a won or lost stage (closed_won, closed_lost …), empty while open. */
  closedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** When the deal was created in the CRM (ISO 8601 with offset). */
  createdAt: Scalars['DateTime']['input'];
  /** ISO 4217 code; default USD. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** The deal's CRM id; the upsert matches on it. */
  key: Scalars['String']['input'];
  /** Deal name. */
  name: Scalars['String']['input'];
  /** Our sales rep owning the deal. */
  ownerRep?: InputMaybe<Scalars['String']['input']>;
  /** Default "crm". */
  sourceSystem?: InputMaybe<Scalars['String']['input']>;
  /** An active opportunity-stage taxonomy key; a won or lost stage needs closedAt. */
  stage: Scalars['String']['input'];
  /** New business, expansion or renewal. */
  type: OpportunityType;
};

/** The deal as stored after the upsert, and the recompute of its credit. */
export type UpsertOpportunityPayload = {
  __typename?: 'UpsertOpportunityPayload';
  /** The deal as stored now. */
  opportunity: Opportunity;
  /** The recompute of the deal's credit (done before answering; nothing when unchanged). */
  recompute: RecomputeReport;
  /** Whether it was created, updated or already matched. */
  status: UpsertStatus;
};

/** The upserted deal, or why nothing was written. */
export type UpsertOpportunityResult = NotAllowedError | NotFoundError | UpsertOpportunityPayload | ValidationError;

/** A partner by business key; an existing partner with the key is updated. */
export type UpsertPartnerInput = {
  /** Stable business key (from your CRM/PRM); the upsert matches on it. */
  key: Scalars['String']['input'];
  /** Display name of the company. */
  name: Scalars['String']['input'];
  /** Partner manager on our side; omitted: none. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Default: active for a new partner; an existing one keeps its status. */
  status?: InputMaybe<PartnerStatus>;
  /** An active partner-tier taxonomy key (default: registered). */
  tier?: InputMaybe<Scalars['String']['input']>;
  /** An active partner-type taxonomy key. */
  type: Scalars['String']['input'];
};

/** The partner as stored after the upsert. */
export type UpsertPartnerPayload = {
  __typename?: 'UpsertPartnerPayload';
  /** The partner as stored now. */
  partner: Partner;
  /** Whether it was created, updated or already matched. */
  status: UpsertStatus;
};

/** The upserted partner, or why nothing was written. */
export type UpsertPartnerResult = NotAllowedError | NotFoundError | UpsertPartnerPayload | ValidationError;

/** What an idempotent upsert did: unchanged means the stored record already matched. */
export type UpsertStatus =
  /** No record had the key: a new one was written. */
  | 'created'
  /** A record had the key and already matched: nothing was written. */
  | 'unchanged'
  /** A record had the key and differed: it was changed (and audited). */
  | 'updated';

/** An expected failure: nothing was written. `code` is stable; `message` says what to do next. */
export type UserError = {
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED. */
  code: Scalars['String']['output'];
  /** What went wrong and what to do next, in English, for people. */
  message: Scalars['String']['output'];
};

/** The input was refused before anything was written (code VALIDATION_FAILED); `issues` lists every invalid field. */
export type ValidationError = UserError & {
  __typename?: 'ValidationError';
  /** Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED. */
  code: Scalars['String']['output'];
  /** Every invalid field of the input, in input order. */
  issues: Array<FieldIssue>;
  /** What went wrong and what to do next, in English, for people. */
  message: Scalars['String']['output'];
};

/** Deal velocity: how long won deals took. */
export type VelocityFigure = {
  __typename?: 'VelocityFigure';
  /** Mean days created → closed over won deals, 1 place; null when none was won. */
  days?: Maybe<Scalars['Decimal']['output']>;
  /** Won deals the mean is over. */
  deals: Scalars['Int']['output'];
};

/** The API key making the request: who it is and what it may do. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Whether the key may manage rules, runs, disputes, overrides and the taxonomy. */
  canGovern: Scalars['Boolean']['output'];
  /** Whether the key may write ingested data (upserts, ingestTouchpoints). */
  canIngest: Scalars['Boolean']['output'];
  /** Whether the key may read the audit trail. */
  canReadAudit: Scalars['Boolean']['output'];
  /** The key's public prefix (the key itself is never shown again). */
  keyPrefix: Scalars['String']['output'];
  /** The key's name, as given when it was created; audit events record the key as "key:<prefix> (<name>)". */
  name: Scalars['String']['output'];
  /** For a partner key: its partner. */
  partner?: Maybe<Partner>;
  /** The key's role. */
  role: ApiKeyRole;
};

export type WebRaiseDisputeMutationVariables = Exact<{
  input: RaiseDisputeInput;
}>;


export type WebRaiseDisputeMutation = { __typename?: 'Mutation', raiseDispute:
    | { __typename: 'DisputePayload', dispute: { __typename?: 'Dispute', id: string, status: DisputeStatus, reason: string, createdAt: string } }
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebResolveDisputeMutationVariables = Exact<{
  input: ResolveDisputeInput;
}>;


export type WebResolveDisputeMutation = { __typename?: 'Mutation', resolveDispute:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ResolveDisputePayload', dispute: { __typename?: 'Dispute', id: string, status: DisputeStatus, resolution?: string | null, resolvedAt?: string | null }, override?: { __typename?: 'Override', id: string, lane: Lane, role: string, share: string } | null }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type WebViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', name: string, role: ApiKeyRole, keyPrefix: string, canGovern: boolean, canIngest: boolean, canReadAudit: boolean, partner?: { __typename?: 'Partner', key: string, name: string } | null } };

export type WebDashboardSetupQueryVariables = Exact<{ [key: string]: never; }>;


export type WebDashboardSetupQuery = { __typename?: 'Query', ruleSets: { __typename?: 'RuleSetConnection', nodes: Array<{ __typename?: 'RuleSet', key: string, name: string, currentVersion?: { __typename?: 'RuleVersion', version?: number | null, sourceHash: string } | null }> }, earliest: { __typename?: 'OpportunityConnection', nodes: Array<{ __typename?: 'Opportunity', createdAt: string }> }, latest: { __typename?: 'OpportunityConnection', nodes: Array<{ __typename?: 'Opportunity', createdAt: string }> } };

export type WebScorecardQueryVariables = Exact<{
  ruleSetKey: Scalars['String']['input'];
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
  groupBy: ScorecardGroupBy;
  period: PeriodUnit;
}>;


export type WebScorecardQuery = { __typename?: 'Query', totals:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'Scorecard', currency: string, periods: Array<string>, rows: Array<{ __typename?: 'ScorecardRow', period: string, sourcedPipeline: string, influencedPipeline: string, sourcedRevenue: string, influencedRevenue: string }> }
    | { __typename: 'ValidationError', code: string, message: string }
  , table:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'Scorecard', currency: string, periods: Array<string>, groupBy: ScorecardGroupBy, from: string, to: string, ruleVersions: Array<{ __typename?: 'ScorecardRuleVersion', id: string, number?: number | null, sourceHash: string, status: string }>, rows: Array<{ __typename?: 'ScorecardRow', groupKey: string, groupLabel: string, period: string, previousPeriod: string, sourcedPipeline: string, influencedPipeline: string, sourcedRevenue: string, influencedRevenue: string, involvedRevenue: string, coverageRate?: string | null, coverageOpportunities: number, coverageWithSignals: number, roiSourced?: string | null, roiInfluenced?: string | null, roiReason?: string | null, sourcedRevenueChange: { __typename?: 'DecimalChange', previous: string, current: string, delta: string, relative?: string | null }, influencedRevenueChange: { __typename?: 'DecimalChange', previous: string, current: string, delta: string, relative?: string | null }, sourcedPipelineChange: { __typename?: 'DecimalChange', previous: string, current: string, delta: string, relative?: string | null }, winRateInvolved: { __typename?: 'RateFigure', won: number, closed: number, rate?: string | null }, winRateOther: { __typename?: 'RateFigure', won: number, closed: number, rate?: string | null }, velocityInvolved: { __typename?: 'VelocityFigure', days?: string | null, deals: number }, velocityOther: { __typename?: 'VelocityFigure', days?: string | null, deals: number }, ruleVersions: Array<{ __typename?: 'ScorecardRuleVersion', number?: number | null, sourceHash: string }> }> }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebScorecardCsvQueryVariables = Exact<{
  ruleSetKey: Scalars['String']['input'];
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
  groupBy: ScorecardGroupBy;
  period: PeriodUnit;
}>;


export type WebScorecardCsvQuery = { __typename?: 'Query', scorecardCsv:
    | { __typename: 'CsvDownload', filename: string, contentType: string, content: string, rows: number }
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebPartnerDealsQueryVariables = Exact<{
  partnerKey: Scalars['String']['input'];
  ruleSetKey: Scalars['String']['input'];
  lane?: InputMaybe<Lane>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WebPartnerDealsQuery = { __typename?: 'Query', partner?: { __typename?: 'Partner', key: string, name: string, typeLabel: string, tierLabel: string, status: PartnerStatus, owner?: string | null } | null, allocations: { __typename?: 'CreditAllocationConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'CreditAllocation', id: string, lane: Lane, role: string, share: string, amount: string, currency: string, ruleVersion: { __typename?: 'RuleVersionTag', number?: number | null, sourceHash: string }, opportunity: { __typename?: 'Opportunity', key: string, name: string, stageLabel: string, outcome: StageOutcome, amount: string, currency: string, createdAt: string, closedAt?: string | null } }> } };

export type WebDealQueryVariables = Exact<{
  opportunityKey: Scalars['String']['input'];
  ruleSetKey: Scalars['String']['input'];
}>;


export type WebDealQuery = { __typename?: 'Query', opportunity?: { __typename?: 'Opportunity', key: string, name: string, stageLabel: string, outcome: StageOutcome, type: OpportunityType, amount: string, currency: string, createdAt: string, closedAt?: string | null, ownerRep?: string | null, account: { __typename?: 'Account', key: string, name: string } } | null, allocations: { __typename?: 'CreditAllocationConnection', nodes: Array<{ __typename?: 'CreditAllocation', id: string, lane: Lane, role: string, share: string, amount: string, currency: string, partner?: { __typename?: 'Partner', key: string, name: string } | null, ruleVersion: { __typename?: 'RuleVersionTag', number?: number | null, sourceHash: string }, override?: { __typename?: 'Override', id: string, reason: string } | null, explanation: { __typename?: 'AllocationExplanation', rule: string, laneRule?: string | null, laneGrantedShare?: string | null, laneGrantedAmount?: string | null, text: string, steps: Array<{ __typename?: 'ExplanationStep', kind: ExplanationStepKind, message: string }>, excluded: Array<{ __typename?: 'ExplanationStep', kind: ExplanationStepKind, message: string }> } }> } };

export type WebHygieneQueryVariables = Exact<{
  asOf: Scalars['Date']['input'];
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
}>;


export type WebHygieneQuery = { __typename?: 'Query', ruleSets: { __typename?: 'RuleSetConnection', nodes: Array<{ __typename?: 'RuleSet', key: string, name: string }> }, hygieneReport:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'HygieneReport', asOf: string, ruleSetKey?: string | null, week: { __typename?: 'ReportPeriod', key: string, start: string, end: string }, previousWeek: { __typename?: 'ReportPeriod', key: string, start: string, end: string }, totals: { __typename?: 'HygieneTotals', count: number, previousCount: number, delta: number }, checks: Array<{ __typename?: 'HygieneCheck', key: HygieneCheckKey, title: string, action: string, count: number, previousCount: number, delta: number, truncated: boolean, items: Array<{ __typename?: 'HygieneItem', entityType: string, label: string, detail: string, nodeId: string, opportunityKey?: string | null, partnerKey?: string | null, accountKey?: string | null, allocationId?: string | null, disputeId?: string | null, touchpointId?: string | null, at?: string | null }> }> }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebPortalSetupQueryVariables = Exact<{ [key: string]: never; }>;


export type WebPortalSetupQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', partner?: { __typename?: 'Partner', key: string, name: string, typeLabel: string, tierLabel: string, status: PartnerStatus } | null }, ruleSets: { __typename?: 'RuleSetConnection', nodes: Array<{ __typename?: 'RuleSet', key: string, name: string, description?: string | null, currentVersion?: { __typename?: 'RuleVersion', id: string, version?: number | null, sourceHash: string, semanticHash?: string | null, source: string, effectiveFrom?: string | null, effectiveTo?: string | null, publishedAt?: string | null, changeNote?: string | null } | null }> }, taxonomy: Array<{ __typename?: 'TaxonomyEntry', key: string, label: string, outcome?: StageOutcome | null }> };

export type WebPortalCreditQueryVariables = Exact<{
  ruleSetKey: Scalars['String']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  closedAt?: InputMaybe<DateTimeRange>;
  stage?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type WebPortalCreditQuery = { __typename?: 'Query', allocations: { __typename?: 'CreditAllocationConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'CreditAllocation', id: string, lane: Lane, role: string, share: string, amount: string, currency: string, createdAt: string, partner?: { __typename?: 'Partner', key: string } | null, ruleVersion: { __typename?: 'RuleVersionTag', number?: number | null, sourceHash: string }, explanation: { __typename?: 'AllocationExplanation', rule: string, laneRule?: string | null, laneGrantedShare?: string | null, steps: Array<{ __typename?: 'ExplanationStep', kind: ExplanationStepKind, message: string }>, excluded: Array<{ __typename?: 'ExplanationStep', kind: ExplanationStepKind, message: string }> } }> } };

export type WebPortalCreditLineQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebPortalCreditLineQuery = { __typename?: 'Query', node?:
    | { __typename: 'Account' }
    | { __typename: 'AttributionRun' }
    | { __typename: 'AuditEvent' }
    | { __typename: 'CreditAllocation', id: string, lane: Lane, role: string, share: string, amount: string, currency: string, createdAt: string, isCurrent: boolean, partner?: { __typename?: 'Partner', key: string, name: string } | null, ruleVersion: { __typename?: 'RuleVersionTag', number?: number | null, sourceHash: string }, explanation: { __typename?: 'AllocationExplanation', rule: string, laneRule?: string | null, laneGrantedShare?: string | null, steps: Array<{ __typename?: 'ExplanationStep', kind: ExplanationStepKind, message: string }>, excluded: Array<{ __typename?: 'ExplanationStep', kind: ExplanationStepKind, message: string }> } }
    | { __typename: 'Dispute' }
    | { __typename: 'Opportunity' }
    | { __typename: 'Override' }
    | { __typename: 'Partner' }
    | { __typename: 'PartnerInvestment' }
    | { __typename: 'RuleSet' }
    | { __typename: 'RuleVersion' }
    | { __typename: 'Touchpoint' }
   | null };

export type WebPortalDisputesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebPortalDisputesQuery = { __typename?: 'Query', disputes: { __typename?: 'DisputeConnection', totalCount: number, nodes: Array<{ __typename?: 'Dispute', id: string, status: DisputeStatus, reason: string, evidence?: string | null, createdAt: string, resolution?: string | null, resolvedAt?: string | null, allocation?: { __typename?: 'CreditAllocation', id: string, lane: Lane, amount: string, currency: string } | null }> } };

export type WebSpotlightSetupQueryVariables = Exact<{ [key: string]: never; }>;


export type WebSpotlightSetupQuery = { __typename?: 'Query', ruleSets: { __typename?: 'RuleSetConnection', nodes: Array<{ __typename?: 'RuleSet', key: string, name: string, currentVersion?: { __typename?: 'RuleVersion', version?: number | null, sourceHash: string } | null }> } };

export type WebSpotlightQueryVariables = Exact<{
  input: SpotlightInput;
}>;


export type WebSpotlightQuery = { __typename?: 'Query', spotlight:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'SpotlightReport', ruleSetKey: string, lane: Lane, model: string, by: SpotlightUnit, from?: string | null, to?: string | null, currency?: string | null, resamples: number, seed: number, laneTotal: string, sample: { __typename?: 'SpotlightSample', journeys: number, conversions: number, value: string }, excluded: { __typename?: 'SpotlightExcluded', untouched: number, untouchedWon: number, untouchedWonValue: string }, ruleVersions: Array<{ __typename?: 'SpotlightRuleVersion', id: string, number?: number | null, hash: string }>, rows: Array<{ __typename?: 'SpotlightRow', unit: string, ruleCredit: string, modelCredit: string, difference: string, low: string, high: string, journeys: number, conversions: number, diverges: boolean }>, deals: Array<{ __typename?: 'SpotlightDeal', opportunityKey: string, credit: string, disagreement: string, units: Array<{ __typename?: 'SpotlightDealUnit', unit: string, ruleCredit: string, modelCredit: string, difference: string }> }> }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebWorkbenchSetupQueryVariables = Exact<{ [key: string]: never; }>;


export type WebWorkbenchSetupQuery = { __typename?: 'Query', ruleSets: { __typename?: 'RuleSetConnection', nodes: Array<{ __typename?: 'RuleSet', id: string, key: string, name: string, currentVersion?: { __typename?: 'RuleVersion', id: string, version?: number | null } | null }> }, taxonomy: Array<{ __typename?: 'TaxonomyEntry', kind: TaxonomyKind, key: string, label: string, description?: string | null, active: boolean, outcome?: StageOutcome | null, position: number }> };

export type WebWorkbenchVersionsQueryVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type WebWorkbenchVersionsQuery = { __typename?: 'Query', ruleSet?: { __typename?: 'RuleSet', id: string, key: string, name: string, currentVersion?: { __typename?: 'RuleVersion', id: string, version?: number | null } | null, versions: { __typename?: 'RuleSetVersionsConnection', nodes: Array<{ __typename?: 'RuleVersion', id: string, version?: number | null, status: RuleVersionStatus, source: string, sourceHash: string, semanticHash?: string | null, changeNote?: string | null, author: string, createdAt: string, publishedAt?: string | null, errorCount: number, effectiveFrom?: string | null, effectiveTo?: string | null, testResults?: { __typename?: 'RuleTestResults', ok: boolean, passed: number, failed: number, total: number } | null }> } } | null };

export type WebWorkbenchSaveMutationVariables = Exact<{
  input: SaveRuleDraftInput;
}>;


export type WebWorkbenchSaveMutation = { __typename?: 'Mutation', saveRuleDraft:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'SaveRuleDraftPayload', ok: boolean, created: boolean, ruleVersion: { __typename?: 'RuleVersion', id: string, status: RuleVersionStatus }, diagnostics: Array<{ __typename?: 'Diagnostic', code: string, severity: DiagnosticSeverity, message: string, hint?: string | null, range?: { __typename?: 'SourceRange', start: { __typename?: 'SourcePosition', line: number, column: number } } | null }> }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebWorkbenchTestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebWorkbenchTestMutation = { __typename?: 'Mutation', testRuleVersion:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'TestRuleVersionPayload', results: { __typename?: 'RuleTestResults', ok: boolean, passed: number, failed: number, total: number, cases: Array<{ __typename?: 'RuleTestCase', name: string, passed: boolean, message?: string | null }>, diagnostics: Array<{ __typename?: 'Diagnostic', code: string, severity: DiagnosticSeverity, message: string, hint?: string | null, range?: { __typename?: 'SourceRange', start: { __typename?: 'SourcePosition', line: number, column: number } } | null }> } }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebWorkbenchPreviewMutationVariables = Exact<{
  input: PreviewRuleVersionInput;
}>;


export type WebWorkbenchPreviewMutation = { __typename?: 'Mutation', previewRuleVersion:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PreviewRuleVersionPayload', impact: { __typename?: 'ImpactReport', asOf: string, hasChanges: boolean, opportunities: { __typename?: 'ImpactOpportunityCounts', evaluated: number, changed: number, added: number, unchanged: number }, totals: { __typename?: 'ImpactTotals', before: { __typename?: 'LaneAmounts', source: string, influence: string }, after: { __typename?: 'LaneAmounts', source: string, influence: string }, delta: { __typename?: 'LaneAmounts', source: string, influence: string } }, partners: Array<{ __typename?: 'MovedCredit', key: string, before: { __typename?: 'LaneAmounts', source: string, influence: string }, after: { __typename?: 'LaneAmounts', source: string, influence: string }, delta: { __typename?: 'LaneAmounts', source: string, influence: string } }>, channels: Array<{ __typename?: 'MovedCredit', key: string, before: { __typename?: 'LaneAmounts', source: string, influence: string }, after: { __typename?: 'LaneAmounts', source: string, influence: string }, delta: { __typename?: 'LaneAmounts', source: string, influence: string } }>, examples: Array<{ __typename?: 'ImpactExample', opportunityKey: string, before: string, after: string }>, changes: Array<{ __typename?: 'OpportunityCreditChange', opportunityKey: string, change: OpportunityChangeKind, before: Array<{ __typename?: 'AllocationSummary', partnerKey?: string | null, lane: Lane, role: string, share: string, amount: string }>, after: Array<{ __typename?: 'AllocationSummary', partnerKey?: string | null, lane: Lane, role: string, share: string, amount: string }> }> } }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebWorkbenchCurrentCreditQueryVariables = Exact<{
  ruleSetKey: Scalars['String']['input'];
  opportunityKey: Scalars['String']['input'];
}>;


export type WebWorkbenchCurrentCreditQuery = { __typename?: 'Query', allocations: { __typename?: 'CreditAllocationConnection', nodes: Array<{ __typename?: 'CreditAllocation', id: string, lane: Lane, role: string, share: string, amount: string, currency: string, partner?: { __typename?: 'Partner', key: string, name: string } | null, explanation: { __typename?: 'AllocationExplanation', text: string } }> } };

export type WebWorkbenchPublishMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebWorkbenchPublishMutation = { __typename?: 'Mutation', publishRuleVersion:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PublishRuleVersionPayload', ruleVersion: { __typename?: 'RuleVersion', id: string, version?: number | null, status: RuleVersionStatus }, retired: Array<{ __typename?: 'RuleVersion', id: string, version?: number | null }> }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export type WebWorkbenchRunMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WebWorkbenchRunMutation = { __typename?: 'Mutation', startRun:
    | { __typename: 'DomainRuleError', code: string, message: string }
    | { __typename: 'NotAllowedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'StartRunPayload', run: { __typename?: 'AttributionRun', id: string, status: RunStatus, opportunitiesTotal: number } }
    | { __typename: 'ValidationError', code: string, message: string }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const WebRaiseDisputeDocument = new TypedDocumentString(`
    mutation WebRaiseDispute($input: RaiseDisputeInput!) {
  raiseDispute(input: $input) {
    __typename
    ... on DisputePayload {
      dispute {
        id
        status
        reason
        createdAt
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebRaiseDisputeMutation, WebRaiseDisputeMutationVariables>;
export const WebResolveDisputeDocument = new TypedDocumentString(`
    mutation WebResolveDispute($input: ResolveDisputeInput!) {
  resolveDispute(input: $input) {
    __typename
    ... on ResolveDisputePayload {
      dispute {
        id
        status
        resolution
        resolvedAt
      }
      override {
        id
        lane
        role
        share
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebResolveDisputeMutation, WebResolveDisputeMutationVariables>;
export const WebViewerDocument = new TypedDocumentString(`
    query WebViewer {
  viewer {
    name
    role
    keyPrefix
    canGovern
    canIngest
    canReadAudit
    partner {
      key
      name
    }
  }
}
    `) as unknown as TypedDocumentString<WebViewerQuery, WebViewerQueryVariables>;
export const WebDashboardSetupDocument = new TypedDocumentString(`
    query WebDashboardSetup {
  ruleSets(first: 100) {
    nodes {
      key
      name
      currentVersion {
        version
        sourceHash
      }
    }
  }
  earliest: opportunities(
    first: 1
    orderBy: [{field: CREATED_AT, direction: ASC}]
  ) {
    nodes {
      createdAt
    }
  }
  latest: opportunities(first: 1, orderBy: [{field: CREATED_AT, direction: DESC}]) {
    nodes {
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<WebDashboardSetupQuery, WebDashboardSetupQueryVariables>;
export const WebScorecardDocument = new TypedDocumentString(`
    query WebScorecard($ruleSetKey: String!, $from: Date!, $to: Date!, $groupBy: ScorecardGroupBy!, $period: PeriodUnit!) {
  totals: scorecard(
    ruleSetKey: $ruleSetKey
    from: $from
    to: $to
    groupBy: period
    period: $period
  ) {
    __typename
    ... on Scorecard {
      currency
      periods
      rows {
        period
        sourcedPipeline
        influencedPipeline
        sourcedRevenue
        influencedRevenue
      }
    }
    ... on UserError {
      code
      message
    }
  }
  table: scorecard(
    ruleSetKey: $ruleSetKey
    from: $from
    to: $to
    groupBy: $groupBy
    period: $period
  ) {
    __typename
    ... on Scorecard {
      currency
      periods
      groupBy
      from
      to
      ruleVersions {
        id
        number
        sourceHash
        status
      }
      rows {
        groupKey
        groupLabel
        period
        previousPeriod
        sourcedPipeline
        influencedPipeline
        sourcedRevenue
        influencedRevenue
        involvedRevenue
        sourcedRevenueChange {
          previous
          current
          delta
          relative
        }
        influencedRevenueChange {
          previous
          current
          delta
          relative
        }
        sourcedPipelineChange {
          previous
          current
          delta
          relative
        }
        winRateInvolved {
          won
          closed
          rate
        }
        winRateOther {
          won
          closed
          rate
        }
        velocityInvolved {
          days
          deals
        }
        velocityOther {
          days
          deals
        }
        coverageRate
        coverageOpportunities
        coverageWithSignals
        roiSourced
        roiInfluenced
        roiReason
        ruleVersions {
          number
          sourceHash
        }
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebScorecardQuery, WebScorecardQueryVariables>;
export const WebScorecardCsvDocument = new TypedDocumentString(`
    query WebScorecardCsv($ruleSetKey: String!, $from: Date!, $to: Date!, $groupBy: ScorecardGroupBy!, $period: PeriodUnit!) {
  scorecardCsv(
    ruleSetKey: $ruleSetKey
    from: $from
    to: $to
    groupBy: $groupBy
    period: $period
  ) {
    __typename
    ... on CsvDownload {
      filename
      contentType
      content
      rows
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebScorecardCsvQuery, WebScorecardCsvQueryVariables>;
export const WebPartnerDealsDocument = new TypedDocumentString(`
    query WebPartnerDeals($partnerKey: String!, $ruleSetKey: String!, $lane: Lane, $after: String) {
  partner(key: $partnerKey) {
    key
    name
    typeLabel
    tierLabel
    status
    owner
  }
  allocations(
    first: 50
    after: $after
    filter: {partnerKey: $partnerKey, ruleSetKey: $ruleSetKey, lane: $lane}
    orderBy: [{field: AMOUNT, direction: DESC}]
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      lane
      role
      share
      amount
      currency
      ruleVersion {
        number
        sourceHash
      }
      opportunity {
        key
        name
        stageLabel
        outcome
        amount
        currency
        createdAt
        closedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebPartnerDealsQuery, WebPartnerDealsQueryVariables>;
export const WebDealDocument = new TypedDocumentString(`
    query WebDeal($opportunityKey: String!, $ruleSetKey: String!) {
  opportunity(key: $opportunityKey) {
    key
    name
    stageLabel
    outcome
    type
    amount
    currency
    createdAt
    closedAt
    ownerRep
    account {
      key
      name
    }
  }
  allocations(
    first: 100
    filter: {opportunityKey: $opportunityKey, ruleSetKey: $ruleSetKey}
  ) {
    nodes {
      id
      lane
      role
      share
      amount
      currency
      partner {
        key
        name
      }
      ruleVersion {
        number
        sourceHash
      }
      override {
        id
        reason
      }
      explanation {
        rule
        laneRule
        laneGrantedShare
        laneGrantedAmount
        text
        steps {
          kind
          message
        }
        excluded {
          kind
          message
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebDealQuery, WebDealQueryVariables>;
export const WebHygieneDocument = new TypedDocumentString(`
    query WebHygiene($asOf: Date!, $ruleSetKey: String, $limit: Int) {
  ruleSets(first: 100) {
    nodes {
      key
      name
    }
  }
  hygieneReport(asOf: $asOf, ruleSetKey: $ruleSetKey, limit: $limit) {
    __typename
    ... on HygieneReport {
      asOf
      ruleSetKey
      week {
        key
        start
        end
      }
      previousWeek {
        key
        start
        end
      }
      totals {
        count
        previousCount
        delta
      }
      checks {
        key
        title
        action
        count
        previousCount
        delta
        truncated
        items {
          entityType
          label
          detail
          nodeId
          opportunityKey
          partnerKey
          accountKey
          allocationId
          disputeId
          touchpointId
          at
        }
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebHygieneQuery, WebHygieneQueryVariables>;
export const WebPortalSetupDocument = new TypedDocumentString(`
    query WebPortalSetup {
  viewer {
    partner {
      key
      name
      typeLabel
      tierLabel
      status
    }
  }
  ruleSets(first: 100) {
    nodes {
      key
      name
      description
      currentVersion {
        id
        version
        sourceHash
        semanticHash
        source
        effectiveFrom
        effectiveTo
        publishedAt
        changeNote
      }
    }
  }
  taxonomy(kind: opportunity_stage) {
    key
    label
    outcome
  }
}
    `) as unknown as TypedDocumentString<WebPortalSetupQuery, WebPortalSetupQueryVariables>;
export const WebPortalCreditDocument = new TypedDocumentString(`
    query WebPortalCredit($ruleSetKey: String!, $first: Int!, $after: String, $closedAt: DateTimeRange, $stage: [String!]) {
  allocations(
    first: $first
    after: $after
    filter: {ruleSetKey: $ruleSetKey, closedAt: $closedAt, stage: $stage}
    orderBy: [{field: AMOUNT, direction: DESC}]
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      lane
      role
      share
      amount
      currency
      createdAt
      partner {
        key
      }
      ruleVersion {
        number
        sourceHash
      }
      explanation {
        rule
        laneRule
        laneGrantedShare
        steps {
          kind
          message
        }
        excluded {
          kind
          message
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebPortalCreditQuery, WebPortalCreditQueryVariables>;
export const WebPortalCreditLineDocument = new TypedDocumentString(`
    query WebPortalCreditLine($id: ID!) {
  node(id: $id) {
    __typename
    ... on CreditAllocation {
      id
      lane
      role
      share
      amount
      currency
      createdAt
      isCurrent
      partner {
        key
        name
      }
      ruleVersion {
        number
        sourceHash
      }
      explanation {
        rule
        laneRule
        laneGrantedShare
        steps {
          kind
          message
        }
        excluded {
          kind
          message
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebPortalCreditLineQuery, WebPortalCreditLineQueryVariables>;
export const WebPortalDisputesDocument = new TypedDocumentString(`
    query WebPortalDisputes {
  disputes(first: 50) {
    totalCount
    nodes {
      id
      status
      reason
      evidence
      createdAt
      resolution
      resolvedAt
      allocation {
        id
        lane
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebPortalDisputesQuery, WebPortalDisputesQueryVariables>;
export const WebSpotlightSetupDocument = new TypedDocumentString(`
    query WebSpotlightSetup {
  ruleSets(first: 100) {
    nodes {
      key
      name
      currentVersion {
        version
        sourceHash
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebSpotlightSetupQuery, WebSpotlightSetupQueryVariables>;
export const WebSpotlightDocument = new TypedDocumentString(`
    query WebSpotlight($input: SpotlightInput!) {
  spotlight(input: $input) {
    __typename
    ... on SpotlightReport {
      ruleSetKey
      lane
      model
      by
      from
      to
      currency
      resamples
      seed
      laneTotal
      sample {
        journeys
        conversions
        value
      }
      excluded {
        untouched
        untouchedWon
        untouchedWonValue
      }
      ruleVersions {
        id
        number
        hash
      }
      rows {
        unit
        ruleCredit
        modelCredit
        difference
        low
        high
        journeys
        conversions
        diverges
      }
      deals {
        opportunityKey
        credit
        disagreement
        units {
          unit
          ruleCredit
          modelCredit
          difference
        }
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebSpotlightQuery, WebSpotlightQueryVariables>;
export const WebWorkbenchSetupDocument = new TypedDocumentString(`
    query WebWorkbenchSetup {
  ruleSets(first: 100) {
    nodes {
      id
      key
      name
      currentVersion {
        id
        version
      }
    }
  }
  taxonomy(includeRetired: true) {
    kind
    key
    label
    description
    active
    outcome
    position
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchSetupQuery, WebWorkbenchSetupQueryVariables>;
export const WebWorkbenchVersionsDocument = new TypedDocumentString(`
    query WebWorkbenchVersions($key: String!) {
  ruleSet(key: $key) {
    id
    key
    name
    currentVersion {
      id
      version
    }
    versions(first: 100) {
      nodes {
        id
        version
        status
        source
        sourceHash
        semanticHash
        changeNote
        author
        createdAt
        publishedAt
        errorCount
        effectiveFrom
        effectiveTo
        testResults {
          ok
          passed
          failed
          total
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchVersionsQuery, WebWorkbenchVersionsQueryVariables>;
export const WebWorkbenchSaveDocument = new TypedDocumentString(`
    mutation WebWorkbenchSave($input: SaveRuleDraftInput!) {
  saveRuleDraft(input: $input) {
    __typename
    ... on SaveRuleDraftPayload {
      ok
      created
      ruleVersion {
        id
        status
      }
      diagnostics {
        code
        severity
        message
        hint
        range {
          start {
            line
            column
          }
        }
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchSaveMutation, WebWorkbenchSaveMutationVariables>;
export const WebWorkbenchTestDocument = new TypedDocumentString(`
    mutation WebWorkbenchTest($id: ID!) {
  testRuleVersion(input: {ruleVersionId: $id}) {
    __typename
    ... on TestRuleVersionPayload {
      results {
        ok
        passed
        failed
        total
        cases {
          name
          passed
          message
        }
        diagnostics {
          code
          severity
          message
          hint
          range {
            start {
              line
              column
            }
          }
        }
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchTestMutation, WebWorkbenchTestMutationVariables>;
export const WebWorkbenchPreviewDocument = new TypedDocumentString(`
    mutation WebWorkbenchPreview($input: PreviewRuleVersionInput!) {
  previewRuleVersion(input: $input) {
    __typename
    ... on PreviewRuleVersionPayload {
      impact {
        asOf
        hasChanges
        opportunities {
          evaluated
          changed
          added
          unchanged
        }
        totals {
          before {
            source
            influence
          }
          after {
            source
            influence
          }
          delta {
            source
            influence
          }
        }
        partners {
          key
          before {
            source
            influence
          }
          after {
            source
            influence
          }
          delta {
            source
            influence
          }
        }
        channels {
          key
          before {
            source
            influence
          }
          after {
            source
            influence
          }
          delta {
            source
            influence
          }
        }
        examples {
          opportunityKey
          before
          after
        }
        changes(first: 20) {
          opportunityKey
          change
          before {
            partnerKey
            lane
            role
            share
            amount
          }
          after {
            partnerKey
            lane
            role
            share
            amount
          }
        }
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchPreviewMutation, WebWorkbenchPreviewMutationVariables>;
export const WebWorkbenchCurrentCreditDocument = new TypedDocumentString(`
    query WebWorkbenchCurrentCredit($ruleSetKey: String!, $opportunityKey: String!) {
  allocations(
    first: 20
    filter: {ruleSetKey: $ruleSetKey, opportunityKey: $opportunityKey}
  ) {
    nodes {
      id
      lane
      role
      share
      amount
      currency
      partner {
        key
        name
      }
      explanation {
        text
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchCurrentCreditQuery, WebWorkbenchCurrentCreditQueryVariables>;
export const WebWorkbenchPublishDocument = new TypedDocumentString(`
    mutation WebWorkbenchPublish($id: ID!) {
  publishRuleVersion(input: {ruleVersionId: $id, retireOverlapping: true}) {
    __typename
    ... on PublishRuleVersionPayload {
      ruleVersion {
        id
        version
        status
      }
      retired {
        id
        version
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchPublishMutation, WebWorkbenchPublishMutationVariables>;
export const WebWorkbenchRunDocument = new TypedDocumentString(`
    mutation WebWorkbenchRun($id: ID!) {
  startRun(input: {ruleVersionId: $id}) {
    __typename
    ... on StartRunPayload {
      run {
        id
        status
        opportunitiesTotal
      }
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WebWorkbenchRunMutation, WebWorkbenchRunMutationVariables>;