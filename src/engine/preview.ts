// Preview and impact: run a draft (or any version) as a 'preview' run — its
// allocations are never current — and compare them with the rule set's
// current published results for the same opportunities, like `terraform plan`.
//
// Compared per opportunity: the set of (lane, partner, role, share, amount).
// Credit per channel: an allocation counts for the channel of its earliest
// contributing touch ("none" without touches), so channel totals stay exact.
import type { Lane } from '../domain/enums.js';
import type { RulesLanguage } from './compile.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import type { EngineDb, SqlClient } from './db.js';
import { formatAmount, parseAmount } from '../domain/decimal.js';
import { describeAllocations, type StoredAllocation } from './explain.js';
import { explanationSql } from './explanations.js';
import { loadVersionInfo, startRun } from './run.js';
import type { RunScope } from './scope.js';

export interface PreviewInput {
  ruleVersionId?: string;
  /** Rules source to preview: saved as a draft of `ruleSetKey` (or the header's rule set) first (src/rules/preview.ts). */
  source?: string;
  ruleSetKey?: string;
  author?: string;
  scope?: RunScope;
  asOf?: Date | string;
  /** How many changed opportunities to include with explanations (default 3). */
  examples?: number;
  /** Keep the preview run's allocations (default false: they are deleted once compared). */
  keep?: boolean;
  language?: RulesLanguage;
  onProgress?: Parameters<typeof startRun>[1]['onProgress'];
  ignoreEffectiveWindow?: boolean;
}

export interface LaneAmounts {
  source: string;
  influence: string;
}

export interface MovedCredit {
  key: string;
  before: LaneAmounts;
  after: LaneAmounts;
  delta: LaneAmounts;
}

export interface AllocationSummary {
  lane: Lane;
  partner: string | null;
  role: string;
  share: string;
  amount: string;
}

export interface OpportunityChange {
  opportunityKey: string;
  change: 'added' | 'changed' | 'removed';
  before: AllocationSummary[];
  after: AllocationSummary[];
}

export interface ImpactReport {
  ruleSetKey: string;
  candidate: { ruleVersionId: string; version: number | null; status: string; sourceHash: string };
  runId: string;
  asOf: string;
  scope: RunScope;
  hasChanges: boolean;
  opportunities: { evaluated: number; changed: number; added: number; unchanged: number };
  totals: { before: LaneAmounts; after: LaneAmounts; delta: LaneAmounts };
  partners: MovedCredit[];
  channels: MovedCredit[];
  changes: OpportunityChange[];
  /** A few changed opportunities with before/after explanations. */
  examples: { opportunityKey: string; before: string; after: string }[];
}

const ZERO: LaneAmounts = { source: '0.00', influence: '0.00' };

/**
 * Runs a version as a preview and compares it with the current credit.
 * `onReport` runs in the transaction that ends the preview (deleting its rows
 * unless `keep`), e.g. to audit it: both commit or neither.
 */
export async function previewRuleVersion(
  db: EngineDb,
  input: Omit<PreviewInput, 'source' | 'ruleSetKey'> & {
    ruleVersionId: string;
    onReport?: (sql: SqlClient, report: ImpactReport) => Promise<void>;
  },
): Promise<ImpactReport> {
  const ruleVersionId = input.ruleVersionId;
  const version = await loadVersionInfo(db.sql, ruleVersionId);
  const run = await startRun(db, {
    ruleVersionId,
    kind: 'preview',
    scope: input.scope,
    triggeredBy: input.author ?? 'preview',
    asOf: input.asOf,
    language: input.language,
    onProgress: input.onProgress,
    ignoreEffectiveWindow: input.ignoreEffectiveWindow,
  });
  let report: ImpactReport | undefined;
  try {
    const compared = await compare(db.sql, run.runId, version.ruleSetId, input.examples ?? 3);
    report = {
      ruleSetKey: version.ruleSetKey,
      candidate: { ruleVersionId, version: version.version, status: version.status, sourceHash: version.sourceHash },
      runId: run.runId,
      asOf: run.asOf,
      scope: input.scope ?? {},
      ...compared,
    };
  } finally {
    await db.sql.transaction(async (tx) => {
      if (!input.keep) await tx.query('DELETE FROM credit_allocation WHERE run_id = $1::uuid AND NOT is_current', [run.runId]);
      if (report && input.onReport) await input.onReport(tx, report);
    });
  }
  return report;
}

type Report = Omit<ImpactReport, 'ruleSetKey' | 'candidate' | 'runId' | 'asOf' | 'scope'>;

async function compare(sql: SqlClient, runId: string, ruleSetId: string, exampleLimit: number): Promise<Report> {
  // "before": current rows of the rule set for the opportunities the preview evaluated.
  const sides = `
    scope_opps AS (SELECT DISTINCT opportunity_id FROM credit_allocation WHERE run_id = $1::uuid),
    before_rows AS (
      SELECT ca.* FROM credit_allocation ca JOIN rule_version rv ON rv.id = ca.rule_version_id
       WHERE ca.is_current AND rv.rule_set_id = $2::uuid AND ca.opportunity_id IN (SELECT opportunity_id FROM scope_opps)),
    after_rows AS (SELECT ca.* FROM credit_allocation ca WHERE ca.run_id = $1::uuid)`;
  const signature = (table: string) => `
    SELECT opportunity_id, string_agg(lane::text || '|' || COALESCE(partner_id::text, '-') || '|' || role || '|' || share::text || '|' || amount::text,
                                      ';' ORDER BY lane, partner_id NULLS FIRST, role) AS sig
      FROM ${table} GROUP BY opportunity_id`;
  const perOpp = await sql.query<{ key: string; id: string; before_sig: string | null; after_sig: string | null }>(
    `WITH ${sides},
          b AS (${signature('before_rows')}), a AS (${signature('after_rows')})
     SELECT o.key, o.id::text AS id, b.sig AS before_sig, a.sig AS after_sig
       FROM scope_opps s JOIN opportunity o ON o.id = s.opportunity_id
       LEFT JOIN b ON b.opportunity_id = s.opportunity_id LEFT JOIN a ON a.opportunity_id = s.opportunity_id
      WHERE b.sig IS DISTINCT FROM a.sig
      ORDER BY o.key`,
    [runId, ruleSetId],
  );
  const [{ evaluated } = { evaluated: 0 }] = await sql.query<{ evaluated: number }>(
    `SELECT count(DISTINCT opportunity_id)::int AS evaluated FROM credit_allocation WHERE run_id = $1::uuid`,
    [runId],
  );
  const laneTotals = async (table: 'before_rows' | 'after_rows') => {
    const rows = await sql.query<{ lane: Lane; amount: string }>(
      `WITH ${sides} SELECT lane::text AS lane, sum(amount)::text AS amount FROM ${table} GROUP BY lane`,
      [runId, ruleSetId],
    );
    return toLaneAmounts(rows);
  };
  const grouped = async (keyExpr: string, joins: string) => {
    const rows = await sql.query<{ side: 'before' | 'after'; key: string; lane: Lane; amount: string }>(
      `WITH ${sides},
            both_rows AS (SELECT 'before' AS side, * FROM before_rows UNION ALL SELECT 'after' AS side, * FROM after_rows)
       SELECT r.side, ${keyExpr} AS key, r.lane::text AS lane, sum(r.amount)::text AS amount
         FROM both_rows r ${joins}
        GROUP BY r.side, ${keyExpr}, r.lane`,
      [runId, ruleSetId],
    );
    return moved(rows);
  };
  const partners = await grouped(`COALESCE(p.key, '(no partner)')`, 'LEFT JOIN partner p ON p.id = r.partner_id');
  const channels = await grouped(
    `COALESCE(ch.channel, 'none')`,
    `LEFT JOIN LATERAL (
      SELECT t.channel::text AS channel FROM touchpoint t WHERE t.id = ANY(r.contributing_touchpoint_ids)
       ORDER BY t.occurred_at, t.id LIMIT 1) ch ON true`,
  );
  const before = await laneTotals('before_rows');
  const after = await laneTotals('after_rows');

  const changes: OpportunityChange[] = [];
  const examples: Report['examples'] = [];
  const details = await loadDetails(
    sql,
    runId,
    ruleSetId,
    perOpp.map((p) => p.id),
  );
  for (const p of perOpp) {
    const d = details.get(p.id) ?? { before: [], after: [] };
    changes.push({
      opportunityKey: p.key,
      change: p.before_sig === null ? 'added' : p.after_sig === null ? 'removed' : 'changed',
      before: d.before.map(summary),
      after: d.after.map(summary),
    });
    if (examples.length < exampleLimit) {
      examples.push({ opportunityKey: p.key, before: describeAllocations(d.before), after: describeAllocations(d.after) });
    }
  }
  const added = changes.filter((c) => c.change === 'added').length;
  return {
    hasChanges: changes.length > 0,
    opportunities: { evaluated, changed: changes.length - added, added, unchanged: evaluated - changes.length },
    totals: { before, after, delta: diff(before, after) },
    partners,
    channels,
    changes,
    examples,
  };
}

async function loadDetails(sql: SqlClient, runId: string, ruleSetId: string, opportunityIds: string[]) {
  const map = new Map<string, { before: StoredAllocation[]; after: StoredAllocation[] }>();
  if (opportunityIds.length === 0) return map;
  const rows = await sql.query<StoredAllocation & { opportunity_id: string; side: 'before' | 'after' }>(
    `SELECT CASE WHEN ca.run_id = $1::uuid THEN 'after' ELSE 'before' END AS side, ca.opportunity_id::text AS opportunity_id,
            ca.lane::text AS lane, p.key AS partner, ca.role, ca.share::text AS share, ca.amount::text AS amount,
            ${explanationSql('ca')} AS explanation, ca.override_id::text AS override_id, ca.rule_version_number
       FROM credit_allocation ca JOIN rule_version rv ON rv.id = ca.rule_version_id
       LEFT JOIN partner p ON p.id = ca.partner_id
      WHERE ca.opportunity_id = ANY($3::uuid[])
        AND (ca.run_id = $1::uuid OR (ca.is_current AND rv.rule_set_id = $2::uuid))
      ORDER BY ca.lane, p.key NULLS FIRST, ca.role`,
    [runId, ruleSetId, pgArray(opportunityIds)],
  );
  for (const r of rows) {
    const e = map.get(r.opportunity_id) ?? { before: [], after: [] };
    e[r.side].push(r);
    map.set(r.opportunity_id, e);
  }
  return map;
}

function summary(a: StoredAllocation): AllocationSummary {
  return { lane: a.lane, partner: a.partner, role: a.role, share: a.share, amount: a.amount };
}

function toLaneAmounts(rows: { lane: Lane; amount: string }[]): LaneAmounts {
  const out = { ...ZERO };
  for (const r of rows) out[r.lane] = formatAmount(parseAmount(r.amount));
  return out;
}

function diff(before: LaneAmounts, after: LaneAmounts): LaneAmounts {
  return {
    source: formatAmount(parseAmount(after.source) - parseAmount(before.source)),
    influence: formatAmount(parseAmount(after.influence) - parseAmount(before.influence)),
  };
}

function moved(rows: { side: 'before' | 'after'; key: string; lane: Lane; amount: string }[]): MovedCredit[] {
  const map = new Map<string, { before: LaneAmounts; after: LaneAmounts }>();
  for (const r of rows) {
    const e = map.get(r.key) ?? { before: { ...ZERO }, after: { ...ZERO } };
    e[r.side][r.lane] = formatAmount(parseAmount(r.amount));
    map.set(r.key, e);
  }
  const out: MovedCredit[] = [];
  for (const [key, e] of map) {
    const delta = diff(e.before, e.after);
    if (delta.source === '0.00' && delta.influence === '0.00') continue;
    out.push({ key, ...e, delta });
  }
  const magnitude = (m: MovedCredit) => abs(parseAmount(m.delta.source)) + abs(parseAmount(m.delta.influence));
  return out.sort((a, b) => (magnitude(b) === magnitude(a) ? (a.key < b.key ? -1 : 1) : magnitude(b) > magnitude(a) ? 1 : -1));
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}
