// The bridge from rule source text to an evaluator. The engine is generic over
// `RuleProgram.evaluate` (the contract in src/domain/attribution.ts); the
// default compiler is the project's rules language (src/dsl).
import type { OpportunityAttribution, OpportunityFacts } from '../domain/attribution.js';
import { compileRules, renderExplanation, runRuleTests } from '../dsl/index.js';
import { RulesInvalidError, type DiagnosticLike } from './errors.js';
import { BoundedCache } from '../domain/bounded-cache.js';
import { DEFAULT_VOCABULARY, taxonomySnapshot, type Vocabulary } from '../domain/taxonomy.js';

interface RuleHeader {
  ruleSet: string;
  version?: unknown;
  effectiveFrom: string | Date | null | undefined;
  effectiveTo: string | Date | null | undefined;
  owner?: string | null;
  description?: string | null;
}

export interface RuleProgram {
  header: RuleHeader;
  sourceHash: string;
  semanticHash: string;
  evaluate(facts: OpportunityFacts, options?: { asOf?: Date }): OpportunityAttribution;
}

export interface RuleTestOutcome {
  ok: boolean;
  results: unknown[];
  diagnostics: DiagnosticLike[];
}

/** What the engine and lifecycle need from a rules language. */
export interface RulesLanguage {
  /** `vocabulary`: the taxonomy values are checked against (default: the default taxonomy). */
  compile(
    source: string,
    file?: string,
    vocabulary?: Vocabulary,
  ): { ok: true; rules: RuleProgram; diagnostics: DiagnosticLike[] } | { ok: false; diagnostics: DiagnosticLike[] };
  runTests(source: string, file?: string, vocabulary?: Vocabulary): RuleTestOutcome | Promise<RuleTestOutcome>;
  renderExplanation?(result: OpportunityAttribution, facts?: OpportunityFacts): string;
}

/** The project's rules language (src/dsl). */
export const dslLanguage: RulesLanguage = {
  compile: (source, file, vocabulary) => compileRules(source, file, { vocabulary }),
  runTests: (source, file, vocabulary) => runRuleTests(source, file, { vocabulary }),
  renderExplanation: (result, facts) => renderExplanation(result, facts),
};

/** The default rules language (async for callers that may load others lazily). */
export async function defaultRulesLanguage(): Promise<RulesLanguage> {
  return dslLanguage;
}

/** Compiles or throws RulesInvalidError with the diagnostics. */
export function compileOrThrow(language: RulesLanguage, source: string, file?: string, vocabulary?: Vocabulary): RuleProgram {
  const compiled = language.compile(source, file, vocabulary);
  if (!compiled.ok) throw new RulesInvalidError(compiled.diagnostics);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new RulesInvalidError(compiled.diagnostics);
  return compiled.rules;
}

const compiled = new WeakMap<RulesLanguage, BoundedCache<string, RuleProgram>>();
/** Programs kept per language (a few rule sets × their published versions); the least recently used goes first. */
const COMPILED_KEPT = 32;

/**
 * compileOrThrow, remembering the program per language and source text: a
 * program is a pure function of its source (evaluate reads only its
 * arguments), and the recompute queue starts a small run per rule set every
 * few seconds — compiling the source each time cost more than evaluating a
 * few hundred opportunities. Failures are not remembered. The key includes
 * the taxonomy the version was checked against (its snapshot's hash).
 */
export function compileCached(language: RulesLanguage, source: string, vocabulary: Vocabulary = DEFAULT_VOCABULARY): RuleProgram {
  const cacheKey = `${taxonomyHashOf(vocabulary)}\n${source}`;
  let programs = compiled.get(language);
  if (!programs) {
    programs = new BoundedCache(COMPILED_KEPT);
    compiled.set(language, programs);
  }
  const known = programs.get(cacheKey);
  if (known) return known;
  const program = compileOrThrow(language, source, undefined, vocabulary);
  programs.set(cacheKey, program);
  return program;
}

const hashes = new WeakMap<Vocabulary, string>();
function taxonomyHashOf(vocabulary: Vocabulary): string {
  let h = hashes.get(vocabulary);
  if (h === undefined) {
    h = taxonomySnapshot(vocabulary).hash;
    hashes.set(vocabulary, h);
  }
  return h;
}

/** Header dates as YYYY-MM-DD (or null). */
export function headerDate(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.slice(0, 10);
}
