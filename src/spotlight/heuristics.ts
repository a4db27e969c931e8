// First-touch, last-touch and linear-touch credit over journeys, as in
// ChannelAttribution's heuristic_models: each converting journey's one
// conversion (and its value) goes to its first step, its last step, or is
// split equally over its steps. Linear counts steps, not distinct units: a
// unit appearing twice in a four-step path gets 2/4.

import { addTo, countOf, finish, type ModelResult, usable } from './credit.js';
import type { Journey } from './journeys.js';
import { parseAmount } from '../domain/decimal.js';
import { ratio, type Ratio } from '../domain/rational.js';

export type HeuristicModel = 'first' | 'last' | 'linear';

export function heuristicModel(journeys: readonly Journey[], model: HeuristicModel): ModelResult {
  const js = usable(journeys);
  const conv = new Map<string, Ratio>();
  const val = new Map<string, Ratio>();
  for (const j of js) {
    if (!j.converted) continue;
    const n = BigInt(countOf(j));
    const cents = parseAmount(j.value);
    const give = (unit: string, share: Ratio): void => {
      addTo(conv, unit, share);
      addTo(val, unit, ratio(cents * share.num, 100n * share.den));
    };
    if (model === 'first') give(j.path[0]!, ratio(n));
    else if (model === 'last') give(j.path[j.path.length - 1]!, ratio(n));
    else for (const u of j.path) give(u, ratio(n, BigInt(j.path.length)));
  }
  return finish(`${model}-touch`, js, conv, val);
}

export function heuristicModels(journeys: readonly Journey[]): Record<HeuristicModel, ModelResult> {
  return { first: heuristicModel(journeys, 'first'), last: heuristicModel(journeys, 'last'), linear: heuristicModel(journeys, 'linear') };
}
