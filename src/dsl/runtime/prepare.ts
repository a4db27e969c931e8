// Per-opportunity preparation, once before any lane: the facts validated, the
// touches ordered and split into qualifying and excluded ones, the close date
// windows are measured from, the partners on the account then, and one
// condition context per qualifying touch.
import type { ExplanationStep, OpportunityFacts, TouchpointFacts } from '../../domain/attribution.js';
import { parseAmount } from '../../domain/decimal.js';
import { describeTouch, isoDate, type TouchContext } from '../conditions.js';
import { disqualification, orderTouches } from '../models.js';
import type { EvaluateOptions } from './compiled.js';

function accountPartnersAt(o: OpportunityFacts, at: Date): Set<string> {
  const out = new Set<string>();
  for (const ap of o.account.partners) {
    if (ap.since.getTime() <= at.getTime() && (ap.until === null || ap.until.getTime() >= at.getTime())) out.add(ap.partner.key);
  }
  return out;
}

export interface Prepared {
  facts: OpportunityFacts;
  amountCents: bigint;
  qualifying: TouchpointFacts[];
  /** One context per qualifying touch (same index). */
  contexts: TouchContext[];
  /** describeTouch of each qualifying touch, filled on first use. */
  described: Array<string | undefined>;
  close: Date;
  closeNote: string | null;
  accountPartners: Set<string>;
  /** The same partner keys, sorted (the order of otherwise allocations). */
  accountPartnersSorted: string[];
  excluded: ExplanationStep[];
}

/** The facts handed to evaluate() cannot be attributed (bad amount or dates): fix the data. */
class InvalidFactsError extends Error {
  readonly code = 'INVALID_FACTS';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFactsError';
  }
}

function validAmount(facts: OpportunityFacts): bigint {
  let cents: bigint;
  try {
    cents = parseAmount(facts.amount);
  } catch {
    throw new InvalidFactsError(
      `opportunity ${facts.key}: amount "${facts.amount}" is not a decimal with at most two places; fix it in the source system`,
    );
  }
  if (cents < 0n)
    throw new InvalidFactsError(
      `opportunity ${facts.key}: amount ${facts.amount} is negative; credit is only computed for non-negative amounts`,
    );
  return cents;
}

const validDate = (d: Date | null): boolean => d === null || (d instanceof Date && !Number.isNaN(d.getTime()));

export function prepare(facts: OpportunityFacts, options: EvaluateOptions): Prepared {
  const amountCents = validAmount(facts);
  if (!validDate(facts.createdAt) || facts.createdAt === null || !validDate(facts.closedAt)) {
    throw new InvalidFactsError(`opportunity ${facts.key}: created or closed date is not a valid date`);
  }
  if (options.asOf !== undefined && !validDate(options.asOf)) throw new InvalidFactsError('the as-of date is not a valid date');
  for (const t of facts.touchpoints) {
    const at = t.occurredAt;
    const ms = at instanceof Date ? at.getTime() : NaN;
    if (Number.isNaN(ms)) {
      // null, not a Date, or an invalid Date
      throw new InvalidFactsError(`opportunity ${facts.key}: touch ${t.externalId} has no valid occurred-at date`);
    }
  }
  const ordered = orderTouches(facts.touchpoints);
  const qualifying: TouchpointFacts[] = [];
  const excluded: ExplanationStep[] = [];
  for (const t of ordered) {
    const why = disqualification(t, facts.closedAt);
    if (why === null) {
      qualifying.push(t);
      continue;
    }
    excluded.push({
      kind: 'excluded',
      touchpointId: t.id,
      data: { reason: why },
      message:
        why === 'account-level'
          ? `${describeTouch(t)} was logged on the account, not on this opportunity, so it does not count`
          : `${describeTouch(t)} happened after the opportunity closed on ${isoDate(facts.closedAt!)}, so it does not count`,
    });
  }
  let close: Date;
  let closeNote: string | null = null;
  if (facts.closedAt) close = facts.closedAt;
  else if (options.asOf) {
    close = options.asOf;
    closeNote = `the opportunity is open, so windows "before close" are measured from ${isoDate(close)} (as of)`;
  } else {
    const latest = qualifying[qualifying.length - 1]?.occurredAt ?? facts.createdAt;
    close = latest;
    closeNote = `the opportunity is open and no as-of date was given, so windows "before close" are measured from the latest touch (${isoDate(close)})`;
  }
  const accountPartners = accountPartnersAt(facts, close);
  const contexts: TouchContext[] = [];
  for (const t of qualifying) contexts.push({ touch: t, opportunity: facts, close, accountPartners });
  return {
    facts,
    amountCents,
    qualifying,
    contexts,
    described: new Array<string | undefined>(qualifying.length),
    close,
    closeNote,
    accountPartners,
    accountPartnersSorted: accountPartners.size > 0 ? [...accountPartners].sort() : [],
    excluded,
  };
}

/** The text of qualifying touch i ("referral by acme on 2026-01-05"), composed once per evaluation. */
export function described(p: Prepared, i: number): string {
  let s = p.described[i];
  if (s === undefined) {
    s = describeTouch(p.qualifying[i]!);
    p.described[i] = s;
  }
  return s;
}
