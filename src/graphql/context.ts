// What every resolver receives: the database, the caller and the event bus.
import type { Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Principal } from '../auth/principal.js';
import type { AttribPubSub } from './pubsub.js';
import type { RecomputeWorker } from '../recompute-queue/worker.js';
import { MAX_TOUCHPOINT_BATCH, defaultIngestionSlots, type IngestionSlots } from '../ingest/index.js';
import type { SnapshotCache } from '../reports/snapshot-cache.js';
import type { ReportSettings } from '../reports/settings.js';
import type { PartitionQueue } from '../engine/partitioned-run.js';
import { DEFAULT_INPUT_LIMITS } from './input-limits.js';

export interface GraphQLContext {
  db: Database;
  prisma: PrismaClient;
  /** null for an anonymous request: only public fields resolve (deny by default). */
  principal: Principal | null;
  pubsub: AttribPubSub;
  limits: ApiLimits;
  /** Work that outlives the request (runs); the server waits for it on shutdown. */
  background: BackgroundTasks;
  /** Drains the recompute queue (src/recompute-queue): wake it after a change that enqueued a recompute. */
  recompute: RecomputeWorker;
  /** Report results under the current database snapshot (src/reports/snapshot-cache.ts); null: always compute. */
  reports: SnapshotCache | null;
  /** How many ingestion batches write at once (src/ingest/slots.ts). */
  ingestionSlots: IngestionSlots;
  /** Reporting currency and fiscal year start (ATTRIB_REPORTING_CURRENCY, ATTRIB_FISCAL_YEAR_START). */
  reporting: ReportSettings;
  /** Runs executed as jobs (ATTRIB_RUN_EXECUTION=jobs, PostgreSQL): where startRun queues partitions; null: runs execute in this process. */
  runQueue: PartitionQueue | null;
}

export class BackgroundTasks {
  private readonly pending = new Set<Promise<unknown>>();
  track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }
  get size(): number {
    return this.pending.size;
  }
  /** Waits for running tasks, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const all = Promise.all([...this.pending]).then(() => true);
    const done = await Promise.race([all, timeout]);
    clearTimeout(timer);
    return done;
  }
}

export interface ApiLimits {
  /** Maximum touchpoints in one ingestTouchpoints call. */
  maxTouchpointBatch: number;
  /** Nested field levels in a query. */
  maxDepth: number;
  /** Cost of a query (fields times page sizes, src/graphql/builder.ts). */
  maxComplexity: number;
  /** Fields selected in a query, aliases included. */
  maxBreadth: number;
  /** Objects/lists a value may nest: query literals, variables, JSON values such as touchpoint metadata (src/graphql/input-limits.ts). */
  maxInputDepth: number;
  /** Items in one input list (variables); a longer list is refused before coercion. */
  maxListLength: number;
  /** Characters in any input string not given another limit. */
  maxStringLength: number;
  /** Characters in a key or id input (`key`, `…Key`, `externalId`, `…Id`, ID arguments). */
  maxKeyLength: number;
  /** Per-field string limits by `InputType.field` or `Type.field.argument`, over the two above. */
  stringLengthByField: Readonly<Record<string, number>>;
  /** Ingestion batches writing to the database at once in this process; the others wait their turn (src/ingest/slots.ts). */
  ingestConcurrency: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxTouchpointBatch: MAX_TOUCHPOINT_BATCH,
  maxDepth: 12,
  maxComplexity: 20_000,
  maxBreadth: 400,
  ...DEFAULT_INPUT_LIMITS,
  ingestConcurrency: defaultIngestionSlots(),
};
