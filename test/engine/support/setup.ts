// Shared setup for engine tests: a rule set with a published version of the
// test language, and helpers to publish more.
import type { Database } from '../../../src/db/client.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../../src/rules/index.js';
import { rulesSource, testLanguage, type TestRulesSpec } from './test-language.js';

export const lang = { language: testLanguage };

export async function publish(db: Pick<Database, 'prisma' | 'sql' | 'kind'>, spec: TestRulesSpec): Promise<string> {
  const existing = await db.prisma.ruleSet.findUnique({ where: { key: spec.ruleSet } });
  if (!existing) await createRuleSet(db, { key: spec.ruleSet, actor: 'test' });
  const { ruleVersion } = await saveDraft(db, { ruleSetKey: spec.ruleSet, source: rulesSource(spec), author: 'test' }, lang);
  const { ruleVersion: v } = await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' }, lang);
  return v.id;
}

export async function draft(db: Pick<Database, 'prisma' | 'sql' | 'kind'>, spec: TestRulesSpec): Promise<string> {
  const existing = await db.prisma.ruleSet.findUnique({ where: { key: spec.ruleSet } });
  if (!existing) await createRuleSet(db, { key: spec.ruleSet, actor: 'test' });
  const { ruleVersion } = await saveDraft(db, { ruleSetKey: spec.ruleSet, source: rulesSource(spec), author: 'test' }, lang);
  return ruleVersion.id;
}

export const AS_OF = '2025-06-30T00:00:00.000Z';
