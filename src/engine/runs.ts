// AttributionRun rows: queued → running → succeeded | failed, progress
// counters and heartbeat, the sweep that fails runs whose process died, and
// the atomic switch that makes a run's allocations the current ones.
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import type { RunKind } from '../generated/prisma/client.js';
import type { SqlClient } from './db.js';
import { arrayLiteral as pgArray } from '../db/sql-arrays.js';
import { dropReportRollup, rebuildReportRollup, reportRollupBuilt, withRollupDelta } from './report-rollup.js';
import type { RunScope } from './scope.js';

/** A run whose heartbeat is older than this is presumed dead. */
export const DEFAULT_STALE_AFTER_MS = 60_000;
/**
 * A run executed as jobs is presumed dead only after this long without a
 * heartbeat: a killed worker's partition waits for the job queue's expiry
 * (ATTRIB_JOB_EXPIRE_SECONDS) before another worker retries it.
 */
const JOBS_STALE_AFTER_MS = 60 * 60_000;
/** How often a live run refreshes its heartbeat, even inside a long batch. */
export const HEARTBEAT_EVERY_MS = 5_000;

export interface StoredScope extends RunScope {
  /** The run's as-of instant (ISO): rules never read the clock. */
  asOf: string;
}

export async function createRun(
  sql: SqlClient,
  input: {
    ruleVersionId: string;
    kind: RunKind;
    scope: StoredScope;
    triggeredBy: string;
    partitions: number;
    /** in_process (default): this process runs every partition; jobs: partitions are jobs (./partitioned-run.ts). */
    execution?: 'in_process' | 'jobs';
  },
): Promise<{ id: string; createdAt: Date }> {
  const execution = input.execution ?? 'in_process';
  return sql.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; created_at: Date }>(
      `INSERT INTO attribution_run (id, rule_version_id, kind, scope, status, partitions, triggered_by, execution)
       VALUES (gen_random_uuid(), $1::uuid, $2::"RunKind", $3::jsonb, 'queued', $4, $5, $6)
       RETURNING id::text AS id, created_at`,
      [input.ruleVersionId, input.kind, JSON.stringify(input.scope), input.partitions, input.triggeredBy, execution],
    );
    await recordAudit(sqlAuditWriter(tx), {
      actor: input.triggeredBy,
      action: 'run.start',
      entityType: 'AttributionRun',
      entityId: row!.id,
      after: {
        ruleVersionId: input.ruleVersionId,
        kind: input.kind,
        scope: input.scope,
        partitions: input.partitions,
        ...(execution === 'jobs' ? { execution } : {}),
      },
    });
    return { id: row!.id, createdAt: row!.created_at };
  });
}

export async function markRunning(sql: SqlClient, runId: string, total: number): Promise<void> {
  await sql.query(
    `UPDATE attribution_run SET status = 'running', started_at = now(), heartbeat_at = now(), opportunities_total = $2
      WHERE id = $1::uuid`,
    [runId, total],
  );
}

export async function heartbeat(sql: SqlClient, runId: string): Promise<void> {
  await sql.query(`UPDATE attribution_run SET heartbeat_at = now() WHERE id = $1::uuid AND status = 'running'`, [runId]);
}

/** Marks the run failed and removes its (never current) allocations. */
export async function markFailed(sql: SqlClient, runId: string, error: string, actor: string, keepAllocations = false): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(
      `UPDATE attribution_run SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1::uuid AND status IN ('queued', 'running')`,
      [runId, error.slice(0, 4000)],
    );
    if (!keepAllocations) await tx.query('DELETE FROM credit_allocation WHERE run_id = $1::uuid AND NOT is_current', [runId]);
    await recordAudit(sqlAuditWriter(tx), { actor, action: 'run.fail', entityType: 'AttributionRun', entityId: runId, after: { error } });
  });
}

/**
 * Fails queued/running runs whose heartbeat is older than `staleAfterMs`
 * (their process died or was killed) and deletes their partial allocations,
 * which were never current. Returns the ids it failed.
 */
export async function failStaleRuns(sql: SqlClient, staleAfterMs: number, actor: string): Promise<string[]> {
  return sql.transaction(async (tx) => {
    const stale = await tx.query<{ id: string; last: Date }>(
      `UPDATE attribution_run
          SET status = 'failed', finished_at = now(),
              error = 'no heartbeat since ' || to_char(COALESCE(heartbeat_at, started_at, created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                      || ': the process running it died or was killed; its partial results were discarded and current results were never touched'
        WHERE status IN ('queued', 'running')
          AND COALESCE(heartbeat_at, started_at, created_at)
              < now() - (CASE WHEN execution = 'jobs' THEN $2::bigint ELSE $1::bigint END * interval '1 millisecond')
        RETURNING id::text AS id, COALESCE(heartbeat_at, started_at, created_at) AS last`,
      [Math.max(0, Math.floor(staleAfterMs)), Math.max(staleAfterMs, JOBS_STALE_AFTER_MS)],
    );
    if (stale.length === 0) return [];
    const ids = stale.map((s) => s.id);
    await tx.query('DELETE FROM credit_allocation WHERE run_id = ANY($1::uuid[]) AND NOT is_current', [pgArray(ids)]);
    await recordAudit(
      sqlAuditWriter(tx),
      ...stale.map((s) => ({
        actor,
        action: 'run.fail',
        entityType: 'AttributionRun',
        entityId: s.id,
        after: { error: 'stale heartbeat', lastHeartbeat: s.last },
      })),
    );
    return ids;
  });
}

export class RunLostError extends Error {
  readonly code = 'RUN_LOST';
  constructor(readonly runId: string) {
    super(
      `run ${runId} was marked failed by another process while it ran (its heartbeat looked stale); its results were not published — run again`,
    );
    this.name = 'RunLostError';
  }
}

/**
 * Up to this many attributed opportunities, the switch finds the credit it
 * replaces by index probes per opportunity; above it, by one hash join over
 * the rule set's current rows (what a full run needs). Without the split a
 * small incremental run (the recompute queue's usual run: a few hundred
 * opportunities) scanned every current allocation of the table.
 */
const SMALL_SWITCH = 10_000;

/**
 * The atomic switch, in ONE transaction: for every opportunity this run
 * attributed, the rule set's current allocations become not current and this
 * run's become current — unless a newer run (created later) of the same rule
 * set already published that opportunity, whose fresher result stays.
 * Switches of one rule set are serialised by an advisory lock.
 */
export async function switchToRun(
  sql: SqlClient,
  input: {
    runId: string;
    ruleSetId: string;
    actor: string;
    summary: Record<string, unknown>;
    /** Opportunities the run attributed (chooses the plan of the switch; see SMALL_SWITCH). */
    opportunities?: number;
    /** false: skip the report rollup write and drop the rule set's rollup (the scorecard then reads the rows; benches). */
    rollup?: boolean;
  },
): Promise<{ replaced: number; published: number }> {
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('attrib.switch'), hashtext($1))`, [input.ruleSetId]);
    // "A newer run already published this opportunity", as an anti-join
    // (NOT EXISTS) rather than NOT IN (subquery): NOT IN is only fast while
    // the planner hashes the whole subquery in work_mem, and degrades to a
    // nested scan per row when it estimates millions of current rows.
    // Usually no run of the rule set was created after this one: then no
    // newer run can have published anything (its rows become current only
    // through its own switch, serialised by the lock held here), the
    // condition is true for every row, and both UPDATEs skip the anti-join
    // (an index probe per row, and a scan of every current row).
    const [{ newer }] = (await tx.query<{ newer: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM attribution_run r2
           JOIN rule_version rv2 ON rv2.id = r2.rule_version_id
           JOIN attribution_run me ON me.id = $1::uuid
          WHERE rv2.rule_set_id = $2::uuid AND r2.id <> me.id AND (r2.created_at, r2.id) > (me.created_at, me.id)) AS newer`,
      [input.runId, input.ruleSetId],
    )) as [{ newer: boolean }];
    // (An allocation's rule_version_id is its run's: a run writes only its own version's rows.)
    const newerPublished = (outer: string) =>
      !newer
        ? 'true'
        : `
      NOT EXISTS (
        SELECT 1 FROM credit_allocation ca2
          JOIN attribution_run r2 ON r2.id = ca2.run_id
          JOIN rule_version rv2 ON rv2.id = ca2.rule_version_id
          JOIN attribution_run me ON me.id = $1::uuid
         WHERE ca2.opportunity_id = ${outer}.opportunity_id AND ca2.is_current
           AND rv2.rule_set_id = $2::uuid AND ca2.run_id <> me.id
           AND (r2.created_at, r2.id) > (me.created_at, me.id))`;
    // The run's opportunities: for a small run unnested from one array, so
    // the plan probes (opportunity_id, is_current) per opportunity; for a
    // large one as a relation to hash against the rule set's current rows.
    const small = input.opportunities !== undefined && input.opportunities <= SMALL_SWITCH;
    // The report rollup moves with the credit (src/engine/report-rollup.ts):
    // a small switch by the delta of its deals, a large one (or the first
    // switch of the rule set) by a rebuild after the switch.
    const rollup = input.rollup === false ? 'drop' : small && (await reportRollupBuilt(tx, input.ruleSetId)) ? 'delta' : 'rebuild';
    const deals =
      rollup === 'delta'
        ? (
            await tx.query<{ id: string }>(`SELECT DISTINCT opportunity_id::text AS id FROM credit_allocation WHERE run_id = $1::uuid`, [
              input.runId,
            ])
          ).map((r) => r.id)
        : [];
    const switched = await withRollupDelta(rollup === 'delta' ? tx : null, input.ruleSetId, deals, async () => {
      const replaced = await tx.query<{ n: number }>(
        small
          ? `WITH updated AS (
              UPDATE credit_allocation ca SET is_current = false
                FROM rule_version rv,
                     unnest((SELECT array_agg(DISTINCT opportunity_id) FROM credit_allocation WHERE run_id = $1::uuid)) AS mine(opportunity_id)
               WHERE rv.id = ca.rule_version_id AND rv.rule_set_id = $2::uuid AND ca.is_current
                 AND ca.opportunity_id = mine.opportunity_id
                 AND ${newerPublished('ca')}
              RETURNING 1)
       SELECT count(*)::int AS n FROM updated`
          : `WITH mine AS (SELECT DISTINCT opportunity_id FROM credit_allocation WHERE run_id = $1::uuid),
            updated AS (
              UPDATE credit_allocation ca SET is_current = false
                FROM rule_version rv
               WHERE rv.id = ca.rule_version_id AND rv.rule_set_id = $2::uuid AND ca.is_current
                 AND ca.opportunity_id IN (SELECT opportunity_id FROM mine)
                 AND ${newerPublished('ca')}
              RETURNING 1)
       SELECT count(*)::int AS n FROM updated`,
        [input.runId, input.ruleSetId],
      );
      const published = await tx.query<{ n: number }>(
        `WITH updated AS (
         UPDATE credit_allocation ca SET is_current = true
          WHERE ca.run_id = $1::uuid AND ${newerPublished('ca')}
         RETURNING 1)
       SELECT count(*)::int AS n FROM updated`,
        newer ? [input.runId, input.ruleSetId] : [input.runId],
      );
      return { replaced, published };
    });
    const { replaced, published } = switched;
    if (rollup === 'rebuild') await rebuildReportRollup(tx, input.ruleSetId);
    if (rollup === 'drop') await dropReportRollup(tx, input.ruleSetId);
    const done = await tx.query<{ id: string }>(
      `UPDATE attribution_run SET status = 'succeeded', finished_at = now(), heartbeat_at = now()
        WHERE id = $1::uuid AND status = 'running' RETURNING id::text AS id`,
      [input.runId],
    );
    if (done.length === 0) throw new RunLostError(input.runId);
    const result = { replaced: replaced[0]?.n ?? 0, published: published[0]?.n ?? 0 };
    await recordAudit(sqlAuditWriter(tx), {
      actor: input.actor,
      action: 'run.finish',
      entityType: 'AttributionRun',
      entityId: input.runId,
      after: { ...input.summary, ...result },
    });
    return result;
  });
}

/** Finishes a run whose results are not published (preview). */
export async function finishWithoutSwitch(sql: SqlClient, runId: string, actor: string, summary: Record<string, unknown>): Promise<void> {
  await sql.transaction(async (tx) => {
    const done = await tx.query<{ id: string }>(
      `UPDATE attribution_run SET status = 'succeeded', finished_at = now(), heartbeat_at = now()
        WHERE id = $1::uuid AND status = 'running' RETURNING id::text AS id`,
      [runId],
    );
    if (done.length === 0) throw new RunLostError(runId);
    await recordAudit(sqlAuditWriter(tx), { actor, action: 'run.finish', entityType: 'AttributionRun', entityId: runId, after: summary });
  });
}
