// The rules language as a library: check, compile, evaluate, test, format
// and explain attribution rule files. Pure functions, no I/O.
//
// Public surface: exactly what code outside src/dsl imports (the engine, the
// CLI, reports and tests); anything else stays reachable through the module
// that defines it, so a symbol appears here only once something outside uses it.
//
// Pipeline: lexer.ts -> parser.ts -> build.ts (AST) -> checker/ (named check
// stages, checker/index.ts) -> compiler.ts (closures: conditions.ts,
// runtime/, allocate.ts, models.ts; generated condition tests: codegen.ts)
// and formatter.ts / printer.ts; testcases.ts runs in-file tests.
import { compileRules, type CheckOptions } from './compiler.js';
import type { Diagnostic } from './diagnostics.js';
import { runRuleTest, type RuleTestResult } from './testcases.js';

export type { Diagnostic } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export { checkRules, compileRules } from './compiler.js';
export { formatRules } from './formatter.js';
export { renderExplanation } from './explain.js';
export { parseSource } from './parse.js';
export type * as Ast from './ast.js';

// The exact built-in models, for unit tests and benchmarks.
export { standardModelCredit, U_SHAPED_DEFAULT, W_SHAPED_DEFAULT } from './models.js';
export type { BuiltinModel } from './models.js';
export { allocateLane, applyCap, applyFloor } from './allocate.js';

interface RuleTestsOutcome {
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
