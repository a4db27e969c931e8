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
  /** Arbitrary JSON. */
  JSON: { input: unknown; output: unknown; }
};

/** A customer account; its partner links are the "attached" signal. */
export type Account = Node & {
  __typename?: 'Account';
  createdAt: Scalars['DateTime']['output'];
  domain?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  opportunities: AccountOpportunitiesConnection;
  /** Partners present on the account, with the period of their presence. */
  partners: Array<AccountPartnerLink>;
  region?: Maybe<Scalars['String']['output']>;
  segment?: Maybe<Scalars['String']['output']>;
  /** Touches logged against the account (not a specific opportunity), newest first. */
  touchpoints: AccountTouchpointsConnection;
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

export type AccountConnection = {
  __typename?: 'AccountConnection';
  edges: Array<AccountEdge>;
  nodes: Array<Account>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AccountEdge = {
  __typename?: 'AccountEdge';
  cursor: Scalars['String']['output'];
  node: Account;
};

export type AccountFilter = {
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Accounts where this partner is (or was) present. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive match on name, key or domain. */
  search?: InputMaybe<Scalars['String']['input']>;
  segment?: InputMaybe<Scalars['String']['input']>;
};

export type AccountOpportunitiesConnection = {
  __typename?: 'AccountOpportunitiesConnection';
  edges: Array<AccountOpportunitiesConnectionEdge>;
  nodes: Array<Opportunity>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AccountOpportunitiesConnectionEdge = {
  __typename?: 'AccountOpportunitiesConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Opportunity;
};

export type AccountOrder = {
  direction?: InputMaybe<OrderDirection>;
  field: AccountOrderField;
};

export type AccountOrderField =
  | 'CREATED_AT'
  | 'KEY'
  | 'NAME';

export type AccountPartnerLink = {
  __typename?: 'AccountPartnerLink';
  partner: Partner;
  since: Scalars['DateTime']['output'];
  until?: Maybe<Scalars['DateTime']['output']>;
};

export type AccountPartnerLinkInput = {
  partnerKey: Scalars['String']['input'];
  since: Scalars['DateTime']['input'];
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AccountTouchpointsConnection = {
  __typename?: 'AccountTouchpointsConnection';
  edges: Array<AccountTouchpointsConnectionEdge>;
  nodes: Array<Touchpoint>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AccountTouchpointsConnectionEdge = {
  __typename?: 'AccountTouchpointsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Touchpoint;
};

export type AddTaxonomyEntryInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** Lowercase letters, digits and underscores, starting with a letter: rule files and records hold it. */
  key: Scalars['String']['input'];
  kind: TaxonomyKind;
  /** Default: the key in words ("system_integrator" -> "System integrator"). */
  label?: InputMaybe<Scalars['String']['input']>;
  /** Required for an opportunity stage. */
  outcome?: InputMaybe<StageOutcome>;
};

export type AddTaxonomyEntryResult = DomainRuleError | NotAllowedError | NotFoundError | TaxonomyEntry | ValidationError;

/** Why this credit exists: the rule that produced it, the lane grant, and each step. */
export type AllocationExplanation = {
  __typename?: 'AllocationExplanation';
  /** Touches that did not count, with the reason. */
  excluded: Array<ExplanationStep>;
  laneGrantedAmount?: Maybe<Scalars['Decimal']['output']>;
  laneGrantedShare?: Maybe<Scalars['Decimal']['output']>;
  laneRule?: Maybe<Scalars['String']['output']>;
  rule: Scalars['String']['output'];
  steps: Array<ExplanationStep>;
  /** The explanation as readable text, one step a line. */
  text: Scalars['String']['output'];
};

export type AllocationFilter = {
  /** Credit on opportunities with a live touchpoint through this channel (a channel taxonomy key). */
  channel?: InputMaybe<Scalars['String']['input']>;
  /** Close date of the opportunity. */
  closedAt?: InputMaybe<DateTimeRange>;
  /** Also list credit from superseded runs. */
  includeHistory?: InputMaybe<Scalars['Boolean']['input']>;
  lane?: InputMaybe<Lane>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  opportunityType?: InputMaybe<Array<OpportunityType>>;
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Partner-type taxonomy keys. */
  partnerType?: InputMaybe<Array<Scalars['String']['input']>>;
  role?: InputMaybe<Array<Scalars['String']['input']>>;
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
  /** Global id of a RuleVersion. */
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** Opportunity-stage taxonomy keys. */
  stage?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type AllocationOrder = {
  direction?: InputMaybe<OrderDirection>;
  field: AllocationOrderField;
};

export type AllocationOrderField =
  | 'AMOUNT'
  | 'CREATED_AT'
  | 'SHARE';

export type AllocationSummary = {
  __typename?: 'AllocationSummary';
  amount: Scalars['Decimal']['output'];
  lane: Lane;
  partnerKey?: Maybe<Scalars['String']['output']>;
  role: Scalars['String']['output'];
  share: Scalars['Decimal']['output'];
};

export type AllocationsChanged = {
  __typename?: 'AllocationsChanged';
  at: Scalars['DateTime']['output'];
  /** Global ids of the opportunities whose credit was recomputed. */
  opportunityIds: Array<Scalars['ID']['output']>;
  reason: Scalars['String']['output'];
  runId?: Maybe<Scalars['ID']['output']>;
};

export type ApiKeyRole =
  | 'admin'
  | 'analyst'
  | 'governance'
  | 'integrator'
  | 'partner';

/** A full, incremental or preview computation of credit under one rule version. */
export type AttributionRun = Node & {
  __typename?: 'AttributionRun';
  allocations: AttributionRunAllocationsConnection;
  allocationsWritten: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  heartbeatAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: RunKind;
  opportunitiesDone: Scalars['Int']['output'];
  opportunitiesTotal: Scalars['Int']['output'];
  partitions: Scalars['Int']['output'];
  /** Whole percent of opportunities done (0–100). */
  percentDone: Scalars['Int']['output'];
  ruleVersion: RuleVersion;
  scope: Scalars['JSON']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: RunStatus;
  triggeredBy: Scalars['String']['output'];
};


/** A full, incremental or preview computation of credit under one rule version. */
export type AttributionRunAllocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type AttributionRunAllocationsConnection = {
  __typename?: 'AttributionRunAllocationsConnection';
  edges: Array<AttributionRunAllocationsConnectionEdge>;
  nodes: Array<CreditAllocation>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AttributionRunAllocationsConnectionEdge = {
  __typename?: 'AttributionRunAllocationsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: CreditAllocation;
};

export type AttributionRunConnection = {
  __typename?: 'AttributionRunConnection';
  edges: Array<AttributionRunEdge>;
  nodes: Array<AttributionRun>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AttributionRunEdge = {
  __typename?: 'AttributionRunEdge';
  cursor: Scalars['String']['output'];
  node: AttributionRun;
};

export type AttributionRunFilter = {
  createdAt?: InputMaybe<DateTimeRange>;
  kind?: InputMaybe<Array<RunKind>>;
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<RunStatus>>;
};

/** One change, with the actor and the state before and after. */
export type AuditEvent = Node & {
  __typename?: 'AuditEvent';
  /** Dotted verb, e.g. "touchpoint.ingest", "ruleVersion.publish". */
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  after?: Maybe<Scalars['JSON']['output']>;
  at: Scalars['DateTime']['output'];
  before?: Maybe<Scalars['JSON']['output']>;
  /** The entity of a one-entity event; null for a batch event (see entityIds). */
  entityId?: Maybe<Scalars['String']['output']>;
  /** Every entity the event covers: for a batch event (touchpoint.ingest of a batch) the touchpoints it created, in batch order; otherwise [entityId]. */
  entityIds: Array<Scalars['String']['output']>;
  entityType: Scalars['String']['output'];
  id: Scalars['ID']['output'];
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  nodes: Array<AuditEvent>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

export type AuditEventFilter = {
  action?: InputMaybe<Array<Scalars['String']['input']>>;
  actor?: InputMaybe<Scalars['String']['input']>;
  at?: InputMaybe<DateTimeRange>;
  /** Events about this entity alone or about a batch that includes it. */
  entityId?: InputMaybe<Scalars['String']['input']>;
  entityType?: InputMaybe<Scalars['String']['input']>;
};

export type BatchTooLargeError = UserError & {
  __typename?: 'BatchTooLargeError';
  code: Scalars['String']['output'];
  limit: Scalars['Int']['output'];
  message: Scalars['String']['output'];
  size: Scalars['Int']['output'];
};

export type CreateRuleSetInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–80 letters, digits, "_", "-" or "."; named in the rules header. */
  key: Scalars['String']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

export type CreateRuleSetPayload = {
  __typename?: 'CreateRuleSetPayload';
  ruleSet: RuleSet;
};

export type CreateRuleSetResult = CreateRuleSetPayload | DomainRuleError | NotAllowedError | NotFoundError | ValidationError;

/** Credit on one opportunity for one partner (or none, when unattributed) in one lane. */
export type CreditAllocation = Node & {
  __typename?: 'CreditAllocation';
  amount: Scalars['Decimal']['output'];
  contributingTouchpoints: Array<Touchpoint>;
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  explanation: AllocationExplanation;
  id: Scalars['ID']['output'];
  /** true for the credit in force; false for history from superseded runs. */
  isCurrent: Scalars['Boolean']['output'];
  lane: Lane;
  opportunity: Opportunity;
  override?: Maybe<Override>;
  partner?: Maybe<Partner>;
  /** sourced, influenced, attached, assisted_close, unattributed, disputed, or a role the rule set declares. */
  role: Scalars['String']['output'];
  ruleVersion: RuleVersionTag;
  run: AttributionRun;
  /** Fraction of the opportunity amount, 6 places. */
  share: Scalars['Decimal']['output'];
};

export type CreditAllocationConnection = {
  __typename?: 'CreditAllocationConnection';
  edges: Array<CreditAllocationEdge>;
  nodes: Array<CreditAllocation>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CreditAllocationEdge = {
  __typename?: 'CreditAllocationEdge';
  cursor: Scalars['String']['output'];
  node: CreditAllocation;
};

export type CreditRequestInput = {
  lane: Lane;
  role: Scalars['String']['input'];
  /** Fraction 0–1, e.g. "0.5". */
  share: Scalars['Decimal']['input'];
};

/** A CSV file (RFC 4180, CRLF, UTF-8): save `content` as `filename`. */
export type CsvDownload = {
  __typename?: 'CsvDownload';
  content: Scalars['String']['output'];
  contentType: Scalars['String']['output'];
  filename: Scalars['String']['output'];
  /** The column names, in order (stable; new columns are only appended). */
  header: Array<Scalars['String']['output']>;
  /** Data lines (without the header). */
  rows: Scalars['Int']['output'];
};

/** Inclusive lower bound `from`, exclusive upper bound `to`; either may be omitted. */
export type DateTimeRange = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type DecimalChange = {
  __typename?: 'DecimalChange';
  current: Scalars['Decimal']['output'];
  delta: Scalars['Decimal']['output'];
  previous: Scalars['Decimal']['output'];
  /** (current - previous) / previous, 4 places ("0.2500" = +25 %); null when previous is zero. */
  relative?: Maybe<Scalars['Decimal']['output']>;
};

/** Inclusive bounds on a decimal value. */
export type DecimalRange = {
  max?: InputMaybe<Scalars['Decimal']['input']>;
  min?: InputMaybe<Scalars['Decimal']['input']>;
};

export type DeleteTouchpointInput = {
  /** Global id of the touchpoint. */
  id: Scalars['ID']['input'];
};

export type DeleteTouchpointPayload = {
  __typename?: 'DeleteTouchpointPayload';
  /** false when it was already deleted. */
  changed: Scalars['Boolean']['output'];
  recompute: RecomputeReport;
  touchpoint: Touchpoint;
};

export type DeleteTouchpointResult = DeleteTouchpointPayload | NotAllowedError | NotFoundError | ValidationError;

/** A problem (or note) the rules checker found, with its place in the source. */
export type Diagnostic = {
  __typename?: 'Diagnostic';
  code: Scalars['String']['output'];
  hint?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  range?: Maybe<SourceRange>;
  severity: DiagnosticSeverity;
};

export type DiagnosticSeverity =
  | 'error'
  | 'info'
  | 'warning';

/** A challenge to the credit on an opportunity, raised by a partner or an internal user. */
export type Dispute = Node & {
  __typename?: 'Dispute';
  allocation?: Maybe<CreditAllocation>;
  createdAt: Scalars['DateTime']['output'];
  evidence?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  opportunity: Opportunity;
  overrides: Array<Override>;
  partner?: Maybe<Partner>;
  raisedBy: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  /** What the raiser asks for, e.g. {"lane":"source","role":"sourced","share":"1"}. */
  requested?: Maybe<Scalars['JSON']['output']>;
  resolution?: Maybe<Scalars['String']['output']>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  resolvedBy?: Maybe<Scalars['String']['output']>;
  status: DisputeStatus;
};

export type DisputeConnection = {
  __typename?: 'DisputeConnection';
  edges: Array<DisputeEdge>;
  nodes: Array<Dispute>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DisputeDecision =
  | 'approved'
  | 'rejected';

export type DisputeEdge = {
  __typename?: 'DisputeEdge';
  cursor: Scalars['String']['output'];
  node: Dispute;
};

export type DisputePayload = {
  __typename?: 'DisputePayload';
  dispute: Dispute;
};

export type DisputeStatus =
  | 'approved'
  | 'open'
  | 'rejected';

/** The change breaks a governance rule; `code` names which (e.g. TESTS_FAILED, NOT_A_DRAFT). */
export type DomainRuleError = UserError & {
  __typename?: 'DomainRuleError';
  code: Scalars['String']['output'];
  details?: Maybe<Scalars['JSON']['output']>;
  message: Scalars['String']['output'];
};

/** One plain-language step of how the credit was decided. */
export type ExplanationStep = {
  __typename?: 'ExplanationStep';
  data?: Maybe<Scalars['JSON']['output']>;
  kind: ExplanationStepKind;
  message: Scalars['String']['output'];
  /** Global id of the touchpoint this step is about, if any. */
  touchpointId?: Maybe<Scalars['String']['output']>;
};

export type ExplanationStepKind =
  | 'cap'
  | 'excluded'
  | 'floor'
  | 'included'
  | 'note'
  | 'override'
  | 'rounding'
  | 'rule'
  | 'weight';

/** One invalid field: its dotted path in the input and what is wrong with it. */
export type FieldIssue = {
  __typename?: 'FieldIssue';
  message: Scalars['String']['output'];
  /** Dotted path in the input, e.g. "touchpoints.3.occurredAt". */
  path: Scalars['String']['output'];
};

export type FigureDiff = {
  __typename?: 'FigureDiff';
  base: Scalars['Decimal']['output'];
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
  date: Scalars['Date']['output'];
  /** Exact decimal, up to 10 places. */
  rate: Scalars['Decimal']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type FxRateInput = {
  /** ISO 4217 code, e.g. "EUR". */
  currency: Scalars['String']['input'];
  date: Scalars['Date']['input'];
  /** Units of the reporting currency per unit of `currency` on `date`, positive, at most 10 places, e.g. "1.0842". */
  rate: Scalars['Decimal']['input'];
};

export type FxRatesResult = QueryFxRatesSuccess | ValidationError;

export type HygieneCheck = {
  __typename?: 'HygieneCheck';
  /** What the weekly review should do about these records. */
  action: Scalars['String']['output'];
  /** Records in the queue at the end of asOf. */
  count: Scalars['Int']['output'];
  delta: Scalars['Int']['output'];
  items: Array<HygieneItem>;
  key: HygieneCheckKey;
  /** The same check at the end of the previous ISO week. */
  previousCount: Scalars['Int']['output'];
  title: Scalars['String']['output'];
  /** true when items lists fewer than count (raise limit). */
  truncated: Scalars['Boolean']['output'];
};

export type HygieneCheckKey =
  | 'disputed_allocation'
  | 'inactive_partner'
  | 'missing_fx_rate'
  | 'missing_proof_or_owner'
  | 'next_step_missing'
  | 'open_dispute'
  | 'suspected_duplicate'
  | 'touch_after_close'
  | 'touches_without_credit'
  | 'unknown_reference'
  | 'unproven_single_touch_credit';

/** One record in the hygiene queue, with the ids and keys to link to it. */
export type HygieneItem = {
  __typename?: 'HygieneItem';
  accountKey?: Maybe<Scalars['String']['output']>;
  allocationId?: Maybe<Scalars['ID']['output']>;
  at?: Maybe<Scalars['DateTime']['output']>;
  detail: Scalars['String']['output'];
  disputeId?: Maybe<Scalars['ID']['output']>;
  /** touchpoint, partner, dispute, allocation or opportunity. */
  entityType: Scalars['String']['output'];
  label: Scalars['String']['output'];
  /** Global id of the record (query it with node(id:)). */
  nodeId: Scalars['ID']['output'];
  opportunityKey?: Maybe<Scalars['String']['output']>;
  partnerKey?: Maybe<Scalars['String']['output']>;
  /** The other record involved: the earlier touch of a suspected duplicate, or the missing touchpoint an allocation cites. */
  relatedId?: Maybe<Scalars['ID']['output']>;
  touchpointId?: Maybe<Scalars['ID']['output']>;
};

/** The weekly revenue-hygiene review: what to fix, with the week-over-week trend. */
export type HygieneReport = {
  __typename?: 'HygieneReport';
  asOf: Scalars['String']['output'];
  checks: Array<HygieneCheck>;
  duplicateDays: Scalars['Int']['output'];
  inactiveDays: Scalars['Int']['output'];
  previousWeek: ReportPeriod;
  ruleSetKey?: Maybe<Scalars['String']['output']>;
  totals: HygieneTotals;
  week: ReportPeriod;
};


/** The weekly revenue-hygiene review: what to fix, with the week-over-week trend. */
export type HygieneReportChecksArgs = {
  keys?: InputMaybe<Array<HygieneCheckKey>>;
};

export type HygieneReportResult = DomainRuleError | HygieneReport | NotAllowedError | NotFoundError | ValidationError;

export type HygieneTotals = {
  __typename?: 'HygieneTotals';
  count: Scalars['Int']['output'];
  delta: Scalars['Int']['output'];
  previousCount: Scalars['Int']['output'];
};

export type ImpactExample = {
  __typename?: 'ImpactExample';
  /** Explanation under the candidate. */
  after: Scalars['String']['output'];
  /** Explanation under the current rules. */
  before: Scalars['String']['output'];
  opportunityKey: Scalars['String']['output'];
};

export type ImpactOpportunityCounts = {
  __typename?: 'ImpactOpportunityCounts';
  added: Scalars['Int']['output'];
  changed: Scalars['Int']['output'];
  evaluated: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
};

/** The impact diff of a candidate rule version against the credit in force. */
export type ImpactReport = {
  __typename?: 'ImpactReport';
  asOf: Scalars['String']['output'];
  candidate: RuleVersion;
  changes: Array<OpportunityCreditChange>;
  channels: Array<MovedCredit>;
  examples: Array<ImpactExample>;
  hasChanges: Scalars['Boolean']['output'];
  opportunities: ImpactOpportunityCounts;
  partners: Array<MovedCredit>;
  ruleSetKey: Scalars['String']['output'];
  scope: Scalars['JSON']['output'];
  totals: ImpactTotals;
};


/** The impact diff of a candidate rule version against the credit in force. */
export type ImpactReportChangesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ImpactTotals = {
  __typename?: 'ImpactTotals';
  after: LaneAmounts;
  before: LaneAmounts;
  delta: LaneAmounts;
};

export type ImportFxRatesInput = {
  /** One rate per currency and day. */
  rates: Array<FxRateInput>;
};

export type ImportFxRatesPayload = {
  __typename?: 'ImportFxRatesPayload';
  created: Scalars['Int']['output'];
  /** Rates given. */
  rates: Scalars['Int']['output'];
  /** Rates equal to the stored ones (a re-import changes nothing). */
  unchanged: Scalars['Int']['output'];
  /** Rates that replaced a different stored rate for the same currency and day. */
  updated: Scalars['Int']['output'];
};

export type ImportFxRatesResult = ImportFxRatesPayload | ValidationError;

/** Agreement between teams (target at least 90%): of the won deals closed in the period on which the rules credit a partner, the share whose credit stood (no dispute upheld). */
export type InfluenceAccuracy = {
  __typename?: 'InfluenceAccuracy';
  /** Won deals closed in the period with partner credit from the selected results. */
  deals: Scalars['Int']['output'];
  /** Period key, e.g. "2026-Q1" or "FY2027-Q1". */
  period: Scalars['String']['output'];
  /** stood / deals as a decimal string with 4 places ("0.9500"); null without such deals. */
  rate?: Maybe<Scalars['String']['output']>;
  /** Of those, deals with no approved dispute. */
  stood: Scalars['Int']['output'];
};

export type IngestItemStatus =
  | 'created'
  | 'rejected'
  | 'unchanged'
  | 'updated';

export type IngestTouchpointsInput = {
  /** Answer only after the affected credit is recomputed (recompute.status DONE or FAILED). Default false: the recompute is queued durably with the data and the mutation answers at once (recompute.status QUEUED). */
  awaitRecompute?: InputMaybe<Scalars['Boolean']['input']>;
  /** At most 5,000 per call (more is a BatchTooLargeError: split the batch). */
  touchpoints: Array<TouchpointInput>;
};

export type IngestTouchpointsPayload = {
  __typename?: 'IngestTouchpointsPayload';
  created: Scalars['Int']['output'];
  items: Array<TouchpointIngestItem>;
  recompute: RecomputeReport;
  rejected: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};


export type IngestTouchpointsPayloadItemsArgs = {
  onlyRejected?: InputMaybe<Scalars['Boolean']['input']>;
};

export type IngestTouchpointsResult = BatchTooLargeError | IngestTouchpointsPayload | NotAllowedError | NotFoundError | ValidationError;

/** source: who sourced the deal; influence: who helped it move. Credit in one lane never counts in the other. */
export type Lane =
  | 'influence'
  | 'source';

export type LaneAmounts = {
  __typename?: 'LaneAmounts';
  influence: Scalars['Decimal']['output'];
  source: Scalars['Decimal']['output'];
};

export type LaneRevenue = {
  __typename?: 'LaneRevenue';
  influenced: Scalars['Decimal']['output'];
  involvedRevenue: Scalars['Decimal']['output'];
  sourced: Scalars['Decimal']['output'];
};

/** Credit of one partner or channel before and after, per lane. */
export type MovedCredit = {
  __typename?: 'MovedCredit';
  after: LaneAmounts;
  before: LaneAmounts;
  delta: LaneAmounts;
  key: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds a value to a vocabulary (no migration, no restart). Governance and admin keys. */
  addTaxonomyEntry: AddTaxonomyEntryResult;
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
  raiseDispute: RaiseDisputeResult;
  /** Approve (creating an override) or reject a dispute. The raiser cannot resolve their own dispute. */
  resolveDispute: ResolveDisputeResult;
  /** Retires a published version; its allocations stay for history. */
  retireRuleVersion: RetireRuleVersionResult;
  /** Retires a value: records that have it keep it and stay readable; new records may not use it. Governance and admin keys. */
  retireTaxonomyEntry: RetireTaxonomyEntryResult;
  revokeOverride: RevokeOverrideResult;
  saveRuleDraft: SaveRuleDraftResult;
  startRun: StartRunResult;
  /** Runs the version's in-file tests now. A draft keeps the new results; a published version is frozen and only reports them. */
  testRuleVersion: TestRuleVersionResult;
  upsertAccount: UpsertAccountResult;
  upsertOpportunity: UpsertOpportunityResult;
  upsertPartner: UpsertPartnerResult;
};


export type MutationAddTaxonomyEntryArgs = {
  input: AddTaxonomyEntryInput;
};


export type MutationCreateRuleSetArgs = {
  input: CreateRuleSetInput;
};


export type MutationDeleteTouchpointArgs = {
  input: DeleteTouchpointInput;
};


export type MutationImportFxRatesArgs = {
  input: ImportFxRatesInput;
};


export type MutationIngestTouchpointsArgs = {
  input: IngestTouchpointsInput;
};


export type MutationPreviewRuleVersionArgs = {
  input: PreviewRuleVersionInput;
};


export type MutationPublishRuleVersionArgs = {
  input: PublishRuleVersionInput;
};


export type MutationRaiseDisputeArgs = {
  input: RaiseDisputeInput;
};


export type MutationResolveDisputeArgs = {
  input: ResolveDisputeInput;
};


export type MutationRetireRuleVersionArgs = {
  input: RetireRuleVersionInput;
};


export type MutationRetireTaxonomyEntryArgs = {
  key: Scalars['String']['input'];
  kind: TaxonomyKind;
};


export type MutationRevokeOverrideArgs = {
  input: RevokeOverrideInput;
};


export type MutationSaveRuleDraftArgs = {
  input: SaveRuleDraftInput;
};


export type MutationStartRunArgs = {
  input: StartRunInput;
};


export type MutationTestRuleVersionArgs = {
  input: RuleVersionRefInput;
};


export type MutationUpsertAccountArgs = {
  input: UpsertAccountInput;
};


export type MutationUpsertOpportunityArgs = {
  input: UpsertOpportunityInput;
};


export type MutationUpsertPartnerArgs = {
  input: UpsertPartnerInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type NotAllowedError = UserError & {
  __typename?: 'NotAllowedError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type NotFoundError = UserError & {
  __typename?: 'NotFoundError';
  code: Scalars['String']['output'];
  entity: Scalars['String']['output'];
  message: Scalars['String']['output'];
  reference: Scalars['String']['output'];
};

/** A deal from the CRM. Its amount is split into source and influence credit by the published rules. */
export type Opportunity = Node & {
  __typename?: 'Opportunity';
  account: Account;
  /** Credit on this deal; current allocations only unless includeHistory. */
  allocations: OpportunityAllocationsConnection;
  amount: Scalars['Decimal']['output'];
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  disputes: OpportunityDisputesConnection;
  id: Scalars['ID']['output'];
  ingestedAt: Scalars['DateTime']['output'];
  /** The CRM id. */
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The outcome of its stage: open, won or lost. */
  outcome: StageOutcome;
  overrides: OpportunityOverridesConnection;
  ownerRep?: Maybe<Scalars['String']['output']>;
  sourceSystem: Scalars['String']['output'];
  /** An opportunity-stage taxonomy key (`taxonomy(kind: opportunity_stage)`). */
  stage: Scalars['String']['output'];
  stageLabel: Scalars['String']['output'];
  touchpoints: OpportunityTouchpointsConnection;
  type: OpportunityType;
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

export type OpportunityAllocationsConnection = {
  __typename?: 'OpportunityAllocationsConnection';
  edges: Array<OpportunityAllocationsConnectionEdge>;
  nodes: Array<CreditAllocation>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OpportunityAllocationsConnectionEdge = {
  __typename?: 'OpportunityAllocationsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: CreditAllocation;
};

export type OpportunityChangeKind =
  | 'added'
  | 'changed'
  | 'removed';

export type OpportunityConnection = {
  __typename?: 'OpportunityConnection';
  edges: Array<OpportunityEdge>;
  nodes: Array<Opportunity>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OpportunityCreditChange = {
  __typename?: 'OpportunityCreditChange';
  after: Array<AllocationSummary>;
  before: Array<AllocationSummary>;
  change: OpportunityChangeKind;
  opportunityKey: Scalars['String']['output'];
};

export type OpportunityDisputesConnection = {
  __typename?: 'OpportunityDisputesConnection';
  edges: Array<OpportunityDisputesConnectionEdge>;
  nodes: Array<Dispute>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OpportunityDisputesConnectionEdge = {
  __typename?: 'OpportunityDisputesConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Dispute;
};

export type OpportunityEdge = {
  __typename?: 'OpportunityEdge';
  cursor: Scalars['String']['output'];
  node: Opportunity;
};

export type OpportunityFilter = {
  accountKey?: InputMaybe<Scalars['String']['input']>;
  amount?: InputMaybe<DecimalRange>;
  /** Deals with a live touchpoint through this channel (a channel taxonomy key). */
  channel?: InputMaybe<Scalars['String']['input']>;
  closedAt?: InputMaybe<DateTimeRange>;
  createdAt?: InputMaybe<DateTimeRange>;
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Open, won or lost deals, whatever their stages are called. */
  outcome?: InputMaybe<Array<StageOutcome>>;
  /** Deals this partner touched (live touchpoints) or holds current credit on. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** Opportunity-stage taxonomy keys. */
  stage?: InputMaybe<Array<Scalars['String']['input']>>;
  type?: InputMaybe<Array<OpportunityType>>;
};

export type OpportunityOrder = {
  direction?: InputMaybe<OrderDirection>;
  field: OpportunityOrderField;
};

export type OpportunityOrderField =
  | 'AMOUNT'
  | 'CLOSED_AT'
  | 'CREATED_AT'
  | 'KEY'
  | 'NAME';

export type OpportunityOverridesConnection = {
  __typename?: 'OpportunityOverridesConnection';
  edges: Array<OpportunityOverridesConnectionEdge>;
  nodes: Array<Override>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OpportunityOverridesConnectionEdge = {
  __typename?: 'OpportunityOverridesConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Override;
};

export type OpportunityTouchpointsConnection = {
  __typename?: 'OpportunityTouchpointsConnection';
  edges: Array<OpportunityTouchpointsConnectionEdge>;
  nodes: Array<Touchpoint>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OpportunityTouchpointsConnectionEdge = {
  __typename?: 'OpportunityTouchpointsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Touchpoint;
};

export type OpportunityType =
  | 'expansion'
  | 'new_business'
  | 'renewal';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** An approved manual correction of credit; the engine applies it on every run until revoked. */
export type Override = Node & {
  __typename?: 'Override';
  approvedAt: Scalars['DateTime']['output'];
  approvedBy: Scalars['String']['output'];
  dispute?: Maybe<Dispute>;
  id: Scalars['ID']['output'];
  lane: Lane;
  opportunity: Opportunity;
  partner?: Maybe<Partner>;
  reason: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  revokedBy?: Maybe<Scalars['String']['output']>;
  role: Scalars['String']['output'];
  ruleSetKey?: Maybe<Scalars['String']['output']>;
  share: Scalars['Decimal']['output'];
  status: OverrideStatus;
};

export type OverrideConnection = {
  __typename?: 'OverrideConnection';
  edges: Array<OverrideEdge>;
  nodes: Array<Override>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OverrideCreditInput = {
  lane: Lane;
  /** Omit for the whole lane. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  role: Scalars['String']['input'];
  share: Scalars['Decimal']['input'];
};

export type OverrideEdge = {
  __typename?: 'OverrideEdge';
  cursor: Scalars['String']['output'];
  node: Override;
};

export type OverrideStatus =
  | 'active'
  | 'revoked';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A company in the partner ecosystem (reseller, SI, technology partner …). */
export type Partner = Node & {
  __typename?: 'Partner';
  /** Credit this partner holds; current allocations only unless includeHistory. */
  allocations: PartnerAllocationsConnection;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  investments: PartnerInvestmentsConnection;
  /** Stable business key, as sent by integrators. */
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Partner manager on our side. */
  owner?: Maybe<Scalars['String']['output']>;
  status: PartnerStatus;
  /** A partner-tier taxonomy key. */
  tier: Scalars['String']['output'];
  tierLabel: Scalars['String']['output'];
  touchpoints: PartnerTouchpointsConnection;
  /** A partner-type taxonomy key (`taxonomy(kind: partner_type)`). */
  type: Scalars['String']['output'];
  typeLabel: Scalars['String']['output'];
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

export type PartnerAllocationsConnection = {
  __typename?: 'PartnerAllocationsConnection';
  edges: Array<PartnerAllocationsConnectionEdge>;
  nodes: Array<CreditAllocation>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PartnerAllocationsConnectionEdge = {
  __typename?: 'PartnerAllocationsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: CreditAllocation;
};

export type PartnerConnection = {
  __typename?: 'PartnerConnection';
  edges: Array<PartnerEdge>;
  nodes: Array<Partner>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PartnerEdge = {
  __typename?: 'PartnerEdge';
  cursor: Scalars['String']['output'];
  node: Partner;
};

export type PartnerFilter = {
  keys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Case-insensitive match on name or key. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<PartnerStatus>>;
  /** Partner-tier taxonomy keys. */
  tier?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Partner-type taxonomy keys. */
  type?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What we spent on a partner in a period (MDF, enablement, headcount …), for ROI. */
export type PartnerInvestment = Node & {
  __typename?: 'PartnerInvestment';
  amount: Scalars['Decimal']['output'];
  category: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  note?: Maybe<Scalars['String']['output']>;
  partner: Partner;
  periodEnd: Scalars['Date']['output'];
  periodStart: Scalars['Date']['output'];
};

export type PartnerInvestmentsConnection = {
  __typename?: 'PartnerInvestmentsConnection';
  edges: Array<PartnerInvestmentsConnectionEdge>;
  nodes: Array<PartnerInvestment>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PartnerInvestmentsConnectionEdge = {
  __typename?: 'PartnerInvestmentsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: PartnerInvestment;
};

export type PartnerOrder = {
  direction?: InputMaybe<OrderDirection>;
  field: PartnerOrderField;
};

export type PartnerOrderField =
  | 'CREATED_AT'
  | 'KEY'
  | 'NAME'
  | 'TIER';

export type PartnerStatus =
  | 'active'
  | 'inactive'
  | 'onboarding'
  | 'prospect'
  | 'terminated';

export type PartnerTouchpointsConnection = {
  __typename?: 'PartnerTouchpointsConnection';
  edges: Array<PartnerTouchpointsConnectionEdge>;
  nodes: Array<Touchpoint>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PartnerTouchpointsConnectionEdge = {
  __typename?: 'PartnerTouchpointsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: Touchpoint;
};

export type PeriodUnit =
  | 'month'
  | 'quarter';

export type PreviewRuleVersionInput = {
  /** Changed opportunities to explain before/after (0–20). */
  examples?: InputMaybe<Scalars['Int']['input']>;
  ignoreEffectiveWindow?: InputMaybe<Scalars['Boolean']['input']>;
  ruleVersionId: Scalars['ID']['input'];
  scope?: InputMaybe<RunScopeInput>;
};

export type PreviewRuleVersionPayload = {
  __typename?: 'PreviewRuleVersionPayload';
  impact: ImpactReport;
};

export type PreviewRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | PreviewRuleVersionPayload | ValidationError;

export type PublishRuleVersionInput = {
  /** Retire published versions whose effective window overlaps. */
  retireOverlapping?: InputMaybe<Scalars['Boolean']['input']>;
  ruleVersionId: Scalars['ID']['input'];
};

export type PublishRuleVersionPayload = {
  __typename?: 'PublishRuleVersionPayload';
  retired: Array<RuleVersion>;
  ruleVersion: RuleVersion;
};

export type PublishRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | PublishRuleVersionPayload | ValidationError;

export type Query = {
  __typename?: 'Query';
  account?: Maybe<Account>;
  accounts: AccountConnection;
  /** Credit allocations (current by default). A partner key sees only its own partner's credit. */
  allocations: CreditAllocationConnection;
  attributionRuns: AttributionRunConnection;
  /** The audit trail, newest first. */
  auditEvents: AuditEventConnection;
  /** Disputes, newest first. A partner key sees only its own partner's disputes. */
  disputes: DisputeConnection;
  /** The stored exchange rates, by currency and day (at most 10,000). */
  fxRates: FxRatesResult;
  /** Revenue hygiene as of a day: touches missing proof or owner, inactive attached partners, disputes, touches after close, unknown references, suspected duplicates, influenced deals without a next joint step and deals without an FX rate. */
  hygieneReport: HygieneReportResult;
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  opportunities: OpportunityConnection;
  opportunity?: Maybe<Opportunity>;
  overrides: OverrideConnection;
  /** One partner by its business key. */
  partner?: Maybe<Partner>;
  /** Partners; a partner key sees only its own partner. */
  partners: PartnerConnection;
  /** The recompute queue: how much credit is waiting to be recomputed after data changes, and any failure. */
  recomputeQueue: RecomputeQueue;
  /** Where one change's recompute stands, by the ticket its mutation returned (recompute.ticket). */
  recomputeRequest: RecomputeRequest;
  ruleSet?: Maybe<RuleSet>;
  ruleSets: RuleSetConnection;
  ruleVersions: RuleVersionConnection;
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
  touchpoints: TouchpointConnection;
  viewer: Viewer;
};


export type QueryAccountArgs = {
  key: Scalars['String']['input'];
};


export type QueryAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccountFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AccountOrder>>;
};


export type QueryAllocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AllocationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<AllocationOrder>>;
};


export type QueryAttributionRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AttributionRunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDisputesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<DisputeStatus>>;
};


export type QueryFxRatesArgs = {
  currency?: InputMaybe<Scalars['String']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryHygieneReportArgs = {
  asOf: Scalars['Date']['input'];
  duplicateDays?: InputMaybe<Scalars['Int']['input']>;
  inactiveDays?: InputMaybe<Scalars['Int']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOpportunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OpportunityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<OpportunityOrder>>;
};


export type QueryOpportunityArgs = {
  key: Scalars['String']['input'];
};


export type QueryOverridesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<OverrideStatus>>;
};


export type QueryPartnerArgs = {
  key: Scalars['String']['input'];
};


export type QueryPartnersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PartnerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<PartnerOrder>>;
};


export type QueryRecomputeRequestArgs = {
  ticket: Scalars['ID']['input'];
};


export type QueryRuleSetArgs = {
  key: Scalars['String']['input'];
};


export type QueryRuleSetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRuleVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<RuleVersionStatus>>;
};


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


export type QuerySpotlightArgs = {
  input: SpotlightInput;
};


export type QueryTaxonomyArgs = {
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
  kind?: InputMaybe<TaxonomyKind>;
};


export type QueryTouchpointArgs = {
  externalId: Scalars['String']['input'];
  source: Scalars['String']['input'];
};


export type QueryTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TouchpointFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TouchpointOrder>>;
};

export type QueryFxRatesSuccess = {
  __typename?: 'QueryFxRatesSuccess';
  data: Array<FxRate>;
};

export type RaiseDisputeInput = {
  /** The CreditAllocation in question (or give opportunityKey). */
  allocationId?: InputMaybe<Scalars['ID']['input']>;
  evidence?: InputMaybe<Scalars['String']['input']>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  /** Whose credit is in question; partner keys may only name their own partner. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  reason: Scalars['String']['input'];
  requested?: InputMaybe<CreditRequestInput>;
};

export type RaiseDisputeResult = DisputePayload | DomainRuleError | NotAllowedError | NotFoundError | ValidationError;

export type RateFigure = {
  __typename?: 'RateFigure';
  closed: Scalars['Int']['output'];
  rate?: Maybe<Scalars['Decimal']['output']>;
  won: Scalars['Int']['output'];
};

export type RatioDiff = {
  __typename?: 'RatioDiff';
  base?: Maybe<Scalars['Decimal']['output']>;
  candidate?: Maybe<Scalars['Decimal']['output']>;
  delta?: Maybe<Scalars['Decimal']['output']>;
};

/** The background recompute of credit after data changes. Empty (pendingRequests 0) means all ingested credit is current. */
export type RecomputeQueue = {
  __typename?: 'RecomputeQueue';
  /** Requests whose last attempt failed; retried with backoff. */
  failingRequests: Scalars['Int']['output'];
  /** When this server process last recomputed queued work. */
  lastDrainAt?: Maybe<Scalars['DateTime']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  /** When failed requests are tried again. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  oldestRequestedAt?: Maybe<Scalars['DateTime']['output']>;
  pendingOpportunities: Scalars['Int']['output'];
  /** Requests waiting (one per opportunity per change). */
  pendingRequests: Scalars['Int']['output'];
  /** Whether this server process drains the queue. */
  workerRunning: Scalars['Boolean']['output'];
};

/** What happened to credit after a data change. */
export type RecomputeReport = {
  __typename?: 'RecomputeReport';
  error?: Maybe<Scalars['String']['output']>;
  /** Opportunities whose credit may have changed. */
  opportunities: Scalars['Int']['output'];
  /** Global ids of the incremental runs that recomputed the credit (empty while QUEUED; a queued recompute may share its runs with other changes). */
  runIds: Array<Scalars['ID']['output']>;
  /** The incremental runs that recomputed them (one per applicable published rule version); internal readers only. */
  runs: Array<AttributionRun>;
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
  lastError?: Maybe<Scalars['String']['output']>;
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Opportunities of this change still waiting. */
  opportunities: Scalars['Int']['output'];
  status: RecomputeStatus;
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
  end: Scalars['String']['output'];
  /** "2026-Q1", "2026-03" or "2026-W12". */
  key: Scalars['String']['output'];
  start: Scalars['String']['output'];
};

export type ResolveDisputeInput = {
  decision: DisputeDecision;
  disputeId: Scalars['ID']['input'];
  /** Credit to impose on approval; default: what the dispute requested. */
  override?: InputMaybe<OverrideCreditInput>;
  /** Why: kept in the audit trail and shown to the raiser. */
  resolution: Scalars['String']['input'];
  /** Limit the override to one rule set. */
  ruleSetKey?: InputMaybe<Scalars['String']['input']>;
};

export type ResolveDisputePayload = {
  __typename?: 'ResolveDisputePayload';
  dispute: Dispute;
  /** The approved override (approval only); the opportunity's credit was recomputed with it. */
  override?: Maybe<Override>;
  recomputeError?: Maybe<Scalars['String']['output']>;
};

export type ResolveDisputeResult = DomainRuleError | NotAllowedError | NotFoundError | ResolveDisputePayload | ValidationError;

export type RetireRuleVersionInput = {
  reason?: InputMaybe<Scalars['String']['input']>;
  ruleVersionId: Scalars['ID']['input'];
};

export type RetireRuleVersionPayload = {
  __typename?: 'RetireRuleVersionPayload';
  ruleVersion: RuleVersion;
};

export type RetireRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | RetireRuleVersionPayload | ValidationError;

export type RetireTaxonomyEntryResult = DomainRuleError | NotAllowedError | NotFoundError | TaxonomyEntry | ValidationError;

export type RevokeOverrideInput = {
  overrideId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type RevokeOverridePayload = {
  __typename?: 'RevokeOverridePayload';
  override: Override;
  recomputeError?: Maybe<Scalars['String']['output']>;
};

export type RevokeOverrideResult = DomainRuleError | NotAllowedError | NotFoundError | RevokeOverridePayload | ValidationError;

/** A named methodology (e.g. "default"); its versions are drafted, published and retired. */
export type RuleSet = Node & {
  __typename?: 'RuleSet';
  createdAt: Scalars['DateTime']['output'];
  /** The published version in effect today, if any. */
  currentVersion?: Maybe<RuleVersion>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
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

export type RuleSetConnection = {
  __typename?: 'RuleSetConnection';
  edges: Array<RuleSetEdge>;
  nodes: Array<RuleSet>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RuleSetEdge = {
  __typename?: 'RuleSetEdge';
  cursor: Scalars['String']['output'];
  node: RuleSet;
};

export type RuleSetVersionsConnection = {
  __typename?: 'RuleSetVersionsConnection';
  edges: Array<RuleSetVersionsConnectionEdge>;
  nodes: Array<RuleVersion>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RuleSetVersionsConnectionEdge = {
  __typename?: 'RuleSetVersionsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: RuleVersion;
};

export type RuleTestCase = {
  __typename?: 'RuleTestCase';
  message?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  passed: Scalars['Boolean']['output'];
};

/** Outcome of the in-file tests of a rule version. */
export type RuleTestResults = {
  __typename?: 'RuleTestResults';
  cases: Array<RuleTestCase>;
  diagnostics: Array<Diagnostic>;
  failed: Scalars['Int']['output'];
  /** true when every test passed and there is at least one. */
  ok: Scalars['Boolean']['output'];
  passed: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** One version of a rule set: its source, check diagnostics, in-file test results and lifecycle. */
export type RuleVersion = Node & {
  __typename?: 'RuleVersion';
  author: Scalars['String']['output'];
  changeNote?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  diagnostics: Array<Diagnostic>;
  effectiveFrom?: Maybe<Scalars['Date']['output']>;
  effectiveTo?: Maybe<Scalars['Date']['output']>;
  errorCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  publishedBy?: Maybe<Scalars['String']['output']>;
  retiredAt?: Maybe<Scalars['DateTime']['output']>;
  ruleSet: RuleSet;
  runs: RuleVersionRunsConnection;
  semanticHash?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  sourceHash: Scalars['String']['output'];
  status: RuleVersionStatus;
  /** Hash of the taxonomy the version was checked against (keys, outcomes, active flags); null: the default taxonomy. */
  taxonomyHash?: Maybe<Scalars['String']['output']>;
  testResults?: Maybe<RuleTestResults>;
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

export type RuleVersionConnection = {
  __typename?: 'RuleVersionConnection';
  edges: Array<RuleVersionEdge>;
  nodes: Array<RuleVersion>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RuleVersionEdge = {
  __typename?: 'RuleVersionEdge';
  cursor: Scalars['String']['output'];
  node: RuleVersion;
};

export type RuleVersionRefInput = {
  ruleVersionId: Scalars['ID']['input'];
};

export type RuleVersionRunsConnection = {
  __typename?: 'RuleVersionRunsConnection';
  edges: Array<RuleVersionRunsConnectionEdge>;
  nodes: Array<AttributionRun>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RuleVersionRunsConnectionEdge = {
  __typename?: 'RuleVersionRunsConnectionEdge';
  cursor: Scalars['String']['output'];
  node: AttributionRun;
};

export type RuleVersionStatus =
  | 'draft'
  | 'published'
  | 'retired';

/** Which exact rules produced a credit: the version id, its number and the hash of its source. */
export type RuleVersionTag = {
  __typename?: 'RuleVersionTag';
  id: Scalars['ID']['output'];
  number?: Maybe<Scalars['Int']['output']>;
  sourceHash: Scalars['String']['output'];
};

export type RunKind =
  | 'full'
  | 'incremental'
  | 'preview';

/** Which opportunities a run covers; empty means all. */
export type RunScopeInput = {
  /** Attribution date (close date, else creation) from this day. */
  from?: InputMaybe<Scalars['Date']['input']>;
  opportunityKeys?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Opportunities the partner touched, is present on, or holds credit in. */
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  /** …up to this day, inclusive. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type RunStatus =
  | 'failed'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'superseded';

export type SaveRuleDraftInput = {
  changeNote?: InputMaybe<Scalars['String']['input']>;
  /** Create the rule set if it does not exist. */
  createRuleSet?: InputMaybe<Scalars['Boolean']['input']>;
  ruleSetKey: Scalars['String']['input'];
  /** Edit this draft instead of creating a new one. */
  ruleVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** The rules text. Saved even when it has errors (drafts are work in progress). */
  source: Scalars['String']['input'];
};

export type SaveRuleDraftPayload = {
  __typename?: 'SaveRuleDraftPayload';
  /** false when an identical draft already existed and was returned. */
  created: Scalars['Boolean']['output'];
  /** What the checker found, with line:column ranges. */
  diagnostics: Array<Diagnostic>;
  /** true when there are no error diagnostics. */
  ok: Scalars['Boolean']['output'];
  ruleVersion: RuleVersion;
  testResults?: Maybe<RuleTestResults>;
};

export type SaveRuleDraftResult = DomainRuleError | NotAllowedError | NotFoundError | SaveRuleDraftPayload | ValidationError;

/** Partner ecosystem KPIs from the credit in force (or from one rule version or run). */
export type Scorecard = {
  __typename?: 'Scorecard';
  /** The reporting currency (ISO 4217, ATTRIB_REPORTING_CURRENCY) of every money figure. Deals convert at the rate of their close day (open deals: asOf), or the nearest earlier one. */
  currency: Scalars['String']['output'];
  /** The month (1–12) the fiscal year starts in (ATTRIB_FISCAL_YEAR_START); quarters follow it: "FY2027-Q1", or "2026-Q1" when it is 1. */
  fiscalYearStart: Scalars['Int']['output'];
  from: Scalars['String']['output'];
  /** Per currency, the deals and investments converted to `currency` (empty when every amount is already in it). */
  fxConversions: Array<ScorecardFxConversion>;
  groupBy: ScorecardGroupBy;
  /** Per period: the share of partner-credited won deals whose credit stood (src/reports/README.md). */
  influenceAccuracy: Array<InfluenceAccuracy>;
  period: PeriodUnit;
  periods: Array<Scalars['String']['output']>;
  rows: Array<ScorecardRow>;
  ruleVersions: Array<ScorecardRuleVersion>;
  to: Scalars['String']['output'];
};

/** The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row. */
export type ScorecardComparison = {
  __typename?: 'ScorecardComparison';
  base: ScorecardSelection;
  baseRuleVersions: Array<ScorecardRuleVersion>;
  candidate: ScorecardSelection;
  candidateRuleVersions: Array<ScorecardRuleVersion>;
  /** The reporting currency (ISO 4217) of every money figure, on both sides. */
  currency: Scalars['String']['output'];
  from: Scalars['String']['output'];
  groupBy: ScorecardGroupBy;
  period: PeriodUnit;
  rows: Array<ScorecardComparisonRow>;
  to: Scalars['String']['output'];
};


/** The same scorecard under two sets of results (e.g. published vs a preview of a draft), row by row. */
export type ScorecardComparisonRowsArgs = {
  changedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ScorecardComparisonResult = DomainRuleError | NotAllowedError | NotFoundError | ScorecardComparison | ValidationError;

export type ScorecardComparisonRow = {
  __typename?: 'ScorecardComparisonRow';
  changed: Scalars['Boolean']['output'];
  coverage: RatioDiff;
  groupKey: Scalars['String']['output'];
  groupLabel: Scalars['String']['output'];
  influencedPipeline: FigureDiff;
  influencedRevenue: FigureDiff;
  involvedRevenue: FigureDiff;
  period: Scalars['String']['output'];
  sourcedPipeline: FigureDiff;
  sourcedRevenue: FigureDiff;
  winRateInvolved: RatioDiff;
};

export type ScorecardCsvResult = CsvDownload | DomainRuleError | NotAllowedError | NotFoundError | ValidationError;

/** Amounts of one currency converted to the reporting currency, and the days of the rates used. */
export type ScorecardFxConversion = {
  __typename?: 'ScorecardFxConversion';
  currency: Scalars['String']['output'];
  /** Day of the earliest rate used (YYYY-MM-DD). */
  firstRateDate: Scalars['String']['output'];
  investments: Scalars['Int']['output'];
  /** Day of the latest rate used (YYYY-MM-DD). */
  lastRateDate: Scalars['String']['output'];
  opportunities: Scalars['Int']['output'];
};

export type ScorecardGroupBy =
  | 'channel'
  | 'partner'
  | 'partner_type'
  | 'period';

export type ScorecardResult = DomainRuleError | NotAllowedError | NotFoundError | Scorecard | ValidationError;

export type ScorecardRow = {
  __typename?: 'ScorecardRow';
  coverageOpportunities: Scalars['Int']['output'];
  coverageRate?: Maybe<Scalars['Decimal']['output']>;
  coverageWithSignals: Scalars['Int']['output'];
  expansion: LaneRevenue;
  groupKey: Scalars['String']['output'];
  groupLabel: Scalars['String']['output'];
  influencedPipeline: Scalars['Decimal']['output'];
  influencedPipelineChange: DecimalChange;
  influencedRevenue: Scalars['Decimal']['output'];
  influencedRevenueChange: DecimalChange;
  involvedPipeline: Scalars['Decimal']['output'];
  involvedRevenue: Scalars['Decimal']['output'];
  period: Scalars['String']['output'];
  periodEnd: Scalars['String']['output'];
  periodStart: Scalars['String']['output'];
  previousPeriod: Scalars['String']['output'];
  renewal: LaneRevenue;
  roiInfluenced?: Maybe<Scalars['Decimal']['output']>;
  roiInvestment?: Maybe<Scalars['Decimal']['output']>;
  roiReason?: Maybe<Scalars['String']['output']>;
  roiSourced?: Maybe<Scalars['Decimal']['output']>;
  ruleVersions: Array<ScorecardRuleVersion>;
  sourcedPipeline: Scalars['Decimal']['output'];
  sourcedPipelineChange: DecimalChange;
  sourcedRevenue: Scalars['Decimal']['output'];
  sourcedRevenueChange: DecimalChange;
  staleOpportunities: Scalars['Int']['output'];
  timeToInsightP50Hours?: Maybe<Scalars['Decimal']['output']>;
  timeToInsightP90Hours?: Maybe<Scalars['Decimal']['output']>;
  velocityInvolved: VelocityFigure;
  velocityOther: VelocityFigure;
  winRateInvolved: RateFigure;
  winRateOther: RateFigure;
};

export type ScorecardRuleVersion = {
  __typename?: 'ScorecardRuleVersion';
  id: Scalars['ID']['output'];
  number?: Maybe<Scalars['Int']['output']>;
  sourceHash: Scalars['String']['output'];
  status: Scalars['String']['output'];
};

/** Which results were scored: current (in force) results, a rule version, or one run. */
export type ScorecardSelection = {
  __typename?: 'ScorecardSelection';
  /** current, rule_version or run. */
  kind: Scalars['String']['output'];
  ruleSetKey: Scalars['String']['output'];
  ruleVersionId?: Maybe<Scalars['ID']['output']>;
  runId?: Maybe<Scalars['ID']['output']>;
};

/** 1-based line and column, 0-based offset into the source. */
export type SourcePosition = {
  __typename?: 'SourcePosition';
  column: Scalars['Int']['output'];
  line: Scalars['Int']['output'];
  offset: Scalars['Int']['output'];
};

export type SourceRange = {
  __typename?: 'SourceRange';
  end: SourcePosition;
  start: SourcePosition;
};

/** A won deal where the rules and the model split the credit differently: an edge case for the governance review. */
export type SpotlightDeal = {
  __typename?: 'SpotlightDeal';
  /** The lane's rule credit on the deal, touch-less credit left out: the total both splits share (2 places). */
  credit: Scalars['Decimal']['output'];
  /** Half the sum of |rule - model| over the units: the credit the model would move (2 places). */
  disagreement: Scalars['Decimal']['output'];
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
  | 'lost'
  | 'open'
  | 'won';

export type StartRunInput = {
  /** A published RuleVersion. */
  ruleVersionId: Scalars['ID']['input'];
  scope?: InputMaybe<RunScopeInput>;
};

export type StartRunPayload = {
  __typename?: 'StartRunPayload';
  run: AttributionRun;
};

export type StartRunResult = DomainRuleError | NotAllowedError | NotFoundError | StartRunPayload | ValidationError;

export type Subscription = {
  __typename?: 'Subscription';
  /** Fires when credit is recomputed (ingestion, runs, overrides). A partner key hears only of opportunities where it has or had credit, and gets no runId. */
  allocationsChanged: AllocationsChanged;
  /** Progress of one run; completes after the run finishes (succeeded, failed or superseded). */
  runProgress: AttributionRun;
};


export type SubscriptionRunProgressArgs = {
  runId: Scalars['ID']['input'];
};

/** One value of a vocabulary. Fields that hold one (Partner.tier, Touchpoint.action …) hold its key; retired entries stay readable on old records but new records may not use them. */
export type TaxonomyEntry = {
  __typename?: 'TaxonomyEntry';
  /** False once retired: new records may not use it. */
  active: Scalars['Boolean']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** What records and rule files hold, e.g. "gold". */
  key: Scalars['String']['output'];
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
  | 'action_type'
  | 'channel'
  | 'opportunity_stage'
  | 'partner_tier'
  | 'partner_type';

export type TestRuleVersionPayload = {
  __typename?: 'TestRuleVersionPayload';
  results: RuleTestResults;
  ruleVersion: RuleVersion;
};

export type TestRuleVersionResult = DomainRuleError | NotAllowedError | NotFoundError | TestRuleVersionPayload | ValidationError;

/** A partner action (referral, joint discovery, integration usage …) with its proof, owner and next joint step. */
export type Touchpoint = Node & {
  __typename?: 'Touchpoint';
  account?: Maybe<Account>;
  /** An action-type taxonomy key (`taxonomy(kind: action_type)`). */
  action: Scalars['String']['output'];
  actionLabel: Scalars['String']['output'];
  /** A channel taxonomy key. */
  channel: Scalars['String']['output'];
  channelLabel: Scalars['String']['output'];
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  engagementDepth?: Maybe<Scalars['Int']['output']>;
  /** Id in the source system; (source, externalId) is unique. */
  externalId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  ingestedAt: Scalars['DateTime']['output'];
  metadata: Scalars['JSON']['output'];
  /** Required evidence fields that are empty (proof, owner, nextJointStep): hygiene to fix at the source. */
  missingFields: Array<Scalars['String']['output']>;
  nextJointStep?: Maybe<Scalars['String']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  opportunity?: Maybe<Opportunity>;
  owner?: Maybe<Scalars['String']['output']>;
  partner: Partner;
  /** Link or reference that evidences the touch. */
  proof?: Maybe<Scalars['String']['output']>;
  /** System the touch came from (crm, prm, product …). */
  source: Scalars['String']['output'];
  /** An opportunity-stage taxonomy key. */
  stageAtTouch?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type TouchpointConnection = {
  __typename?: 'TouchpointConnection';
  edges: Array<TouchpointEdge>;
  nodes: Array<Touchpoint>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TouchpointEdge = {
  __typename?: 'TouchpointEdge';
  cursor: Scalars['String']['output'];
  node: Touchpoint;
};

export type TouchpointFilter = {
  accountKey?: InputMaybe<Scalars['String']['input']>;
  /** Action-type taxonomy keys. */
  action?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Channel taxonomy keys. */
  channel?: InputMaybe<Array<Scalars['String']['input']>>;
  includeDeleted?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only touches missing proof, owner or next joint step. */
  missingEvidence?: InputMaybe<Scalars['Boolean']['input']>;
  occurredAt?: InputMaybe<DateTimeRange>;
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  partnerKey?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<Scalars['String']['input']>;
};

/** What happened to one item of the batch (same order as sent). */
export type TouchpointIngestItem = {
  __typename?: 'TouchpointIngestItem';
  externalId?: Maybe<Scalars['String']['output']>;
  index: Scalars['Int']['output'];
  /** Why the item was rejected (field path relative to the item). */
  issues: Array<FieldIssue>;
  source?: Maybe<Scalars['String']['output']>;
  status: IngestItemStatus;
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
  /** 1 (light touch) to 5 (deep joint work). */
  engagementDepth?: InputMaybe<Scalars['Int']['input']>;
  /** The touch's id in that system. */
  externalId: Scalars['String']['input'];
  /** A JSON object of extra attributes. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  nextJointStep?: InputMaybe<Scalars['String']['input']>;
  occurredAt: Scalars['DateTime']['input'];
  /** The deal it is about; give this or accountKey (or both). */
  opportunityKey?: InputMaybe<Scalars['String']['input']>;
  owner?: InputMaybe<Scalars['String']['input']>;
  partnerKey: Scalars['String']['input'];
  /** Link or reference evidencing the touch. */
  proof?: InputMaybe<Scalars['String']['input']>;
  /** Your system's name (crm, prm, product …). */
  source: Scalars['String']['input'];
  /** An active opportunity-stage taxonomy key. */
  stageAtTouch?: InputMaybe<Scalars['String']['input']>;
};

export type TouchpointOrder = {
  direction?: InputMaybe<OrderDirection>;
  field: TouchpointOrderField;
};

export type TouchpointOrderField =
  | 'EXTERNAL_ID'
  | 'INGESTED_AT'
  | 'OCCURRED_AT';

/** An account by business key. When `partners` is given it replaces the account's partner links. */
export type UpsertAccountInput = {
  domain?: InputMaybe<Scalars['String']['input']>;
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
  partners?: InputMaybe<Array<AccountPartnerLinkInput>>;
  region?: InputMaybe<Scalars['String']['input']>;
  segment?: InputMaybe<Scalars['String']['input']>;
};

export type UpsertAccountPayload = {
  __typename?: 'UpsertAccountPayload';
  account: Account;
  status: UpsertStatus;
};

export type UpsertAccountResult = NotAllowedError | NotFoundError | UpsertAccountPayload | ValidationError;

/** A deal by its CRM key. Amount is a decimal string ("125000.00"), never a float. */
export type UpsertOpportunityInput = {
  accountKey: Scalars['String']['input'];
  amount: Scalars['Decimal']['input'];
  /** Required for a won or lost stage (closed_won, closed_lost …), empty while open. */
  closedAt?: InputMaybe<Scalars['DateTime']['input']>;
  createdAt: Scalars['DateTime']['input'];
  /** ISO 4217 code; default USD. */
  currency?: InputMaybe<Scalars['String']['input']>;
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
  ownerRep?: InputMaybe<Scalars['String']['input']>;
  /** Default "crm". */
  sourceSystem?: InputMaybe<Scalars['String']['input']>;
  /** An active opportunity-stage taxonomy key; a won or lost stage needs closedAt. */
  stage: Scalars['String']['input'];
  type: OpportunityType;
};

export type UpsertOpportunityPayload = {
  __typename?: 'UpsertOpportunityPayload';
  opportunity: Opportunity;
  recompute: RecomputeReport;
  status: UpsertStatus;
};

export type UpsertOpportunityResult = NotAllowedError | NotFoundError | UpsertOpportunityPayload | ValidationError;

/** A partner by business key; an existing partner with the key is updated. */
export type UpsertPartnerInput = {
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
  owner?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<PartnerStatus>;
  /** An active partner-tier taxonomy key (default: registered). */
  tier?: InputMaybe<Scalars['String']['input']>;
  /** An active partner-type taxonomy key. */
  type: Scalars['String']['input'];
};

export type UpsertPartnerPayload = {
  __typename?: 'UpsertPartnerPayload';
  partner: Partner;
  status: UpsertStatus;
};

export type UpsertPartnerResult = NotAllowedError | NotFoundError | UpsertPartnerPayload | ValidationError;

/** What an idempotent upsert did: unchanged means the stored record already matched. */
export type UpsertStatus =
  | 'created'
  | 'unchanged'
  | 'updated';

/** An expected failure: nothing was written. `code` is stable; `message` says what to do next. */
export type UserError = {
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type ValidationError = UserError & {
  __typename?: 'ValidationError';
  code: Scalars['String']['output'];
  issues: Array<FieldIssue>;
  message: Scalars['String']['output'];
};

export type VelocityFigure = {
  __typename?: 'VelocityFigure';
  /** Mean days created → closed over won deals. */
  days?: Maybe<Scalars['Decimal']['output']>;
  deals: Scalars['Int']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  canGovern: Scalars['Boolean']['output'];
  canIngest: Scalars['Boolean']['output'];
  canReadAudit: Scalars['Boolean']['output'];
  keyPrefix: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** For a partner key: its partner. */
  partner?: Maybe<Partner>;
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