// The spotlight over GraphQL: the governed rules' credit per unit beside a
// data-driven model's, with the model's bootstrap interval and a divergence
// flag. Definitions: src/reports/README.md ("Spotlight"), src/spotlight/README.md.
import {
  computeSpotlight,
  DEFAULT_RESAMPLES,
  MAX_RESAMPLES,
  SPOTLIGHT_HEURISTICS,
  SPOTLIGHT_MODELS,
  SPOTLIGHT_UNITS,
  DEFAULT_DEALS,
  MAX_DEALS,
  type SpotlightDeal,
  type SpotlightDealUnit,
  type SpotlightReport,
  type SpotlightRow,
} from '../../reports/spotlight.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { LaneEnum } from '../common/enums.js';
import { REPORT_ERRORS, reportCall } from './common.js';

export const SpotlightModelEnum = builder.enumType('SpotlightModel', {
  description: 'The data-driven model compared with the rules.',
  values: {
    markov: { value: SPOTLIGHT_MODELS[0], description: 'Markov chain removal effect (order 1 to 4).' },
    shapley: { value: SPOTLIGHT_MODELS[1], description: 'Shapley value: each won deal split equally among the distinct units on it.' },
    heuristic: { value: SPOTLIGHT_MODELS[2], description: 'First-, last- or linear-touch.' },
  } as const,
});

export const SpotlightUnitEnum = builder.enumType('SpotlightUnit', {
  description: 'What a row of the spotlight is about.',
  values: Object.fromEntries(SPOTLIGHT_UNITS.map((u) => [u, { value: u, description: `One row per ${u.replace('_', ' ')}.` }])) as Record<
    (typeof SPOTLIGHT_UNITS)[number],
    { value: (typeof SPOTLIGHT_UNITS)[number]; description: string }
  >,
});

const SpotlightHeuristicEnum = builder.enumType('SpotlightHeuristic', {
  description: 'Which heuristic the heuristic model uses.',
  values: {
    first: { value: SPOTLIGHT_HEURISTICS[0], description: 'The whole deal to the first touch.' },
    last: { value: SPOTLIGHT_HEURISTICS[1], description: 'The whole deal to the last touch before the close.' },
    linear: { value: SPOTLIGHT_HEURISTICS[2], description: 'The deal split equally over its touches.' },
  } as const,
});

const SpotlightInputType = builder.inputType('SpotlightInput', {
  description: "What to compare: a rule set's lane, a model, a unit and a window of closed deals.",
  fields: (t) => ({
    ruleSetKey: t.string({ required: true, description: 'Rule set whose current credit is compared.' }),
    model: t.field({ type: SpotlightModelEnum, required: false, description: 'Default markov.' }),
    order: t.int({ required: false, description: 'Markov order, 1 (default) to 4; markov only.' }),
    heuristic: t.field({ type: SpotlightHeuristicEnum, required: false, description: 'For model heuristic; default linear.' }),
    by: t.field({ type: SpotlightUnitEnum, required: false, description: 'Default partner.' }),
    lane: t.field({ type: LaneEnum, required: false, description: 'The rule lane compared; default influence (the multi-touch lane).' }),
    from: t.field({ type: 'Date', required: false, description: 'Deals closed on or after this day (UTC).' }),
    to: t.field({ type: 'Date', required: false, description: 'Deals closed on or before this day (UTC).' }),
    currency: t.string({ required: false, description: 'ISO 4217 code; required when the deals are in more than one currency.' }),
    resamples: t.int({
      required: false,
      description: `Bootstrap resamples for the interval (default ${DEFAULT_RESAMPLES}, at most ${MAX_RESAMPLES}).`,
    }),
    seed: t.int({ required: false, description: 'Seed of the resampling (default 1): the same seed gives the same interval.' }),
    deals: t.int({ required: false, description: `Won deals listed in \`deals\` (default ${DEFAULT_DEALS}, 0 to ${MAX_DEALS}).` }),
  }),
});

const SpotlightRowType = builder.objectRef<SpotlightRow>('SpotlightRow').implement({
  description: "One unit: the rules' credit, the model's credit of the same total, and whether they differ beyond the noise.",
  fields: (t) => ({
    unit: t.exposeString('unit', {
      description: 'Partner key, channel, action or partner type; "(no touch)" for rule credit that rests on no touch.',
    }),
    ruleCredit: t.expose('ruleCredit', {
      type: 'Decimal',
      description: "The lane's current rule credit on the won deals the model saw (decimal string, 2 places, the report's currency).",
    }),
    modelCredit: t.expose('modelCredit', { type: 'Decimal', description: "The model's share of the same total (laneTotal), 2 places." }),
    difference: t.expose('difference', { type: 'Decimal', description: 'ruleCredit - modelCredit.' }),
    low: t.expose('low', { type: 'Decimal', description: "Lower end of the model credit's 95% bootstrap interval." }),
    high: t.expose('high', { type: 'Decimal', description: "Upper end of the model credit's 95% bootstrap interval." }),
    journeys: t.exposeInt('journeys', { description: 'Closed deals (won or lost) the unit is on.' }),
    conversions: t.exposeInt('conversions', { description: 'Won deals the unit is on.' }),
    diverges: t.exposeBoolean('diverges', {
      description: 'true when ruleCredit lies outside [low, high]: a work item for governance, not a verdict.',
    }),
  }),
});

const SpotlightRuleVersionType = builder.objectRef<SpotlightReport['ruleVersions'][number]>('SpotlightRuleVersion').implement({
  description: 'A rule version whose current credit the spotlight compares.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Rule version id (uuid).' }),
    number: t.exposeInt('number', { nullable: true, description: 'Version number (null for a draft).' }),
    hash: t.exposeString('hash', { description: 'Content hash of the rule source.' }),
  }),
});

const SpotlightSampleType = builder.objectRef<SpotlightReport['sample']>('SpotlightSample').implement({
  description: 'How much data the model saw: always read it with the figures.',
  fields: (t) => ({
    journeys: t.exposeInt('journeys', { description: 'Closed deals with at least one live touch up to the close.' }),
    conversions: t.exposeInt('conversions', { description: 'Of those, the won ones.' }),
    value: t.expose('value', { type: 'Decimal', description: 'Their won value (decimal string, 2 places).' }),
  }),
});

const SpotlightExcludedType = builder.objectRef<SpotlightReport['excluded']>('SpotlightExcluded').implement({
  description: 'Closed deals left out because no touch leads to them.',
  fields: (t) => ({
    untouched: t.exposeInt('untouched', { description: 'Closed deals with no live touch up to the close.' }),
    untouchedWon: t.exposeInt('untouchedWon', { description: 'Of those, the won ones.' }),
    untouchedWonValue: t.expose('untouchedWonValue', { type: 'Decimal', description: 'Their won value (2 places).' }),
  }),
});

const SpotlightDealUnitType = builder.objectRef<SpotlightDealUnit>('SpotlightDealUnit').implement({
  description: "One unit on one deal: how the rules and the model split the deal's credit.",
  fields: (t) => ({
    unit: t.exposeString('unit', { description: 'Partner key, channel, action or partner type.' }),
    ruleCredit: t.expose('ruleCredit', {
      type: 'Decimal',
      description: "The rules' credit of the unit on the deal (decimal string, 2 places).",
    }),
    modelCredit: t.expose('modelCredit', {
      type: 'Decimal',
      description: "The unit's part of the same deal credit, in proportion to its model credit (2 places).",
    }),
    difference: t.expose('difference', {
      type: 'Decimal',
      description: 'ruleCredit - modelCredit: the gap on this unit (decimal string, 2 places).',
    }),
  }),
});

export const SpotlightDealType = builder.objectRef<SpotlightDeal>('SpotlightDeal').implement({
  description: 'A won deal where the rules and the model split the credit differently: an edge case for the governance review.',
  fields: (t) => ({
    opportunityId: t.exposeString('opportunityId', {
      description: 'Opportunity id (uuid); read it with node(id:) or the opportunity query.',
    }),
    nodeId: t.id({
      resolve: (d) => encodeGlobalID('Opportunity', d.opportunityId),
      description: 'Global id of the opportunity (query it with node(id:)).',
    }),
    opportunityKey: t.exposeString('opportunityKey', { description: "The opportunity's key in the source CRM." }),
    credit: t.expose('credit', {
      type: 'Decimal',
      description: "The lane's rule credit on the deal, touch-less credit left out: the total both splits share (2 places).",
    }),
    disagreement: t.expose('disagreement', {
      type: 'Decimal',
      description: 'Half the sum of |rule - model| over the units: the credit the model would move (2 places).',
    }),
    units: t.expose('units', { type: [SpotlightDealUnitType], description: "The deal's units, the largest gap first." }),
  }),
});

const SpotlightReportType = builder.objectRef<SpotlightReport>('SpotlightReport').implement({
  description:
    'Rule credit beside data-driven credit per unit. The model is a spotlight, not a judge: credit changes only through a reviewed rule version.',
  fields: (t) => ({
    ruleSetKey: t.exposeString('ruleSetKey', { description: 'The rule set compared.' }),
    lane: t.expose('lane', { type: LaneEnum, description: 'The rule lane compared.' }),
    model: t.exposeString('model', { description: 'The model, e.g. "markov order 1", "shapley (closed-form)", "heuristic linear".' }),
    by: t.expose('by', { type: SpotlightUnitEnum, description: 'What each row is about.' }),
    from: t.exposeString('from', { nullable: true, description: 'First close day included (YYYY-MM-DD), null for no lower bound.' }),
    to: t.exposeString('to', { nullable: true, description: 'Last close day included (YYYY-MM-DD), null for no upper bound.' }),
    currency: t.exposeString('currency', { nullable: true, description: 'Currency of every amount (null when no deal matched).' }),
    resamples: t.exposeInt('resamples', { description: 'Bootstrap resamples behind the intervals.' }),
    seed: t.exposeInt('seed', { description: 'Seed of the resampling.' }),
    sample: t.expose('sample', { type: SpotlightSampleType, description: 'The data the model saw.' }),
    laneTotal: t.expose('laneTotal', {
      type: 'Decimal',
      description: "The lane's rule credit on those deals: the total the model credit is rescaled to.",
    }),
    excluded: t.expose('excluded', { type: SpotlightExcludedType, description: 'Closed deals left out.' }),
    ruleVersions: t.expose('ruleVersions', {
      type: [SpotlightRuleVersionType],
      description: 'Rule versions of the compared credit (number + hash).',
    }),
    rows: t.expose('rows', {
      type: [SpotlightRowType],
      description: 'Diverging units first, then by the size of the difference, then by name.',
    }),
    deals: t.expose('deals', {
      type: [SpotlightDealType],
      description:
        'Won deals where rules and model split the credit most differently, largest disagreement first; deals that agree are not listed.',
    }),
  }),
});

builder.queryFields((t) => ({
  spotlight: t.field({
    type: SpotlightReportType,
    description:
      "The data-driven spotlight: per partner (or channel, action, partner type), the rules' credit beside a Markov, Shapley or heuristic model's, " +
      'with a bootstrap interval and a flag where the rules lie outside it. Internal roles only. Errors: RULE_SET_NOT_FOUND, INVALID_INPUT.',
    authScopes: { readInternal: true },
    complexity: 200,
    errors: { types: REPORT_ERRORS, union: { name: 'SpotlightResult', description: 'The spotlight, or why it was refused.' } },
    args: { input: t.arg({ type: SpotlightInputType, required: true, description: 'What to compare.' }) },
    resolve: (_r, { input }, ctx) =>
      reportCall(() =>
        computeSpotlight(ctx.db, {
          ruleSetKey: input.ruleSetKey,
          ...(input.model ? { model: input.model } : {}),
          ...(input.order != null ? { order: input.order } : {}),
          ...(input.heuristic ? { heuristic: input.heuristic } : {}),
          ...(input.by ? { by: input.by } : {}),
          ...(input.lane ? { lane: input.lane } : {}),
          ...(input.from ? { from: input.from } : {}),
          ...(input.to ? { to: input.to } : {}),
          ...(input.currency ? { currency: input.currency } : {}),
          ...(input.resamples != null ? { resamples: input.resamples } : {}),
          ...(input.seed != null ? { seed: input.seed } : {}),
          ...(input.deals != null ? { deals: input.deals } : {}),
        }),
      ),
  }),
}));
