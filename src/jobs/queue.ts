// The job engine for runs executed as jobs: pg-boss on PostgreSQL (its own
// schema `pgboss`, created and migrated by pg-boss at start). pg-boss rather
// than graphile-worker because a job taken by a worker that dies stays
// `active` only until its expiry; pg-boss's maintenance then retries it on
// another worker (retryLimit), which is what a killed worker mid-partition
// needs. graphile-worker's open-source Node version releases such locks
// only after four hours.
//
// Settings (environment, read by `jobQueueSettings`):
//   ATTRIB_JOB_EXPIRE_SECONDS       a partition job taken longer than this is retried elsewhere (default 300)
//   ATTRIB_JOB_RETRY_LIMIT          retries of a failing or expired partition (default 3)
//   ATTRIB_JOB_MAINTENANCE_SECONDS  how often pg-boss looks for expired jobs (default 30)
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import { loadJobSettings } from '../config.js';
import type { PartitionJob, PartitionQueue } from '../engine/partitioned-run.js';

const RUN_PARTITION_QUEUE = 'attrib_run_partition';

interface JobQueueSettings {
  expireInSeconds: number;
  retryLimit: number;
  maintenanceIntervalSeconds: number;
}

/** The settings from the environment (validated in src/config.ts). */
function jobQueueSettings(): JobQueueSettings {
  return loadJobSettings();
}

/** Metadata the handler gets with a job. */
interface JobAttempt {
  /** This attempt is the job's last (a failure is final). */
  finalAttempt: boolean;
}

type PartitionHandler = (job: PartitionJob, attempt: JobAttempt) => Promise<unknown>;

/** A connection to the job engine: queue partitions, work on them, stop. */
export class JobQueue implements PartitionQueue {
  private constructor(
    private readonly boss: PgBoss,
    readonly settings: JobQueueSettings,
  ) {}

  /** Starts pg-boss on the database (creating or migrating its schema) and declares the partition queue. */
  static async open(databaseUrl: string, settings: JobQueueSettings = jobQueueSettings()): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'attrib-jobs',
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    });
    boss.on('error', (err: Error) => {
      console.error(`job engine: ${err.message}`);
    });
    await boss.start();
    // createQueue keeps an existing queue's options; updateQueue applies today's settings to it.
    const queue = { name: RUN_PARTITION_QUEUE, retryLimit: settings.retryLimit, retryDelay: 1, expireInSeconds: settings.expireInSeconds };
    await boss.createQueue(RUN_PARTITION_QUEUE, queue);
    await boss.updateQueue(RUN_PARTITION_QUEUE, queue);
    return new JobQueue(boss, settings);
  }

  async enqueue(jobs: readonly PartitionJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((data) => ({
        name: RUN_PARTITION_QUEUE,
        data: { ...data },
        retryLimit: this.settings.retryLimit,
        retryDelay: 1,
        expireInSeconds: this.settings.expireInSeconds,
      })),
    );
  }

  /** Takes partition jobs, `concurrency` at a time, until stop(). */
  async work(handler: PartitionHandler, concurrency: number): Promise<void> {
    for (let i = 0; i < Math.max(1, concurrency); i++) {
      await this.boss.work<PartitionJob>(
        RUN_PARTITION_QUEUE,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          if (!job) return;
          await handler(job.data, { finalAttempt: job.retryCount >= job.retryLimit });
        },
      );
    }
  }

  /** Stops taking jobs; waits for the ones in hand (up to `timeoutMs`), then closes the connections. */
  async stop(timeoutMs = 30_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}

/** host:pid, the worker's name in run_partition.worker. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}
