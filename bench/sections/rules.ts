// (a) Rule evaluation throughput: the compiled rules language vs the same
// classification hand-written in TypeScript (the practical limit) vs the same
// rules in json-rules-engine. Same generated facts for all three; the three
// must agree on every classification before anything is timed.
import { readFileSync } from 'node:fs';
import type { OpportunityAttribution, OpportunityFacts } from '../../src/domain/attribution.js';
import { countTouchpoints, generateFacts } from '../lib/facts.js';
import { Missing, requireFile, requireModule } from '../lib/optional.js';
import type { Section, SectionResult } from '../lib/section.js';
import { nowMs, summarize } from '../lib/stats.js';
import { fmtRate, fmtRatio } from '../lib/table.js';
import { compareClassifications } from '../rules/classification.js';

/** bench/rules/two-lane-typescript.ts: two_lane.attr's classification hand-written in TypeScript. */
interface HandWritten { evaluateTwoLane(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution }
/** bench/rules/two-lane-json-rules.ts: the same classification rules in json-rules-engine. */
interface JsonRules { createJsonRulesTwoLane(): { evaluate(facts: OpportunityFacts, options: { asOf: Date }): Promise<OpportunityAttribution> } }

/** What the benchmark needs from src/dsl/index.ts. */
export interface DslModule {
  compileRules(source: string, options?: unknown): CompileOutcome;
}
export interface CompiledRules {
  evaluate(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution;
}
export type CompileOutcome =
  | { ok: true; rules: CompiledRules }
  | { ok: false; diagnostics?: unknown[]; errors?: unknown[] };

export const RULE_FILE = 'dsl/two_lane.attr';
export const AS_OF = new Date(Date.UTC(2026, 0, 1));

export async function loadCompiledTwoLane(): Promise<CompiledRules> {
  const dsl = await requireModule<DslModule>('src/dsl/index.ts', ['compileRules']);
  const source = readFileSync(requireFile(RULE_FILE), 'utf8');
  const outcome = dsl.compileRules(source);
  if (!outcome.ok) {
    throw new Error(`${RULE_FILE} does not compile: ${JSON.stringify(outcome.diagnostics ?? outcome.errors).slice(0, 500)}`);
  }
  return outcome.rules;
}

const section: Section = {
  name: 'rules',
  summary: 'rule evaluation throughput: rules language vs hand-written TypeScript vs json-rules-engine',
  async run(ctx): Promise<SectionResult> {
    let compiled: CompiledRules;
    let evaluateTwoLane: HandWritten['evaluateTwoLane'];
    let createJsonRulesTwoLane: JsonRules['createJsonRulesTwoLane'];
    try {
      compiled = await loadCompiledTwoLane();
      ({ evaluateTwoLane } = await requireModule<HandWritten>('bench/rules/two-lane-typescript.ts', ['evaluateTwoLane']));
      ({ createJsonRulesTwoLane } = await requireModule<JsonRules>('bench/rules/two-lane-json-rules.ts', ['createJsonRulesTwoLane']));
    } catch (error) {
      if (error instanceof Missing) return { rows: [], data: {}, skipped: [`skipped: ${error.what}`] };
      throw error;
    }
    const opportunities = ctx.quick ? 2_000 : 20_000;
    const jreOpportunities = ctx.quick ? 200 : 2_000;
    const reps = ctx.quick ? 3 : 7;
    const facts = generateFacts({ opportunities, touchpointsPerOpportunity: 10, seed: 7 });
    const jreFacts = facts.slice(0, jreOpportunities);
    const touches = countTouchpoints(facts);
    const jreTouches = countTouchpoints(jreFacts);
    const jre = createJsonRulesTwoLane();
    const asOf = AS_OF;

    // Honesty check first: identical classifications on every opportunity.
    // The results are dropped before timing (only their JSON sizes are kept),
    // so no implementation is timed with a heap full of earlier results.
    const checkAgreement = async () => {
      const reference = facts.map((f) => evaluateTwoLane(f, { asOf }));
      const fromDsl = facts.map((f) => compiled.evaluate(f, { asOf }));
      const fromJre: OpportunityAttribution[] = [];
      for (const f of jreFacts) fromJre.push(await jre.evaluate(f, { asOf }));
      const dslVsTs = compareClassifications(reference, fromDsl);
      const jreVsTs = compareClassifications(reference.slice(0, jreOpportunities), fromJre);
      for (const [label, diff] of [['rules language', dslVsTs], ['json-rules-engine', jreVsTs]] as const) {
        if (diff.length > 0) {
          const d = diff[0]!;
          throw new Error(`${label} disagrees with the hand-written TypeScript on ${diff.length} opportunities; first ${d.opportunityKey}:\n  typescript: ${d.expected}\n  ${label}: ${d.actual}`);
        }
      }
      // The explanation documents differ in size: the rules language explains
      // every excluded touch and every weight; the references write one short
      // line per allocation. Shown so the serialization cost can be read.
      const bytes = (xs: readonly OpportunityAttribution[]) => xs.reduce((n, x) => n + JSON.stringify(x).length, 0) / xs.length;
      return { rulesLanguage: bytes(fromDsl), typescript: bytes(reference), jsonRulesEngine: bytes(fromJre) };
    };
    const jsonBytes = await checkAgreement();
    ctx.log(`agreement checked: ${opportunities} opportunities (${touches} touchpoints) identical in the rules language and TypeScript, ${jreOpportunities} in json-rules-engine`);

    // Headline: evaluate + JSON.stringify of the result, as the engine stores
    // explanations (src/engine/store.ts). Anything an implementation defers
    // out of evaluate() (e.g. explanation text composed on first read) is then
    // paid inside the timed loop. Evaluate-only is kept as
    // extra rows for transparency.
    let sink = 0;
    const timeSync = (evaluate: (f: OpportunityFacts) => OpportunityAttribution, serialize: boolean): number => {
      const start = nowMs();
      if (serialize) for (const f of facts) sink += JSON.stringify(evaluate(f)).length;
      else for (const f of facts) sink += evaluate(f).lanes.length;
      return nowMs() - start;
    };
    const timeJre = async (serialize: boolean): Promise<number> => {
      const start = nowMs();
      if (serialize) for (const f of jreFacts) sink += JSON.stringify(await jre.evaluate(f, { asOf })).length;
      else for (const f of jreFacts) sink += (await jre.evaluate(f, { asOf })).lanes.length;
      return nowMs() - start;
    };
    const runDsl = (f: OpportunityFacts) => compiled.evaluate(f, { asOf });
    const runTs = (f: OpportunityFacts) => evaluateTwoLane(f, { asOf });
    // Warm-up (JIT) then interleaved repetitions so drift hits all three alike.
    for (const serialize of [true, false]) {
      timeSync(runDsl, serialize);
      timeSync(runTs, serialize);
      await timeJre(serialize);
    }
    const ms = { dsl: [] as number[], ts: [] as number[], jre: [] as number[], dslEval: [] as number[], tsEval: [] as number[], jreEval: [] as number[] };
    for (let r = 0; r < reps; r++) {
      ms.dsl.push(timeSync(runDsl, true));
      ms.ts.push(timeSync(runTs, true));
      ms.jre.push(await timeJre(true));
      ms.dslEval.push(timeSync(runDsl, false));
      ms.tsEval.push(timeSync(runTs, false));
      ms.jreEval.push(await timeJre(false));
    }
    const rate = (samples: number[], n: number) => summarize(samples.map((x) => n / (x / 1000)));
    const dsl = rate(ms.dsl, touches);
    const ts = rate(ms.ts, touches);
    const js = rate(ms.jre, jreTouches);
    const dslEval = rate(ms.dslEval, touches);
    const tsEval = rate(ms.tsEval, touches);
    const jsEval = rate(ms.jreEval, jreTouches);
    const vsTs = dsl.median / ts.median;
    const vsJre = dsl.median / js.median;
    const evalVsTs = dslEval.median / tsEval.median;
    const evalVsJre = dslEval.median / jsEval.median;
    const note = `${reps} reps, median; timed: evaluate + JSON.stringify(result)`;
    const evalNote = `${reps} reps, median; timed: evaluate only`;
    const jreNote = `, ${jreOpportunities} opps`;
    const sizeNote = `JSON characters per opportunity: rules language ${Math.round(jsonBytes.rulesLanguage)}, TypeScript ${Math.round(jsonBytes.typescript)}, json-rules-engine ${Math.round(jsonBytes.jsonRulesEngine)}`;
    return {
      rows: [
        { section: 'rules', case: 'rules language (compiled two_lane.attr)', metric: 'touchpoints/s', value: fmtRate(dsl.median), note },
        { section: 'rules', case: 'hand-written TypeScript', metric: 'touchpoints/s', value: fmtRate(ts.median), note },
        { section: 'rules', case: 'json-rules-engine', metric: 'touchpoints/s', value: fmtRate(js.median), note: `${note}${jreNote}` },
        { section: 'rules', case: 'rules language / TypeScript', metric: 'ratio', value: '', ratio: fmtRatio(vsTs), note: `target >= 0.80x; evaluate + JSON.stringify; ${sizeNote}` },
        { section: 'rules', case: 'rules language / json-rules-engine', metric: 'ratio', value: '', ratio: fmtRatio(vsJre), note: 'target >= 20x; evaluate + JSON.stringify' },
        { section: 'rules', case: 'rules language, evaluate only', metric: 'touchpoints/s', value: fmtRate(dslEval.median), note: evalNote },
        { section: 'rules', case: 'hand-written TypeScript, evaluate only', metric: 'touchpoints/s', value: fmtRate(tsEval.median), note: evalNote },
        { section: 'rules', case: 'json-rules-engine, evaluate only', metric: 'touchpoints/s', value: fmtRate(jsEval.median), note: `${evalNote}${jreNote}` },
        { section: 'rules', case: 'rules language / TypeScript, evaluate only', metric: 'ratio', value: '', ratio: fmtRatio(evalVsTs), note: 'transparency row: without serialization' },
        { section: 'rules', case: 'rules language / json-rules-engine, evaluate only', metric: 'ratio', value: '', ratio: fmtRatio(evalVsJre), note: 'transparency row' },
      ],
      data: {
        opportunities, touchpoints: touches, jreOpportunities, jreTouchpoints: jreTouches, reps,
        timed: 'evaluate + JSON.stringify(result); evaluateOnly: evaluate alone',
        touchpointsPerSecond: { rulesLanguage: dsl, typescript: ts, jsonRulesEngine: js },
        ratios: { vsTypescript: vsTs, vsJsonRulesEngine: vsJre },
        evaluateOnly: {
          touchpointsPerSecond: { rulesLanguage: dslEval, typescript: tsEval, jsonRulesEngine: jsEval },
          ratios: { vsTypescript: evalVsTs, vsJsonRulesEngine: evalVsJre },
        },
        jsonCharactersPerOpportunity: jsonBytes, sink,
      },
      skipped: [],
    };
  },
};

export default section;
