// The bounded read → evaluate → write pipeline of a run's partition
// (src/engine/pipeline.ts, streamPartition in src/engine/run.ts): the rows it
// writes are those of the serial path, whatever the depth and the order in
// which writes complete; an error in any stage fails it only once every read
// and write in flight settled, and nothing starts after it; the reads, the
// batches held and the writes in flight never exceed the depth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationRow } from '../../src/engine/allocations.js';
import { compileCached, defaultRulesLanguage } from '../../src/engine/compile.js';
import { inlineEvaluator } from '../../src/engine/evaluator.js';
import { runPipeline, type PipelineDepth } from '../../src/engine/pipeline.js';
import { loadVersionInfo, POSTGRES_PIPELINE, SERIAL_PIPELINE, streamPartition } from '../../src/engine/run.js';
import { OpportunityFilter } from '../../src/engine/scope.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pipeline over numbered batches with instrumented stages. */
function instrumented(count: number, opts: { failAt?: { stage: 'read' | 'evaluate' | 'write'; batch: number }; delays?: boolean } = {}) {
  const state = {
    readsInFlight: 0,
    maxReadsInFlight: 0,
    held: 0,
    maxHeld: 0,
    writesInFlight: 0,
    maxWritesInFlight: 0,
    written: [] as number[],
    started: [] as string[],
    settledAfterFailure: true,
    thrown: false,
  };
  let next = 0;
  const delay = (i: number) => (opts.delays ? sleep((i * 7) % 5) : Promise.resolve());
  const stages = {
    read: async () => {
      if (state.thrown) state.settledAfterFailure = false;
      state.readsInFlight++;
      state.maxReadsInFlight = Math.max(state.maxReadsInFlight, state.readsInFlight);
      try {
        if (next >= count) return null;
        const i = next++;
        state.started.push(`read ${i}`);
        await delay(i);
        if (opts.failAt?.stage === 'read' && opts.failAt.batch === i) throw new Error(`read ${i} failed`);
        state.held++;
        state.maxHeld = Math.max(state.maxHeld, state.held);
        return i;
      } finally {
        state.readsInFlight--;
      }
    },
    evaluate: async (i: number) => {
      state.started.push(`evaluate ${i}`);
      await delay(i + 1);
      state.held--;
      if (opts.failAt?.stage === 'evaluate' && opts.failAt.batch === i) throw new Error(`evaluate ${i} failed`);
      return i;
    },
    write: async (i: number) => {
      if (state.thrown) state.settledAfterFailure = false;
      state.started.push(`write ${i}`);
      state.writesInFlight++;
      state.maxWritesInFlight = Math.max(state.maxWritesInFlight, state.writesInFlight);
      try {
        await sleep((i * 13) % 7);
        if (opts.failAt?.stage === 'write' && opts.failAt.batch === i) throw new Error(`write ${i} failed`);
        state.written.push(i);
      } finally {
        state.writesInFlight--;
      }
    },
  };
  return { state, stages };
}

describe('runPipeline', () => {
  for (const depth of [SERIAL_PIPELINE, POSTGRES_PIPELINE, { readAhead: 3, writesInFlight: 4 }] as PipelineDepth[]) {
    it(`keeps at most ${depth.readAhead} batches ahead and ${depth.writesInFlight} writes in flight, one read at a time`, async () => {
      const { state, stages } = instrumented(40, { delays: true });
      await runPipeline({ ...stages, ...depth });
      expect([...state.written].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(state.maxReadsInFlight).toBe(1);
      expect(state.maxHeld).toBeLessThanOrEqual(depth.readAhead + 1);
      expect(state.maxWritesInFlight).toBeLessThanOrEqual(depth.writesInFlight);
      if (depth.writesInFlight > 1) expect(state.maxWritesInFlight).toBeGreaterThan(1);
      // Evaluation is in batch order.
      const evaluated = state.started.filter((s) => s.startsWith('evaluate')).map((s) => Number(s.split(' ')[1]));
      expect(evaluated).toEqual(Array.from({ length: 40 }, (_, i) => i));
    });
  }

  for (const stage of ['read', 'evaluate', 'write'] as const) {
    it(`fails with the error of a failing ${stage}, after everything in flight settled, starting nothing after it`, async () => {
      const { state, stages } = instrumented(40, { failAt: { stage, batch: 9 }, delays: true });
      let inFlightAtThrow = -1;
      await expect(
        runPipeline({ ...stages, ...POSTGRES_PIPELINE }).catch((err: unknown) => {
          state.thrown = true;
          inFlightAtThrow = state.readsInFlight + state.writesInFlight;
          throw err;
        }),
      ).rejects.toThrow(`${stage} 9 failed`);
      expect(inFlightAtThrow).toBe(0);
      await sleep(30);
      expect(state.settledAfterFailure).toBe(true);
      // Nothing past a few batches beyond the failure was started.
      const last = Math.max(...state.started.map((s) => Number(s.split(' ')[1])));
      expect(last).toBeLessThanOrEqual(9 + POSTGRES_PIPELINE.readAhead + POSTGRES_PIPELINE.writesInFlight + 1);
      if (stage !== 'write') expect(state.written).not.toContain(9);
    });
  }

  it('stops without an error when told to, after what is in flight settled', async () => {
    const { state, stages } = instrumented(40, { delays: true });
    await runPipeline({ ...stages, ...POSTGRES_PIPELINE, stopped: () => state.written.length >= 5 });
    expect(state.readsInFlight + state.writesInFlight).toBe(0);
    expect(state.written.length).toBeLessThan(40);
  });
});

describe('streamPartition', () => {
  let db: TestDatabase;
  let ruleVersionId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db, { opportunities: 120, touchpointsPerOpportunity: 6, seed: 5 });
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'dsl', 'two_lane.attr'), 'utf8');
    const key = /^ruleset\s+(\S+)/m.exec(source)![1]!;
    if (!(await db.prisma.ruleSet.findUnique({ where: { key } }))) await createRuleSet(db, { key, actor: 'test' });
    const { ruleVersion } = await saveDraft(db, { ruleSetKey: key, source, author: 'test' });
    ruleVersionId = (await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' })).ruleVersion.id;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  /** Every row a partition stream writes, serialised, in a stable order; writes complete out of order. */
  async function streamed(depth: PipelineDepth, fullScan: boolean, failWriteAt?: number): Promise<string[]> {
    const version = await loadVersionInfo(db.sql, ruleVersionId);
    const program = compileCached(await defaultRulesLanguage(), version.source, version.vocabulary);
    const lines: string[] = [];
    let writes = 0;
    await streamPartition({
      sql: db.sql,
      evaluator: inlineEvaluator(program),
      asOf: new Date('2026-10-31T00:00:00.000Z'),
      batchSize: 7,
      fullScan,
      filter: () => new OpportunityFilter().window(version.window).partition(0, 1),
      partitions: 1,
      overridesOf: null,
      aborted: () => false,
      depth,
      write: async (rows: AllocationRow[]) => {
        const n = writes++;
        if (n === failWriteAt) throw new Error('write failed');
        await sleep((n * 11) % 5);
        for (const r of rows) lines.push(JSON.stringify(r));
      },
    });
    return lines.sort();
  }

  for (const fullScan of [true, false]) {
    it(`writes byte for byte the rows of the serial path (${fullScan ? 'full scan' : 'paged scope'})`, async () => {
      const serial = await streamed(SERIAL_PIPELINE, fullScan);
      expect(serial.length).toBeGreaterThan(50);
      expect(await streamed(POSTGRES_PIPELINE, fullScan)).toEqual(serial);
      expect(await streamed({ readAhead: 3, writesInFlight: 3 }, fullScan)).toEqual(serial);
    });
  }

  it('fails cleanly when a write fails', async () => {
    await expect(streamed(POSTGRES_PIPELINE, true, 2)).rejects.toThrow('write failed');
  });
});
