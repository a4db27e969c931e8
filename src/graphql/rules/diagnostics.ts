// Diagnostics and in-file test results of a rule version, read from the JSON
// the lifecycle service stores (src/rules): typed for clients.
import { builder } from '../builder.js';

export interface DiagnosticShape {
  code: string;
  severity: string;
  message: string;
  hint?: string | null;
  range?: { start?: PositionShape; end?: PositionShape } | null;
}
interface PositionShape {
  line?: number;
  column?: number;
  offset?: number;
}

export const DiagnosticSeverityEnum = builder.enumType('DiagnosticSeverity', {
  description: 'How serious a diagnostic is.',
  values: {
    error: { description: 'The version cannot be published until it is fixed.' },
    warning: { description: 'Probably a mistake; publishing is allowed.' },
    info: { description: 'A note.' },
  } as const,
});

const PositionRef = builder.objectRef<PositionShape>('SourcePosition').implement({
  description: '1-based line and column, 0-based offset into the source.',
  fields: (t) => ({
    line: t.int({ description: 'Line, from 1.', resolve: (p) => p.line ?? 1 }),
    column: t.int({ description: 'Column, from 1.', resolve: (p) => p.column ?? 1 }),
    offset: t.int({ description: 'Character offset into the source, from 0.', resolve: (p) => p.offset ?? 0 }),
  }),
});

const RangeRef = builder.objectRef<{ start?: PositionShape; end?: PositionShape }>('SourceRange').implement({
  description: 'A span of the rules source.',
  fields: (t) => ({
    start: t.field({ type: PositionRef, description: 'Where the span starts.', resolve: (r) => r.start ?? {} }),
    end: t.field({
      type: PositionRef,
      description: 'Where the span ends (the start when the checker gave only one position).',
      resolve: (r) => r.end ?? r.start ?? {},
    }),
  }),
});

export const DiagnosticRef = builder.objectRef<DiagnosticShape>('Diagnostic').implement({
  description: 'A problem (or note) the rules checker found, with its place in the source.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code of the problem, e.g. "unknown-field" (UNKNOWN when none was stored).' }),
    severity: t.field({
      type: DiagnosticSeverityEnum,
      description: 'Error, warning or info.',
      resolve: (d) => (d.severity === 'error' || d.severity === 'warning' ? d.severity : 'info'),
    }),
    message: t.exposeString('message', { description: 'What is wrong, for people.' }),
    hint: t.string({ nullable: true, description: 'How to fix it (e.g. a did-you-mean); null when none.', resolve: (d) => d.hint ?? null }),
    range: t.field({
      type: RangeRef,
      nullable: true,
      description: 'Where in the source; null for a problem of the whole file.',
      resolve: (d) => d.range ?? null,
    }),
  }),
});

export function diagnosticsOf(json: unknown): DiagnosticShape[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((d): d is DiagnosticShape => !!d && typeof d === 'object' && typeof (d as DiagnosticShape).message === 'string')
    .map((d) => ({ ...d, code: String(d.code ?? 'UNKNOWN'), severity: String(d.severity ?? 'error') }));
}

export interface TestCaseShape {
  name: string;
  passed: boolean;
  message: string | null;
}
export interface TestResultsShape {
  ok: boolean;
  cases: TestCaseShape[];
  diagnostics: DiagnosticShape[];
}

/** Reads a stored RuleTestOutcome ({ ok, results, diagnostics }). */
export function testResultsOf(json: unknown): TestResultsShape | null {
  if (!json || typeof json !== 'object') return null;
  const o = json as { ok?: unknown; results?: unknown; diagnostics?: unknown };
  const cases = (Array.isArray(o.results) ? o.results : []).map((r, i): TestCaseShape => {
    const t = (r ?? {}) as { name?: unknown; ok?: unknown; passed?: unknown; status?: unknown; message?: unknown; error?: unknown };
    const passed = t.ok ?? t.passed ?? (t.status === undefined ? false : t.status === 'passed' || t.status === 'pass');
    const message = t.message ?? t.error ?? null;
    return {
      name: typeof t.name === 'string' ? t.name : `test ${i + 1}`,
      passed: passed === true,
      message: message == null ? null : String(message),
    };
  });
  return { ok: o.ok === true && cases.every((c) => c.passed), cases, diagnostics: diagnosticsOf(o.diagnostics) };
}

const TestCaseRef = builder.objectRef<TestCaseShape>('RuleTestCase').implement({
  description: 'One in-file test of a rule version.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The test\'s name in the rules file ("test N" when unnamed).' }),
    passed: t.exposeBoolean('passed', { description: 'Whether the rules gave the expected credit.' }),
    message: t.exposeString('message', { nullable: true, description: 'Why it failed (expected vs actual); null when it passed.' }),
  }),
});

export const TestResultsRef = builder.objectRef<TestResultsShape>('RuleTestResults').implement({
  description: 'Outcome of the in-file tests of a rule version.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'true when every test passed and there is at least one.' }),
    total: t.int({ description: 'Tests in the file.', resolve: (r) => r.cases.length }),
    passed: t.int({ description: 'Tests that passed.', resolve: (r) => r.cases.filter((c) => c.passed).length }),
    failed: t.int({ description: 'Tests that failed.', resolve: (r) => r.cases.filter((c) => !c.passed).length }),
    cases: t.field({ type: [TestCaseRef], description: 'Each test, in file order.', resolve: (r) => r.cases }),
    diagnostics: t.field({
      type: [DiagnosticRef],
      description: 'Problems that kept tests from running (e.g. a test naming an unknown partner).',
      resolve: (r) => r.diagnostics,
    }),
  }),
});
