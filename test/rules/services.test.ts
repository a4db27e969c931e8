// The rules services behind the API's testRuleVersion and previewRuleVersion:
// each audits in the transaction of its change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { previewRules } from '../../src/rules/preview.js';
import { testRuleVersion, testSummary } from '../../src/rules/testing.js';
import { saveDraft } from '../../src/rules/lifecycle.js';
import { RuleVersionNotFoundError } from '../../src/rules/errors.js';
import { insertOpportunities } from '../engine/support/data.js';
import { AS_OF, lang } from '../engine/support/setup.js';
import { rulesSource } from '../engine/support/test-language.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertOpportunities(db, [
    { key: 'S-1', amount: '300.00', touches: [{ partner: 'acme', action: 'referral', channel: 'referral', at: '2025-01-05T00:00:00Z' }] },
  ]);
});
afterAll(async () => {
  await db?.close();
});

describe(`rules services ${backendLabel}`, () => {
  it('previewRules with audit records ruleVersion.preview naming the run, once, and discards the preview rows', async () => {
    const report = await previewRules(db, {
      source: rulesSource({ ruleSet: 'svc', effectiveFrom: '2025-01-01' }),
      asOf: AS_OF,
      ...lang,
      audit: { actor: 'gov@x' },
    });
    const events = await db.prisma.auditEvent.findMany({ where: { action: 'ruleVersion.preview' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'gov@x', entityType: 'RuleVersion', entityId: report.candidate.ruleVersionId });
    expect(events[0]!.after).toEqual({ runId: report.runId, changed: report.opportunities.changed, delta: report.totals.delta });
    expect(await db.prisma.creditAllocation.count({ where: { runId: report.runId } })).toBe(0);
  });

  it('previewRules without audit writes no preview event', async () => {
    const before = await db.prisma.auditEvent.count({ where: { action: 'ruleVersion.preview' } });
    await previewRules(db, { source: rulesSource({ ruleSet: 'svc', effectiveFrom: '2025-01-01' }), asOf: AS_OF, ...lang });
    expect(await db.prisma.auditEvent.count({ where: { action: 'ruleVersion.preview' } })).toBe(before);
  });

  it("testRuleVersion stores a draft's results and audits them; an unknown id is RuleVersionNotFoundError", async () => {
    const { ruleVersion } = await saveDraft(
      db,
      { ruleSetKey: 'svc', source: rulesSource({ ruleSet: 'svc', effectiveFrom: '2026-01-01' }), author: 'a' },
      lang,
    );
    const result = await testRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'gov@x', ...lang });
    const stored = await db.prisma.ruleVersion.findUniqueOrThrow({ where: { id: ruleVersion.id } });
    expect(stored.testResults).toEqual(result.outcome);
    const [event] = await db.prisma.auditEvent.findMany({ where: { action: 'ruleVersion.test', entityId: ruleVersion.id } });
    expect(event!.after).toEqual({ status: 'draft', testResults: testSummary(result.outcome) });
    await expect(
      testRuleVersion(db, { ruleVersionId: '00000000-0000-4000-8000-000000000000', actor: 'x', ...lang }),
    ).rejects.toBeInstanceOf(RuleVersionNotFoundError);
  });

  it('testSummary counts passed and failed cases', () => {
    expect(testSummary({ ok: true, results: [{ ok: true }, { passed: true }] })).toEqual({ ok: true, passed: 2, failed: 0 });
    expect(testSummary({ ok: true, results: [{ ok: true }, { status: 'failed' }] })).toEqual({ ok: false, passed: 1, failed: 1 });
    expect(testSummary(null)).toBeNull();
  });
});
