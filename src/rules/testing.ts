// Testing a rule version: runs its in-file tests now. A draft keeps the new
// results; a published version is frozen and only reports them. Audited
// (`ruleVersion.test`) in the transaction that stores the results.
import type { RuleVersion } from '../generated/prisma/client.js';
import { recordAudit } from '../audit/record.js';
import { defaultRulesLanguage, type RulesLanguage } from '../engine/compile.js';
import type { EngineDb } from '../engine/db.js';
import { RuleVersionNotFoundError } from './errors.js';

export interface TestRunResult {
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

/** A stored outcome in brief: ok (every test passed), passed and failed counts; null when none is stored. */
export function testSummary(json: unknown): { ok: boolean; passed: number; failed: number } | null {
  if (!json || typeof json !== 'object') return null;
  const o = json as { ok?: unknown; results?: unknown };
  const passed = (Array.isArray(o.results) ? o.results : []).map((r) => {
    const t = (r ?? {}) as { ok?: unknown; passed?: unknown; status?: unknown };
    return (t.ok ?? t.passed ?? (t.status === undefined ? false : t.status === 'passed' || t.status === 'pass')) === true;
  });
  const ok = o.ok === true && passed.every(Boolean);
  return { ok, passed: passed.filter(Boolean).length, failed: passed.filter((p) => !p).length };
}
