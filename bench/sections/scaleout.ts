// (g) Scale-out on PostgreSQL: one full run of two_lane executed in-process
// (`attrib run`), then as partition jobs taken by 1 and by 2 `attrib worker`
// processes (`attrib run --jobs`), on the same data in the same run of the
// bench. The ratio of the 2-worker row to the 1-worker row is what adding a
// worker buys on this machine (on 2 cores, the database shares them).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { awaitRun, enqueueRun } from '../../src/engine/partitioned-run.js';
import { startRun } from '../../src/engine/run.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { repoRoot } from '../lib/optional.js';
import { AS_OF, publishTwoLane, resetScratch } from '../lib/platform.js';
import type { Section, SectionResult } from '../lib/section.js';
import { nowMs } from '../lib/stats.js';
import { fmtRate, fmtRatio } from '../lib/table.js';

function startWorkers(n: number, databaseUrl: string): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const child = spawn(process.execPath, [path.join(repoRoot, 'bin/attrib.js'), 'worker', '--no-recompute'], {
            cwd: repoRoot,
            stdio: ['ignore', 'pipe', 'inherit'],
            env: { ...process.env, CI: 'true', DATABASE_URL: databaseUrl },
          });
          let out = '';
          child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
            out += chunk;
            if (out.includes('worker ready')) resolve(child);
          });
          child.on('exit', (code) => reject(new Error(`attrib worker exited (${code}) before it was ready`)));
        }),
    ),
  );
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) {
            resolve();
            return;
          }
          c.removeAllListeners('exit');
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

const section: Section = {
  name: 'scaleout',
  summary: 'full run in-process vs as partition jobs on 1 and 2 `attrib worker` processes (PostgreSQL)',
  async run(ctx): Promise<SectionResult> {
    if (!ctx.postgresUrl) {
      return {
        rows: [],
        data: {},
        skipped: ['skipped: scale-out (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a scratch PostgreSQL database)'],
      };
    }
    const opportunities = ctx.quick ? 3_000 : 100_000;
    const partitions = 8;
    const db = await openDatabase({ databaseUrl: ctx.postgresUrl, migrate: true });
    const queue = await JobQueue.open(ctx.postgresUrl);
    try {
      await resetScratch(db);
      ctx.log(`scaleout: seeding ${opportunities} opportunities × 10 touches`);
      await seedDatabase(db, { opportunities, touchpointsPerOpportunity: 10, actor: 'bench' });
      const { ruleVersionId } = await publishTwoLane(db);
      const base = { ruleVersionId, kind: 'full' as const, triggeredBy: 'bench', asOf: AS_OF };

      ctx.log('scaleout: in-process run');
      let t0 = nowMs();
      const inProcess = await startRun(db, base);
      const inProcessMs = nowMs() - t0;

      const viaJobs = async (workers: number) => {
        ctx.log(`scaleout: run as ${partitions} jobs on ${workers} worker process${workers === 1 ? '' : 'es'}`);
        const children = await startWorkers(workers, ctx.postgresUrl!);
        try {
          t0 = nowMs();
          const { runId } = await enqueueRun(db, queue, { ...base, partitions });
          const summary = await awaitRun(db.sql, runId, { pollMs: 50 });
          return { ms: nowMs() - t0, summary };
        } finally {
          await stopWorkers(children);
        }
      };
      const one = await viaJobs(1);
      const two = await viaJobs(2);
      for (const r of [one, two]) {
        if (r.summary.allocations !== inProcess.allocations) {
          throw new Error(
            `scaleout: a run as jobs wrote ${r.summary.allocations} allocations, the in-process run ${inProcess.allocations}`,
          );
        }
      }
      const n = inProcess.opportunities;
      const size = `${opportunities.toLocaleString('en-US')} opportunities, ${partitions} partitions`;
      const rate = (ms: number) => fmtRate(n / (ms / 1000));
      const rows: SectionResult['rows'] = [
        {
          section: 'scaleout',
          case: `in-process run (attrib run), ${size}`,
          metric: 'opportunities/s',
          value: rate(inProcessMs),
          ratio: '1.00x',
          note: `${Math.round(inProcessMs)} ms`,
        },
        {
          section: 'scaleout',
          case: `as jobs, 1 worker process, ${size}`,
          metric: 'opportunities/s',
          value: rate(one.ms),
          ratio: fmtRatio(inProcessMs / one.ms),
          note: `${Math.round(one.ms)} ms; vs in-process`,
        },
        {
          section: 'scaleout',
          case: `as jobs, 2 worker processes, ${size}`,
          metric: 'opportunities/s',
          value: rate(two.ms),
          ratio: fmtRatio(one.ms / two.ms),
          note: `${Math.round(two.ms)} ms; vs 1 worker; same allocations (${inProcess.allocations})`,
        },
      ];
      return {
        rows,
        data: { opportunities, partitions, inProcessMs, oneWorkerMs: one.ms, twoWorkersMs: two.ms, allocations: inProcess.allocations },
        skipped: [],
      };
    } finally {
      await queue.stop(5_000);
      await db.close();
    }
  },
};

export default section;
