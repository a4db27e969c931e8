import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { previewRules } from '../../src/rules/preview.js';
import { renderImpactReport } from '../../src/engine/impact-format.js';
import { startRun } from '../../src/engine/run.js';
import { currentAllocations, insertOpportunities } from './support/data.js';
import { AS_OF, lang, publish } from './support/setup.js';
import { rulesSource } from './support/test-language.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertOpportunities(db, [
    {
      key: 'P-1',
      amount: '1000.00',
      touches: [
        { partner: 'acme', action: 'referral', channel: 'referral', at: '2025-01-05T00:00:00Z' },
        { partner: 'si-co', action: 'joint_discovery', channel: 'services', at: '2025-02-01T00:00:00Z' },
      ],
    },
    {
      key: 'P-2',
      amount: '200.00',
      touches: [{ partner: 'si-co', action: 'deal_registration', channel: 'co_sell', at: '2025-01-07T00:00:00Z' }],
    },
    { key: 'P-3', amount: '50.00' },
  ]);
  const v = await publish(db, { ruleSet: 'two_lane', effectiveFrom: '2025-01-01' });
  await startRun(db, { ruleVersionId: v, kind: 'full', triggeredBy: 'test', asOf: AS_OF, ...lang });
});
afterAll(async () => {
  await db?.close();
});

describe(`preview and impact ${backendLabel}`, () => {
  it('identical rules: no changes, and nothing current moves', async () => {
    const before = await currentAllocations(db);
    const report = await previewRules(db, {
      source: rulesSource({ ruleSet: 'two_lane', effectiveFrom: '2025-01-01' }),
      asOf: AS_OF,
      ...lang,
    });
    expect(report.hasChanges).toBe(false);
    expect(report.opportunities).toEqual({ evaluated: 3, changed: 0, added: 0, unchanged: 3 });
    expect(renderImpactReport(report)).toMatch(/No changes/);
    expect(await currentAllocations(db)).toEqual(before);
    expect(await db.prisma.creditAllocation.count({ where: { runId: report.runId } })).toBe(0); // preview rows discarded
    expect((await db.prisma.attributionRun.findUniqueOrThrow({ where: { id: report.runId } })).kind).toBe('preview');
  });

  it('a draft that halves source credit reports exactly what moves, per partner, channel and lane', async () => {
    const before = await currentAllocations(db);
    const report = await previewRules(db, {
      source: rulesSource({ ruleSet: 'two_lane', effectiveFrom: '2025-01-01', sourceShare: '0.5', tests: { halved: true } }),
      asOf: AS_OF,
      examples: 1,
      keep: true,
      ...lang,
    });
    expect(report.hasChanges).toBe(true);
    expect(report.candidate.status).toBe('draft');
    expect(report.opportunities).toEqual({ evaluated: 3, changed: 2, added: 0, unchanged: 1 });
    expect(report.changes.map((c) => [c.opportunityKey, c.change])).toEqual([
      ['P-1', 'changed'],
      ['P-2', 'changed'],
    ]);
    expect(report.totals).toEqual({
      before: { source: '1200.00', influence: '500.00' },
      after: { source: '600.00', influence: '500.00' },
      delta: { source: '-600.00', influence: '0.00' },
    });
    expect(report.partners).toEqual([
      {
        key: 'acme',
        before: { source: '1000.00', influence: '0.00' },
        after: { source: '500.00', influence: '0.00' },
        delta: { source: '-500.00', influence: '0.00' },
      },
      {
        key: 'si-co',
        before: { source: '200.00', influence: '500.00' },
        after: { source: '100.00', influence: '500.00' },
        delta: { source: '-100.00', influence: '0.00' },
      },
    ]);
    expect(report.channels.map((c) => [c.key, c.delta.source])).toEqual([
      ['referral', '-500.00'],
      ['co_sell', '-100.00'],
    ]);
    expect(report.examples).toHaveLength(1);
    expect(report.examples[0]!.after).toMatch(/acme .*sourced .*50% +500.00/);
    const text = renderImpactReport(report);
    expect(text).toMatch(/~ P-1/);
    expect(text).toMatch(/- source acme sourced 100% 1000.00/);
    expect(text).toMatch(/\+ source acme sourced 50% 500.00/);
    expect(text).toMatch(/Plan: 2 to change, 0 to add, 1 unchanged\./);
    // Readers are unaffected; the kept preview rows are not current.
    expect(await currentAllocations(db)).toEqual(before);
    expect(await db.prisma.creditAllocation.count({ where: { runId: report.runId, isCurrent: false } })).toBeGreaterThan(0);
  });
});
