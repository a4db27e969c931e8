// Public API of the spotlight model layer: pure functions from plain
// opportunities to journeys, and from journeys to model credit with
// intervals. Definitions: src/spotlight/README.md.

export { buildJourneys, fromOpportunityFacts, orderedTouches, unitOf, UNIT_KINDS } from './journeys.js';
export type { Journey, JourneySet, SpotlightOpportunity, SpotlightTouch, UnitKind } from './journeys.js';
export type { ModelResult, SampleSize, UnitCredit } from './credit.js';
export { heuristicModel, heuristicModels } from './heuristics.js';
export type { HeuristicModel } from './heuristics.js';
export { markovModel, statesOf } from './markov.js';
export type { MarkovOptions, MarkovOrder, MarkovResult, RemovalEffect } from './markov.js';
export { MAX_EXACT_PLAYERS, shapleyByEnumeration, shapleyModel } from './shapley.js';
export type { ShapleyError, ShapleyMethod, ShapleyOptions, ShapleyResult } from './shapley.js';
export { bootstrap, quantile } from './bootstrap.js';
export type { BootstrapOptions, BootstrapResult, Interval, UnitInterval } from './bootstrap.js';
export { divergences } from './divergence.js';
export type { Divergence, Measure } from './divergence.js';
export { mulberry32, randomInt, shuffled } from './random.js';
export type { Rng } from './random.js';
