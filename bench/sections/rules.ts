// (a) Rule evaluation throughput: the compiled rules language vs the same
// rules hand-written in TypeScript (the practical limit) vs the same
// classification rules in json-rules-engine. Same generated facts for all.
//
// Like for like: the product requires every allocation to explain itself, so
// the hand-written reference (bench/rules/two-lane-typescript.ts) returns the
// SAME OpportunityAttribution as the compiled rule file, explanations
// included, and the benchmark checks that the two serialise to identical JSON
// on every opportunity before anything is timed (it fails naming the first
// opportunity that differs). json-rules-engine only classifies (it writes one
// short line per allocation, through the shared code in
// bench/rules/two-lane-shared.ts), so it is checked on classifications only;
// so is the hand-written reference with short explanations, a transparency
// row because it does less work than the product must.
//
// Which number the targets are judged on: evaluate only. With byte-identical
// output, JSON.stringify costs the rules language and the hand-written
// TypeScript exactly the same, so adding it only moves the ratio towards 1;
// and it is not rule evaluation. The evaluate + JSON.stringify rows (what the
// engine does before it stores an explanation) are reported next to it. The
// agreement check also refuses results that are not plain data (accessor
// properties, class instances), so no implementation can move work out of
// evaluate() into serialisation unseen.
import { readFileSync } from 'node:fs';
import type { OpportunityAttribution, OpportunityFacts } from '../../src/domain/attribution.js';
import { countTouchpoints, generateFacts } from '../lib/facts.js';
import { Missing, requireFile, requireModule } from '../lib/optional.js';
import type { Section, SectionResult } from '../lib/section.js';
import { nowMs, summarize } from '../lib/stats.js';
import { fmtRate, fmtRatio } from '../lib/table.js';
import { firstJsonDifference, plainDataProblem } from '../rules/agreement.js';
import { compareClassifications } from '../rules/classification.js';

/** bench/rules/two-lane-typescript.ts: two_lane.attr hand-written in TypeScript, same output (explanations included). */
interface HandWritten {
  evaluateTwoLane(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution;
}
/** bench/rules/two-lane-typescript-short.ts: the same classification with short explanations (less output). */
interface HandWrittenShort {
  evaluateTwoLaneShort(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution;
}
/** bench/rules/two-lane-json-rules.ts: the same classification rules in json-rules-engine. */
interface JsonRules {
  createJsonRulesTwoLane(): { evaluate(facts: OpportunityFacts, options: { asOf: Date }): Promise<OpportunityAttribution> };
}

/** What the benchmark needs from src/dsl/index.ts. */
export interface DslModule {
  compileRules(source: string, options?: unknown): CompileOutcome;
}
export interface CompiledRules {
  evaluate(facts: OpportunityFacts, options: { asOf: Date }): OpportunityAttribution;
}
export type CompileOutcome = { ok: true; rules: CompiledRules } | { ok: false; diagnostics?: unknown[]; errors?: unknown[] };

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
  summary: 'rule evaluation throughput: rules language vs hand-written TypeScript (same output) vs json-rules-engine',
  async run(ctx): Promise<SectionResult> {
    let compiled: CompiledRules;
    let evaluateTwoLane: HandWritten['evaluateTwoLane'];
    let evaluateTwoLaneShort: HandWrittenShort['evaluateTwoLaneShort'];
    let createJsonRulesTwoLane: JsonRules['createJsonRulesTwoLane'];
    try {
      compiled = await loadCompiledTwoLane();
      ({ evaluateTwoLane } = await requireModule<HandWritten>('bench/rules/two-lane-typescript.ts', ['evaluateTwoLane']));
      ({ evaluateTwoLaneShort } = await requireModule<HandWrittenShort>('bench/rules/two-lane-typescript-short.ts', [
        'evaluateTwoLaneShort',
      ]));
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

    // Honesty check first. The rules language and the hand-written TypeScript
    // must serialise to identical JSON on every opportunity; the short
    // reference and json-rules-engine must classify every opportunity alike.
    // The results are dropped before timing (only their JSON sizes are kept),
    // so no implementation is timed with a heap full of earlier results.
    const checkAgreement = async () => {
      const reference = facts.map((f) => evaluateTwoLane(f, { asOf }));
      const fromDsl = facts.map((f) => compiled.evaluate(f, { asOf }));
      const short = facts.map((f) => evaluateTwoLaneShort(f, { asOf }));
      const fromJre: OpportunityAttribution[] = [];
      for (const f of jreFacts) fromJre.push(await jre.evaluate(f, { asOf }));
      for (const [label, results] of [
        ['rules language', fromDsl],
        ['hand-written TypeScript', reference],
      ] as const) {
        for (const r of results) {
          const problem = plainDataProblem(r);
          if (problem) throw new Error(`${label} returned something other than plain data for ${r.opportunityKey}: ${problem}`);
        }
      }
      const fullDiff = firstJsonDifference(reference, fromDsl);
      if (fullDiff) {
        throw new Error(
          `the rules language and the hand-written TypeScript do not give the same JSON on ${fullDiff.count} opportunities; first ${fullDiff.opportunityKey} at character ${fullDiff.at}:\n  typescript:     …${fullDiff.expected}…\n  rules language: …${fullDiff.actual}…`,
        );
      }
      const shortVsTs = compareClassifications(reference, short);
      const jreVsTs = compareClassifications(reference.slice(0, jreOpportunities), fromJre);
      for (const [label, diff] of [
        ['hand-written TypeScript (short explanations)', shortVsTs],
        ['json-rules-engine', jreVsTs],
      ] as const) {
        if (diff.length > 0) {
          const d = diff[0]!;
          throw new Error(
            `${label} classifies differently from the hand-written TypeScript on ${diff.length} opportunities; first ${d.opportunityKey}:\n  typescript: ${d.expected}\n  ${label}: ${d.actual}`,
          );
        }
      }
      const bytes = (xs: readonly OpportunityAttribution[]) => xs.reduce((n, x) => n + JSON.stringify(x).length, 0) / xs.length;
      return {
        rulesLanguage: bytes(fromDsl),
        typescript: bytes(reference),
        typescriptShort: bytes(short),
        jsonRulesEngine: bytes(fromJre),
      };
    };
    const jsonBytes = await checkAgreement();
    ctx.log(
      `agreement checked: ${opportunities} opportunities (${touches} touchpoints) give identical JSON in the rules language and hand-written TypeScript; classifications identical in the short reference and, on ${jreOpportunities}, json-rules-engine`,
    );

    let sink = 0;
    // Wall-clock time is what the rows report. The process's CPU time is kept
    // next to it (data.cpu, and the ratio rows' notes): on a machine shared
    // with other work, time spent waiting for a core inflates wall time at
    // random, CPU time much less.
    const cpuMs = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let lastCpu = 0;
    const timeSync = (evaluate: (f: OpportunityFacts) => OpportunityAttribution, serialize: boolean): number => {
      const cpu = cpuMs();
      const start = nowMs();
      if (serialize) for (const f of facts) sink += JSON.stringify(evaluate(f)).length;
      else for (const f of facts) sink += evaluate(f).lanes.length;
      const wall = nowMs() - start;
      lastCpu = cpuMs() - cpu;
      return wall;
    };
    const timeJre = async (serialize: boolean): Promise<number> => {
      const cpu = cpuMs();
      const start = nowMs();
      if (serialize) for (const f of jreFacts) sink += JSON.stringify(await jre.evaluate(f, { asOf })).length;
      else for (const f of jreFacts) sink += (await jre.evaluate(f, { asOf })).lanes.length;
      const wall = nowMs() - start;
      lastCpu = cpuMs() - cpu;
      return wall;
    };
    const sync = {
      dsl: (f: OpportunityFacts) => compiled.evaluate(f, { asOf }),
      ts: (f: OpportunityFacts) => evaluateTwoLane(f, { asOf }),
      short: (f: OpportunityFacts) => evaluateTwoLaneShort(f, { asOf }),
    };
    type Impl = keyof typeof sync | 'jre';
    const impls: Impl[] = ['dsl', 'ts', 'short', 'jre'];
    const time = (impl: Impl, serialize: boolean): Promise<number> | number =>
      impl === 'jre' ? timeJre(serialize) : timeSync(sync[impl], serialize);
    // Warm-up (JIT) then interleaved repetitions so drift hits all alike.
    for (const serialize of [false, true]) for (const impl of impls) await time(impl, serialize);
    const ms = { evaluate: {} as Record<Impl, number[]>, stringify: {} as Record<Impl, number[]> };
    const cpu = { evaluate: {} as Record<Impl, number[]>, stringify: {} as Record<Impl, number[]> };
    for (const impl of impls) {
      ms.evaluate[impl] = [];
      ms.stringify[impl] = [];
      cpu.evaluate[impl] = [];
      cpu.stringify[impl] = [];
    }
    for (let r = 0; r < reps; r++) {
      for (const impl of impls) {
        ms.evaluate[impl].push(await time(impl, false));
        cpu.evaluate[impl].push(lastCpu);
      }
      for (const impl of impls) {
        ms.stringify[impl].push(await time(impl, true));
        cpu.stringify[impl].push(lastCpu);
      }
    }
    const rates = (samples: Record<Impl, number[]>) => {
      const rate = (xs: number[], n: number) => summarize(xs.map((x) => n / (x / 1000)));
      return {
        dsl: rate(samples.dsl, touches),
        ts: rate(samples.ts, touches),
        short: rate(samples.short, touches),
        jre: rate(samples.jre, jreTouches),
      };
    };
    const evaluateOnly = rates(ms.evaluate);
    const withJson = rates(ms.stringify);
    const ratios = (r: ReturnType<typeof rates>) => ({
      vsTypescript: r.dsl.median / r.ts.median,
      vsJsonRulesEngine: r.dsl.median / r.jre.median,
      vsTypescriptShort: r.dsl.median / r.short.median,
    });
    const evalRatios = ratios(evaluateOnly);
    const jsonRatios = ratios(withJson);
    const cpuEvaluateOnly = rates(cpu.evaluate);
    const cpuWithJson = rates(cpu.stringify);
    const cpuEvalRatios = ratios(cpuEvaluateOnly);
    const cpuJsonRatios = ratios(cpuWithJson);
    const cpuNote = (q: ReturnType<typeof ratios>, pick: keyof ReturnType<typeof ratios>) => `; by process CPU time ${fmtRatio(q[pick])}`;
    const sizes = `JSON characters per opportunity: rules language ${Math.round(jsonBytes.rulesLanguage)}, TypeScript ${Math.round(jsonBytes.typescript)}, TypeScript short ${Math.round(jsonBytes.typescriptShort)}, json-rules-engine ${Math.round(jsonBytes.jsonRulesEngine)}`;
    const rowsFor = (
      r: ReturnType<typeof rates>,
      q: ReturnType<typeof ratios>,
      c: ReturnType<typeof ratios>,
      timed: string,
      judged: boolean,
    ) => {
      const suffix = judged ? ', evaluate only' : ', evaluate + JSON.stringify';
      const note = `${reps} reps, median; timed: ${timed}`;
      return [
        {
          section: 'rules',
          case: `rules language (compiled two_lane.attr)${suffix}`,
          metric: 'touchpoints/s',
          value: fmtRate(r.dsl.median),
          note,
        },
        {
          section: 'rules',
          case: `hand-written TypeScript, same output${suffix}`,
          metric: 'touchpoints/s',
          value: fmtRate(r.ts.median),
          note: `${note}; byte-identical JSON to the rules language (checked)`,
        },
        {
          section: 'rules',
          case: `hand-written TypeScript, short explanations (less output)${suffix}`,
          metric: 'touchpoints/s',
          value: fmtRate(r.short.median),
          note: `${note}; transparency row: one short line per allocation, no excluded-touch steps`,
        },
        {
          section: 'rules',
          case: `json-rules-engine${suffix}`,
          metric: 'touchpoints/s',
          value: fmtRate(r.jre.median),
          note: `${note}, ${jreOpportunities} opps; classification only, short explanations`,
        },
        {
          section: 'rules',
          case: `rules language / TypeScript${suffix}`,
          metric: 'ratio',
          value: '',
          ratio: fmtRatio(q.vsTypescript),
          note:
            (judged
              ? 'target >= 0.80x (judged on evaluate only: same output, so serialisation costs both alike)'
              : 'not the judged row: identical JSON.stringify on both sides moves the ratio towards 1') + cpuNote(c, 'vsTypescript'),
        },
        {
          section: 'rules',
          case: `rules language / json-rules-engine${suffix}`,
          metric: 'ratio',
          value: '',
          ratio: fmtRatio(q.vsJsonRulesEngine),
          note:
            (judged
              ? 'target >= 20x (judged on evaluate only)'
              : `not the judged row: the rules language serialises its full explanation, json-rules-engine short lines; ${sizes}`) +
            cpuNote(c, 'vsJsonRulesEngine'),
        },
        {
          section: 'rules',
          case: `rules language / TypeScript short explanations${suffix}`,
          metric: 'ratio',
          value: '',
          ratio: fmtRatio(q.vsTypescriptShort),
          note: `transparency row: the short reference does less work than the product must${cpuNote(c, 'vsTypescriptShort')}`,
        },
      ];
    };
    return {
      rows: [
        ...rowsFor(evaluateOnly, evalRatios, cpuEvalRatios, 'evaluate only', true),
        ...rowsFor(withJson, jsonRatios, cpuJsonRatios, 'evaluate + JSON.stringify(result)', false),
      ],
      data: {
        opportunities,
        touchpoints: touches,
        jreOpportunities,
        jreTouchpoints: jreTouches,
        reps,
        judgedOn: 'evaluateOnly',
        agreement:
          'rules language vs hand-written TypeScript: identical JSON on every opportunity; short reference and json-rules-engine: identical classifications',
        evaluateOnly: { touchpointsPerSecond: evaluateOnly, ratios: evalRatios },
        evaluateAndStringify: { touchpointsPerSecond: withJson, ratios: jsonRatios },
        cpu: {
          what: 'the same repetitions timed by process CPU time (user + system) instead of wall-clock time',
          evaluateOnly: { touchpointsPerSecond: cpuEvaluateOnly, ratios: cpuEvalRatios },
          evaluateAndStringify: { touchpointsPerSecond: cpuWithJson, ratios: cpuJsonRatios },
        },
        jsonCharactersPerOpportunity: jsonBytes,
        sink,
      },
      skipped: [],
    };
  },
};

export default section;
