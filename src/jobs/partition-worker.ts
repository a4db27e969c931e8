// A process's share of runs executed as jobs: takes partition jobs from the
// queue and executes them against this process's database connection.
// Used by `attrib worker`, by `attrib run --jobs` (which works on its own
// run's partitions while it waits) and by `npm start` on PostgreSQL.
import { runPartitionJob, type PartitionOutcome } from '../engine/partitioned-run.js';
import type { EngineDb } from '../engine/db.js';
import { type JobQueue, workerName } from './queue.js';

interface PartitionWorkerOptions {
  /** Partitions this process executes at once (default 1). */
  concurrency?: number;
  /** One line per finished or failed partition. */
  log?: (line: string) => void;
  /** Names this worker in run_partition.worker (default host:pid). */
  worker?: string;
}

export async function startPartitionWorker(db: EngineDb, queue: JobQueue, options: PartitionWorkerOptions = {}): Promise<void> {
  const worker = options.worker ?? workerName();
  await queue.work(async (job, attempt) => {
    const started = Date.now();
    let outcome: PartitionOutcome;
    try {
      outcome = await runPartitionJob(db, job, { worker, finalAttempt: attempt.finalAttempt });
    } catch (err) {
      options.log?.(
        `run ${job.runId} partition ${job.partition}: failed${attempt.finalAttempt ? ' (last attempt: the run fails)' : ' (will be retried)'}: ${(err as Error).message}`,
      );
      throw err;
    }
    if (outcome.state === 'skipped') {
      options.log?.(`run ${job.runId} partition ${job.partition}: skipped (${outcome.reason})`);
    } else {
      options.log?.(
        `run ${job.runId} partition ${job.partition}: ${outcome.opportunities} opportunities, attempt ${outcome.attempt}, ` +
          `${Date.now() - started} ms${outcome.switched ? '; every partition done, the run is now current' : ''}`,
      );
    }
  }, options.concurrency ?? 1);
}
