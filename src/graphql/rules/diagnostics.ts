// Diagnostics and in-file test results of a rule version as GraphQL types, over the shapes src/rules/testing.ts
// reads from the JSON the lifecycle service stores.
import type { DiagnosticShape, PositionShape, TestCaseShape, TestResultsShape } from '../../rules/testing.js';
import { builder } from '../builder.js';

const DiagnosticSeverityEnum = builder.enumType('DiagnosticSeverity', {
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
