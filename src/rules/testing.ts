// Testing a rule version: runs its in-file tests now. A draft keeps the new
// results; a published version is frozen and only reports them. Audited
// (`ruleVersion.test`) in the transaction that stores the results.
import type { RuleVersion } from '../generated/prisma/client.js';
import { recordAudit } from '../audit/record.js';
import { defaultRulesLanguage, type RulesLanguage } from '../engine/compile.js';
import type { EngineDb } from '../engine/db.js';
import { RuleVersionNotFoundError } from './errors.js';

interface TestRunResult {
  ruleVersion: RuleVersion;
  /** The tests' outcome as stored ({ ok, results, diagnostics }, JSON). */
  outcome: object;
}

export async function testRuleVersion(
  db: EngineDb,
  input: { ruleVersionId: string; actor: string; ref?: string; language?: RulesLanguage },
): Promise<TestRunResult> {
  const id = input.ruleVersionId;
  const version = await db.prisma.ruleVersion.findUnique({ where: { id } });
  if (!version) throw new RuleVersionNotFoundError(input.ref ?? id);
  const language = input.language ?? (await defaultRulesLanguage());
  const outcome = JSON.parse(JSON.stringify(await language.runTests(version.source))) as object;
  const ruleVersion = await db.prisma.$transaction(async (tx) => {
    const updated = version.status === 'draft' ? await tx.ruleVersion.update({ where: { id }, data: { testResults: outcome } }) : version;
    await recordAudit(tx, {
      actor: input.actor,
      action: 'ruleVersion.test',
      entityType: 'RuleVersion',
      entityId: id,
      before: version.status === 'draft' ? { testResults: testSummary(version.testResults) } : undefined,
      after: { status: version.status, testResults: testSummary(outcome) },
    });
    return updated;
  });
  return { ruleVersion, outcome };
}

/** A diagnostic as stored with a version or its test outcome (the checker's Diagnostic, read back from JSON). */
export interface DiagnosticShape {
  code: string;
  severity: string;
  message: string;
  hint?: string | null;
  range?: { start?: PositionShape; end?: PositionShape } | null;
}
export interface PositionShape {
  line?: number;
  column?: number;
  offset?: number;
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

/** Stored diagnostics (JSON): the entries with a message, with code (UNKNOWN when none) and severity (error when none). */
export function diagnosticsOf(json: unknown): DiagnosticShape[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((d): d is DiagnosticShape => !!d && typeof d === 'object' && typeof (d as DiagnosticShape).message === 'string')
    .map((d) => ({ ...d, code: String(d.code ?? 'UNKNOWN'), severity: String(d.severity ?? 'error') }));
}

/**
 * Reads a stored RuleTestOutcome ({ ok, results, diagnostics }); null when none is stored. A case passed when its
 * `ok`, `passed` or `status` ("passed"/"pass") says so; the outcome is ok when it says so and every case passed.
 */
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

/** A stored outcome in brief (for the audit trail): ok, passed and failed counts; null when none is stored. */
export function testSummary(json: unknown): { ok: boolean; passed: number; failed: number } | null {
  const results = testResultsOf(json);
  if (!results) return null;
  const passed = results.cases.filter((c) => c.passed).length;
  return { ok: results.ok, passed, failed: results.cases.length - passed };
}
