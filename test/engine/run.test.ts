import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { launchRun, startRun, type RunProgress } from '../../src/engine/run.js';
import { RunFailedError, NotPublishedError } from '../../src/rules/errors.js';
import { ScopeError } from '../../src/engine/scope.js';
import { currentAllocations, insertOpportunities } from './support/data.js';
import { AS_OF, draft, lang, publish } from './support/setup.js';

let db: TestDatabase;
let v1: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertOpportunities(db, [
    {
      key: 'OPP-1',
      amount: '100000.00',
      touches: [
        { partner: 'acme', action: 'referral', at: '2025-01-05T00:00:00Z' },
        { partner: 'si-co', action: 'joint_discovery', at: '2025-02-01T00:00:00Z' },
        { partner: 'mkt', action: 'webinar', at: '2025-02-03T00:00:00Z' },
        { partner: 'gone', action: 'security_review', at: '2025-02-04T00:00:00Z', deleted: true },
      ],
    },
    {
      key: 'OPP-2',
      amount: '999.99',
      touches: [{ partner: 'acme', action: 'co_marketing', at: '2025-01-02T00:00:00Z', accountLevel: true }],
    },
    { key: 'OPP-3', amount: '5000.00', closedAt: '2024-06-01T00:00:00Z' },
    {
      key: 'OPP-4',
      amount: '0.03',
      touches: [
        { partner: 'a1', action: 'webinar', at: '2025-01-05T00:00:00Z' },
        { partner: 'a2', action: 'webinar', at: '2025-01-06T00:00:00Z' },
        { partner: 'a3', action: 'webinar', at: '2025-01-07T00:00:00Z' },
      ],
    },
    {
      key: 'OPP-5',
      amount: '300.00',
      closedAt: null,
      createdAt: '2025-05-01T00:00:00Z',
      touches: [{ partner: 'si-co', action: 'deal_registration', at: '2025-05-02T00:00:00Z' }],
    },
  ]);
  v1 = await publish(db, { ruleSet: 'two_lane', effectiveFrom: '2025-01-01' });
});
afterAll(async () => {
  await db?.close();
});

const strip = (rows: Awaited<ReturnType<typeof currentAllocations>>) => rows.map(({ run_id: _r, ...rest }) => rest);
/** A current row of version 1 without an override, as strip() gives it. */
const v1Row = (opportunity: string, partner: string | null, lane: string, role: string, share: string, amount: string) => ({
  opportunity,
  partner,
  lane,
  role,
  share,
  amount,
  rule_version_number: 1,
  override_id: null,
});

describe(`attribution runs ${backendLabel}`, () => {
  it('a full run attributes every opportunity in the version window, exactly, and publishes atomically', async () => {
    const progress: RunProgress[] = [];
    const run = await startRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      triggeredBy: 'test',
      asOf: AS_OF,
      ...lang,
      batchSize: 2,
      partitions: 2,
      onProgress: (p) => {
        progress.push(p);
      },
    });
    expect(run).toMatchObject({ status: 'succeeded', opportunities: 4, partitions: 2, version: 1 });
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4 });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const rows = await currentAllocations(db, 'two_lane');
    expect(strip(rows)).toEqual([
      v1Row('OPP-1', 'acme', 'source', 'sourced', '1.000000', '100000.00'),
      v1Row('OPP-1', 'mkt', 'influence', 'influenced', '0.250000', '25000.00'),
      v1Row('OPP-1', 'si-co', 'influence', 'influenced', '0.250000', '25000.00'),
      // No credit in any lane: one explicit unattributed row (account-level touches do not count in these rules).
      v1Row('OPP-2', null, 'source', 'unattributed', '0.000000', '0.00'),
      // 1.5 cents over three partners: shares and cents still add up exactly.
      v1Row('OPP-4', 'a1', 'influence', 'influenced', '0.166667', '0.01'),
      v1Row('OPP-4', 'a2', 'influence', 'influenced', '0.166667', '0.01'),
      v1Row('OPP-4', 'a3', 'influence', 'influenced', '0.166666', '0.00'),
      // Open opportunity: dated by created_at.
      v1Row('OPP-5', 'si-co', 'source', 'sourced', '1.000000', '300.00'),
    ]);
    expect(new Set(rows.map((r) => r.run_id))).toEqual(new Set([run.runId]));
    const runRow = await db.prisma.attributionRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(runRow).toMatchObject({
      status: 'succeeded',
      kind: 'full',
      opportunitiesTotal: 4,
      opportunitiesDone: 4,
      allocationsWritten: 8,
      partitions: 2,
      triggeredBy: 'test',
    });
    expect((runRow.scope as { asOf: string }).asOf).toBe(AS_OF);
    const tagged = await db.sql.query<{ source_hash: string; explanation: { rule: string; steps: unknown[] }; tps: string[] }>(
      `SELECT ca.source_hash, ca.explanation, ca.contributing_touchpoint_ids::text[] AS tps FROM credit_allocation ca JOIN partner p ON p.id = ca.partner_id
        WHERE ca.run_id = $1::uuid AND p.key = 'acme'`,
      [run.runId],
    );
    const rv = await db.prisma.ruleVersion.findUniqueOrThrow({ where: { id: v1 } });
    expect(tagged[0]!.source_hash).toBe(rv.sourceHash);
    expect(tagged[0]!.explanation.rule).toBe('first_sourcing_touch');
    expect(tagged[0]!.tps).toHaveLength(1);
    const audit = await db.prisma.auditEvent.findMany({ where: { entityId: run.runId }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['run.start', 'run.finish']);
  });

  it('readers keep seeing the previous results until the new run commits', async () => {
    const before = await currentAllocations(db, 'two_lane');
    const seenDuring: Awaited<ReturnType<typeof currentAllocations>>[] = [];
    const run = await startRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      triggeredBy: 'test',
      asOf: AS_OF,
      ...lang,
      batchSize: 1,
      partitions: 1,
      onProgress: async () => {
        seenDuring.push(await currentAllocations(db, 'two_lane'));
      },
    });
    expect(seenDuring).toHaveLength(4);
    for (const seen of seenDuring) expect(seen).toEqual(before);
    const after = await currentAllocations(db, 'two_lane');
    expect(new Set(after.map((r) => r.run_id))).toEqual(new Set([run.runId]));
    // Determinism: same data and version, same rows byte for byte (bar the run id).
    expect(strip(after)).toEqual(strip(before));
    const explanations = await db.sql.query<{ run_id: string; doc: string }>(
      `SELECT run_id::text AS run_id, string_agg(opportunity_id::text || lane::text || COALESCE(partner_id::text, '') || role || share::text || amount::text
              || credit_explanation_of(credit_allocation)::text || array_to_string(contributing_touchpoint_ids, ','), '#' ORDER BY opportunity_id, lane, partner_id, role) AS doc
         FROM credit_allocation WHERE run_id = ANY($1::uuid[]) GROUP BY run_id`,
      [`{${before[0]!.run_id},${run.runId}}`],
    );
    expect(explanations).toHaveLength(2);
    expect(explanations[0]!.doc).toBe(explanations[1]!.doc);
  });

  it('scoped runs replace only the opportunities in scope', async () => {
    const before = await currentAllocations(db, 'two_lane');
    const byKey = await startRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      scope: { opportunityKeys: ['OPP-5'] },
      triggeredBy: 'test',
      asOf: AS_OF,
      ...lang,
    });
    expect(byKey.opportunities).toBe(1);
    const after = await currentAllocations(db, 'two_lane');
    for (const r of after)
      expect(r.run_id).toBe(r.opportunity === 'OPP-5' ? byKey.runId : before.find((b) => b.opportunity === r.opportunity)!.run_id);

    const byPartner = await startRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      scope: { partnerKey: 'si-co' },
      triggeredBy: 'test',
      asOf: AS_OF,
      ...lang,
    });
    expect(byPartner.opportunities).toBe(2); // OPP-1 and OPP-5
    const byDate = await startRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      scope: { from: '2025-04-01', to: '2025-12-31' },
      triggeredBy: 'test',
      asOf: AS_OF,
      ...lang,
    });
    expect(byDate.opportunities).toBe(1); // only OPP-5 (created 2025-05-01, open)
    expect(strip(await currentAllocations(db, 'two_lane'))).toEqual(strip(before));
  });

  it('refuses bad scopes and unpublished versions with clear errors', async () => {
    await expect(
      startRun(db, { ruleVersionId: v1, kind: 'full', scope: { opportunityKeys: ['NOPE-1'] }, triggeredBy: 't', ...lang }),
    ).rejects.toThrow(/no opportunity with key NOPE-1/);
    await expect(
      startRun(db, { ruleVersionId: v1, kind: 'full', scope: { from: '2025-13-01' }, triggeredBy: 't', ...lang }),
    ).rejects.toBeInstanceOf(ScopeError);
    const d = await draft(db, { ruleSet: 'two_lane', effectiveFrom: '2030-01-01', influenceShare: '0.4' });
    await expect(startRun(db, { ruleVersionId: d, kind: 'full', triggeredBy: 't', ...lang })).rejects.toBeInstanceOf(NotPublishedError);
  });

  it('a failing run is marked failed, leaves no rows and does not touch current results', async () => {
    const before = await currentAllocations(db);
    const bad = await publish(db, { ruleSet: 'explosive', effectiveFrom: '2025-01-01', explodeOn: 'OPP-5' });
    // A first good run of another rule set must not be disturbed either.
    const err = await startRun(db, {
      ruleVersionId: bad,
      kind: 'full',
      triggeredBy: 't',
      asOf: AS_OF,
      ...lang,
      batchSize: 1,
      partitions: 1,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunFailedError);
    expect((err as Error).message).toMatch(/evaluating opportunity OPP-5 failed: rule exploded on OPP-5/);
    const runId = (err as RunFailedError).runId;
    const run = await db.prisma.attributionRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/rule exploded/);
    expect(await db.prisma.creditAllocation.count({ where: { runId } })).toBe(0);
    expect(await currentAllocations(db)).toEqual(before);

    const broken = await publish(db, { ruleSet: 'broken', effectiveFrom: '2025-01-01', broken: true });
    const err2 = await startRun(db, { ruleVersionId: broken, kind: 'full', triggeredBy: 't', asOf: AS_OF, ...lang }).catch(
      (e: unknown) => e,
    );
    expect((err2 as Error).message).toMatch(
      /attribution of opportunity OPP-[15] breaks the engine invariants: amounts in lane source sum to (100000.01|300.01), not the granted (100000.00|300.00)/,
    );
    expect(await currentAllocations(db)).toEqual(before);
  });

  it("overlapping runs: a live run is not failed as stale, and a newer run's results are never overwritten by an older one", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let paused!: () => void;
    const reachedPause = new Promise<void>((r) => {
      paused = r;
    });
    const older = await launchRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      triggeredBy: 'older',
      asOf: AS_OF,
      ...lang,
      batchSize: 1,
      partitions: 1,
      onProgress: async (p) => {
        if (p.done === 1) {
          paused();
          await gate;
        }
      },
    });
    await reachedPause;
    const newer = await startRun(db, {
      ruleVersionId: v1,
      kind: 'full',
      scope: { opportunityKeys: ['OPP-1'] },
      triggeredBy: 'newer',
      asOf: AS_OF,
      ...lang,
    });
    expect((await db.prisma.attributionRun.findUniqueOrThrow({ where: { id: older.runId } })).status).toBe('running');
    release();
    const done = await older.completion;
    expect(done.status).toBe('succeeded');
    const rows = await currentAllocations(db, 'two_lane');
    for (const r of rows) expect(r.run_id, r.opportunity).toBe(r.opportunity === 'OPP-1' ? newer.runId : older.runId);
  });
});
