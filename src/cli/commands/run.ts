// `attrib run RULES_FILE_OR_RULESET`: attribute opportunities with published
// rules and publish the results atomically. See src/rules/targets.ts for how
// a file target is published (or reused) first.
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { awaitRun, enqueueRun, MAX_PARTITIONS } from '../../engine/partitioned-run.js';
import { startRun, type RunSummary } from '../../engine/run.js';
import { JobQueue } from '../../jobs/queue.js';
import { startPartitionWorker } from '../../jobs/partition-worker.js';
import { resolveRunTarget } from '../../rules/targets.js';
import type { RunScope } from '../../engine/scope.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { progressBar, type Progress } from '../../progress/progress.js';
import { withCliDatabase } from '../database.js';

export function parseScopeFlags(flags: Record<string, string | boolean | undefined>): RunScope {
  const scope: RunScope = {};
  if (typeof flags.scope === 'string') {
    const m = /^opportunities=(.+)$/.exec(flags.scope);
    if (!m)
      throw new CliError(`--scope "${flags.scope}" is not understood; use --scope opportunities=KEY1,KEY2 (or --from/--to, --partner)`);
    scope.opportunityKeys = m[1]!
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (scope.opportunityKeys.length === 0) throw new CliError('--scope opportunities= names no opportunity key');
  }
  if (typeof flags.from === 'string') scope.from = flags.from;
  if (typeof flags.to === 'string') scope.to = flags.to;
  if (typeof flags.partner === 'string') scope.partnerKey = flags.partner;
  return scope;
}

export function actorFromEnv(): string {
  return process.env.ATTRIB_ACTOR ?? `cli:${process.env.USER ?? 'unknown'}`;
}

function parseJobFlags(flags: Record<string, string | boolean | undefined>): { partitions: number | undefined; localWorkers: number } {
  const partitions = flags.partitions === undefined ? undefined : Number(flags.partitions);
  if (partitions !== undefined && (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS)) {
    throw new CliError(`--partitions must be a whole number from 1 to ${MAX_PARTITIONS}`);
  }
  const localWorkers = flags['local-workers'] === undefined ? 1 : Number(flags['local-workers']);
  if (!Number.isInteger(localWorkers) || localWorkers < 0 || localWorkers > 64)
    throw new CliError('--local-workers must be a whole number from 0 to 64');
  if (flags.workers !== undefined)
    throw new CliError('--workers (threads) does not combine with --jobs; start more `attrib worker` processes instead');
  return { partitions, localWorkers };
}

/** The job queue of the run's PostgreSQL database, with this process working on `localWorkers` partitions at once. */
async function openRunQueue(db: Database, databaseUrlFlag: unknown, localWorkers: number): Promise<JobQueue> {
  const url = typeof databaseUrlFlag === 'string' ? databaseUrlFlag : loadConfig().databaseUrl;
  if (db.kind !== 'postgres' || !url) {
    throw new CliError(
      '--jobs needs PostgreSQL (--database-url or DATABASE_URL): the embedded database runs every partition in this process; leave --jobs out',
    );
  }
  let queue: JobQueue;
  try {
    queue = await JobQueue.open(url);
  } catch (err) {
    throw new CliError(
      `the job queue could not start on ${new URL(url).host}: ${(err as Error).message}; check the database and the ATTRIB_JOB_* settings, or leave --jobs out`,
      1,
    );
  }
  if (localWorkers > 0) await startPartitionWorker(db, queue, { concurrency: localWorkers });
  return queue;
}

const command: Command = {
  name: 'run',
  summary: 'Attribute opportunities with a rule set (or a rules file) and publish the results atomically',
  usage: [
    'attrib run RULES_FILE_OR_RULESET [--scope opportunities=K1,K2 | --from DATE --to DATE | --partner KEY]',
    '           [--as-of ISO_TIME] [--workers N] [--batch-size N] [--database-url URL] [--json]',
    '           [--jobs [--partitions N] [--local-workers N]]',
    '',
    '  RULES_FILE_OR_RULESET  a rule set key: run every published version over the opportunities its window covers;',
    '                         a .attr file: publish it first if needed (clean check + passing tests; identical',
    '                         published content is reused), then run that version',
    '  --scope opportunities=K1,K2   only these opportunities',
    '  --from DATE --to DATE         only opportunities whose attribution date (closed, else created) is in range',
    '  --partner KEY                 only opportunities the partner touched, is on, or holds credit in',
    '  --as-of ISO_TIME              the instant rules treat as "now" (default: the start of the run)',
    '  --workers N                   evaluate on N worker threads (default 0: in the main thread)',
    '  --database-url URL            PostgreSQL URL (default: DATABASE_URL, else the embedded database)',
    '  --jobs                        PostgreSQL: queue the run as partition jobs that `attrib worker` processes',
    '                                (on any machine) take; this command works on them too and waits for the end',
    '  --partitions N                with --jobs: jobs per run (default one per 20,000 opportunities)',
    '  --local-workers N             with --jobs: partitions this command executes at once (default 1; 0 = only wait)',
    '',
    'Readers switch from the previous results to the new ones in one transaction; a failed or interrupted',
    'run changes nothing. Exit code 0 on success, 1 when a run fails, 2 on usage errors.',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      boolean: ['json', 'jobs'],
      string: ['scope', 'from', 'to', 'partner', 'as-of', 'workers', 'batch-size', 'database-url', 'partitions', 'local-workers'],
    });
    if (positionals.length !== 1)
      throw new CliError('name one rules file or rule set key, e.g. `attrib run two_lane` or `attrib run dsl/two_lane.attr`');
    const scope = parseScopeFlags(flags);
    const workers = flags.workers === undefined ? 0 : Number(flags.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new CliError('--workers must be a whole number from 0 to 64');
    const batchSize = flags['batch-size'] === undefined ? undefined : Number(flags['batch-size']);
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
      throw new CliError('--batch-size must be a positive whole number');
    const actor = actorFromEnv();
    const jobs = flags.jobs ? parseJobFlags(flags) : null;
    if (!jobs && (flags.partitions !== undefined || flags['local-workers'] !== undefined)) {
      throw new CliError('--partitions and --local-workers only apply with --jobs');
    }
    return withCliDatabase(flags['database-url'], async (db) => {
      const queue = jobs ? await openRunQueue(db, flags['database-url'], jobs.localWorkers) : null;
      try {
        const target = await resolveRunTarget(db, positionals[0]!, { actor });
        if (!flags.json && target.fileAction) {
          const v = target.versions[0]!;
          console.error(
            target.fileAction === 'published'
              ? `Published ${positionals[0]} as version ${v.version} of rule set "${target.ruleSetKey}".`
              : `${positionals[0]} is already version ${v.version} of rule set "${target.ruleSetKey}"; running it.`,
          );
        }
        const summaries: RunSummary[] = [];
        for (const v of target.versions) {
          let bar: Progress | undefined;
          let shown = 0;
          const onProgress = flags.json
            ? undefined
            : (p: { done: number; total: number }) => {
                bar ??= progressBar(`${target.ruleSetKey} v${v.version}`, p.total);
                bar.tick(p.done - shown);
                shown = p.done;
              };
          const runOptions = {
            ruleVersionId: v.id,
            kind: 'full' as const,
            scope,
            triggeredBy: actor,
            ...(batchSize ? { batchSize } : {}),
            ...(typeof flags['as-of'] === 'string' ? { asOf: flags['as-of'] } : {}),
          };
          let summary: RunSummary;
          if (queue && jobs) {
            const queued = await enqueueRun(db, queue, { ...runOptions, ...(jobs.partitions ? { partitions: jobs.partitions } : {}) });
            if (!flags.json)
              console.error(
                `Run ${queued.runId}: ${queued.total} opportunities queued as ${queued.partitions} partition job${queued.partitions === 1 ? '' : 's'}.`,
              );
            summary = await awaitRun(db.sql, queued.runId, { onProgress });
          } else {
            summary = await startRun(db, { ...runOptions, workers, onProgress });
          }
          bar?.done();
          summaries.push(summary);
          if (!flags.json) {
            console.log(
              `Run ${summary.runId}: rule set "${summary.ruleSetKey}" version ${summary.version} — ` +
                `${summary.opportunities} opportunit${summary.opportunities === 1 ? 'y' : 'ies'}, ${summary.allocations} allocations, ` +
                `${summary.published} now current (${summary.replaced} replaced) in ${(summary.durationMs / 1000).toFixed(1)} s.`,
            );
          }
        }
        if (flags.json)
          console.log(JSON.stringify({ ruleSet: target.ruleSetKey, fileAction: target.fileAction ?? null, runs: summaries }, null, 2));
        return 0;
      } finally {
        await queue?.stop();
      }
    });
  },
};

export default command;
