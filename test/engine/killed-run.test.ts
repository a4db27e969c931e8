// A run whose process is killed (SIGKILL) half-way must leave the current
// results untouched; the next run marks it failed and succeeds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { startRun } from '../../src/engine/run.js';
import { createTestDatabase, backendLabel, testBackend, type TestDatabase } from '../support/db.js';
import { currentAllocations, insertOpportunities } from './support/data.js';
import { AS_OF, lang, publish } from './support/setup.js';
import { prepareDiskDatabase } from './support/disk-db.js';

const dataDir = mkdtempSync(join(tmpdir(), 'attrib-killed-run-'));
let pg: TestDatabase | undefined;
let diskReady = false;

async function prepareDataDir(): Promise<void> {
  if (diskReady) return;
  await prepareDiskDatabase(dataDir);
  diskReady = true;
}

async function open(): Promise<Database> {
  if (testBackend === 'postgres') {
    pg ??= await createTestDatabase();
    return openDatabase({ databaseUrl: pg.databaseUrl! });
  }
  await prepareDataDir();
  return openDatabase({ dataDir });
}

const children = new Set<import('node:child_process').ChildProcess>();

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await pg?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function runChildUntilPartial(args: object): Promise<{ runId: string; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'run-child.ts'), JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child never reported progress; stderr: ${err}`));
    }, 90_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PARTIAL (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          runId: m[1]!,
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before progress: ${out} ${err}`));
    });
  });
}

describe(`a killed run ${backendLabel}`, () => {
  it('leaves current results untouched, is failed by the next run, which succeeds', async () => {
    let db = await open();
    await insertOpportunities(
      db,
      Array.from({ length: 6 }, (_, i) => ({
        key: `K-${i}`,
        amount: `${(i + 1) * 100}.00`,
        touches: [{ partner: i % 2 ? 'acme' : 'beta', action: 'referral' as const, at: '2025-01-05T00:00:00Z' }],
      })),
    );
    const v1 = await publish(db, { ruleSet: 'two_lane', effectiveFrom: '2025-01-01' });
    const first = await startRun(db, { ruleVersionId: v1, kind: 'full', triggeredBy: 'test', asOf: AS_OF, ...lang });
    const before = await currentAllocations(db);
    expect(before).toHaveLength(6);
    await db.close(); // PGlite: one process per data directory

    const child = await runChildUntilPartial({ ruleVersionId: v1, ...(pg ? { databaseUrl: pg.databaseUrl } : { dataDir }) });
    await child.kill();

    db = await open();
    try {
      const killed = await db.prisma.attributionRun.findUniqueOrThrow({ where: { id: child.runId } });
      expect(killed.status).toBe('running'); // nobody has noticed yet
      const partial = await db.prisma.creditAllocation.findMany({ where: { runId: child.runId } });
      expect(partial.length).toBeGreaterThanOrEqual(2);
      expect(partial.every((a) => !a.isCurrent)).toBe(true);
      expect(await currentAllocations(db)).toEqual(before);

      await new Promise((r) => setTimeout(r, 300));
      const next = await startRun(db, { ruleVersionId: v1, kind: 'full', triggeredBy: 'test', asOf: AS_OF, ...lang, staleAfterMs: 200 });
      const failed = await db.prisma.attributionRun.findUniqueOrThrow({ where: { id: child.runId } });
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/died or was killed/);
      expect(await db.prisma.creditAllocation.count({ where: { runId: child.runId } })).toBe(0);
      const after = await currentAllocations(db);
      expect(after.map(({ run_id: _r, ...r }) => r)).toEqual(before.map(({ run_id: _r, ...r }) => r));
      expect(new Set(after.map((r) => r.run_id))).toEqual(new Set([next.runId]));
      expect(next.runId).not.toBe(first.runId);
      expect(await db.prisma.auditEvent.count({ where: { action: 'run.fail', entityId: child.runId } })).toBe(1);
    } finally {
      await db.close();
    }
  }, 150_000); // a child process and an on-disk database: slower than the in-memory tests
});
