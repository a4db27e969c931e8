// The spotlight view's filters: read from and written to the URL (so a view
// can be shared), turned into the `spotlight` query's input, and the links of
// a row to the records the dashboard already shows. Pure (tested in test/web).
import type { Lane, SpotlightHeuristic, SpotlightInput, SpotlightModel, SpotlightUnit } from './gql/graphql.js';

export const SPOTLIGHT_MODELS: ReadonlyArray<{ value: SpotlightModel; label: string }> = [
  { value: 'markov', label: 'Markov (removal effect)' },
  { value: 'shapley', label: 'Shapley (fair division)' },
  { value: 'heuristic', label: 'Heuristic (first / last / linear touch)' },
];
export const SPOTLIGHT_HEURISTICS: ReadonlyArray<{ value: SpotlightHeuristic; label: string }> = [
  { value: 'linear', label: 'Linear (equal split)' },
  { value: 'first', label: 'First touch' },
  { value: 'last', label: 'Last touch' },
];
export const SPOTLIGHT_UNITS: ReadonlyArray<{ value: SpotlightUnit; label: string }> = [
  { value: 'partner', label: 'Partner' },
  { value: 'channel', label: 'Channel' },
  { value: 'action', label: 'Action type' },
  { value: 'partner_type', label: 'Partner type' },
];
export const SPOTLIGHT_LANES: ReadonlyArray<{ value: Lane; label: string }> = [
  { value: 'influence', label: 'Influence (multi-touch)' },
  { value: 'source', label: 'Source' },
];
/** Bootstrap resamples offered: more gives a steadier interval and takes longer. The API's default is 200. */
export const SPOTLIGHT_RESAMPLES = [50, 200, 500, 1000] as const;
export const MARKOV_ORDERS = [1, 2, 3, 4] as const;

export interface SpotlightFilters {
  ruleSet: string;
  model: SpotlightModel;
  /** Markov memory in touches (markov only). */
  order: number;
  /** Which heuristic (heuristic only). */
  heuristic: SpotlightHeuristic;
  by: SpotlightUnit;
  lane: Lane;
  /** First close day (YYYY-MM-DD), '' for no lower bound. */
  from: string;
  /** Last close day (YYYY-MM-DD), '' for no upper bound. */
  to: string;
  /** ISO 4217 code, '' to let the API use the deals' only currency. */
  currency: string;
  resamples: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(options: ReadonlyArray<{ value: T }>, value: string | null, fallback: T): T {
  return options.find((o) => o.value === value)?.value ?? fallback;
}

/**
 * The filters in a spotlight URL. Unknown or malformed values fall back to the
 * defaults (the API's): markov order 1, by partner, the influence lane, every
 * close date, 200 resamples. The rule set defaults to the first one with a
 * current version; null when there is no rule set at all.
 */
export function spotlightFilters(
  query: URLSearchParams,
  ruleSets: ReadonlyArray<{ key: string; currentVersion?: unknown }>,
): SpotlightFilters | null {
  const first = ruleSets.find((r) => r.currentVersion) ?? ruleSets[0];
  if (!first) return null;
  const asked = query.get('ruleSet');
  const order = Number(query.get('order'));
  const resamples = Number(query.get('resamples'));
  const day = (v: string | null) => (v && DAY.test(v) ? v : '');
  const currency = (query.get('currency') ?? '').toUpperCase();
  return {
    ruleSet: ruleSets.some((r) => r.key === asked) ? asked! : first.key,
    model: oneOf(SPOTLIGHT_MODELS, query.get('model'), 'markov'),
    order: (MARKOV_ORDERS as readonly number[]).includes(order) ? order : 1,
    heuristic: oneOf(SPOTLIGHT_HEURISTICS, query.get('heuristic'), 'linear'),
    by: oneOf(SPOTLIGHT_UNITS, query.get('by'), 'partner'),
    lane: oneOf(SPOTLIGHT_LANES, query.get('lane'), 'influence'),
    from: day(query.get('from')),
    to: day(query.get('to')),
    currency: /^[A-Z]{3}$/.test(currency) ? currency : '',
    resamples: (SPOTLIGHT_RESAMPLES as readonly number[]).includes(resamples) ? resamples : 200,
  };
}

/** The URL query of the filters (what spotlightFilters reads back), with the model's own option only. */
export function spotlightQuery(f: SpotlightFilters): string {
  const q = new URLSearchParams({ ruleSet: f.ruleSet, model: f.model });
  if (f.model === 'markov') q.set('order', String(f.order));
  if (f.model === 'heuristic') q.set('heuristic', f.heuristic);
  q.set('by', f.by);
  q.set('lane', f.lane);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.currency) q.set('currency', f.currency);
  q.set('resamples', String(f.resamples));
  return `?${q.toString()}`;
}

/** The `spotlight` query's input for the filters: order only for markov, heuristic only for heuristic, no empty bounds. */
export function spotlightInput(f: SpotlightFilters): SpotlightInput {
  return {
    ruleSetKey: f.ruleSet,
    model: f.model,
    ...(f.model === 'markov' ? { order: f.order } : {}),
    ...(f.model === 'heuristic' ? { heuristic: f.heuristic } : {}),
    by: f.by,
    lane: f.lane,
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.currency ? { currency: f.currency } : {}),
    resamples: f.resamples,
  };
}

/** The unit's value for rule credit that rests on no touch (never a record of its own). */
export const NO_TOUCH = '(no touch)';

/**
 * Where a row of the spotlight leads, among the views the dashboard already
 * has: a partner to its deals under the rule set, a channel or partner type
 * to the scorecard grouped by it; an action type (the scorecard has no such
 * grouping) and touch-less credit to nothing.
 */
export function unitLink(by: SpotlightUnit, unit: string, ruleSet: string): string | null {
  if (unit === NO_TOUCH) return null;
  const rs = new URLSearchParams({ ruleSet }).toString();
  if (by === 'partner') return `/dashboard/partner/${encodeURIComponent(unit)}?${rs}`;
  if (by === 'channel' || by === 'partner_type') return `/dashboard?${rs}&groupBy=${by}`;
  return null;
}

/** The explanation of a deal's credit under the rule set (the dashboard's drill-down). */
export function dealLink(opportunityKey: string, ruleSet: string): string {
  return `/dashboard/deal/${encodeURIComponent(opportunityKey)}?${new URLSearchParams({ ruleSet }).toString()}`;
}
