// Stage 6: the runtime. Evaluates one opportunity against compiled lanes and
// returns an OpportunityAttribution with a plain-language trace. Pure and
// deterministic: no clock reads (open opportunities measure windows from the
// caller's asOf), no I/O, no randomness.
//
// Modules: compiled.ts (what the compiler hands over: lanes, rules, weights),
// evaluate.ts (the entry point) → prepare.ts (per-opportunity facts, once
// before any lane) → lane.ts (one lane: the deciding rule, left-out touches,
// allocations; unmatched.ts when no rule matched), with lane-plan.ts (a lane's
// fixed texts) and the credit models (credit.ts: what they share;
// integer-credit.ts, exact-credit.ts); explanation.ts, the texts they share.
//
// Performance notes (measured with `npm run bench -- --only rules`, against a
// hand-written TypeScript version of dsl/two_lane.attr that returns the same
// JSON, explanations included): each rule's condition test is one generated
// function (codegen.ts); each lane makes one pass per rule over the
// qualifying touches (rules after the winner stop at their first match);
// per-touch contexts and descriptions are built once per opportunity; texts
// that do not depend on the facts are composed once per compiled lane
// (LanePlan), and reasons fixed by a few values ("action is webinar, not one
// of …") and each day's date once per value (text-cache.ts, bounded); the
// credit of first_touch / last_touch / linear / none rules without weights,
// caps or floors is split on integer counts (integerCredit, with an integer
// rounding check), every other rule on exact rationals (exactCredit), and the
// two are property-tested to give the same JSON. Explanation text is composed
// eagerly: the engine serialises every step, and per-object getters cost the
// garbage collector more than the text. Serialising the explanation document
// (about 8 KB of JSON per opportunity) costs several times the evaluation.
export type { CompiledLane, CompiledRule, CompiledWeight, EvaluateOptions } from './compiled.js';
export { hasIntegerCredit } from './credit.js';
export { evaluateLanes } from './evaluate.js';
