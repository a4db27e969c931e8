// Incremental recompute: after touchpoints or opportunities change, attribute
// just those opportunities again under every rule set's applicable published
// version (one small 'incremental' run per version involved). An opportunity
// that no published version of a rule set covers any more loses its current
// allocations in that rule set (audited).
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import type { RulesLanguage } from './compile.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import type { EngineDb } from './db.js';
import { withRollupDelta } from './report-rollup.js';
import { startRun, type RunSummary } from './run.js';
import { ATTRIBUTION_DATE_SQL } from './scope.js';

export interface RecomputeOptions {
  triggeredBy: string;
  asOf?: Date | string;
  language?: RulesLanguage;
  staleAfterMs?: number;
  /**
   * Called each time part of the result has committed (a run, a withdrawal),
   * i.e. from when readers can see some of the new credit. The recompute
   * worker uses it to tell a client that reacts to fresh credit from one that
   * streams changes without waiting (../recompute-queue/worker.ts).
   */
  onCommitted?: () => void;
}

export interface RecomputeResult {
  runs: RunSummary[];
  /** Opportunity ids whose allocations were withdrawn because no version covers them, per rule set key. */
  withdrawn: Record<string, string[]>;
  durationMs: number;
}

export async function recomputeOpportunities(
  db: EngineDb,
  opportunityIds: readonly string[],
  options: RecomputeOptions,
): Promise<RecomputeResult> {
  const started = Date.now();
  const ids = [...new Set(opportunityIds)];
  if (ids.length === 0) return { runs: [], withdrawn: {}, durationMs: 0 };
  const opps = await db.sql.query<{ id: string; day: string }>(
    `SELECT o.id::text AS id, ${ATTRIBUTION_DATE_SQL}::text AS day FROM opportunity o WHERE o.id = ANY($1::uuid[]) ORDER BY o.id`,
    [pgArray(ids)],
  );
  const versions = await db.sql.query<{
    id: string;
    rule_set_id: string;
    key: string;
    effective_from: string | null;
    effective_to: string | null;
  }>(
    `SELECT rv.id::text AS id, rv.rule_set_id::text AS rule_set_id, rs.key, rv.effective_from, rv.effective_to
       FROM rule_version rv JOIN rule_set rs ON rs.id = rv.rule_set_id
      WHERE rv.status = 'published' ORDER BY rs.key, rv.version`,
  );
  const runs: RunSummary[] = [];
  const withdrawn: Record<string, string[]> = {};
  const byRuleSet = new Map<string, typeof versions>();
  for (const v of versions) byRuleSet.set(v.rule_set_id, [...(byRuleSet.get(v.rule_set_id) ?? []), v]);

  for (const [ruleSetId, setVersions] of byRuleSet) {
    const groups = new Map<string, string[]>();
    const uncovered: string[] = [];
    for (const o of opps) {
      const v = setVersions.find((x) => (!x.effective_from || x.effective_from <= o.day) && (!x.effective_to || o.day <= x.effective_to));
      if (v) groups.set(v.id, [...(groups.get(v.id) ?? []), o.id]);
      else uncovered.push(o.id);
    }
    for (const [ruleVersionId, group] of groups) {
      runs.push(
        await startRun(db, {
          ruleVersionId,
          kind: 'incremental',
          scope: { opportunityIds: group },
          triggeredBy: options.triggeredBy,
          asOf: options.asOf,
          language: options.language,
          staleAfterMs: options.staleAfterMs,
          partitions: 1,
        }),
      );
      options.onCommitted?.();
    }
    if (uncovered.length) {
      const key = setVersions[0]!.key;
      const gone = await withdrawAllocations(db, ruleSetId, uncovered, options.triggeredBy, key);
      if (gone.length) withdrawn[key] = gone;
      options.onCommitted?.();
    }
  }
  return { runs, withdrawn, durationMs: Date.now() - started };
}

async function withdrawAllocations(
  db: EngineDb,
  ruleSetId: string,
  opportunityIds: string[],
  actor: string,
  ruleSetKey: string,
): Promise<string[]> {
  return db.sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('attrib.switch'), hashtext($1))`, [ruleSetId]);
    // The report rollup moves by the withdrawn deals' delta (src/engine/report-rollup.ts).
    const rows = await withRollupDelta(tx, ruleSetId, opportunityIds, () =>
      tx.query<{ opportunity_id: string }>(
        `UPDATE credit_allocation ca SET is_current = false FROM rule_version rv
        WHERE rv.id = ca.rule_version_id AND rv.rule_set_id = $1::uuid AND ca.is_current AND ca.opportunity_id = ANY($2::uuid[])
        RETURNING ca.opportunity_id::text AS opportunity_id`,
        [ruleSetId, pgArray(opportunityIds)],
      ),
    );
    const gone = [...new Set(rows.map((r) => r.opportunity_id))].sort();
    if (gone.length) {
      await recordAudit(
        sqlAuditWriter(tx),
        ...gone.map((id) => ({
          actor,
          action: 'allocation.withdraw',
          entityType: 'Opportunity',
          entityId: id,
          after: { ruleSet: ruleSetKey, reason: "no published version of the rule set covers the opportunity's attribution date" },
        })),
      );
    }
    return gone;
  });
}
