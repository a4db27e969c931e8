// The spotlight model layer as src/reports/spotlight.ts and the tests use it:
// plain opportunities to journeys, journeys to model credit (heuristics,
// Markov, Shapley) with bootstrap intervals and divergences, and the seeded
// random source. Definitions: src/spotlight/README.md.

export { buildJourneys, fromOpportunityFacts, orderedTouches, unitOf } from './journeys.js';
export type { Journey, SpotlightOpportunity, SpotlightTouch, UnitKind } from './journeys.js';
export type { ModelResult } from './credit.js';
export { heuristicModel, heuristicModels } from './heuristics.js';
export type { HeuristicModel } from './heuristics.js';
export { markovModel, statesOf } from './markov.js';
export type { MarkovOrder } from './markov.js';
export { MAX_EXACT_PLAYERS, shapleyByEnumeration, shapleyModel } from './shapley.js';
export { bootstrap, quantile } from './bootstrap.js';
export { divergences } from './divergence.js';
export { mulberry32 } from './random.js';
