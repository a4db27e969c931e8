// Publishing a stdlib rule file on a fault-test database.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../src/db/client.js';
import { startRun } from '../../../src/engine/run.js';
import { publishRuleVersion, saveDraft } from '../../../src/rules/lifecycle.js';
import { seedDatabase } from '../../../src/seed/seed.js';
import { repoRoot } from '../../../bench/lib/optional.js';
import { ruleFileCorpus } from './corpus.js';
import type { Reference } from './reference.js';

/** dsl/two_lane.attr when it exists, else the first stdlib model. */
export function standardRuleFile(): { file: string; source: string } {
  const twoLane = path.join(repoRoot, 'dsl', 'two_lane.attr');
  if (existsSync(twoLane)) return { file: 'dsl/two_lane.attr', source: readFileSync(twoLane, 'utf8') };
  const first = ruleFileCorpus()[0];
  if (!first) throw new Error('no rule file in dsl/ to run (expected dsl/two_lane.attr)');
  return first;
}

export function ruleSetKeyOf(source: string): string {
  const m = /^\s*ruleset\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(source);
  if (!m) throw new Error('rule file has no `ruleset <key>` clause');
  return m[1]!;
}

export async function publishStandardRules(db: Database): Promise<{ ruleVersionId: string; ruleSetKey: string; file: string }> {
  const { file, source } = standardRuleFile();
  const ruleSetKey = ruleSetKeyOf(source);
  const draft = await saveDraft(db, { ruleSetKey, source, author: 'fault-test', file, createRuleSet: true });
  const published = await publishRuleVersion(db, { ruleVersionId: draft.ruleVersion.id, actor: 'fault-test' });
  return { ruleVersionId: published.ruleVersion.id, ruleSetKey, file };
}

/** Current allocations in a canonical, comparable order. */
export async function currentAllocations(db: Database): Promise<string[]> {
  const rows = await db.sql.query<{ k: string }>(
    `SELECT concat_ws('|', o.key, coalesce(p.key, '-'), ca.lane::text, ca.role, ca.share::text, ca.amount::text,
                      array_to_string(ARRAY(SELECT unnest(ca.contributing_touchpoint_ids)::text ORDER BY 1), ',')) AS k
       FROM credit_allocation ca
       JOIN opportunity o ON o.id = ca.opportunity_id
       LEFT JOIN partner p ON p.id = ca.partner_id
      WHERE ca.is_current
      ORDER BY 1`,
  );
  return rows.map((r) => r.k);
}

/**
 * A seeded dataset with the standard rules published and fully run, and the
 * keys of the opportunities still open to new touches (closed in 2026 or
 * open): the common start of the fault tests that ingest while credit moves.
 */
export async function seedPublishAndRun(
  db: Database,
  opts: { opportunities: number; touchpointsPerOpportunity: number; seed: number },
): Promise<{ ruleVersionId: string; ref: Reference }> {
  await seedDatabase(db, opts);
  const { ruleVersionId } = await publishStandardRules(db);
  await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test' });
  const opps = await db.sql.query<{ key: string; account_key: string }>(
    `SELECT o.key, a.key AS account_key FROM opportunity o JOIN account a ON a.id = o.account_id
      WHERE o.closed_at IS NULL OR o.closed_at >= '2026-01-01' ORDER BY o.key`,
  );
  const partners = await db.sql.query<{ key: string }>(`SELECT key FROM partner ORDER BY key`);
  return {
    ruleVersionId,
    ref: {
      partnerKeys: partners.map((p) => p.key),
      accountKeys: [...new Set(opps.map((o) => o.account_key))],
      opportunityKeys: opps.map((o) => o.key),
      accountOf: new Map(opps.map((o) => [o.key, o.account_key])),
    },
  };
}
