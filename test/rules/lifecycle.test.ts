import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import {
  createRuleSet,
  publishRuleVersion,
  retireRuleVersion,
  rollbackRuleSet,
  saveDraft,
  EffectiveWindowOverlapError,
  NotADraftError,
  NotPublishedError,
  RuleSetExistsError,
  RuleSetMismatchError,
  RuleSetNotFoundError,
  RulesInvalidError,
  TestsFailedError,
  windowsOverlap,
} from '../../src/rules/index.js';
import { rulesSource, testLanguage } from '../engine/support/test-language.js';

const opts = { language: testLanguage };
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await createRuleSet(db, { key: 'two_lane', name: 'Two-lane model', actor: 'ops@example.com' });
});
afterAll(async () => {
  await db?.close();
});

describe(`rule-version lifecycle ${backendLabel}`, () => {
  it('refuses a second rule set with the same key and unknown rule sets', async () => {
    await expect(createRuleSet(db, { key: 'two_lane', actor: 'x' })).rejects.toBeInstanceOf(RuleSetExistsError);
    await expect(saveDraft(db, { ruleSetKey: 'nope', source: '{}', author: 'a' }, opts)).rejects.toMatchObject({
      code: 'RULE_SET_NOT_FOUND',
    });
    await expect(saveDraft(db, { ruleSetKey: 'nope', source: '{}', author: 'a' }, opts)).rejects.toBeInstanceOf(RuleSetNotFoundError);
  });

  it('stores a broken draft with its diagnostics but refuses to publish it', async () => {
    const { ruleVersion, diagnostics } = await saveDraft(
      db,
      {
        ruleSetKey: 'two_lane',
        source: rulesSource({ ruleSet: 'two_lane', error: 'unknown role "sorced"' }),
        author: 'ana',
      },
      opts,
    );
    expect(ruleVersion.status).toBe('draft');
    expect(ruleVersion.version).toBeNull();
    expect(diagnostics[0]).toMatchObject({ severity: 'error', message: 'unknown role "sorced"' });
    expect(ruleVersion.diagnostics).toEqual(diagnostics);
    const err = await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'ana' }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RulesInvalidError);
    expect((err as RulesInvalidError).code).toBe('RULES_INVALID');
    expect((err as Error).message).toContain('unknown role "sorced"');
    const after = await db.prisma.ruleVersion.findUniqueOrThrow({ where: { id: ruleVersion.id } });
    expect(after.status).toBe('draft');
  });

  it('refuses to publish when an in-file test fails, naming the test', async () => {
    const { ruleVersion } = await saveDraft(
      db,
      {
        ruleSetKey: 'two_lane',
        source: rulesSource({ ruleSet: 'two_lane', tests: { 'referral is sourced': true, 'late SI assists': false } }),
        author: 'ana',
      },
      opts,
    );
    const err = await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'ana' }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestsFailedError);
    expect((err as TestsFailedError).code).toBe('TESTS_FAILED');
    expect((err as TestsFailedError).failures).toEqual([{ name: 'late SI assists', message: 'expected sourced, got influenced' }]);
  });

  it('refuses rules whose header names another rule set', async () => {
    const { ruleVersion, diagnostics } = await saveDraft(
      db,
      { ruleSetKey: 'two_lane', source: rulesSource({ ruleSet: 'other' }), author: 'ana' },
      opts,
    );
    expect(diagnostics.map((d) => d.code)).toContain('RULE_SET_MISMATCH');
    await expect(publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'ana' }, opts)).rejects.toBeInstanceOf(
      RuleSetMismatchError,
    );
  });

  it('edits a draft in place, dedupes identical drafts, numbers publications and freezes them', async () => {
    const src1 = rulesSource({ ruleSet: 'two_lane', effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' });
    const first = await saveDraft(
      db,
      { ruleSetKey: 'two_lane', source: rulesSource({ ruleSet: 'two_lane', error: 'typo' }), author: 'ana' },
      opts,
    );
    const edited = await saveDraft(
      db,
      { ruleSetKey: 'two_lane', source: src1, author: 'ben', ruleVersionId: first.ruleVersion.id, changeNote: 'fix typo' },
      opts,
    );
    expect(edited.ruleVersion.id).toBe(first.ruleVersion.id);
    expect(edited.ruleVersion.source).toBe(src1);
    expect(edited.ruleVersion.changeNote).toBe('fix typo');
    const again = await saveDraft(db, { ruleSetKey: 'two_lane', source: src1, author: 'ben' }, opts);
    expect(again.created).toBe(false);
    expect(again.ruleVersion.id).toBe(first.ruleVersion.id);

    const v1 = await publishRuleVersion(db, { ruleVersionId: first.ruleVersion.id, actor: 'lead' }, opts);
    expect(v1.ruleVersion).toMatchObject({ status: 'published', version: 1, publishedBy: 'lead' });
    expect(v1.ruleVersion.effectiveFrom?.toISOString().slice(0, 10)).toBe('2024-01-01');
    expect(v1.ruleVersion.effectiveTo?.toISOString().slice(0, 10)).toBe('2024-12-31');

    // Immutable: the lifecycle refuses, and so does the database itself.
    await expect(publishRuleVersion(db, { ruleVersionId: v1.ruleVersion.id, actor: 'lead' }, opts)).rejects.toBeInstanceOf(NotADraftError);
    await expect(
      saveDraft(db, { ruleSetKey: 'two_lane', source: `${src1} `, author: 'x', ruleVersionId: v1.ruleVersion.id }, opts),
    ).rejects.toMatchObject({ code: 'NOT_A_DRAFT' });
    await expect(db.prisma.ruleVersion.update({ where: { id: v1.ruleVersion.id }, data: { source: 'tampered' } })).rejects.toThrow(
      /immutable/,
    );

    const d2 = await saveDraft(
      db,
      { ruleSetKey: 'two_lane', source: rulesSource({ ruleSet: 'two_lane', effectiveFrom: '2025-01-01' }), author: 'ana' },
      opts,
    );
    const v2 = await publishRuleVersion(db, { ruleVersionId: d2.ruleVersion.id, actor: 'lead' }, opts);
    expect(v2.ruleVersion.version).toBe(2);

    const audit = await db.prisma.auditEvent.findMany({ where: { action: 'ruleVersion.publish' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => (a.after as { version: number }).version)).toEqual([1, 2]);
  });

  it('refuses overlapping effective windows with a typed error naming the conflict', async () => {
    const d = await saveDraft(
      db,
      {
        ruleSetKey: 'two_lane',
        source: rulesSource({ ruleSet: 'two_lane', effectiveFrom: '2024-12-31', effectiveTo: '2025-01-01' }),
        author: 'ana',
      },
      opts,
    );
    const err = await publishRuleVersion(db, { ruleVersionId: d.ruleVersion.id, actor: 'lead' }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EffectiveWindowOverlapError);
    expect((err as EffectiveWindowOverlapError).code).toBe('EFFECTIVE_WINDOW_OVERLAP');
    expect((err as EffectiveWindowOverlapError).conflicting.version).toBe(1);
    expect((err as Error).message).toMatch(/retire version 1/);
  });

  it('retires without deleting, and rollback republishes old content as a new version', async () => {
    const v1 = await db.prisma.ruleVersion.findFirstOrThrow({ where: { version: 1 } });
    const retired = await retireRuleVersion(db, { ruleVersionId: v1.id, actor: 'lead' });
    expect(retired.status).toBe('retired');
    expect(retired.retiredAt).toBeInstanceOf(Date);
    await expect(retireRuleVersion(db, { ruleVersionId: v1.id, actor: 'lead' })).rejects.toBeInstanceOf(NotPublishedError);
    expect(await db.prisma.ruleVersion.count({ where: { id: v1.id } })).toBe(1);

    const rolled = await rollbackRuleSet(db, { ruleSetKey: 'two_lane', toVersion: 1, actor: 'lead' }, opts);
    expect(rolled.ruleVersion.version).toBe(3);
    expect(rolled.ruleVersion.source).toBe(v1.source);
    expect(rolled.ruleVersion.changeNote).toBe('rollback to version 1');
    expect(rolled.retired).toEqual([]); // v1 was retired, v2's window does not overlap 2024
    const versions = await db.prisma.ruleVersion.findMany({ where: { status: { not: 'draft' } }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'retired'],
      [2, 'published'],
      [3, 'published'],
    ]);
  });

  it('rollback over an overlapping published version retires it in the same step', async () => {
    const rolled = await rollbackRuleSet(db, { ruleSetKey: 'two_lane', toVersion: 2, actor: 'lead' }, opts);
    expect(rolled.ruleVersion.version).toBe(4);
    expect(rolled.retired.map((r) => r.version)).toEqual([2]);
  });

  it('windowsOverlap treats ends as inclusive days and null as open', () => {
    const w = (f: string | null, t: string | null) => ({ effectiveFrom: f, effectiveTo: t });
    expect(windowsOverlap(w('2024-01-01', '2024-12-31'), w('2025-01-01', null))).toBe(false);
    expect(windowsOverlap(w('2024-01-01', '2024-12-31'), w('2024-12-31', null))).toBe(true);
    expect(windowsOverlap(w(null, null), w('2030-01-01', '2030-01-01'))).toBe(true);
    expect(windowsOverlap(w(null, '2023-12-31'), w('2024-01-01', null))).toBe(false);
  });
});
