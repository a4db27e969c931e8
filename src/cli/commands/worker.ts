// `attrib worker`: a worker process for runs executed as jobs (PostgreSQL).
// Takes run partitions from the job queue (pg-boss) and drains the recompute
// queue (one drainer per database at a time, by advisory lock), until
// SIGINT/SIGTERM, then finishes the partitions in hand.
import { loadConfig } from '../../config.js';
import { JobQueue } from '../../jobs/queue.js';
import { startPartitionWorker } from '../../jobs/partition-worker.js';
import { RecomputeWorker } from '../../recompute-queue/index.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

const command: Command = {
  name: 'worker',
  summary: 'Work on run partitions and recompute requests from the job queue (PostgreSQL; any number of machines)',
  usage: [
    'attrib worker [--concurrency N] [--no-recompute] [--database-url URL]',
    '',
    '  --concurrency N     partitions this process executes at once (default 1)',
    '  --no-recompute      take run partitions only; leave the recompute queue to other processes',
    '  --database-url URL  PostgreSQL URL (default: DATABASE_URL)',
    '',
    'Start as many workers as you like, on any machines that reach the database. `attrib run --jobs` and the',
    'server (ATTRIB_RUN_EXECUTION=jobs) queue a run as partitions; each worker takes one at a time per',
    'concurrency slot. A worker killed mid-partition loses nothing: after ATTRIB_JOB_EXPIRE_SECONDS the',
    'partition is retried by another worker, and the run switches to current once, when all partitions succeeded.',
    'Stop with Ctrl-C (SIGINT) or SIGTERM: the partitions in hand finish first.',
  ].join('\n'),
  async run(argv) {
    const { flags } = parseArgs(argv, { boolean: ['no-recompute'], string: ['concurrency', 'database-url'] });
    const concurrency = flags.concurrency === undefined ? 1 : Number(flags.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new CliError('--concurrency must be a whole number from 1 to 64');
    const url = typeof flags['database-url'] === 'string' ? flags['database-url'] : loadConfig().databaseUrl;
    if (!url) {
      throw new CliError(
        'attrib worker needs PostgreSQL: pass --database-url postgresql://… or set DATABASE_URL. ' +
          'The embedded database runs all its work inside the server process (npm start).',
      );
    }
    const db = await openCliDatabase(url);
    let queue: JobQueue;
    try {
      queue = await JobQueue.open(url);
    } catch (err) {
      await db.close();
      throw new CliError(`the job queue could not start on ${new URL(url).host}: ${(err as Error).message}`, 1);
    }
    const recompute = flags['no-recompute'] ? null : new RecomputeWorker(db);
    recompute?.start();
    await startPartitionWorker(db, queue, { concurrency, log: (line) => console.log(line) });
    console.log(`worker ready: run partitions (concurrency ${concurrency})${recompute ? ' and recompute requests' : ''}; Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    console.log('worker stopping: finishing the partitions in hand');
    await queue.stop();
    await recompute?.stop();
    await db.close();
    return 0;
  },
};

export default command;
