// What a partner API key may read: one policy, stated as data, applied by the
// GraphQL layer to every path (fields, node/nodes, connections, reports,
// exports, audit, subscriptions, error messages). Pure functions, no I/O: the
// resolvers load the facts (which touchpoints are the caller's own, which
// opportunities it has credit on) and ask this module what to show.
//
// A partner key reads its own partner record, its own allocations (not rows
// of preview runs: src/graphql/common/visibility.ts) and touchpoints, its own
// disputes, the published methodology, and explanations redacted to its own
// steps: other partners appear only as "another partner", with no key, name,
// action, date or id. Everything else is denied.
//
// Every field reachable by a partner key has a decision in
// PARTNER_FIELD_POLICY; test/security/partner-schema-policy.test.ts fails when
// a field is added without one. See ARCHITECTURE.md, "Partner confinement".

export type PartnerDecision =
  /** Served as is: the value is the partner's own (or public methodology). */
  | 'allow'
  /** Served after a rewrite by this module (explanations, touchpoint lists, events). */
  | 'redact'
  /** Refused to partner keys (auth scopes), or returns nothing for them. */
  | 'deny';

/** How another partner is named to a partner key. */
export const ANOTHER_PARTNER = 'another partner';

// ---------------------------------------------------------------------------
// Explanations

export interface StepLike {
  kind: string;
  message: string;
  touchpointId?: string | null;
  data?: Record<string, unknown> | null;
}

interface ExplanationLike<S extends StepLike = StepLike> {
  rule?: string;
  lane?: { lane?: string; rule?: string | null; grantedShare?: string; grantedAmount?: string };
  steps?: S[];
  excluded?: S[];
}

/** What the caller owns, as loaded by the resolver. */
interface OwnView {
  /** The caller's partner key. */
  partnerKey: string | null;
  /** Ids (database ids) of the explanation's touchpoints that belong to the caller's partner. */
  ownTouchpointIds: ReadonlySet<string>;
}

/** Keys of a redacted step's `data` that describe the methodology, never a partner. */
const NEUTRAL_DATA_KEYS = ['lane', 'rule'] as const;

/** Every touchpoint id an explanation mentions: what the resolver must look up before redacting. */
export function explanationTouchpointIds(e: ExplanationLike): string[] {
  const ids = new Set<string>();
  for (const s of [...(e.steps ?? []), ...(e.excluded ?? [])]) if (s.touchpointId) ids.add(s.touchpointId);
  return [...ids];
}

/**
 * Whether a step is about the caller only. A step naming a touchpoint is own
 * when the touchpoint is the caller's; a step naming partners in its data
 * (overrides) is own when every partner named is the caller (or none). Other
 * steps without a touchpoint are own on the caller's allocation (`steps`: the
 * rule, its weights, caps, rounding) and not in `excluded`, which lists the
 * whole lane's left-out touches and lost credit.
 */
function isOwnStep(step: StepLike, own: OwnView, where: 'steps' | 'excluded'): boolean {
  if (step.touchpointId) return own.ownTouchpointIds.has(step.touchpointId);
  const named = partnersNamedIn(step.data);
  if (named.some((k) => k !== null && k !== own.partnerKey)) return false;
  if (where === 'steps') return true;
  return step.kind === 'override' && named.length > 0;
}

function partnersNamedIn(data: Record<string, unknown> | null | undefined): Array<string | null> {
  if (!data) return [];
  const out: Array<string | null> = [];
  if ('partnerKey' in data) out.push(typeof data.partnerKey === 'string' ? data.partnerKey : null);
  if (Array.isArray(data.replaced)) {
    for (const r of data.replaced as Array<{ partnerKey?: unknown }>) out.push(typeof r?.partnerKey === 'string' ? r.partnerKey : null);
  }
  return out;
}

/** A step about another partner, rewritten: its kind, its lane and rule, "another partner", nothing else. */
function redactedStep<S extends StepLike>(step: S): S {
  const data: Record<string, unknown> = {};
  for (const k of NEUTRAL_DATA_KEYS) if (typeof step.data?.[k] === 'string') data[k] = step.data[k];
  const lane = typeof data.lane === 'string' ? data.lane : null;
  const rule = typeof data.rule === 'string' ? data.rule : null;
  const where = `${lane ? ` in lane ${lane}` : ''}${rule ? ` under rule "${rule}"` : ''}`;
  const message =
    step.kind === 'excluded'
      ? `A touch by ${ANOTHER_PARTNER} does not count${where}.`
      : step.kind === 'included'
        ? `A touch by ${ANOTHER_PARTNER} counts${where}.`
        : step.kind === 'weight'
          ? `A touch by ${ANOTHER_PARTNER} is weighted${where}.`
          : step.kind === 'override'
            ? `The credit of ${ANOTHER_PARTNER}${lane ? ` in the ${lane} lane` : ''} was changed by an override.`
            : `A step about ${ANOTHER_PARTNER}${where} is not shown.`;
  return { ...step, message, touchpointId: null, data: Object.keys(data).length ? data : null } as S;
}

/**
 * The explanation a partner key sees: its own steps as they are, every other
 * step rewritten by redactedStep. The rule and the lane grant (methodology and
 * totals) are kept.
 */
export function redactExplanation<S extends StepLike, E extends ExplanationLike<S>>(e: E, own: OwnView): E {
  const view = (list: S[] | undefined, where: 'steps' | 'excluded') =>
    (list ?? []).map((s) => (isOwnStep(s, own, where) ? s : redactedStep(s)));
  return { ...e, steps: view(e.steps, 'steps'), excluded: view(e.excluded, 'excluded') };
}

// ---------------------------------------------------------------------------
// Records: node(id:)/nodes(ids:), lists of related records

/**
 * Which records of each node type a partner key may read; a type not listed is
 * never readable. node/nodes answer null for any other record, exactly as for
 * one that does not exist, so a partner key cannot probe for other partners'
 * records.
 */
const PARTNER_READABLE_NODES: Readonly<Record<string, (row: Record<string, unknown>, partnerId: string) => boolean>> = {
  Partner: (row, partnerId) => row.id === partnerId,
  CreditAllocation: (row, partnerId) => row.partnerId === partnerId,
  Touchpoint: (row, partnerId) => row.partnerId === partnerId,
  Dispute: (row, partnerId) => row.partnerId === partnerId,
  RuleSet: () => true,
  RuleVersion: (row) => row.status === 'published' || row.status === 'retired',
};

export function partnerMayReadNode(typename: string, row: unknown, partnerId: string): boolean {
  const rule = PARTNER_READABLE_NODES[typename];
  return rule !== undefined && row !== null && typeof row === 'object' && rule(row as Record<string, unknown>, partnerId);
}

/** The records of a list that are the partner's own (e.g. an allocation's contributing touchpoints). */
export function ownRows<R extends { partnerId: string | null }>(rows: readonly R[], partnerId: string): R[] {
  return rows.filter((r) => r.partnerId === partnerId);
}

// ---------------------------------------------------------------------------
// Subscriptions

interface ChangeEventLike {
  runId: string | null;
  opportunityIds: string[];
}

/**
 * The allocationsChanged event a partner key receives: only the opportunities
 * on which it has or had credit (`credited`, superseded credit included), and
 * no run id (runs are internal, and a run recomputes other partners' credit
 * too). null: the event does not concern it and is not sent. An event naming
 * no opportunity (a full run) concerns every partner with any credit; the
 * caller passes `credited` = { '*' } for such a partner.
 */
export function partnerEventView<E extends ChangeEventLike>(event: E, credited: ReadonlySet<string>): E | null {
  if (event.opportunityIds.length === 0) return credited.has('*') ? { ...event, runId: null, opportunityIds: [] } : null;
  const mine = event.opportunityIds.filter((id) => credited.has(id));
  return mine.length ? { ...event, runId: null, opportunityIds: mine } : null;
}

// ---------------------------------------------------------------------------
// The decisions

/**
 * The decision for every field (`Type.field`) a partner key can reach, and
 * for every type reached that it may never read (`Type`). 'deny' entries are
 * refused by the field's or the type's auth scopes (src/graphql/builder.ts);
 * 'redact' entries are confined by this module or by the row filters of
 * src/graphql/common/visibility.ts; 'allow' entries are the partner's own
 * data or the published methodology, served as they are.
 */
export const PARTNER_FIELD_POLICY: Readonly<Record<string, PartnerDecision>> = {
  // Roots. Lists and lookups are confined to the partner's rows (common/visibility.ts); node/nodes answer null for
  // records it may not read (PARTNER_READABLE_NODES); reports, exports, audit, runs and ingestion are internal.
  'Query.account': 'deny',
  'Query.accounts': 'deny',
  'Query.allocations': 'redact',
  'Query.attributionRuns': 'deny',
  'Query.auditEvents': 'deny',
  'Query.disputes': 'redact',
  'Query.fxRates': 'deny',
  'Query.hygieneReport': 'deny',
  'Query.node': 'redact',
  'Query.nodes': 'redact',
  'Query.opportunities': 'deny',
  'Query.opportunity': 'deny',
  'Query.overrides': 'deny',
  'Query.partner': 'redact',
  'Query.partners': 'redact',
  'Query.recomputeQueue': 'deny',
  'Query.recomputeRequest': 'deny',
  'Query.ruleSet': 'allow',
  'Query.ruleSets': 'allow',
  'Query.ruleVersions': 'redact',
  'Query.scorecard': 'deny',
  'Query.scorecardComparison': 'deny',
  'Query.scorecardCsv': 'deny',
  'Query.spotlight': 'deny',
  'Query.touchpoint': 'redact',
  'Query.touchpoints': 'redact',
  'Query.viewer': 'allow',
  // The program's vocabulary is part of the published methodology (labels of its own records' keys).
  'Query.taxonomy': 'allow',
  'TaxonomyEntry.active': 'allow',
  'TaxonomyEntry.description': 'allow',
  'TaxonomyEntry.key': 'allow',
  'TaxonomyEntry.kind': 'allow',
  'TaxonomyEntry.label': 'allow',
  'TaxonomyEntry.outcome': 'allow',
  'TaxonomyEntry.position': 'allow',
  // A partner key may only raise a dispute about its own credit (governance/mutations.ts); other records answer as not found.
  'Mutation.createRuleSet': 'deny',
  'Mutation.deleteTouchpoint': 'deny',
  'Mutation.importFxRates': 'deny',
  'Mutation.ingestTouchpoints': 'deny',
  'Mutation.previewRuleVersion': 'deny',
  'Mutation.publishRuleVersion': 'deny',
  'Mutation.raiseDispute': 'redact',
  'Mutation.resolveDispute': 'deny',
  'Mutation.retireRuleVersion': 'deny',
  'Mutation.revokeOverride': 'deny',
  'Mutation.saveRuleDraft': 'deny',
  'Mutation.startRun': 'deny',
  'Mutation.testRuleVersion': 'deny',
  'Mutation.upsertAccount': 'deny',
  'Mutation.upsertOpportunity': 'deny',
  'Mutation.upsertPartner': 'deny',
  'Mutation.addTaxonomyEntry': 'deny',
  'Mutation.retireTaxonomyEntry': 'deny',
  // allocationsChanged: only opportunities it has or had credit on, no run id (partnerEventView).
  'Subscription.allocationsChanged': 'redact',
  'Subscription.runProgress': 'deny',
  // Connections, edges and page info (here and below): pages of rows already confined by the field that returns them.
  'CreditAllocationConnection.edges': 'allow',
  'CreditAllocationConnection.nodes': 'allow',
  'CreditAllocationConnection.pageInfo': 'allow',
  'CreditAllocationConnection.totalCount': 'allow',
  'DisputeConnection.edges': 'allow',
  'DisputeConnection.nodes': 'allow',
  'DisputeConnection.pageInfo': 'allow',
  'DisputeConnection.totalCount': 'allow',
  // Its own credit. The explanation is redacted to its own steps; contributing touchpoints are its own only.
  'CreditAllocation.amount': 'allow',
  'CreditAllocation.contributingTouchpoints': 'redact',
  'CreditAllocation.createdAt': 'allow',
  'CreditAllocation.currency': 'allow',
  'CreditAllocation.explanation': 'redact',
  'CreditAllocation.id': 'allow',
  'CreditAllocation.isCurrent': 'allow',
  'CreditAllocation.lane': 'allow',
  'CreditAllocation.opportunity': 'deny',
  'CreditAllocation.override': 'deny',
  'CreditAllocation.partner': 'allow',
  'CreditAllocation.role': 'allow',
  'CreditAllocation.ruleVersion': 'allow',
  'CreditAllocation.run': 'deny',
  'CreditAllocation.share': 'allow',
  // Its own disputes (type scope ownPartner), with the resolution shown to the raiser.
  'Dispute.allocation': 'redact',
  'Dispute.createdAt': 'allow',
  'Dispute.evidence': 'allow',
  'Dispute.id': 'allow',
  'Dispute.opportunity': 'deny',
  'Dispute.overrides': 'deny',
  'Dispute.partner': 'allow',
  'Dispute.raisedBy': 'allow',
  'Dispute.reason': 'allow',
  'Dispute.requested': 'allow',
  'Dispute.resolution': 'allow',
  'Dispute.resolvedAt': 'allow',
  'Dispute.resolvedBy': 'allow',
  'Dispute.status': 'allow',
  // Its own partner record (type scope ownPartner), with its own touchpoints and credit.
  'Partner.allocations': 'allow',
  'Partner.createdAt': 'allow',
  'Partner.id': 'allow',
  'Partner.investments': 'deny',
  'Partner.key': 'allow',
  'Partner.name': 'allow',
  'Partner.owner': 'allow',
  'Partner.status': 'allow',
  'Partner.tier': 'allow',
  'Partner.tierLabel': 'allow',
  'Partner.typeLabel': 'allow',
  'Partner.touchpoints': 'allow',
  'Partner.type': 'allow',
  'Partner.updatedAt': 'allow',
  // The published methodology: rule sets, published and retired versions (drafts are internal).
  'RuleSet.createdAt': 'allow',
  'RuleSet.currentVersion': 'allow',
  'RuleSet.description': 'allow',
  'RuleSet.id': 'allow',
  'RuleSet.key': 'allow',
  'RuleSet.name': 'allow',
  'RuleSet.updatedAt': 'allow',
  'RuleSet.versions': 'redact',
  'RuleVersion.author': 'allow',
  'RuleVersion.changeNote': 'allow',
  'RuleVersion.createdAt': 'allow',
  'RuleVersion.diagnostics': 'allow',
  'RuleVersion.effectiveFrom': 'allow',
  'RuleVersion.effectiveTo': 'allow',
  'RuleVersion.errorCount': 'allow',
  'RuleVersion.id': 'allow',
  'RuleVersion.publishedAt': 'allow',
  'RuleVersion.publishedBy': 'allow',
  'RuleVersion.retiredAt': 'allow',
  'RuleVersion.ruleSet': 'allow',
  'RuleVersion.runs': 'deny',
  'RuleVersion.semanticHash': 'allow',
  'RuleVersion.source': 'allow',
  'RuleVersion.sourceHash': 'allow',
  'RuleVersion.taxonomyHash': 'allow',
  'RuleVersion.status': 'allow',
  'RuleVersion.testResults': 'allow',
  'RuleVersion.updatedAt': 'allow',
  'RuleVersion.version': 'allow',
  // Its own touchpoints (type scope ownPartner); the deal and account they are on are internal.
  'Touchpoint.account': 'deny',
  'Touchpoint.action': 'allow',
  'Touchpoint.actionLabel': 'allow',
  'Touchpoint.channel': 'allow',
  'Touchpoint.channelLabel': 'allow',
  'Touchpoint.deletedAt': 'allow',
  'Touchpoint.declaredRole': 'allow',
  'Touchpoint.engagementDepth': 'allow',
  'Touchpoint.externalId': 'allow',
  'Touchpoint.id': 'allow',
  'Touchpoint.ingestedAt': 'allow',
  'Touchpoint.metadata': 'allow',
  'Touchpoint.missingFields': 'allow',
  'Touchpoint.nextJointStep': 'allow',
  'Touchpoint.occurredAt': 'allow',
  'Touchpoint.opportunity': 'deny',
  'Touchpoint.owner': 'allow',
  'Touchpoint.partner': 'allow',
  'Touchpoint.proof': 'allow',
  'Touchpoint.source': 'allow',
  'Touchpoint.stageAtTouch': 'allow',
  'Touchpoint.updatedAt': 'allow',
  'PartnerConnection.edges': 'allow',
  'PartnerConnection.nodes': 'allow',
  'PartnerConnection.pageInfo': 'allow',
  'PartnerConnection.totalCount': 'allow',
  'RuleSetConnection.edges': 'allow',
  'RuleSetConnection.nodes': 'allow',
  'RuleSetConnection.pageInfo': 'allow',
  'RuleSetConnection.totalCount': 'allow',
  'RuleVersionConnection.edges': 'allow',
  'RuleVersionConnection.nodes': 'allow',
  'RuleVersionConnection.pageInfo': 'allow',
  'RuleVersionConnection.totalCount': 'allow',
  'TouchpointConnection.edges': 'allow',
  'TouchpointConnection.nodes': 'allow',
  'TouchpointConnection.pageInfo': 'allow',
  'TouchpointConnection.totalCount': 'allow',
  // The key itself.
  'Viewer.canGovern': 'allow',
  'Viewer.canIngest': 'allow',
  'Viewer.canReadAudit': 'allow',
  'Viewer.keyPrefix': 'allow',
  'Viewer.name': 'allow',
  'Viewer.partner': 'allow',
  'Viewer.role': 'allow',
  // Results of raiseDispute: its own dispute, or an error about its own request.
  'DisputePayload.dispute': 'allow',
  'DomainRuleError.code': 'allow',
  'DomainRuleError.details': 'allow',
  'DomainRuleError.message': 'allow',
  'NotAllowedError.code': 'allow',
  'NotAllowedError.message': 'allow',
  'NotFoundError.code': 'allow',
  'NotFoundError.entity': 'allow',
  'NotFoundError.message': 'allow',
  'NotFoundError.reference': 'allow',
  'ValidationError.code': 'allow',
  'ValidationError.issues': 'allow',
  'ValidationError.message': 'allow',
  'AllocationsChanged.at': 'allow',
  'AllocationsChanged.opportunityIds': 'redact',
  'AllocationsChanged.reason': 'allow',
  'AllocationsChanged.runId': 'redact',
  'CreditAllocationEdge.cursor': 'allow',
  'CreditAllocationEdge.node': 'allow',
  'PageInfo.endCursor': 'allow',
  'PageInfo.hasNextPage': 'allow',
  'PageInfo.hasPreviousPage': 'allow',
  'PageInfo.startCursor': 'allow',
  'DisputeEdge.cursor': 'allow',
  'DisputeEdge.node': 'allow',
  // The explanation of its own credit: the rule and the lane grant as they are, steps redacted (redactExplanation).
  'AllocationExplanation.excluded': 'redact',
  'AllocationExplanation.laneGrantedAmount': 'allow',
  'AllocationExplanation.laneGrantedShare': 'allow',
  'AllocationExplanation.laneRule': 'allow',
  'AllocationExplanation.rule': 'allow',
  'AllocationExplanation.steps': 'redact',
  'AllocationExplanation.text': 'redact',
  // Which published version produced its credit.
  'RuleVersionTag.id': 'allow',
  'RuleVersionTag.number': 'allow',
  'RuleVersionTag.sourceHash': 'allow',
  'PartnerAllocationsConnection.edges': 'allow',
  'PartnerAllocationsConnection.nodes': 'allow',
  'PartnerAllocationsConnection.pageInfo': 'allow',
  'PartnerAllocationsConnection.totalCount': 'allow',
  'PartnerTouchpointsConnection.edges': 'allow',
  'PartnerTouchpointsConnection.nodes': 'allow',
  'PartnerTouchpointsConnection.pageInfo': 'allow',
  'PartnerTouchpointsConnection.totalCount': 'allow',
  'RuleSetVersionsConnection.edges': 'allow',
  'RuleSetVersionsConnection.nodes': 'allow',
  'RuleSetVersionsConnection.pageInfo': 'allow',
  'RuleSetVersionsConnection.totalCount': 'allow',
  // Check diagnostics and test results of published versions (methodology).
  'Diagnostic.code': 'allow',
  'Diagnostic.hint': 'allow',
  'Diagnostic.message': 'allow',
  'Diagnostic.range': 'allow',
  'Diagnostic.severity': 'allow',
  'RuleTestResults.cases': 'allow',
  'RuleTestResults.diagnostics': 'allow',
  'RuleTestResults.failed': 'allow',
  'RuleTestResults.ok': 'allow',
  'RuleTestResults.passed': 'allow',
  'RuleTestResults.total': 'allow',
  'PartnerEdge.cursor': 'allow',
  'PartnerEdge.node': 'allow',
  'RuleSetEdge.cursor': 'allow',
  'RuleSetEdge.node': 'allow',
  'RuleVersionEdge.cursor': 'allow',
  'RuleVersionEdge.node': 'allow',
  'TouchpointEdge.cursor': 'allow',
  'TouchpointEdge.node': 'allow',
  'FieldIssue.message': 'allow',
  'FieldIssue.path': 'allow',
  'ExplanationStep.data': 'redact',
  'ExplanationStep.kind': 'allow',
  'ExplanationStep.message': 'redact',
  'ExplanationStep.touchpointId': 'redact',
  'PartnerAllocationsConnectionEdge.cursor': 'allow',
  'PartnerAllocationsConnectionEdge.node': 'allow',
  'PartnerTouchpointsConnectionEdge.cursor': 'allow',
  'PartnerTouchpointsConnectionEdge.node': 'allow',
  'RuleSetVersionsConnectionEdge.cursor': 'allow',
  'RuleSetVersionsConnectionEdge.node': 'allow',
  'SourceRange.end': 'allow',
  'SourceRange.start': 'allow',
  'RuleTestCase.message': 'allow',
  'RuleTestCase.name': 'allow',
  'RuleTestCase.passed': 'allow',
  'SourcePosition.column': 'allow',
  'SourcePosition.line': 'allow',
  'SourcePosition.offset': 'allow',
  // Types reached through Node (node/nodes) or a field that a partner key may never read.
  Account: 'deny',
  AttributionRun: 'deny',
  AuditEvent: 'deny',
  Opportunity: 'deny',
  Override: 'deny',
  PartnerInvestment: 'deny',
};
