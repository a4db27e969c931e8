// What a partner API key may read: one policy, stated as data, applied by the
// GraphQL layer to every path (fields, node/nodes, connections, reports,
// exports, audit, subscriptions, error messages). Pure functions, no I/O: the
// resolvers load the facts (which touchpoints are the caller's own, which
// opportunities it has credit on) and ask this module what to show.
//
// A partner key reads its own partner record, its own allocations and
// touchpoints, its own disputes, the published methodology, and explanations
// redacted to its own steps: other partners appear only as "another partner",
// with no key, name, action, date or id. Everything else is denied.
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

export interface ExplanationLike<S extends StepLike = StepLike> {
  rule?: string;
  lane?: { lane?: string; rule?: string | null; grantedShare?: string; grantedAmount?: string };
  steps?: S[];
  excluded?: S[];
}

/** What the caller owns, as loaded by the resolver. */
export interface OwnView {
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
export function isOwnStep(step: StepLike, own: OwnView, where: 'steps' | 'excluded'): boolean {
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
export function redactedStep<S extends StepLike>(step: S): S {
  const data: Record<string, unknown> = {};
  for (const k of NEUTRAL_DATA_KEYS) if (typeof step.data?.[k] === 'string') data[k] = step.data[k];
  const lane = typeof data.lane === 'string' ? data.lane : null;
  const rule = typeof data.rule === 'string' ? data.rule : null;
  const where = `${lane ? ` in lane ${lane}` : ''}${rule ? ` under rule "${rule}"` : ''}`;
  const message = step.kind === 'excluded' ? `A touch by ${ANOTHER_PARTNER} does not count${where}.`
    : step.kind === 'included' ? `A touch by ${ANOTHER_PARTNER} counts${where}.`
      : step.kind === 'weight' ? `A touch by ${ANOTHER_PARTNER} is weighted${where}.`
        : step.kind === 'override' ? `The credit of ${ANOTHER_PARTNER}${lane ? ` in the ${lane} lane` : ''} was changed by an override.`
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
export const PARTNER_READABLE_NODES: Readonly<Record<string, (row: Record<string, unknown>, partnerId: string) => boolean>> = {
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

export interface ChangeEventLike {
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
