// Previewing rules: what a draft (or any version) would change, before it is
// in force. A source text is saved as a draft first; the preview run and its
// comparison are the engine's (src/engine/preview.ts). `audit` records the
// preview (`ruleVersion.preview`) in the transaction that ends it.
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import type { Vocabulary } from '../domain/taxonomy.js';
import { defaultRulesLanguage, type RulesLanguage } from '../engine/compile.js';
import type { EngineDb } from '../engine/db.js';
import { previewRuleVersion, type ImpactReport, type PreviewInput } from '../engine/preview.js';
import { loadVocabulary } from '../taxonomy/store.js';
import { RulesInvalidError } from './errors.js';
import { saveDraft } from './lifecycle.js';

export async function previewRules(db: EngineDb, input: PreviewInput & { audit?: { actor: string } }): Promise<ImpactReport> {
  let ruleVersionId = input.ruleVersionId;
  if (!ruleVersionId) {
    if (input.source === undefined) throw new TypeError('previewRules needs ruleVersionId or source');
    const ruleSetKey = input.ruleSetKey ?? (await headerRuleSet(input.source, await loadVocabulary(db.sql), input.language));
    const saved = await saveDraft(
      db,
      {
        ruleSetKey,
        source: input.source,
        author: input.author ?? 'preview',
        createRuleSet: true,
      },
      { language: input.language },
    );
    ruleVersionId = saved.ruleVersion.id;
  }
  const { source: _source, ruleSetKey: _ruleSetKey, audit, ...rest } = input;
  const id = ruleVersionId;
  return previewRuleVersion(db, {
    ...rest,
    ruleVersionId: id,
    onReport:
      audit &&
      (async (sql, report) => {
        await recordAudit(sqlAuditWriter(sql), {
          actor: audit.actor,
          action: 'ruleVersion.preview',
          entityType: 'RuleVersion',
          entityId: id,
          after: { runId: report.runId, changed: report.opportunities.changed, delta: report.totals.delta },
        });
      }),
  });
}

async function headerRuleSet(source: string, vocabulary: Vocabulary, language?: RulesLanguage): Promise<string> {
  const lang = language ?? (await defaultRulesLanguage());
  const compiled = lang.compile(source, undefined, vocabulary);
  if (compiled.ok) return compiled.rules.header.ruleSet;
  throw new RulesInvalidError(compiled.diagnostics);
}
