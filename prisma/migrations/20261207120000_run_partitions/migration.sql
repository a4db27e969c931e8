-- Runs executed as jobs (pg-boss on PostgreSQL, `attrib worker`): a run is
-- split into `partitions` slices of its opportunities (hash of the id), one
-- job each, taken by any worker process. A partition's row fences its
-- writes: a retry bumps `attempt` and deletes the slice's rows, and a write
-- from an older attempt (a worker presumed dead that was only slow) lands
-- nothing. The run switches to current once every partition succeeded.
ALTER TABLE "attribution_run" ADD COLUMN "execution" TEXT NOT NULL DEFAULT 'in_process';
ALTER TABLE "attribution_run"
    ADD CONSTRAINT "attribution_run_execution_known" CHECK ("execution" IN ('in_process', 'jobs'));

CREATE TABLE "run_partition" (
    "run_id" UUID NOT NULL,
    "partition" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "opportunities_done" INTEGER NOT NULL DEFAULT 0,
    "allocations_written" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),

    CONSTRAINT "run_partition_pkey" PRIMARY KEY ("run_id", "partition")
);

ALTER TABLE "run_partition"
    ADD CONSTRAINT "run_partition_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "attribution_run"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    ADD CONSTRAINT "run_partition_status_known" CHECK ("status" IN ('pending', 'running', 'succeeded')),
    ADD CONSTRAINT "run_partition_partition_nonnegative" CHECK ("partition" >= 0);
