// What `attrib run TARGET` means. TARGET is either
//  - a rules file: its header names the rule set (created if missing); if a
//    published version of that set already has exactly this source it is
//    reused, otherwise the file is saved as a draft and published (which
//    requires a clean check and passing in-file tests, and a window that does
//    not overlap another published version) — then that version runs; or
//  - a rule set key: every published version of the set runs, each over the
//    opportunities its effective window covers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { RuleVersion } from '../generated/prisma/client.js';
import { NoPublishedVersionError, RulesInvalidError } from './errors.js';
import { publishRuleVersion, publishedVersions, saveDraft, type LifecycleOptions } from './lifecycle.js';
import { defaultRulesLanguage } from '../engine/compile.js';
import type { EngineDb } from '../engine/db.js';
import { loadVocabulary } from '../taxonomy/store.js';

interface RunTarget {
  ruleSetKey: string;
  versions: RuleVersion[];
  /** What happened to a file target: reused an identical published version, or published it now. */
  fileAction?: 'reused' | 'published';
}

function looksLikeFile(target: string): boolean {
  return existsSync(target) && statSync(target).isFile();
}

export async function resolveRunTarget(db: EngineDb, target: string, input: { actor: string } & LifecycleOptions): Promise<RunTarget> {
  if (!looksLikeFile(target)) {
    const versions = await publishedVersions(db, target);
    if (versions.length === 0) throw new NoPublishedVersionError(target);
    return { ruleSetKey: target, versions };
  }
  const source = readFileSync(target, 'utf8');
  const language = input.language ?? (await defaultRulesLanguage());
  const compiled = language.compile(source, target, await loadVocabulary(db.sql));
  if (!compiled.ok) throw new RulesInvalidError(compiled.diagnostics, target);
  const ruleSetKey = compiled.rules.header.ruleSet;
  const same = await db.prisma.ruleVersion.findFirst({
    where: { ruleSet: { key: ruleSetKey }, status: 'published', source },
    orderBy: { version: 'desc' },
  });
  if (same) return { ruleSetKey, versions: [same], fileAction: 'reused' };
  const { ruleVersion } = await saveDraft(
    db,
    { ruleSetKey, source, author: input.actor, file: target, createRuleSet: true, changeNote: `attrib run ${target}` },
    { language },
  );
  const { ruleVersion: published } = await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: input.actor }, { language });
  return { ruleSetKey, versions: [published], fileAction: 'published' };
}
