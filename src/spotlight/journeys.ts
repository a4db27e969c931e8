// Journeys: one per closed opportunity, the ordered units of its live touches
// up to the close. The input for every spotlight model.

import { stageOutcomeOf, type OpportunityFacts } from '../domain/attribution.js';
import type { StageOutcome } from '../domain/taxonomy.js';
import { formatDecimal, parseAmount } from '../domain/decimal.js';

/** What a journey step is: which attribute of a touch names the "channel". */
export type UnitKind = 'partner' | 'channel' | 'action' | 'partnerType';

export interface SpotlightTouch {
  /** The touchpoint's database id, when the touch comes from the database (models ignore it). */
  id?: string;
  occurredAt: Date;
  externalId: string;
  partnerKey: string;
  channel: string;
  action: string;
  partnerType: string;
  /** false for a soft-deleted touch; absent means live. */
  live?: boolean;
}

export interface SpotlightOpportunity {
  key: string;
  stage: string;
  /** Open, won or lost; absent: the default taxonomy's outcome of `stage`. */
  outcome?: StageOutcome;
  /** Exact decimal string, at most two places: "120000.00". */
  amount: string;
  closedAt: Date | null;
  touches: SpotlightTouch[];
}

export interface Journey {
  /** Opportunity key, for tracing a journey back (models ignore it). */
  key?: string;
  path: string[];
  converted: boolean;
  /** Conversion value, two places: the amount when converted, "0.00" otherwise. */
  value: string;
  /**
   * How many identical journeys this entry stands for (a positive integer,
   * default 1). Every model weighs the entry by it; the bootstrap passes its
   * resamples this way (one entry per distinct journey drawn).
   */
  count?: number;
}

interface JourneySet {
  unit: UnitKind;
  journeys: Journey[];
  excluded: {
    /** Opportunities whose stage is open (neither won nor lost). */
    open: number;
    /** Closed opportunities with no live touch up to the close (no path to credit). */
    untouched: number;
    /** Of those, how many were won, and their value. */
    untouchedWon: number;
    untouchedWonValue: string;
  };
}

export function unitOf(touch: SpotlightTouch, unit: UnitKind): string {
  switch (unit) {
    case 'partner':
      return touch.partnerKey;
    case 'channel':
      return touch.channel;
    case 'action':
      return touch.action;
    case 'partnerType':
      return touch.partnerType;
  }
}

/** Code-unit order, independent of locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Live touches at or before the close, ordered by occurredAt then externalId. */
export function orderedTouches(opp: SpotlightOpportunity): SpotlightTouch[] {
  const close = opp.closedAt?.getTime();
  return opp.touches
    .filter((t) => t.live !== false && (close === undefined || t.occurredAt.getTime() <= close))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || compareText(a.externalId, b.externalId));
}

/**
 * won (a stage with outcome won) -> converting journey worth the amount;
 * lost -> null journey; an open stage is left out (counted in `excluded.open`). A closed
 * deal with no remaining touch has an empty path, which no model can credit:
 * it is counted in `excluded.untouched` instead of being returned.
 * Journeys keep the input order of the opportunities. A won deal with a
 * negative amount is refused (RangeError): credit is apportioned over
 * non-negative weights.
 */
export function buildJourneys(opps: readonly SpotlightOpportunity[], unit: UnitKind = 'partner'): JourneySet {
  const journeys: Journey[] = [];
  let open = 0;
  let untouched = 0;
  let untouchedWon = 0;
  let untouchedWonCents = 0n;
  for (const opp of opps) {
    const outcome = stageOutcomeOf(opp);
    const won = outcome === 'won';
    if (outcome === 'open') {
      open++;
      continue;
    }
    const cents = won ? parseAmount(opp.amount) : 0n;
    if (cents < 0n) throw new RangeError(`opportunity ${opp.key}: negative amount "${opp.amount}" cannot be a conversion value`);
    const path = orderedTouches(opp).map((t) => unitOf(t, unit));
    if (path.length === 0) {
      untouched++;
      if (won) {
        untouchedWon++;
        untouchedWonCents += cents;
      }
      continue;
    }
    journeys.push({ key: opp.key, path, converted: won, value: formatDecimal(cents, 2) });
  }
  return { unit, journeys, excluded: { open, untouched, untouchedWon, untouchedWonValue: formatDecimal(untouchedWonCents, 2) } };
}

/** The engine's facts for one opportunity -> the spotlight's plain input. */
export function fromOpportunityFacts(facts: OpportunityFacts): SpotlightOpportunity {
  return {
    key: facts.key,
    stage: facts.stage,
    outcome: stageOutcomeOf(facts),
    amount: facts.amount,
    closedAt: facts.closedAt,
    touches: facts.touchpoints.map((t) => ({
      id: t.id,
      occurredAt: t.occurredAt,
      externalId: t.externalId,
      partnerKey: t.partner.key,
      channel: t.channel,
      action: t.action,
      partnerType: t.partner.type,
    })),
  };
}
