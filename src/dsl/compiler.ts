// Stage 5: the compiler. Turns a checked AST into closures, plus one
// generated function per rule condition's test (codegen.ts: built from the
// AST only, string values embedded as JSON literals), and wraps them as a
// CompiledRuleVersion.
import type { Vocabulary } from '../domain/taxonomy.js';
import type { OpportunityAttribution, OpportunityFacts, TouchpointFacts } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import type * as A from './ast.js';
import { defines, lanes as laneDecls, tests as testDecls } from './ast.js';
import { checkAst } from './checker/index.js';
import { compileRuleCondition } from './conditions.js';
import { rangeAt, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { semanticHash, sha256 } from './hash.js';
import { decimalOf, fractionOf, interpretCredit } from './literals.js';
import { ratio, type Ratio } from '../domain/rational.js';
import { parseSource } from './parse.js';
import { printCondition, printCredit } from './printer.js';
import {
  evaluateLanes,
  hasIntegerCredit,
  type CompiledLane,
  type CompiledRule,
  type CompiledWeight,
  type EvaluateOptions,
} from './runtime/index.js';
import { WEIGHT_DIMENSIONS } from './schema.js';
import { buildRuleTest, type RuleTest } from './testcases.js';

interface RuleVersionHeader {
  ruleSet: string;
  version: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  owner: string | null;
  description: string | null;
  title: string | null;
}

interface CompiledRuleVersion {
  header: RuleVersionHeader;
  sourceHash: string;
  semanticHash: string;
  evaluate(facts: OpportunityFacts, options?: EvaluateOptions): OpportunityAttribution;
  tests: RuleTest[];
  /** The lanes in file order, for tools that want to inspect them. */
  lanes: readonly CompiledLane[];
}

type CompileResult = { ok: true; rules: CompiledRuleVersion; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

function compileWeight(s: A.RuleStatement & { kind: 'weight' }): CompiledWeight | null {
  const dim = WEIGHT_DIMENSIONS.get(s.dimension.name);
  if (!dim) return null;
  const entries = s.entries.map((e) => ({
    bound: e.bound,
    key:
      e.value.kind === 'name'
        ? e.value.name
        : e.value.kind === 'string'
          ? e.value.value
          : e.value.kind === 'number'
            ? Number(e.value.text)
            : null,
    factor: decimalOf(e.factor) ?? ratio(1n),
    label: e.bound
      ? `${s.dimension.name} ${e.bound} ${e.value.kind === 'number' ? e.value.text : ''}`
      : `${s.dimension.name} ${e.value.kind === 'name' ? e.value.name : ''}`,
  }));
  return {
    dimension: dim,
    text: s.dimension.name,
    factor(t: TouchpointFacts, o: OpportunityFacts) {
      const v = dim.read(t, o);
      if (v === null || v === undefined) return null;
      for (const e of entries) {
        if (
          e.bound === null ? String(v) === String(e.key) : e.bound === 'at least' ? Number(v) >= Number(e.key) : Number(v) <= Number(e.key)
        ) {
          return { factor: e.factor, label: e.label.trim() };
        }
      }
      return null;
    },
  };
}

function compileLanes(ast: A.RuleFile): CompiledLane[] {
  const defineMap = new Map(defines(ast).map((d) => [d.name.name, d]));
  const text = (c: A.Condition) => printCondition(c);
  return laneDecls(ast).map((l) => {
    const policy = (l.hitPolicy?.name ?? 'first') as CompiledLane['policy'];
    const defaultRole = l.name.name === 'source' ? 'sourced' : 'influenced';
    const rules: CompiledRule[] = [];
    for (const r of l.items) {
      if (r.kind !== 'rule') continue;
      const creditStmt = r.body.find((s): s is A.RuleStatement & { kind: 'credit' } => s.kind === 'credit');
      const credit = creditStmt ? interpretCredit(creditStmt.model) : null;
      const role = r.body.find((s): s is A.RuleStatement & { kind: 'role' } => s.kind === 'role')?.role.name ?? defaultRole;
      const select = (r.body.find((s): s is A.RuleStatement & { kind: 'select' } => s.kind === 'select')?.mode.name ??
        'all') as CompiledRule['select'];
      const capStmt = r.body.find((s) => s.kind === 'cap');
      const floorStmt = r.body.find((s) => s.kind === 'floor');
      rules.push({
        name: r.name.text,
        priority: r.priority && r.priority.kind === 'number' ? Number(r.priority.text) : null,
        conditionText: r.when ? printCondition(r.when) : null,
        when: r.when ? compileRuleCondition(r.when, defineMap, text) : null,
        role,
        select,
        credit: credit?.ok ? credit.spec : { kind: 'linear' },
        creditText: creditStmt ? printCredit(creditStmt.model) : 'linear',
        weights: r.body
          .filter((s): s is A.RuleStatement & { kind: 'weight' } => s.kind === 'weight')
          .map(compileWeight)
          .filter((w): w is CompiledWeight => w !== null),
        cap: capStmt && capStmt.kind === 'cap' ? fractionOf(capStmt.amount) : null,
        floor: floorStmt && floorStmt.kind === 'floor' ? fractionOf(floorStmt.amount) : null,
        integerCredit: false,
      });
      rules[rules.length - 1]!.integerCredit = hasIntegerCredit(rules[rules.length - 1]!);
    }
    if (policy === 'priority') {
      rules.sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER));
    }
    const o = l.items.find((i): i is A.OtherwiseDecl => i.kind === 'otherwise');
    return {
      lane: l.name.name as Lane,
      grants: (l.grants ? fractionOf(l.grants) : null) ?? (ratio(1n) as Ratio),
      policy,
      rules,
      otherwise: o ? { role: o.role.name, accountPartners: o.accountPartners, credit: o.credit?.name === 'even' ? 'even' : 'none' } : null,
    };
  });
}

/** Runs the checker; an internal failure becomes a diagnostic, never an exception. */
function safeCheck(ast: A.RuleFile, source: string, vocabulary: Vocabulary | undefined): Diagnostic[] {
  try {
    return checkAst(ast, vocabulary);
  } catch (err) {
    return [
      {
        code: 'internal',
        severity: 'error',
        message: `could not check this file: ${(err as Error).message}`,
        hint: 'simplify the file, and please report it to the maintainers',
        range: rangeAt(source, 0, 0),
      },
    ];
  }
}

/** What the checker validates values against; default: the default taxonomy. */
export interface CheckOptions {
  vocabulary?: Vocabulary;
}

/** Parses, checks and compiles a rule file. Never throws. */
export function compileRules(source: string, file?: string, options: CheckOptions = {}): CompileResult {
  const parsed = parseSource(source, file);
  const syntaxErrors = parsed.diagnostics.some((d) => d.severity === 'error');
  const checked = syntaxErrors ? [] : safeCheck(parsed.ast, source, options.vocabulary);
  if (file !== undefined) for (const d of checked) d.file = file;
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...checked]);
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  const ast = parsed.ast;
  const h = ast.header!;
  let lanes: CompiledLane[];
  try {
    lanes = compileLanes(ast);
  } catch (err) {
    return {
      ok: false,
      diagnostics: [
        ...diagnostics,
        {
          code: 'internal',
          severity: 'error',
          message: `could not compile this file: ${(err as Error).message}`,
          hint: 'please report this file to the maintainers',
          range: rangeAt(source, 0, 0),
          ...(file !== undefined ? { file } : {}),
        },
      ],
    };
  }
  const evaluate = (facts: OpportunityFacts, options?: EvaluateOptions) => evaluateLanes(lanes, facts, options ?? {});
  const rules: CompiledRuleVersion = {
    header: {
      ruleSet: h.key?.name ?? '',
      title: h.title,
      version: h.version?.text ?? null,
      effectiveFrom: h.effectiveFrom?.text ?? null,
      effectiveTo: h.effectiveTo?.text ?? null,
      owner: h.owner?.text ?? null,
      description: h.description?.text ?? null,
    },
    sourceHash: sha256(source),
    semanticHash: semanticHash(ast),
    evaluate,
    tests: testDecls(ast).map((t) => buildRuleTest(t)),
    lanes,
  };
  return { ok: true, rules, diagnostics };
}

/** Parse + check only (no compile): the diagnostics and whether there are errors. */
export function checkRules(source: string, file?: string, options: CheckOptions = {}): { diagnostics: Diagnostic[]; ok: boolean } {
  const parsed = parseSource(source, file);
  const syntaxErrors = parsed.diagnostics.some((d) => d.severity === 'error');
  // Semantic checks on a partially recovered tree would mostly echo the
  // syntax errors; report those first, then the rest once the file parses.
  const checked = syntaxErrors ? [] : safeCheck(parsed.ast, source, options.vocabulary);
  if (file !== undefined) for (const d of checked) d.file = file;
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...checked]);
  return { diagnostics, ok: !diagnostics.some((d) => d.severity === 'error') };
}
