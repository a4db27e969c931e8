// Fault: an attribution run killed with SIGKILL (kill -9) at random points —
// while opening the database, right after the run row exists, after a random
// number of batches, after the last batch (inside the switch), or after a
// random delay. After every kill: the current results are exactly what they
// were, no row of the killed run is visible, and the next run succeeds and
// reproduces the same allocations.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { startRun } from '../../src/engine/run.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { repoRoot } from '../../bench/lib/optional.js';
import { BACKEND, openFaultDatabase, type FaultDatabase } from './support/db.js';
import { seededRandom } from './support/mutate.js';
import { currentAllocations, publishStandardRules } from './support/rules.js';

// PGlite reopens its data directory after every kill (seconds each): fewer iterations keep the file in budget.
const ITERATIONS = BACKEND === 'postgres' ? 5 : 3;
const AS_OF = '2026-09-30T23:59:59.000Z';
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const CHILD = path.join(repoRoot, 'test/fault/support/run-child.ts');

type KillPoint =
  | { at: 'opened' }
  | { at: 'started' }
  | { at: 'progress'; after: number }
  | { at: 'last-progress' }
  | { at: 'delay'; ms: number };

interface ChildOutcome {
  lines: string[];
  killed: boolean;
  runId: string | null;
  code: number | null;
}

function runChildAndKill(location: FaultDatabase['location'], ruleVersionId: string, point: KillPoint): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify({ ...location, ruleVersionId, asOf: AS_OF, batchSize: 8 })],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    let killed = false;
    let stderr = '';
    let progressSeen = 0;
    const kill = () => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    if (point.at === 'delay') setTimeout(kill, point.ms);
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (point.at === 'opened' && line === 'opened') kill();
        if (point.at === 'started' && line.startsWith('started ')) kill();
        const m = /^progress (\d+)\/(\d+)$/.exec(line);
        if (m) {
          progressSeen++;
          if (point.at === 'progress' && progressSeen >= point.after) kill();
          if (point.at === 'last-progress' && m[1] === m[2]) kill();
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const guard = setTimeout(kill, 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      if (!killed && code !== 0) return reject(new Error(`run child failed on its own (exit ${code}): ${stderr.slice(-2000)}`));
      const started = lines.find((l) => l.startsWith('started '));
      resolve({ lines, killed, runId: started ? started.slice('started '.length) : null, code });
    });
  });
}

describe(`kill -9 of a run at random points (${BACKEND}, seed ${SEED}; replay with FAULT_SEED=${SEED})`, () => {
  let fdb: FaultDatabase;
  let db: Database;
  let ruleVersionId: string;
  let baseline: string[];

  beforeAll(async () => {
    fdb = await openFaultDatabase({ persisted: true, label: 'kill' });
    db = fdb.db;
    await seedDatabase(db, { opportunities: 120, touchpointsPerOpportunity: 5, seed: 7 });
    ({ ruleVersionId } = await publishStandardRules(db));
    await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test', asOf: AS_OF });
    baseline = await currentAllocations(db);
  });
  afterAll(async () => {
    if (fdb && db !== fdb.db) await db.close().catch(() => undefined);
    await fdb?.dispose();
  });

  it('has something to protect', () => {
    expect(baseline.length).toBeGreaterThan(60);
  });

  it(`leaves current results intact through ${ITERATIONS} kills, and the next run succeeds`, async () => {
    const rnd = seededRandom(SEED);
    const seen: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const points: KillPoint[] = [
        { at: 'opened' },
        { at: 'started' },
        { at: 'progress', after: rnd.int(1, 14) },
        { at: 'last-progress' },
        { at: 'delay', ms: rnd.int(200, 4000) },
      ];
      // The first two iterations cover the riskiest points (inside the switch, mid-run); the rest are drawn at random.
      const point = i < 2 ? points[[3, 2][i]!]! : rnd.pick(points);
      if (db.kind === 'pglite') await db.close(); // one process per PGlite directory
      const outcome = await runChildAndKill(fdb.location, ruleVersionId, point);
      if (db.kind === 'pglite') db = await openDatabase({ dataDir: (fdb.location as { dataDir: string }).dataDir });
      const where = `iteration ${i}, kill at ${JSON.stringify(point)}, child said ${outcome.lines.slice(-2).join(' / ')}`;
      seen.push(where);

      // Current results unchanged (a run that finished before the kill landed reproduces them exactly).
      expect(await currentAllocations(db), where).toEqual(baseline);
      // Nothing of an unfinished run is visible, and every opportunity's current rows come from one succeeded run.
      const mixed = await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT ca.opportunity_id FROM credit_allocation ca WHERE ca.is_current GROUP BY ca.opportunity_id HAVING count(DISTINCT ca.run_id) > 1) x`,
      );
      expect(mixed[0]!.n, where).toBe(0);
      const notSucceeded = await db.sql.query<{ status: string; n: number }>(
        `SELECT r.status::text AS status, count(*)::int AS n FROM credit_allocation ca JOIN attribution_run r ON r.id = ca.run_id
          WHERE ca.is_current AND r.status <> 'succeeded' GROUP BY r.status`,
      );
      expect(notSucceeded, where).toEqual([]);

      // Sometimes kill twice before recovering; always recover at the end.
      if (rnd.chance(0.7) || i === ITERATIONS - 1) {
        const next = await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'fault-test', asOf: AS_OF, staleAfterMs: 0 });
        expect(next.status, where).toBe('succeeded');
        expect(await currentAllocations(db), `after the recovery run, ${where}`).toEqual(baseline);
        if (outcome.killed && outcome.runId) {
          const [killedRun] = await db.sql.query<{ status: string; rows: number }>(
            `SELECT r.status::text AS status, (SELECT count(*)::int FROM credit_allocation WHERE run_id = r.id) AS rows
               FROM attribution_run r WHERE r.id = $1::uuid`,
            [outcome.runId],
          );
          // Killed mid-way: the sweep failed it and removed its rows. Killed in the switch after commit: it succeeded.
          if (killedRun!.status !== 'succeeded') expect(killedRun, where).toEqual({ status: 'failed', rows: 0 });
        }
      }
    }
    expect(seen).toHaveLength(ITERATIONS);
  }, 240_000);
});
