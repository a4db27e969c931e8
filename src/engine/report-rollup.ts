// The report rollup writer: keeps the rollup tables (report_rollup,
// report_rollup_month, report_tti_bucket, report_tti_value; the statement is
// ./report-rollup-sql.ts) equal to an aggregate of the current credit, called
// explicitly by every write path that changes current credit or the
// opportunity and touch data the figures read, inside that path's transaction:
//   - a run's switch (runs.ts switchToRun): a rebuild of the rule set for a
//     large switch, or subtract-before / add-after for the run's deals;
//   - a withdrawal (recompute.ts withdrawAllocations): subtract / add;
//   - an opportunity edit (src/ingest/opportunities.ts) or a partner type
//     change (src/ingest/partners.ts): subtract / add for the deals in every
//     rule set;
//   - touch ingestion and soft deletes (src/ingest/touchpoints.ts,
//     withTouchRollupDelta) and CSV imports (src/import/import-file.ts, the
//     deals each entity names): the same.
// The definitions are the scorecard's (src/reports/scorecard.ts): a credited
// allocation names a partner and is not unattributed or disputed; its channel
// is the channel of its earliest contributing touch ('none' without one); a
// group is involved on a deal when it holds non-zero credited credit on it.

import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import { applyRollupSql, deleteEmptiedSql, ROLLUP_TABLES } from './report-rollup-sql.js';

/** The statement runner the writer needs (an SqlClient, or a Prisma transaction adapted). */
export interface RollupSql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A Prisma (transaction) client as a RollupSql. */
export function prismaRollupSql(prisma: {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}): RollupSql {
  return {
    async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      if (/^\s*(SELECT|WITH)/i.test(text)) return prisma.$queryRawUnsafe<T[]>(text, ...params);
      await prisma.$executeRawUnsafe(text, ...params);
      return [];
    },
  };
}

/**
 * Adds (sign 1) or removes (-1) the contribution of the current allocations
 * of these opportunities (null: all) in this rule set (null: every rule set
 * whose rollup is built), then deletes the rows that fell to zero deals.
 */
async function applyRollup(
  sql: RollupSql,
  ruleSetId: string | null,
  opportunityIds: readonly string[] | null,
  sign: 1 | -1,
): Promise<void> {
  await lockRollup(sql);
  const params: unknown[] = [ruleSetId, sign];
  if (opportunityIds !== null) params.push(pgArray(opportunityIds));
  const emptied = await sql.query<{ t: string; row: string }>(applyRollupSql(opportunityIds !== null), params);
  const byTable = new Map<string, string[]>();
  for (const e of emptied) byTable.set(e.t, [...(byTable.get(e.t) ?? []), e.row]);
  for (const [table, rows] of byTable) await sql.query(deleteEmptiedSql(table), [`[${rows.join(',')}]`]);
}

/**
 * Takes the rollup writers' lock until the transaction ends. Every delta moves
 * rows that many deals share (the `all` group, a busy partner's month), in an
 * order no statement can fix across its subtract and add steps: two concurrent
 * writers — ingestion batches on two servers, an import beside a recompute —
 * would otherwise each hold rows the other waits for. Taken before the first
 * rollup row is locked, and never before another lock (the switch's
 * `attrib.switch` lock comes first), so it cannot close a cycle.
 */
async function lockRollup(sql: RollupSql): Promise<void> {
  await sql.query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('attrib.report_rollup'))) AS l`);
}

/** Replaces the rule set's rollup by an aggregate of its current credit (and marks it built). */
export async function rebuildReportRollup(sql: RollupSql, ruleSetId: string): Promise<void> {
  await lockRollup(sql);
  for (const table of Object.keys(ROLLUP_TABLES)) await sql.query(`DELETE FROM ${table} WHERE rule_set_id = $1::uuid`, [ruleSetId]);
  await sql.query(
    `INSERT INTO report_rollup_state (rule_set_id) VALUES ($1::uuid)
     ON CONFLICT (rule_set_id) DO UPDATE SET built_at = CURRENT_TIMESTAMP`,
    [ruleSetId],
  );
  await applyRollup(sql, ruleSetId, null, 1);
}

/** Drops the rule set's rollup: the scorecard reads the rows until the next rebuild. */
export async function dropReportRollup(sql: RollupSql, ruleSetId: string): Promise<void> {
  await lockRollup(sql);
  await sql.query('DELETE FROM report_rollup_state WHERE rule_set_id = $1::uuid', [ruleSetId]);
  for (const table of Object.keys(ROLLUP_TABLES)) await sql.query(`DELETE FROM ${table} WHERE rule_set_id = $1::uuid`, [ruleSetId]);
}

/** Whether the rule set's rollup is built (and so kept by every write path). */
export async function reportRollupBuilt(sql: RollupSql, ruleSetId: string): Promise<boolean> {
  const rows = await sql.query('SELECT 1 FROM report_rollup_state WHERE rule_set_id = $1::uuid', [ruleSetId]);
  return rows.length > 0;
}

/**
 * Runs `change` (which changes the current credit or the opportunity rows of
 * these deals) between removing their contribution from the rollup and adding
 * it back: the rollup moves by exactly their delta. ruleSetId null: every
 * built rule set (an opportunity edit). Call inside the change's transaction.
 */
export async function withRollupDelta<T>(
  sql: RollupSql | null,
  ruleSetId: string | null,
  opportunityIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  if (sql === null || opportunityIds.length === 0) return change();
  await applyRollup(sql, ruleSetId, opportunityIds, -1);
  const result = await change();
  await applyRollup(sql, ruleSetId, opportunityIds, 1);
  return result;
}

/**
 * withRollupDelta for a change of touchpoints: on these opportunities
 * (time-to-insight reads an open deal's latest live touch; the channel
 * grouping an allocation's earliest contributing touch) and, for touches on
 * accounts, on the accounts' opportunities (whose credit may list them).
 */
export async function withTouchRollupDelta<T>(
  sql: RollupSql,
  subjects: { opportunityIds: Iterable<string>; accountIds: Iterable<string> },
  change: () => Promise<T>,
): Promise<T> {
  const deals = new Set(subjects.opportunityIds);
  const accounts = [...subjects.accountIds];
  if (accounts.length > 0) {
    const rows = await sql.query<{ id: string }>('SELECT id::text AS id FROM opportunity WHERE account_id = ANY($1::uuid[])', [
      pgArray(accounts),
    ]);
    for (const r of rows) deals.add(r.id);
  }
  return withRollupDelta(sql, null, [...deals], change);
}
