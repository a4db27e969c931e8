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
    ctx.log(`agreement checked: ${opportunities} opportunities (${touches} touchpoints) identical in the rules language and TypeScript, ${jreOpportunities} in json-rules-engine`);

    let sink = 0;
    const timeSync = (evaluate: (f: OpportunityFacts) => OpportunityAttribution): number => {
      const start = nowMs();
      for (const f of facts) sink += evaluate(f).lanes.length;
      return nowMs() - start;
    };
    const timeJre = async (): Promise<number> => {
      const start = nowMs();
      for (const f of jreFacts) sink += (await jre.evaluate(f, { asOf })).lanes.length;
      return nowMs() - start;
    };
    // Warm-up (JIT) then interleaved repetitions so drift hits all three alike.
    timeSync((f) => compiled.evaluate(f, { asOf }));
    timeSync((f) => evaluateTwoLane(f, { asOf }));
    await timeJre();
    const dslMs: number[] = [];
    const tsMs: number[] = [];
    const jreMs: number[] = [];
    for (let r = 0; r < reps; r++) {
      dslMs.push(timeSync((f) => compiled.evaluate(f, { asOf })));
      tsMs.push(timeSync((f) => evaluateTwoLane(f, { asOf })));
      jreMs.push(await timeJre());
    }
    const dsl = summarize(dslMs.map((ms) => touches / (ms / 1000)));
    const ts = summarize(tsMs.map((ms) => touches / (ms / 1000)));
    const js = summarize(jreMs.map((ms) => jreTouches / (ms / 1000)));
    const vsTs = dsl.median / ts.median;
    const vsJre = dsl.median / js.median;
    const note = `${reps} reps, median`;
    return {
      rows: [
        { section: 'rules', case: 'rules language (compiled two_lane.attr)', metric: 'touchpoints/s', value: fmtRate(dsl.median), note },
        { section: 'rules', case: 'hand-written TypeScript', metric: 'touchpoints/s', value: fmtRate(ts.median), note },
        { section: 'rules', case: 'json-rules-engine', metric: 'touchpoints/s', value: fmtRate(js.median), note: `${note}, ${jreOpportunities} opps` },
        { section: 'rules', case: 'rules language / TypeScript', metric: 'ratio', value: '', ratio: fmtRatio(vsTs), note: 'target >= 0.80x' },
        { section: 'rules', case: 'rules language / json-rules-engine', metric: 'ratio', value: '', ratio: fmtRatio(vsJre), note: 'target >= 20x' },
      ],
      data: {
        opportunities, touchpoints: touches, jreOpportunities, jreTouchpoints: jreTouches, reps,
        touchpointsPerSecond: { rulesLanguage: dsl, typescript: ts, jsonRulesEngine: js },
        ratios: { vsTypescript: vsTs, vsJsonRulesEngine: vsJre }, sink,
      },
      skipped: [],
    };
  },
};

export default section;
