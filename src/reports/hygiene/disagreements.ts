// The spotlight-disagreements section of the hygiene report: the won deals
// where the rule set's current credit and the spotlight's model split the
// deal most differently (src/reports/spotlight.ts). Not a counted check.
import type { SqlClient } from '../../engine/db.js';
import { ReportError } from '../errors.js';
import { isoDate } from '../periods.js';
import {
  computeSpotlightDeals,
  MAX_DEALS,
  SPOTLIGHT_MODELS,
  SPOTLIGHT_UNITS,
  type SpotlightDeal,
  type SpotlightDealsReport,
  type SpotlightModel,
  type SpotlightUnit,
} from '../spotlight.js';

/** Deals the spotlight-disagreements section lists by default. */
export const DEFAULT_DISAGREEMENTS = 5;

export interface HygieneDisagreementsInput {
  /** The rule set compared (default: the review's ruleSetKey, else the only rule set with current results). */
  ruleSetKey?: string;
  /** The spotlight model (default markov). */
  model?: SpotlightModel;
  /** Markov order 1–4 (default 1; markov only). */
  order?: number;
  /** The unit deals are split over (default partner). */
  by?: SpotlightUnit;
  /** Deals listed, 0 to MAX_DEALS (default DEFAULT_DISAGREEMENTS). */
  limit?: number;
}

/** Why the section lists what it lists: `compared`, or why no comparison was made. */
type DisagreementStatus = 'compared' | 'no_current_results' | 'several_rule_sets';

export interface HygieneDisagreements {
  title: string;
  action: string;
  status: DisagreementStatus;
  /** Why `deals` is empty (null when it lists deals). */
  reason: string | null;
  /** The rule set compared (null when none could be chosen). */
  ruleSetKey: string | null;
  /** Rule sets with current results, when one has to be chosen. */
  candidates: string[];
  /** The model, e.g. "markov order 1". */
  model: string;
  by: SpotlightUnit;
  lane: SpotlightDealsReport['lane'];
  /** Only deals in this currency are compared (the reporting currency). */
  currency: string;
  /** Won deals closed on or before this day (asOf). */
  closedBy: string;
  /** Closed deals (with a touch) the model saw, the won ones and their value. */
  sample: SpotlightDealsReport['sample'];
  limit: number;
  /** Largest disagreement first. */
  deals: SpotlightDeal[];
}

const DISAGREEMENTS_TITLE = 'Won deals where rule and model credit disagree most';
const DISAGREEMENTS_ACTION =
  "Read each deal record by record: where the model's split is closer to what happened, propose a rule change " +
  '(attrib spotlight suggest drafts one; it takes effect only through a reviewed rule version); where the rules are right, note why.';

/** The spotlight-disagreements section: chooses the rule set, then lists the spotlight's deals. */
export async function spotlightDisagreements(
  db: { sql: SqlClient },
  asOf: Date,
  reviewRuleSet: string | null,
  currency: string,
  o: HygieneDisagreementsInput,
): Promise<HygieneDisagreements> {
  const limit = o.limit ?? DEFAULT_DISAGREEMENTS;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_DEALS) {
    throw new ReportError(
      'INVALID_INPUT',
      `the disagreements limit must be a whole number from 0 to ${MAX_DEALS}, got ${String(o.limit)}.`,
    );
  }
  const model = o.model ?? 'markov';
  if (!SPOTLIGHT_MODELS.includes(model))
    throw new ReportError('INVALID_INPUT', `the disagreements model must be one of ${SPOTLIGHT_MODELS.join(', ')}, got "${model}".`);
  const order = model === 'markov' ? (o.order ?? 1) : o.order;
  if (order !== undefined && (model !== 'markov' || ![1, 2, 3, 4].includes(order))) {
    throw new ReportError(
      'INVALID_INPUT',
      `the disagreements order must be 1, 2, 3 or 4 and applies to the markov model only, got ${order} with ${model}.`,
    );
  }
  const by = o.by ?? 'partner';
  if (!SPOTLIGHT_UNITS.includes(by))
    throw new ReportError('INVALID_INPUT', `the disagreements unit must be one of ${SPOTLIGHT_UNITS.join(', ')}, got "${by}".`);
  const base = {
    title: DISAGREEMENTS_TITLE,
    action: DISAGREEMENTS_ACTION,
    by,
    lane: 'influence' as const,
    currency,
    closedBy: isoDate(asOf),
    limit,
    model: model === 'markov' ? `markov order ${order}` : model === 'shapley' ? 'shapley (closed-form)' : 'heuristic linear',
    candidates: [] as string[],
    sample: { journeys: 0, conversions: 0, value: '0.00' },
    deals: [] as SpotlightDeal[],
  };
  const chosen = o.ruleSetKey ?? reviewRuleSet;
  // Rule sets with current credit (any current allocation of any of their versions).
  const withResults = (
    await db.sql.query<{ key: string }>(
      `SELECT rs.key FROM rule_set rs
      WHERE ($1::text IS NULL OR rs.key = $1::text)
        AND EXISTS (SELECT 1 FROM rule_version rv JOIN credit_allocation ca ON ca.rule_version_id = rv.id AND ca.is_current
                     WHERE rv.rule_set_id = rs.id)
      ORDER BY rs.key`,
      [chosen],
    )
  ).map((r) => r.key);
  if (chosen !== null && withResults.length === 0) {
    const known = await db.sql.query('SELECT 1 FROM rule_set WHERE key = $1', [chosen]);
    if (known.length === 0) throw new ReportError('RULE_SET_NOT_FOUND', `rule set "${chosen}" does not exist; check the key or omit it.`);
  }
  if (withResults.length === 0) {
    return {
      ...base,
      status: 'no_current_results',
      ruleSetKey: chosen,
      reason:
        chosen === null
          ? 'no rule set has current results: publish a rule version and run it (attrib run) to compare its credit with the model.'
          : `rule set "${chosen}" has no current results: publish a version and run it (attrib run) to compare its credit with the model.`,
    };
  }
  if (withResults.length > 1) {
    return {
      ...base,
      status: 'several_rule_sets',
      ruleSetKey: null,
      candidates: withResults,
      reason: `${withResults.length} rule sets have current results (${withResults.join(', ')}): choose one (--ruleset KEY, GraphQL ruleSetKey).`,
    };
  }
  const ruleSetKey = withResults[0]!;
  const r = await computeSpotlightDeals(db, {
    ruleSetKey,
    model,
    by,
    to: asOf,
    currency,
    deals: limit,
    ...(order !== undefined ? { order } : {}),
  });
  return {
    ...base,
    status: 'compared',
    ruleSetKey,
    model: r.model,
    sample: r.sample,
    deals: r.deals,
    reason:
      r.deals.length > 0
        ? null
        : r.sample.conversions === 0
          ? `no won deal in ${currency} with a live touch closed by ${isoDate(asOf)}: nothing to compare.`
          : r.laneTotal === '0.00'
            ? `rule set "${ruleSetKey}" gives no ${r.lane} credit on touches of the ${r.sample.conversions} won deal(s) the model saw: nothing to compare.`
            : limit === 0
              ? 'the limit is 0: no deal listed.'
              : 'rules and model split every won deal alike.',
  };
}
