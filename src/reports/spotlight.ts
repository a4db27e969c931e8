// The spotlight report: per unit (partner, channel, action or partner type),
// the credit the governed rules gave on won deals next to the credit a
// data-driven model (Markov removal effect, Shapley value, or a heuristic)
// gives on the same deals, with the model's bootstrap interval and a flag
// where the rules' figure lies outside it. Reads the database (opportunities,
// their live touches, the rule set's current credit); the models are the pure
// functions of src/spotlight. Definitions: src/reports/README.md, "Spotlight".
import type { OpportunityFacts } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import type { SqlClient } from '../engine/db.js';
import { formatAmount, largestRemainder, parseAmount } from '../domain/decimal.js';
import { loadOpportunityFacts } from '../engine/facts.js';
import {
  bootstrap,
  buildJourneys,
  divergences,
  fromOpportunityFacts,
  heuristicModel,
  markovModel,
  orderedTouches,
  shapleyModel,
  unitOf,
  type HeuristicModel,
  type Journey,
  type MarkovOrder,
  type ModelResult,
  type UnitKind,
} from '../spotlight/index.js';
import { ReportError } from './errors.js';

export const SPOTLIGHT_MODELS = ['markov', 'shapley', 'heuristic'] as const;
export type SpotlightModel = (typeof SPOTLIGHT_MODELS)[number];
/** Unit names as users type them (`partner_type`); the model layer calls it `partnerType`. */
export const SPOTLIGHT_UNITS = ['partner', 'channel', 'action', 'partner_type'] as const;
export type SpotlightUnit = (typeof SPOTLIGHT_UNITS)[number];
export const SPOTLIGHT_HEURISTICS = ['first', 'last', 'linear'] as const;
export const DEFAULT_RESAMPLES = 200;
export const MAX_RESAMPLES = 2000;
/** Deals listed where rules and model disagree most (default, and the most a caller may ask for). */
export const DEFAULT_DEALS = 10;
export const MAX_DEALS = 100;
/** Unit of rule credit that rests on no touch (e.g. an "attached" partner), for the touch-based units. */
export const NO_TOUCH_UNIT = '(no touch)';
const FACT_BATCH = 2000;

export interface SpotlightInput {
  ruleSetKey: string;
  model?: SpotlightModel;
  /** Markov order, 1–4 (default 1). */
  order?: number;
  /** For model "heuristic" (default linear). */
  heuristic?: HeuristicModel;
  by?: SpotlightUnit;
  /** The rule lane compared with the model (default influence: the multi-touch lane). */
  lane?: Lane;
  /** Won/lost deals whose close date lies in [from, to], both inclusive (dates, UTC). */
  from?: Date;
  to?: Date;
  /** Only deals in this currency; required when the selected deals have more than one. */
  currency?: string;
  resamples?: number;
  seed?: number;
  /** How many of the deals where rules and model disagree most to list (0 to MAX_DEALS, default DEFAULT_DEALS). */
  deals?: number;
}

export interface SpotlightRow {
  unit: string;
  /** Rule credit of the lane on the deals the model saw, exact decimal (2 places). */
  ruleCredit: string;
  /** The model's share of the same total (laneTotal), on all the journeys, 2 places. */
  modelCredit: string;
  /** ruleCredit - modelCredit. */
  difference: string;
  /** Bootstrap interval of the model's credit (percentile 2.5 and 97.5). */
  low: string;
  high: string;
  /** Journeys (won and lost deals) the unit appears on, and of those the won ones. */
  journeys: number;
  conversions: number;
  /** The rule credit lies outside [low, high]. */
  diverges: boolean;
}

/** One unit on one deal: the rules' credit and the model's share of the same deal total. */
export interface SpotlightDealUnit {
  unit: string;
  ruleCredit: string;
  modelCredit: string;
  /** ruleCredit - modelCredit: the gap on this unit (2 places). */
  difference: string;
}

/**
 * A won deal where the rules and the model place the deal's credit
 * differently: the deal's rule credit of the lane (touch-less credit left
 * out) split over the units on its journey in proportion to the model's
 * credit of each unit, beside the rules' own split.
 */
export interface SpotlightDeal {
  opportunityId: string;
  opportunityKey: string;
  /** The lane's rule credit on the deal (touch-less credit left out): the total both splits share. */
  credit: string;
  /** Half the sum of |rule - model| over the units: the credit the model would move to other units. */
  disagreement: string;
  /** Units of the deal, the largest |rule - model| first, then by name. */
  units: SpotlightDealUnit[];
}

export interface SpotlightReport {
  ruleSetKey: string;
  lane: Lane;
  /** e.g. "markov order 1", "shapley (closed-form)", "heuristic linear". */
  model: string;
  by: SpotlightUnit;
  from: string | null;
  to: string | null;
  currency: string | null;
  resamples: number;
  seed: number;
  sample: { journeys: number; conversions: number; value: string };
  /** The lane's rule credit on these deals (touch-less credit excluded): the total the model's credit is rescaled to. */
  laneTotal: string;
  /** Closed deals with no live touch up to the close: no journey, so no model credit (won ones and their value too). */
  excluded: { untouched: number; untouchedWon: number; untouchedWonValue: string };
  /** Rule versions whose current credit is compared. */
  ruleVersions: Array<{ id: string; number: number | null; hash: string }>;
  /** Diverging units first, then by the size of the difference, then by name. */
  rows: SpotlightRow[];
  /** The won deals where rules and model disagree most, largest disagreement first (none listed when they agree). */
  deals: SpotlightDeal[];
}

interface Options {
  model: SpotlightModel;
  order: MarkovOrder;
  heuristic: HeuristicModel;
  by: SpotlightUnit;
  lane: Lane;
  from: Date | null;
  to: Date | null;
  currency: string | null;
  resamples: number;
  seed: number;
  deals: number;
}

function validate(input: SpotlightInput): Options {
  const model = input.model ?? 'markov';
  if (!SPOTLIGHT_MODELS.includes(model))
    throw new ReportError('INVALID_INPUT', `model must be one of ${SPOTLIGHT_MODELS.join(', ')}, got "${model}".`);
  const order = input.order ?? 1;
  if (![1, 2, 3, 4].includes(order))
    throw new ReportError('INVALID_INPUT', `order must be 1, 2, 3 or 4 (the Markov chain's memory in touches), got ${order}.`);
  if (input.order !== undefined && model !== 'markov')
    throw new ReportError('INVALID_INPUT', 'order applies to the markov model only; drop it or choose model markov.');
  const heuristic = input.heuristic ?? 'linear';
  if (!SPOTLIGHT_HEURISTICS.includes(heuristic))
    throw new ReportError('INVALID_INPUT', `heuristic must be one of ${SPOTLIGHT_HEURISTICS.join(', ')}, got "${heuristic}".`);
  const by = input.by ?? 'partner';
  if (!SPOTLIGHT_UNITS.includes(by))
    throw new ReportError('INVALID_INPUT', `by must be one of ${SPOTLIGHT_UNITS.join(', ')}, got "${by}".`);
  const lane = input.lane ?? 'influence';
  if (lane !== 'source' && lane !== 'influence') throw new ReportError('INVALID_INPUT', `lane must be source or influence, got "${lane}".`);
  const resamples = input.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > MAX_RESAMPLES) {
    throw new ReportError('INVALID_INPUT', `resamples must be a whole number from 1 to ${MAX_RESAMPLES}, got ${resamples}.`);
  }
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed)) throw new ReportError('INVALID_INPUT', `seed must be a whole number, got ${seed}.`);
  const deals = input.deals ?? DEFAULT_DEALS;
  if (!Number.isInteger(deals) || deals < 0 || deals > MAX_DEALS) {
    throw new ReportError('INVALID_INPUT', `deals must be a whole number from 0 to ${MAX_DEALS}, got ${deals}.`);
  }
  const from = input.from ?? null;
  const to = input.to ?? null;
  if (from && to && to < from) throw new ReportError('INVALID_INPUT', `to (${isoDate(to)}) is before from (${isoDate(from)}); swap them.`);
  const currency = input.currency?.trim().toUpperCase() || null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    throw new ReportError('INVALID_INPUT', `currency must be a three-letter ISO 4217 code such as USD, got "${input.currency}".`);
  return { model, order: order as MarkovOrder, heuristic, by, lane, from, to, currency, resamples, seed, deals };
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const modelUnit = (by: SpotlightUnit): UnitKind => (by === 'partner_type' ? 'partnerType' : by);

function modelFit(o: Options): { name: string; fit: (js: Journey[]) => ModelResult } {
  switch (o.model) {
    case 'markov':
      return { name: `markov order ${o.order}`, fit: (js) => markovModel(js, { order: o.order }) };
    case 'shapley':
      return { name: 'shapley (closed-form)', fit: (js) => shapleyModel(js, { method: 'closed-form' }) };
    case 'heuristic':
      return { name: `heuristic ${o.heuristic}`, fit: (js) => heuristicModel(js, o.heuristic) };
  }
}

/** Closed (won or lost) opportunities in the window, id order. */
async function closedOpportunities(sql: SqlClient, o: Options): Promise<Array<{ id: string; currency: string }>> {
  const params: unknown[] = [];
  const where = [`o.outcome <> 'open'`, 'o.closed_at IS NOT NULL'];
  if (o.from) {
    params.push(o.from.toISOString());
    where.push(`o.closed_at >= $${params.length}::timestamptz`);
  }
  if (o.to) {
    params.push(new Date(o.to.getTime() + 86_400_000).toISOString());
    where.push(`o.closed_at < $${params.length}::timestamptz`);
  }
  if (o.currency) {
    params.push(o.currency);
    where.push(`o.currency = $${params.length}`);
  }
  return sql.query<{ id: string; currency: string }>(
    `SELECT o.id::text AS id, o.currency FROM opportunity o WHERE ${where.join(' AND ')} ORDER BY o.id`,
    params,
  );
}

interface CreditRow {
  opportunity_id: string;
  partner_key: string;
  partner_type: string;
  amount: string;
  touchpoint_ids: string[] | string | null;
  rule_version_id: string;
  rule_version_number: number | null;
  source_hash: string;
}

/** Current credit of the rule set's lane on the given (won) opportunities. */
async function ruleCredit(sql: SqlClient, ruleSetId: string, lane: Lane, opportunityIds: readonly string[]): Promise<CreditRow[]> {
  const rows: CreditRow[] = [];
  for (let i = 0; i < opportunityIds.length; i += FACT_BATCH) {
    rows.push(
      ...(await sql.query<CreditRow>(
        `SELECT ca.opportunity_id::text AS opportunity_id, p.key AS partner_key, p.type::text AS partner_type, ca.amount::text AS amount,
              ca.contributing_touchpoint_ids::text[] AS touchpoint_ids, ca.rule_version_id::text AS rule_version_id,
              ca.rule_version_number, ca.source_hash
         FROM credit_allocation ca
         JOIN rule_version v ON v.id = ca.rule_version_id AND v.rule_set_id = $1::uuid
         JOIN partner p ON p.id = ca.partner_id
        WHERE ca.is_current AND ca.lane = $2::"Lane" AND ca.opportunity_id = ANY($3::uuid[])`,
        [ruleSetId, lane, pgArray(opportunityIds.slice(i, i + FACT_BATCH))],
      )),
    );
  }
  return rows;
}

function idList(value: CreditRow['touchpoint_ids']): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/**
 * Rule credit per unit, in cents. By partner or partner type, an allocation
 * counts for its partner. By channel or action, an allocation's amount is
 * split over its contributing touches that the journey kept (cents spread
 * one by one over the touches in time order, so the split sums exactly), and
 * each part counts for its touch's channel or action; an allocation on no
 * kept touch counts for NO_TOUCH_UNIT.
 */
export function ruleCreditByUnit(
  rows: readonly Pick<CreditRow, 'opportunity_id' | 'partner_key' | 'partner_type' | 'amount' | 'touchpoint_ids'>[],
  by: SpotlightUnit,
  keptTouches: ReadonlyMap<string, ReadonlyArray<{ id: string; unit: string }>>,
): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const add = (unit: string, cents: bigint) => out.set(unit, (out.get(unit) ?? 0n) + cents);
  for (const r of rows) {
    const cents = parseAmount(r.amount);
    if (by === 'partner') {
      add(r.partner_key, cents);
      continue;
    }
    if (by === 'partner_type') {
      add(r.partner_type, cents);
      continue;
    }
    const ids = new Set(idList(r.touchpoint_ids));
    const touches = (keptTouches.get(r.opportunity_id) ?? []).filter((t) => ids.has(t.id));
    if (touches.length === 0) {
      add(NO_TOUCH_UNIT, cents);
      continue;
    }
    const n = BigInt(touches.length);
    const base = cents / n;
    let rest = cents - base * n;
    for (const t of touches) {
      const extra = rest > 0n ? 1n : 0n;
      rest -= extra;
      add(t.unit, base + extra);
    }
  }
  return out;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
/** Larger first. */
const descending = (a: bigint, b: bigint): number => (a > b ? -1 : a < b ? 1 : 0);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Per won deal, the rules' split of its lane credit over units beside the
 * model's split of the same total (in proportion to each unit's model credit,
 * largest remainder to the cent; an even split when the model gives the deal's
 * units nothing), and the disagreement: half the sum of |rule - model|, which
 * is the credit the model would move. Deals that agree are left out; the
 * largest disagreement first, then by key; at most `limit`.
 */
export function dealDisagreements(
  deals: ReadonlyArray<{
    opportunityId: string;
    opportunityKey: string;
    units: readonly string[];
    ruleByUnit: ReadonlyMap<string, bigint>;
  }>,
  modelByUnit: ReadonlyMap<string, bigint>,
  limit: number,
): SpotlightDeal[] {
  const out: Array<SpotlightDeal & { size: bigint }> = [];
  for (const d of deals) {
    const rule = new Map([...d.ruleByUnit].filter(([u]) => u !== NO_TOUCH_UNIT));
    const total = [...rule.values()].reduce((a, b) => a + b, 0n);
    if (total === 0n || d.units.length === 0) continue;
    const weights = d.units.map((u) => {
      const w = modelByUnit.get(u) ?? 0n;
      return w > 0n ? w : 0n;
    });
    const parts = largestRemainder(total, weights.some((w) => w > 0n) ? weights : weights.map(() => 1n));
    const model = new Map(d.units.map((u, i) => [u, parts[i]!]));
    const units = [...new Set([...d.units, ...rule.keys()])].map((u) => ({ unit: u, rule: rule.get(u) ?? 0n, model: model.get(u) ?? 0n }));
    const moved = units.reduce((a, x) => a + abs(x.rule - x.model), 0n) / 2n;
    if (moved === 0n) continue;
    units.sort((a, b) => descending(abs(a.rule - a.model), abs(b.rule - b.model)) || byText(a.unit, b.unit));
    out.push({
      opportunityId: d.opportunityId,
      opportunityKey: d.opportunityKey,
      credit: formatAmount(total),
      disagreement: formatAmount(moved),
      size: moved,
      units: units.map((x) => ({
        unit: x.unit,
        ruleCredit: formatAmount(x.rule),
        modelCredit: formatAmount(x.model),
        difference: formatAmount(x.rule - x.model),
      })),
    });
  }
  out.sort((a, b) => descending(a.size, b.size) || byText(a.opportunityKey, b.opportunityKey));
  return out.slice(0, limit).map(({ size: _size, ...d }) => d);
}

interface Basis {
  o: Options;
  currencies: string[];
  set: ReturnType<typeof buildJourneys>;
  journeys: Journey[];
  byKey: Map<string, { spot: ReturnType<typeof fromOpportunityFacts>; id: string }>;
  kept: Map<string, Array<{ id: string; unit: string }>>;
  credit: CreditRow[];
  byUnit: Map<string, bigint>;
  laneTotal: bigint;
  versions: SpotlightReport['ruleVersions'];
  name: string;
  scaledFit: (js: Journey[]) => ModelResult;
}

/** What the report and the deal list share: journeys, the rule credit on them, and the model fit rescaled to the lane total. */
async function spotlightBasis(db: { sql: SqlClient }, input: SpotlightInput): Promise<Basis> {
  const o = validate(input);
  const sets = await db.sql.query<{ id: string }>('SELECT id::text AS id FROM rule_set WHERE key = $1', [input.ruleSetKey]);
  const ruleSetId = sets[0]?.id;
  if (!ruleSetId)
    throw new ReportError(
      'RULE_SET_NOT_FOUND',
      `rule set "${input.ruleSetKey}" does not exist; list rule sets with \`attrib scorecard --help\` or the ruleSets query, or check the key.`,
    );

  const opps = await closedOpportunities(db.sql, o);
  const currencies = [...new Set(opps.map((x) => x.currency))].sort();
  if (currencies.length > 1) {
    throw new ReportError(
      'INVALID_INPUT',
      `the selected deals are in ${currencies.length} currencies (${currencies.join(', ')}); models add deal values, so choose one with currency (e.g. --currency ${currencies[0]}).`,
    );
  }
  const facts: OpportunityFacts[] = [];
  for (let i = 0; i < opps.length; i += FACT_BATCH)
    facts.push(
      ...(await loadOpportunityFacts(
        db.sql,
        opps.slice(i, i + FACT_BATCH).map((x) => x.id),
      )),
    );

  const unit = modelUnit(o.by);
  const spot = facts.map(fromOpportunityFacts);
  const set = buildJourneys(spot, unit);
  const journeys = set.journeys.filter((j) => j.path.length > 0);

  // The touches each journey kept (in order), to place rule credit on channels and actions.
  const byKey = new Map(spot.map((x, i) => [x.key, { spot: x, id: facts[i]!.id }]));
  const kept = new Map<string, Array<{ id: string; unit: string }>>();
  const wonIds: string[] = [];
  for (const j of journeys) {
    const { spot: opp, id } = byKey.get(j.key!)!;
    if (j.converted) wonIds.push(id);
    kept.set(
      id,
      orderedTouches(opp).map((t) => ({ id: t.id!, unit: unitOf(t, unit) })),
    );
  }
  const credit = await ruleCredit(db.sql, ruleSetId, o.lane, wonIds);
  const byUnit = ruleCreditByUnit(credit, o.by, kept);
  const versions = new Map<string, { id: string; number: number | null; hash: string }>();
  for (const r of credit) versions.set(r.rule_version_id, { id: r.rule_version_id, number: r.rule_version_number, hash: r.source_hash });

  // The model shares the same total as the rules: its value credit (which sums
  // to the won value) is rescaled to the lane's rule credit on these deals, in
  // the full fit and in every resample, so the columns compare like for like.
  const laneTotal = [...byUnit].reduce((sum, [u, cents]) => (u === NO_TOUCH_UNIT ? sum : sum + cents), 0n);
  const { name, fit } = modelFit(o);
  const scaledFit = (js: Journey[]): ModelResult => {
    const r = fit(js);
    const parts = largestRemainder(
      laneTotal,
      r.credits.map((c) => parseAmount(c.value)),
      { allZero: 'zeros' },
    );
    return { ...r, credits: r.credits.map((c, i) => ({ ...c, value: formatAmount(parts[i]!) })) };
  };
  return {
    o,
    currencies,
    set,
    journeys,
    byKey,
    kept,
    credit,
    byUnit,
    laneTotal,
    name,
    scaledFit,
    versions: [...versions.values()].sort((a, b) => (a.number ?? 0) - (b.number ?? 0) || (a.id < b.id ? -1 : 1)),
  };
}

/** The won deals of the basis where rules and model split the credit most differently, given the model's credit per unit. */
function basisDeals(b: Basis, modelByUnit: ReadonlyMap<string, bigint>): SpotlightDeal[] {
  if (b.o.deals === 0) return [];
  const creditByDeal = new Map<string, CreditRow[]>();
  for (const r of b.credit) {
    const list = creditByDeal.get(r.opportunity_id);
    if (list) list.push(r);
    else creditByDeal.set(r.opportunity_id, [r]);
  }
  return dealDisagreements(
    b.journeys
      .filter((j) => j.converted)
      .map((j) => {
        const id = b.byKey.get(j.key!)!.id;
        return {
          opportunityId: id,
          opportunityKey: j.key!,
          units: [...new Set(j.path)],
          ruleByUnit: ruleCreditByUnit(creditByDeal.get(id) ?? [], b.o.by, b.kept),
        };
      }),
    modelByUnit,
    b.o.deals,
  );
}

/** The spotlight report for one rule set. Throws ReportError on bad input or an unknown rule set. */
export async function computeSpotlight(
  db: { sql: SqlClient },
  input: SpotlightInput,
  onProgress?: (done: number, total: number) => void,
): Promise<SpotlightReport> {
  const b = await spotlightBasis(db, input);
  const { o, journeys, byUnit } = b;
  const band =
    journeys.length > 0
      ? bootstrap(journeys, b.scaledFit, { resamples: o.resamples, seed: o.seed, ...(onProgress ? { onResample: onProgress } : {}) })
      : { units: [], sample: { journeys: 0, conversions: 0, value: '0.00' } };
  const ruleMap = new Map(
    [...byUnit].filter(([u, cents]) => u !== NO_TOUCH_UNIT || cents !== 0n).map(([u, cents]) => [u, formatAmount(cents)]),
  );
  const presence = new Map<string, { journeys: number; conversions: number }>();
  for (const j of journeys) {
    for (const u of new Set(j.path)) {
      const p = presence.get(u) ?? { journeys: 0, conversions: 0 };
      p.journeys++;
      if (j.converted) p.conversions++;
      presence.set(u, p);
    }
  }
  const rows: SpotlightRow[] = divergences(ruleMap, band as Parameters<typeof divergences>[1], 'value').map((d) => ({
    unit: d.unit,
    ruleCredit: d.rule,
    modelCredit: d.model,
    difference: d.difference,
    low: d.low,
    high: d.high,
    journeys: presence.get(d.unit)?.journeys ?? 0,
    conversions: presence.get(d.unit)?.conversions ?? 0,
    // Credit resting on no touch is outside what a journey model can place: shown, never flagged.
    diverges: d.unit === NO_TOUCH_UNIT ? false : d.diverges,
  }));
  const size = (s: string) => abs(parseAmount(s));
  rows.sort(
    (a, b) => Number(b.diverges) - Number(a.diverges) || descending(size(a.difference), size(b.difference)) || byText(a.unit, b.unit),
  );

  const deals = basisDeals(b, new Map(rows.map((x) => [x.unit, parseAmount(x.modelCredit)])));

  return {
    ruleSetKey: input.ruleSetKey,
    lane: o.lane,
    model: b.name,
    by: o.by,
    from: o.from ? isoDate(o.from) : null,
    to: o.to ? isoDate(o.to) : null,
    currency: o.currency ?? b.currencies[0] ?? null,
    resamples: o.resamples,
    seed: o.seed,
    sample: band.sample,
    laneTotal: formatAmount(b.laneTotal),
    excluded: {
      untouched: b.set.excluded.untouched,
      untouchedWon: b.set.excluded.untouchedWon,
      untouchedWonValue: b.set.excluded.untouchedWonValue,
    },
    ruleVersions: b.versions,
    rows,
    deals,
  };
}

/** The deals where rules and model disagree most, without the bootstrap (one model fit): what the hygiene review lists. */
export interface SpotlightDealsReport {
  ruleSetKey: string;
  lane: Lane;
  model: string;
  by: SpotlightUnit;
  currency: string | null;
  sample: { journeys: number; conversions: number; value: string };
  /** The lane's rule credit on the won deals with a journey (touch-less credit excluded). */
  laneTotal: string;
  ruleVersions: SpotlightReport['ruleVersions'];
  deals: SpotlightDeal[];
}

/**
 * The spotlight's `deals` alone: the same journeys, rule credit and model
 * credit as computeSpotlight (the model's estimate does not depend on the
 * resampling), fitted once. `resamples` and `seed` are ignored.
 */
export async function computeSpotlightDeals(db: { sql: SqlClient }, input: SpotlightInput): Promise<SpotlightDealsReport> {
  const b = await spotlightBasis(db, input);
  const empty = { credits: [], sample: { journeys: 0, conversions: 0, value: '0.00' } };
  const fitted = b.journeys.length > 0 ? b.scaledFit(b.journeys) : empty;
  const modelByUnit = new Map(fitted.credits.map((c) => [c.unit, parseAmount(c.value)]));
  return {
    ruleSetKey: input.ruleSetKey,
    lane: b.o.lane,
    model: b.name,
    by: b.o.by,
    currency: b.o.currency ?? b.currencies[0] ?? null,
    sample: fitted.sample,
    laneTotal: formatAmount(b.laneTotal),
    ruleVersions: b.versions,
    deals: basisDeals(b, modelByUnit),
  };
}
