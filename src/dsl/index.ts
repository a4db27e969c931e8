// The rules language as a library: check, compile, evaluate, test, format
// and explain attribution rule files. Pure functions, no I/O.
//
// Pipeline: lexer.ts -> parser.ts -> build.ts (AST) -> checker.ts ->
// compiler.ts (closures: conditions.ts, runtime.ts, allocate.ts, models.ts;
// generated condition tests: codegen.ts)
// and formatter.ts / printer.ts; testcases.ts runs in-file tests.
import { compileRules, type CheckOptions } from './compiler.js';
import type { Diagnostic } from './diagnostics.js';
import { runRuleTest, type RuleTestResult } from './testcases.js';

export type { Diagnostic, Severity } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export { checkRules, compileRules } from './compiler.js';
export type { CheckOptions, CompiledRuleVersion, CompileResult, RuleVersionHeader } from './compiler.js';
export type { RuleTest, RuleTestResult, Expectation } from './testcases.js';
export { formatRules } from './formatter.js';
export type { FormatResult } from './formatter.js';
export { renderExplanation } from './explain.js';
export { parseSource } from './parse.js';
export { semanticHash, sha256 } from './hash.js';
export type { EvaluateOptions } from './runtime.js';
export { InvalidFactsError } from './runtime.js';
export type * as Ast from './ast.js';

// The exact built-in models, for unit tests and benchmarks.
export {
  decayFactor,
  decayReference,
  disqualification,
  firstTouchWeights,
  lastTouchWeights,
  linearWeights,
  modelWeights,
  orderTouches,
  partnerCredit,
  qualifyingTouches,
  standardModelCredit,
  timeDecayWeights,
  uShapedWeights,
  wShapedWeights,
  wShapedMiddleIndex,
  MODEL_NAMES,
  U_SHAPED_DEFAULT,
  W_SHAPED_DEFAULT,
} from './models.js';
export type { BuiltinModel, ModelCredit } from './models.js';
export { allocateLane, applyCap, applyFloor } from './allocate.js';

export interface RuleTestsOutcome {
  ok: boolean;
  results: RuleTestResult[];
  diagnostics: Diagnostic[];
}

/** Compiles a rule file and runs its in-file tests. ok = it compiles and every test passes. */
export function runRuleTests(source: string, file?: string, options: CheckOptions = {}): RuleTestsOutcome {
  const compiled = compileRules(source, file, options);
  if (!compiled.ok) return { ok: false, results: [], diagnostics: compiled.diagnostics };
  const results = compiled.rules.tests.map((t) => runRuleTest(t, compiled.rules.evaluate));
  return { ok: results.every((r) => r.passed), results, diagnostics: compiled.diagnostics };
}
