// Runs executed as jobs: a run split into partitions (hash of the opportunity
// id, the same predicate in-process runs use), each one job that any worker
// process may take (src/jobs: pg-boss on PostgreSQL, `attrib worker`).
//
//   enqueueRun       prepares the run like startRun, creates it `running`
//                    with one run_partition row per partition, and hands the
//                    partitions to the job queue.
//   runPartitionJob  what a worker does with one job: claim the partition
//                    (a new attempt: the slice's rows and counters of any
//                    earlier attempt are deleted first), stream it through
//                    the same pipeline as an in-process run with fenced
//                    writes, mark it succeeded; whoever completes the last
//                    partition switches the run to current (./runs.ts
//                    switchToRun), so the switch happens once, atomically,
//                    and only when every partition succeeded.
//   awaitRun         polls the run row (progress for the CLI) until it ends.
//
// A worker killed mid-partition leaves the job active; the queue's expiry
// hands it to another worker, whose new attempt fences out anything the old
// one might still write. A partition that fails on its final attempt fails
// the run (its rows deleted, current results untouched).
import { RunFailedError } from './errors.js';
import { compileCached, defaultRulesLanguage, type RulesLanguage } from './compile.js';
import type { EngineDb, SqlClient } from './db.js';
import { inlineEvaluator } from './evaluator.js';
import { loadVersionInfo, prepareRun, streamPartition, type RunSummary, type StartRunOptions } from './run.js';
import {
  createRun,
  finishWithoutSwitch,
  heartbeat,
  HEARTBEAT_EVERY_MS,
  markFailed,
  markRunning,
  RunLostError,
  switchToRun,
  type StoredScope,
} from './runs.js';
import { isUnrestricted, OpportunityFilter, type RunScope } from './scope.js';
import { hasActiveOverrides, insertAllocations, PartnerDirectory, supportsLz4 } from './store.js';

/** One job: one partition of one run. */
export interface PartitionJob {
  runId: string;
  partition: number;
  /** Opportunities per batch. */
  batchSize: number;
}

/** Where partitions go: the job engine (src/jobs) implements it. */
export interface PartitionQueue {
  enqueue(jobs: readonly PartitionJob[]): Promise<void>;
}

/** Opportunities per partition by default: a partition is one job, small enough to retry cheaply. */
const DEFAULT_PARTITION_SIZE = 20_000;
export const MAX_PARTITIONS = 1024;

interface EnqueueRunOptions extends Omit<StartRunOptions, 'onProgress' | 'onStarted' | 'workers' | 'language'> {
  /** Partitions (jobs) of the run; default one per DEFAULT_PARTITION_SIZE opportunities, at least 1. */
  partitions?: number;
}

/** Creates the run, its partitions, and their jobs. Returns once every job is queued. */
export async function enqueueRun(
  db: EngineDb,
  queue: PartitionQueue,
  options: EnqueueRunOptions,
): Promise<{ runId: string; partitions: number; total: number }> {
  if (options.kind === 'incremental') throw new Error('incremental runs are executed by the recompute queue, not as partition jobs');
  const { version, scope, asOf, batchSize, total } = await prepareRun(db, options);
  const partitions = Math.min(MAX_PARTITIONS, Math.max(1, Math.floor(options.partitions ?? Math.ceil(total / DEFAULT_PARTITION_SIZE))));
  const storedScope: StoredScope = {
    ...scope,
    asOf: asOf.toISOString(),
    ...(options.ignoreEffectiveWindow ? { ignoreEffectiveWindow: true } : {}),
  };
  const sql = db.sql;
  const run = await createRun(sql, {
    ruleVersionId: version.id,
    kind: options.kind,
    scope: storedScope,
    triggeredBy: options.triggeredBy,
    partitions,
    execution: 'jobs',
  });
  await sql.transaction(async (tx) => {
    await tx.query(`INSERT INTO run_partition (run_id, partition) SELECT $1::uuid, p FROM generate_series(0, $2::int - 1) AS p`, [
      run.id,
      partitions,
    ]);
    await markRunning(tx, run.id, total);
  });
  try {
    await queue.enqueue(Array.from({ length: partitions }, (_, partition) => ({ runId: run.id, partition, batchSize })));
  } catch (err) {
    await markFailed(sql, run.id, `its partitions could not be queued: ${(err as Error).message}`, options.triggeredBy).catch(
      () => undefined,
    );
    throw new RunFailedError(run.id, (err as Error).message, err);
  }
  return { runId: run.id, partitions, total };
}

export type PartitionOutcome =
  /** The run is no longer running (finished, failed, or gone): nothing to do. */
  | { state: 'skipped'; reason: string }
  /** This attempt wrote the partition; `switched` when it completed the run. */
  | { state: 'done'; attempt: number; opportunities: number; switched: boolean };

interface ClaimedPartition {
  attempt: number;
  partitions: number;
  kind: string;
  ruleVersionId: string;
  scope: StoredScope & { ignoreEffectiveWindow?: boolean };
  triggeredBy: string;
}

/** A json/jsonb column as drivers return it: parsed already (PostgreSQL) or as text. */
function jsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** The predicate of partition p of P over credit_allocation rows (the same hash as OpportunityFilter.partition). */
const ALLOCATION_IN_PARTITION = `mod(hashtext(opportunity_id::text)::bigint + 2147483648, $2::bigint) = $3::bigint`;

/**
 * Takes the partition for a new attempt: deletes what an earlier attempt
 * wrote (rows and counters) and bumps `attempt`, which fences that attempt's
 * writes out. 'succeeded' when the partition already succeeded (its job is
 * a retry after the worker died before completing the run); `skip` with the
 * reason when the run no longer runs.
 */
async function claimPartition(
  sql: SqlClient,
  job: PartitionJob,
  worker: string,
): Promise<ClaimedPartition | 'succeeded' | { skip: string }> {
  return sql.transaction(async (tx) => {
    const [run] = await tx.query<{
      status: string;
      partitions: number;
      kind: string;
      rule_version_id: string;
      scope: unknown;
      triggered_by: string;
    }>(
      `SELECT status::text AS status, partitions, kind::text AS kind, rule_version_id::text AS rule_version_id, scope, triggered_by
         FROM attribution_run WHERE id = $1::uuid FOR UPDATE`,
      [job.runId],
    );
    if (!run) return { skip: `run ${job.runId} does not exist` };
    if (run.status !== 'running') return { skip: `run ${job.runId} is ${run.status}` };
    const [part] = await tx.query<{ status: string; attempt: number; opportunities_done: number; allocations_written: number }>(
      `SELECT status, attempt, opportunities_done, allocations_written FROM run_partition
        WHERE run_id = $1::uuid AND partition = $2 FOR UPDATE`,
      [job.runId, job.partition],
    );
    if (!part) return { skip: `run ${job.runId} has no partition ${job.partition}` };
    if (part.status === 'succeeded') return 'succeeded';
    if (part.attempt > 0) {
      await tx.query(`DELETE FROM credit_allocation WHERE run_id = $1::uuid AND NOT is_current AND ${ALLOCATION_IN_PARTITION}`, [
        job.runId,
        run.partitions,
        job.partition,
      ]);
      await tx.query(
        `UPDATE attribution_run SET opportunities_done = opportunities_done - $2, allocations_written = allocations_written - $3
          WHERE id = $1::uuid`,
        [job.runId, part.opportunities_done, part.allocations_written],
      );
    }
    const [claimed] = await tx.query<{ attempt: number }>(
      `UPDATE run_partition
          SET attempt = attempt + 1, status = 'running', worker = $3, started_at = now(), heartbeat_at = now(),
              finished_at = NULL, opportunities_done = 0, allocations_written = 0
        WHERE run_id = $1::uuid AND partition = $2
        RETURNING attempt`,
      [job.runId, job.partition, worker],
    );
    await tx.query(`UPDATE attribution_run SET heartbeat_at = now() WHERE id = $1::uuid`, [job.runId]);
    const scope = jsonColumn<ClaimedPartition['scope']>(run.scope);
    return {
      attempt: claimed!.attempt,
      partitions: run.partitions,
      kind: run.kind,
      ruleVersionId: run.rule_version_id,
      scope,
      triggeredBy: run.triggered_by,
    };
  });
}

interface RunPartitionOptions {
  /** Names the worker in run_partition.worker (host:pid). */
  worker: string;
  /** This is the job's last attempt: a failure fails the run. */
  finalAttempt: boolean;
  language?: RulesLanguage;
}

/** Executes one partition job (see the file comment). */
export async function runPartitionJob(db: EngineDb, job: PartitionJob, options: RunPartitionOptions): Promise<PartitionOutcome> {
  const sql = db.sql;
  const claim = await claimPartition(sql, job, options.worker);
  if (claim === 'succeeded') {
    const switched = await completeRunIfDone(sql, job.runId);
    return { state: 'done', attempt: 0, opportunities: 0, switched };
  }
  if ('skip' in claim) return { state: 'skipped', reason: claim.skip };
  const beat = setInterval(() => {
    heartbeat(sql, job.runId).catch(() => undefined);
    sql
      .query(`UPDATE run_partition SET heartbeat_at = now() WHERE run_id = $1::uuid AND partition = $2 AND attempt = $3`, [
        job.runId,
        job.partition,
        claim.attempt,
      ])
      .catch(() => undefined);
  }, HEARTBEAT_EVERY_MS);
  beat.unref();
  try {
    const version = await loadVersionInfo(sql, claim.ruleVersionId);
    const language = options.language ?? (await defaultRulesLanguage());
    const evaluator = inlineEvaluator(compileCached(language, version.source, version.vocabulary));
    const { asOf, ignoreEffectiveWindow, ...scope } = claim.scope;
    const window = ignoreEffectiveWindow ? { effectiveFrom: null, effectiveTo: null } : version.window;
    const runScope: RunScope = scope;
    const partners = new PartnerDirectory(sql);
    const writeOptions = { lz4: await supportsLz4(sql) };
    const readOverrides = await hasActiveOverrides(sql, version.ruleSetKey);
    const tags = { runId: job.runId, ruleVersionId: version.id, ruleVersionNumber: version.version, sourceHash: version.sourceHash };
    const fence = { partition: job.partition, attempt: claim.attempt };
    let opportunities = 0;
    try {
      await streamPartition({
        sql,
        evaluator,
        asOf: new Date(asOf),
        batchSize: job.batchSize,
        fullScan: isUnrestricted(runScope),
        partitions: claim.partitions,
        filter: () => new OpportunityFilter().scope(runScope).window(window).partition(job.partition, claim.partitions),
        overridesOf: readOverrides ? version.ruleSetKey : null,
        aborted: () => false,
        write: async (rows, n) => {
          await insertAllocations(sql, tags, rows, partners, { opportunities: n, fence }, writeOptions);
          opportunities += n;
        },
      });
    } finally {
      await evaluator.close();
    }
    const finished = await sql.transaction(async (tx) => {
      // The run row's lock orders the partitions' completions: exactly one
      // sees no partition left, and it is the one that switches.
      await tx.query(`SELECT 1 FROM attribution_run WHERE id = $1::uuid FOR UPDATE`, [job.runId]);
      const marked = await tx.query(
        `UPDATE run_partition SET status = 'succeeded', finished_at = now(), heartbeat_at = now()
          WHERE run_id = $1::uuid AND partition = $2 AND attempt = $3 AND status = 'running' RETURNING 1`,
        [job.runId, job.partition, claim.attempt],
      );
      return marked.length === 1;
    });
    if (!finished) return { state: 'skipped', reason: `partition ${job.partition} of run ${job.runId} was taken over by a newer attempt` };
    const switched = await completeRunIfDone(sql, job.runId);
    return { state: 'done', attempt: claim.attempt, opportunities, switched };
  } catch (err) {
    if (options.finalAttempt) {
      const reason = `partition ${job.partition} failed on its last attempt: ${(err as Error)?.message ?? String(err)}`;
      await markFailed(sql, job.runId, reason, claim.triggeredBy).catch(() => undefined);
    }
    throw err;
  } finally {
    clearInterval(beat);
  }
}

/** Switches the run to current when every partition succeeded and it still runs; true when this call switched it. */
async function completeRunIfDone(sql: SqlClient, runId: string): Promise<boolean> {
  const [state] = await sql.query<{
    status: string;
    kind: string;
    left: number;
    rule_set_id: string;
    rule_set_key: string;
    version: number | null;
    source_hash: string;
    opportunities: number;
    allocations: number;
    scope: unknown;
    triggered_by: string;
    partitions: number;
  }>(
    `SELECT r.status::text AS status, r.kind::text AS kind, r.partitions, r.triggered_by, r.scope,
            r.opportunities_done AS opportunities, r.allocations_written AS allocations,
            rv.rule_set_id::text AS rule_set_id, rs.key AS rule_set_key, rv.version, rv.source_hash,
            (SELECT count(*)::int FROM run_partition rp WHERE rp.run_id = r.id AND rp.status <> 'succeeded') AS left
       FROM attribution_run r JOIN rule_version rv ON rv.id = r.rule_version_id JOIN rule_set rs ON rs.id = rv.rule_set_id
      WHERE r.id = $1::uuid`,
    [runId],
  );
  if (state?.status !== 'running' || state.left > 0) return false;
  const [{ n: overridesApplied }] = (await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM credit_allocation WHERE run_id = $1::uuid AND override_id IS NOT NULL`,
    [runId],
  )) as [{ n: number }];
  const scope = jsonColumn<StoredScope>(state.scope);
  const summary = {
    opportunities: state.opportunities,
    allocations: state.allocations,
    asOf: scope.asOf,
    overridesApplied,
    ruleSet: state.rule_set_key,
    version: state.version,
    sourceHash: state.source_hash,
    partitions: state.partitions,
    execution: 'jobs',
  };
  try {
    if (state.kind === 'preview') {
      await finishWithoutSwitch(sql, runId, state.triggered_by, summary);
    } else {
      await switchToRun(sql, {
        runId,
        ruleSetId: state.rule_set_id,
        actor: state.triggered_by,
        summary,
        opportunities: state.opportunities,
      });
    }
    return true;
  } catch (err) {
    // Another worker completed it at the same moment (a retried last job).
    if (err instanceof RunLostError) return false;
    throw err;
  }
}

interface AwaitRunOptions {
  onProgress?: (p: { runId: string; done: number; total: number; allocations: number; partitionsLeft: number }) => void;
  pollMs?: number;
}

/** Waits for a run executed as jobs to end; resolves with its summary, rejects with RunFailedError. */
export async function awaitRun(sql: SqlClient, runId: string, options: AwaitRunOptions = {}): Promise<RunSummary> {
  const started = Date.now();
  for (;;) {
    const [r] = await sql.query<{
      status: string;
      kind: 'full' | 'incremental' | 'preview';
      total: number;
      done: number;
      allocations: number;
      error: string | null;
      rule_version_id: string;
      rule_set_key: string;
      version: number | null;
      source_hash: string;
      partitions: number;
      scope: unknown;
      left: number;
    }>(
      `SELECT r.status::text AS status, r.kind::text AS kind, r.opportunities_total AS total, r.opportunities_done AS done,
              r.allocations_written AS allocations, r.error, r.rule_version_id::text AS rule_version_id, rs.key AS rule_set_key,
              rv.version, rv.source_hash, r.partitions, r.scope,
              (SELECT count(*)::int FROM run_partition rp WHERE rp.run_id = r.id AND rp.status <> 'succeeded') AS left
         FROM attribution_run r JOIN rule_version rv ON rv.id = r.rule_version_id JOIN rule_set rs ON rs.id = rv.rule_set_id
        WHERE r.id = $1::uuid`,
      [runId],
    );
    if (!r) throw new RunFailedError(runId, `run ${runId} does not exist`);
    options.onProgress?.({ runId, done: r.done, total: r.total, allocations: r.allocations, partitionsLeft: r.left });
    if (r.status === 'failed' || r.status === 'superseded') throw new RunFailedError(runId, r.error ?? `run ${runId} ${r.status}`);
    if (r.status === 'succeeded') {
      // What the switch published is in the run.finish audit event (read once, at the end).
      const [event] = await sql.query<{ after: unknown }>(
        `SELECT after FROM audit_event WHERE entity_type = 'AttributionRun' AND entity_id = $1 AND action = 'run.finish'
          ORDER BY at DESC LIMIT 1`,
        [runId],
      );
      const finish = jsonColumn<Record<string, unknown> | null>(event?.after ?? null) ?? {};
      const scope = jsonColumn<StoredScope>(r.scope);
      return {
        runId,
        kind: r.kind,
        status: 'succeeded',
        ruleVersionId: r.rule_version_id,
        ruleSetKey: r.rule_set_key,
        version: r.version,
        sourceHash: r.source_hash,
        opportunities: r.done,
        allocations: r.allocations,
        replaced: Number(finish.replaced ?? 0),
        published: Number(finish.published ?? 0),
        partitions: r.partitions,
        overridesApplied: Number(finish.overridesApplied ?? 0),
        asOf: scope.asOf,
        durationMs: Date.now() - started,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
