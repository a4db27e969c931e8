// The standard rule files (dsl/two_lane.attr, then dsl/models/*.attr by name),
// published through the rule-version lifecycle for engine tests that run them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../../src/db/client.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../../src/rules/index.js';

const root = join(import.meta.dirname, '..', '..', '..', 'dsl');

export const STANDARD_RULE_FILES: readonly string[] = [
  join(root, 'two_lane.attr'),
  ...readdirSync(join(root, 'models'))
    .filter((f) => f.endsWith('.attr'))
    .sort()
    .map((f) => join(root, 'models', f)),
];

/** Saves and publishes every standard rule file (its rule set created when missing): rule set key → published version id. */
export async function publishStandardModels(db: Pick<Database, 'prisma' | 'sql' | 'kind'>): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const file of STANDARD_RULE_FILES) {
    const source = readFileSync(file, 'utf8');
    const key = /^ruleset\s+(\S+)/m.exec(source)![1]!;
    if (!(await db.prisma.ruleSet.findUnique({ where: { key } }))) await createRuleSet(db, { key, actor: 'test' });
    const { ruleVersion, diagnostics } = await saveDraft(db, { ruleSetKey: key, source, author: 'test', file });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`${file} does not check clean: ${JSON.stringify(errors)}`);
    const { ruleVersion: v } = await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' });
    versions.set(key, v.id);
  }
  return versions;
}
