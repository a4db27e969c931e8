// An attribution run: one rule version over the opportunities its effective
// window (and the optional scope) selects.
//
//   1. Fail runs whose process died (stale heartbeat); their partial rows go.
//   2. Create the run (queued, audit "run.start"), count, mark running.
//   3. Stream opportunities per partition in keyset-paginated batches,
//      pipelined (./pipeline.ts: on PostgreSQL the next two batches are read
//      and up to two earlier ones written while batch k is evaluated); per batch: load facts and overrides (4 queries, the page
//      query doubling as keyset pagination), evaluate (inline or on worker
//      threads), apply active overrides, check the invariants, insert the
//      allocations as NOT current and bump progress counters and heartbeat
//      in the same statement.
//   4. Switch readers atomically (./runs.ts switchToRun) — preview runs skip
//      this and stay invisible to readers.
// Any failure marks the run failed and deletes its rows; current results are
// untouched. Evaluation never reads the clock: asOf is fixed at the start
// and stored in the run's scope, so the same data and version give the same
// allocations, byte for byte.
import { vocabularyOfSnapshot, type Vocabulary } from '../domain/taxonomy.js';
import type { OpportunityFacts } from '../domain/attribution.js';
import type { RunKind } from '../generated/prisma/client.js';
import { NotPublishedError, RuleVersionNotFoundError, RunFailedError } from './errors.js';
import { allocationRows, type AllocationRow } from './allocations.js';
import { compileCached, defaultRulesLanguage, type RuleProgram, type RulesLanguage } from './compile.js';
import type { EngineDb, SqlClient } from './db.js';
import { inlineEvaluator, type BatchEvaluator } from './evaluator.js';
import { completeFacts, loadOpportunityPage, loadOpportunitySpan, type OpportunityPage } from './facts.js';
import { assertAttributionSound } from './invariants.js';
import { runPipeline, type PipelineDepth } from './pipeline.js';
import { applyOverrides, fromRuleResult, type EngineAttribution, type OverrideFacts } from './overrides.js';
import {
  createRun,
  DEFAULT_STALE_AFTER_MS,
  failStaleRuns,
  finishWithoutSwitch,
  heartbeat,
  HEARTBEAT_EVERY_MS,
  markFailed,
  markRunning,
  switchToRun,
  type StoredScope,
} from './runs.js';
import {
  countOpportunities,
  isUnrestricted,
  OpportunityFilter,
  ScopeError,
  unknownOpportunityKeys,
  validateScope,
  type RunScope,
  type VersionWindow,
} from './scope.js';
import { hasActiveOverrides, insertAllocations, loadActiveOverrides, PartnerDirectory, supportsLz4 } from './store.js';

export interface RunProgress {
  runId: string;
  done: number;
  total: number;
  allocations: number;
}

export interface StartRunOptions {
  ruleVersionId: string;
  kind: RunKind;
  scope?: RunScope;
  triggeredBy: string;
  /** The instant rules evaluate "now" at; default: when the run starts. */
  asOf?: Date | string;
  /** Called after each batch; a returned promise is awaited (back-pressure). */
  onProgress?: (progress: RunProgress) => void | Promise<void>;
  /** Called once the run row exists. */
  onStarted?: (runId: string) => void;
  /** Opportunities per batch (default 500). */
  batchSize?: number;
  /** Partitions (hash of opportunity id) processed concurrently (default 1 on PGlite or for ≤ batchSize opportunities, else 2). */
  partitions?: number;
  /** Evaluate on this many worker threads (default: none). Needs the default rules language. */
  workers?: number;
  /** Runs without heartbeat for this long are failed first (default 60 s). */
  staleAfterMs?: number;
  /** Rules language (default: src/dsl). */
  language?: RulesLanguage;
  /** Ignore the version's effective window (previews of what-if drafts). */
  ignoreEffectiveWindow?: boolean;
}

export interface RunSummary {
  runId: string;
  kind: RunKind;
  status: 'succeeded';
  ruleVersionId: string;
  ruleSetKey: string;
  version: number | null;
  sourceHash: string;
  opportunities: number;
  allocations: number;
  /** Current allocations replaced / published by the switch (0 for previews). */
  replaced: number;
  published: number;
  partitions: number;
  /** Allocations that come from approved overrides (also in the run.finish audit event). */
  overridesApplied: number;
  asOf: string;
  durationMs: number;
}

export interface VersionInfo {
  id: string;
  ruleSetId: string;
  ruleSetKey: string;
  version: number | null;
  status: string;
  source: string;
  sourceHash: string;
  window: VersionWindow;
  /** The taxonomy the version was checked against (its snapshot; the defaults for versions without one). */
  vocabulary: Vocabulary;
}

export async function loadVersionInfo(sql: SqlClient, ruleVersionId: string): Promise<VersionInfo> {
  const rows = await sql.query<{
    id: string;
    rule_set_id: string;
    key: string;
    version: number | null;
    status: string;
    source: string;
    source_hash: string;
    effective_from: string | null;
    effective_to: string | null;
    taxonomy: unknown;
  }>(
    `SELECT rv.id::text AS id, rv.rule_set_id::text AS rule_set_id, rs.key, rv.version, rv.status::text AS status,
            rv.source, rv.source_hash, rv.effective_from, rv.effective_to, rv.taxonomy
       FROM rule_version rv JOIN rule_set rs ON rs.id = rv.rule_set_id
      WHERE rv.id = $1::uuid`,
    [ruleVersionId],
  );
  const r = rows[0];
  if (!r) throw new RuleVersionNotFoundError(ruleVersionId);
  return {
    id: r.id,
    ruleSetId: r.rule_set_id,
    ruleSetKey: r.key,
    version: r.version,
    status: r.status,
    source: r.source,
    sourceHash: r.source_hash,
    window: { effectiveFrom: r.effective_from, effectiveTo: r.effective_to },
    vocabulary: vocabularyOfSnapshot(typeof r.taxonomy === 'string' ? JSON.parse(r.taxonomy) : r.taxonomy),
  };
}

/** Opportunities per batch: big enough to amortise round trips, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 500;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a run needs before its row exists: the version, its program, the scope, the filter and the count. */
export interface PreparedRun {
  version: VersionInfo;
  program: RuleProgram;
  scope: RunScope;
  asOf: Date;
  batchSize: number;
  filterFor: (partition: number, partitions: number) => OpportunityFilter;
  total: number;
}

/**
 * Validates the version, scope and as-of time, compiles the rules, fails
 * stale runs and counts the opportunities: everything a run does before its
 * row is created (shared by in-process runs and runs executed as jobs).
 */
export async function prepareRun(db: EngineDb, options: StartRunOptions): Promise<PreparedRun> {
  const sql = db.sql;
  if (!UUID_RE.test(options.ruleVersionId)) throw new RuleVersionNotFoundError(options.ruleVersionId);
  const version = await loadVersionInfo(sql, options.ruleVersionId);
  if (options.kind !== 'preview' && version.status !== 'published') throw new NotPublishedError(version.id, version.status);
  const scope = validateScope({ ...(options.scope ?? {}) });
  if (scope.opportunityKeys) {
    const unknown = await unknownOpportunityKeys(sql, scope.opportunityKeys);
    if (unknown.length)
      throw new ScopeError(
        `no opportunit${unknown.length > 1 ? 'ies' : 'y'} with key ${unknown.join(', ')}; check the keys (attrib export lists them)`,
      );
  }
  const asOf = options.asOf === undefined ? new Date() : new Date(options.asOf);
  if (Number.isNaN(asOf.getTime())) throw new ScopeError(`asOf "${String(options.asOf)}" is not a date-time`);
  const language = options.language ?? (await defaultRulesLanguage());
  const program = compileCached(language, version.source, version.vocabulary);

  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  await failStaleRuns(sql, staleAfterMs, options.triggeredBy);

  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const window = options.ignoreEffectiveWindow ? { effectiveFrom: null, effectiveTo: null } : version.window;
  const filterFor = (partition: number, partitions: number) =>
    new OpportunityFilter().scope(scope).window(window).partition(partition, partitions);
  const total = await countOpportunities(sql, filterFor(0, 1));
  return { version, program, scope, asOf, batchSize, filterFor, total };
}

export async function startRun(db: EngineDb, options: StartRunOptions): Promise<RunSummary> {
  const started = Date.now();
  const sql = db.sql;
  const { version, program, scope, asOf, batchSize, filterFor, total } = await prepareRun(db, options);
  // PGlite is one connection on this thread: concurrent partitions would only
  // queue behind each other. On PostgreSQL two pipelined partitions keep the
  // server busy while this thread evaluates.
  const partitions = Math.max(1, Math.floor(options.partitions ?? (total <= batchSize || db.kind === 'pglite' ? 1 : 2)));
  const storedScope: StoredScope = { ...scope, asOf: asOf.toISOString() };
  const run = await createRun(sql, {
    ruleVersionId: version.id,
    kind: options.kind,
    scope: storedScope,
    triggeredBy: options.triggeredBy,
    partitions,
  });
  options.onStarted?.(run.id);

  const evaluator = await makeEvaluator(program, version, options);
  const beat = setInterval(() => {
    heartbeat(sql, run.id).catch(() => undefined);
  }, HEARTBEAT_EVERY_MS);
  beat.unref();
  let done = 0;
  let written = 0;
  let overridesApplied = 0;
  try {
    await markRunning(sql, run.id, total);
    const partners = new PartnerDirectory(sql);
    const writeOptions = { lz4: await supportsLz4(sql) };
    // Overrides are read per batch — unless none applies to the rule set when
    // the run starts (the usual case): then no batch reads them. One approved
    // during the run reaches its opportunity through the recompute its
    // approval triggers, a newer run whose result the switch keeps.
    const readOverrides = await hasActiveOverrides(sql, version.ruleSetKey);
    const tags = { runId: run.id, ruleVersionId: version.id, ruleVersionNumber: version.version, sourceHash: version.sourceHash };
    const fullScan = isUnrestricted(scope);
    let aborted = false;
    const processPartition = (p: number) =>
      streamPartition({
        sql,
        evaluator,
        asOf,
        batchSize,
        fullScan,
        filter: () => filterFor(p, partitions),
        partitions,
        overridesOf: readOverrides ? version.ruleSetKey : null,
        aborted: () => aborted,
        depth: db.kind === 'pglite' ? SERIAL_PIPELINE : POSTGRES_PIPELINE,
        write: async (rows, opportunities) => {
          const n = await insertAllocations(sql, tags, rows, partners, { opportunities }, writeOptions);
          overridesApplied += rows.filter((r) => r.overrideId !== null).length;
          done += opportunities;
          written += n;
          await options.onProgress?.({ runId: run.id, done, total, allocations: written });
        },
      });
    // A failing partition stops the others at their next batch; the run
    // fails only once every partition has settled, so no write of this run
    // can land after markFailed deleted its rows.
    const outcomes = await Promise.allSettled(
      Array.from({ length: partitions }, (_, p) =>
        processPartition(p).catch((err: unknown) => {
          aborted = true;
          throw err;
        }),
      ),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;

    const summary = {
      opportunities: done,
      allocations: written,
      asOf: storedScope.asOf,
      overridesApplied,
      ruleSet: version.ruleSetKey,
      version: version.version,
      sourceHash: version.sourceHash,
    };
    let switched = { replaced: 0, published: 0 };
    if (options.kind === 'preview') {
      await finishWithoutSwitch(sql, run.id, options.triggeredBy, summary);
    } else {
      switched = await switchToRun(sql, {
        runId: run.id,
        ruleSetId: version.ruleSetId,
        actor: options.triggeredBy,
        summary,
        opportunities: done,
      });
    }
    return {
      runId: run.id,
      kind: options.kind,
      status: 'succeeded',
      ruleVersionId: version.id,
      ruleSetKey: version.ruleSetKey,
      version: version.version,
      sourceHash: version.sourceHash,
      opportunities: done,
      allocations: written,
      ...switched,
      partitions,
      overridesApplied,
      asOf: storedScope.asOf,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    const reason = (err as Error)?.message ?? String(err);
    await markFailed(sql, run.id, reason, options.triggeredBy).catch(() => undefined);
    throw new RunFailedError(run.id, reason, err);
  } finally {
    clearInterval(beat);
    await evaluator.close();
  }
}

async function makeEvaluator(program: RuleProgram, version: VersionInfo, options: StartRunOptions): Promise<BatchEvaluator> {
  if (options.workers && options.workers > 0 && !options.language) {
    const { workerEvaluator } = await import('./pool.js');
    return workerEvaluator(version.source, options.workers, version.vocabulary.entries);
  }
  return inlineEvaluator(program);
}

/** A batch read for evaluation: facts (id order) and the active overrides on them. */
export interface LoadedBatch {
  facts: readonly OpportunityFacts[];
  overrides: Map<string, OverrideFacts[]>;
  lastId: string | null;
  more: boolean;
}

/**
 * Reads the next page of a run: opportunities + accounts, then partners,
 * touches and (unless `ruleSetKey` is null: none to read) overrides concurrently.
 */
export async function loadBatch(
  sql: SqlClient,
  page: (cursor: string | null) => Promise<OpportunityPage>,
  cursor: string | null,
  ruleSetKey: string | null,
): Promise<LoadedBatch> {
  const { rows, lastId, more } = await page(cursor);
  const [facts, overrides] = await Promise.all([
    completeFacts(sql, rows),
    rows.length && ruleSetKey !== null
      ? loadActiveOverrides(
          sql,
          rows.map((r) => r.id),
          ruleSetKey,
        )
      : new Map<string, OverrideFacts[]>(),
  ]);
  return { facts, overrides, lastId, more };
}

/** Evaluates a loaded batch, applies its overrides, checks the invariants and returns the rows. */
export async function attributeLoadedBatch(
  evaluator: BatchEvaluator,
  batch: Pick<LoadedBatch, 'facts' | 'overrides'>,
  asOf: Date,
): Promise<AllocationRow[]> {
  const { facts, overrides } = batch;
  if (facts.length === 0) return [];
  const results = await evaluator.evaluate(facts, asOf);
  const rows: AllocationRow[] = [];
  facts.forEach((f, i) => {
    const result = results[i]!;
    assertAttributionSound(result, f.amount);
    const own = overrides.get(f.id) ?? [];
    const final: EngineAttribution = own.length ? applyOverrides(result, f.amount, own) : fromRuleResult(result);
    if (own.length) assertAttributionSound(final, f.amount);
    for (const row of allocationRows(f, final)) rows.push(row);
  });
  return rows;
}

/** One partition of a run: where its opportunities come from and where its rows go. */
export interface PartitionStream {
  sql: SqlClient;
  evaluator: BatchEvaluator;
  asOf: Date;
  batchSize: number;
  /** A full run walks the primary key in spans (see loadOpportunitySpan); a selective scope pages through its filter. */
  fullScan: boolean;
  /** A fresh filter of the partition (scope, window, partition predicate) per page. */
  filter: () => OpportunityFilter;
  /** Partitions of the run (a span covers batchSize × partitions ids, so each partition's batches stay full). */
  partitions: number;
  /** Rule set whose active overrides to read per batch, or null when none applies. */
  overridesOf: string | null;
  /** Checked before each batch: another partition failed, stop. */
  aborted: () => boolean;
  /** Writes a batch's rows (the allocations of `opportunities` opportunities). */
  write: (rows: AllocationRow[], opportunities: number) => Promise<void>;
  /** Batches read ahead and writes at once (default SERIAL_PIPELINE). */
  depth?: PipelineDepth;
}

/**
 * Streams one partition through the bounded pipeline of ./pipeline.ts:
 * while batch k is evaluated on this thread, the next `depth.readAhead`
 * batches are being read and up to `depth.writesInFlight` earlier ones
 * written (on PostgreSQL over other pooled connections, so the server works
 * while Node evaluates). Memory stays bounded by a few batches whatever the size.
 */
export async function streamPartition(p: PartitionStream): Promise<void> {
  const { sql, batchSize } = p;
  let cursor: string | null = null;
  let end = false;
  const depth = p.depth ?? SERIAL_PIPELINE;
  await runPipeline<LoadedBatch, { rows: AllocationRow[]; opportunities: number }>({
    readAhead: depth.readAhead,
    writesInFlight: depth.writesInFlight,
    stopped: p.aborted,
    read: async () => {
      if (end) return null;
      const batch = await loadBatch(
        sql,
        (c) =>
          p.fullScan
            ? loadOpportunitySpan(sql, p.filter(), c, batchSize * p.partitions)
            : loadOpportunityPage(sql, p.filter().after(c), batchSize),
        cursor,
        p.overridesOf,
      );
      cursor = batch.lastId;
      end = !batch.more;
      return batch;
    },
    evaluate: async (batch) =>
      batch.facts.length === 0 ? null : { rows: await attributeLoadedBatch(p.evaluator, batch, p.asOf), opportunities: batch.facts.length },
    write: ({ rows, opportunities }) => p.write(rows, opportunities),
  });
}

/** One read ahead, one write at a time: PGlite (its one connection on this thread gains nothing from more) and jobs partitions (one fenced write at a time). */
export const SERIAL_PIPELINE: PipelineDepth = { readAhead: 1, writesInFlight: 1 };
/** PostgreSQL: two batches read ahead and two COPY writes at once per partition, over the pool's connections. */
export const POSTGRES_PIPELINE: PipelineDepth = { readAhead: 2, writesInFlight: 2 };

/**
 * Starts a run and resolves as soon as the run row exists (for APIs that
 * return the run id at once and let clients poll or subscribe to progress);
 * `completion` settles when the run succeeds or fails. Errors before the run
 * exists (unknown version, bad scope, invalid rules) reject the returned promise.
 */
export function launchRun(db: EngineDb, options: StartRunOptions): Promise<{ runId: string; completion: Promise<RunSummary> }> {
  return new Promise((resolve, reject) => {
    let started = false;
    const completion: Promise<RunSummary> = startRun(db, {
      ...options,
      onStarted: (runId) => {
        started = true;
        options.onStarted?.(runId);
        resolve({ runId, completion });
      },
    });
    completion.catch((err: unknown) => {
      if (!started) reject(err);
    });
  });
}
