// (b) Full recompute of N generated opportunities (~10 touchpoints each) on
// PGlite and PostgreSQL: wall time, opportunities/s, peak RSS, and the ratio
// to the I/O limit (a plain SQL read of the same rows and write of the same
// number of allocation rows, on the same database, interleaved with the runs).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWorker } from '../lib/child.js';
import { requireFile, requireModule } from '../lib/optional.js';
import { measureOnBackends, type BenchContext, type Section, type SectionResult } from '../lib/section.js';
import { median } from '../lib/stats.js';
import { fmtMs, fmtRate, fmtRatio, type BenchRow } from '../lib/table.js';
import type { WorkerDb } from '../workers/recompute.js';

const WORKER = 'bench/workers/recompute.ts';
export const RULE_FILE = 'dsl/two_lane.attr';
const TOUCHPOINTS_PER_OPPORTUNITY = 10;
/** Fixed so every run of every size evaluates the same "now". */
const AS_OF = '2026-09-30T23:59:59.000Z';

interface Prepared {
  ruleVersionId: string;
  touchpoints: number;
  seedMs: number;
  counts: Record<string, number>;
}
interface RunResult {
  ms: number;
  peakRssMiB: number;
  maxRssMiB: number;
  opportunities: number;
  allocations: number;
  explanationBytes: number;
  partitions: number;
}
interface IoResult {
  ms: number;
  peakRssMiB: number;
  maxRssMiB: number;
  opportunities: number;
  touchpoints: number;
  allocations: number;
}

async function checkDependencies(): Promise<void> {
  await requireModule('src/db/client.ts', ['openDatabase']);
  await requireModule('src/engine/run.ts', ['startRun']);
  await requireModule('src/seed/seed.ts', ['seedDatabase', 'resetDomainTables']);
  await requireModule('src/rules/lifecycle.ts', ['saveDraft', 'publishRuleVersion']);
  await requireModule('src/dsl/index.ts', ['compileRules']);
  requireFile(RULE_FILE);
}

export function warmsUp(ctx: BenchContext, size: number): boolean {
  return !ctx.quick && size <= 200_000;
}

export function repsFor(ctx: BenchContext, size: number): number {
  return ctx.reps ?? (ctx.quick ? 2 : size <= 200_000 ? 3 : 1);
}

async function measure(ctx: BenchContext, backend: 'pglite' | 'postgres', size: number, db: WorkerDb) {
  ctx.log(`${backend} ${size.toLocaleString('en-US')} opportunities: seeding`);
  const prepared = await runWorker<Prepared>(WORKER, {
    mode: 'prepare',
    db,
    opportunities: size,
    touchpointsPerOpportunity: TOUCHPOINTS_PER_OPPORTUNITY,
    ruleFile: RULE_FILE,
  });
  ctx.log(`seeded ${prepared.touchpoints.toLocaleString('en-US')} touchpoints in ${fmtMs(prepared.seedMs)}`);
  const fullRun = () => runWorker<RunResult>(WORKER, { mode: 'run', db, ruleVersionId: prepared.ruleVersionId, asOf: AS_OF });
  // Warm-up (cold caches, first run of a fresh database); --quick and sizes
  // over 200,000 (a run there takes many minutes) skip it.
  let warm: RunResult | undefined;
  if (warmsUp(ctx, size)) {
    ctx.log('warm-up run');
    warm = await fullRun();
  }
  const reps = repsFor(ctx, size);
  const runs: RunResult[] = [];
  const ios: IoResult[] = [];
  for (let r = 0; r < reps; r++) {
    ctx.log(`rep ${r + 1}/${reps}: full run`);
    const run = await fullRun();
    runs.push(run);
    warm ??= run;
    ctx.log(`rep ${r + 1}/${reps}: I/O limit`);
    ios.push(
      await runWorker<IoResult>(WORKER, {
        mode: 'io',
        db,
        ruleVersionId: prepared.ruleVersionId,
        allocations: warm.allocations,
        explanationBytes: warm.explanationBytes,
      }),
    );
  }
  return { prepared, warm: warm!, runs, ios };
}

const section: Section = {
  name: 'recompute',
  summary: 'full recompute (PGlite, PostgreSQL) vs the I/O limit of the same rows',
  async run(ctx): Promise<SectionResult> {
    return measureOnBackends(ctx, checkDependencies, async (backend) => {
      const rows: BenchRow[] = [];
      const data: Record<string, unknown> = {};
      for (const size of ctx.sizes) {
        const dir = backend === 'pglite' ? mkdtempSync(path.join(os.tmpdir(), `attrib-bench-${size}-`)) : undefined;
        const db: WorkerDb = backend === 'pglite' ? { dataDir: dir! } : { databaseUrl: ctx.postgresUrl! };
        try {
          const m = await measure(ctx, backend, size, db);
          const runMs = median(m.runs.map((r) => r.ms));
          const ioMs = median(m.ios.map((r) => r.ms));
          const peak = Math.max(...m.runs.map((r) => r.peakRssMiB));
          const ioPeak = Math.max(...m.ios.map((r) => r.peakRssMiB));
          const label = `${backend} ${size.toLocaleString('en-US')} opps / ${m.prepared.touchpoints.toLocaleString('en-US')} touches`;
          const note = `${m.runs.length} rep${m.runs.length > 1 ? 's, median' : ''}${warmsUp(ctx, size) ? ' after a warm-up run' : ', no separate warm-up run'}`;
          rows.push(
            { section: 'recompute', case: `${label}: full run`, metric: 'wall time', value: fmtMs(runMs), note },
            {
              section: 'recompute',
              case: `${label}: full run`,
              metric: 'opportunities/s',
              value: fmtRate(m.warm.opportunities / (runMs / 1000)),
              note: `${m.warm.opportunities.toLocaleString('en-US')} in the version window attributed, ${m.warm.allocations.toLocaleString('en-US')} allocations/run`,
            },
            {
              section: 'recompute',
              case: `${label}: full run`,
              metric: 'peak RSS',
              value: `${peak} MiB`,
              note: backend === 'pglite' ? 'includes the in-process database' : 'client process',
            },
            {
              section: 'recompute',
              case: `${label}: I/O limit (plain SQL)`,
              metric: 'wall time',
              value: fmtMs(ioMs),
              note: `peak RSS ${ioPeak} MiB`,
            },
            {
              section: 'recompute',
              case: `${label}: run / I/O limit`,
              metric: 'ratio',
              value: '',
              ratio: fmtRatio(ioMs / runMs),
              note: 'target >= 0.30x',
            },
          );
          data[`${backend}:${size}`] = { ...m, medianRunMs: runMs, medianIoMs: ioMs, peakRssMiB: peak, ratioToIoLimit: ioMs / runMs };
        } finally {
          if (dir) rmSync(dir, { recursive: true, force: true });
        }
      }
      return { rows, dataByKey: data };
    });
  },
};

export default section;
