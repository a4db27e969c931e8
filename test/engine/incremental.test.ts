import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backendLabel, type TestDatabase } from '../support/db.js';
import { startRun } from '../../src/engine/run.js';
import { recomputeOpportunities } from '../../src/engine/recompute.js';
import { currentAllocations, insertOpportunities, insertTouch } from './support/data.js';
import { AS_OF, lang, publish } from './support/setup.js';

let db: TestDatabase;
let ids: Map<string, string>;
let v2025: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ids = await insertOpportunities(db, [
    {
      key: 'INC-1',
      amount: '1000.00',
      touches: [
        { partner: 'acme', action: 'referral', at: '2025-01-05T00:00:00Z' },
        { partner: 'si-co', action: 'joint_discovery', at: '2025-02-01T00:00:00Z' },
        { partner: 'mkt', action: 'webinar', at: '2025-02-03T00:00:00Z' },
      ],
    },
    { key: 'INC-2', amount: '500.00' },
    {
      key: 'INC-3',
      amount: '700.00',
      closedAt: '2024-03-01T00:00:00Z',
      touches: [{ partner: 'acme', action: 'webinar', at: '2024-02-01T00:00:00Z' }],
    },
  ]);
  v2025 = await publish(db, { ruleSet: 'two_lane', effectiveFrom: '2025-01-01' });
  await publish(db, { ruleSet: 'two_lane', effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31', influenceShare: '1' });
  await publish(db, { ruleSet: 'source_only', influenceShare: '0' });
  for (const v of await db.prisma.ruleVersion.findMany({ where: { status: 'published' } })) {
    await startRun(db, { ruleVersionId: v.id, kind: 'full', triggeredBy: 'test', asOf: AS_OF, ...lang });
  }
});
afterAll(async () => {
  await db?.close();
});

async function addOverride(
  key: string,
  o: { partner: string | null; lane: 'source' | 'influence'; role: string; share: string; ruleSetKey?: string },
) {
  const partnerId = o.partner ? (await db.prisma.partner.findUniqueOrThrow({ where: { key: o.partner } })).id : null;
  return db.prisma.override.create({
    data: {
      opportunityId: ids.get(key)!,
      partnerId,
      lane: o.lane,
      role: o.role,
      share: o.share,
      reason: 'dispute upheld: partner ran the POC',
      approvedBy: 'finance@example.com',
      ruleSetKey: o.ruleSetKey ?? null,
    },
  });
}

describe(`incremental recompute and overrides ${backendLabel}`, () => {
  it('a window picks the version: 2024 deals use the 2024 version, 2025 deals the 2025 one', async () => {
    const rows = await currentAllocations(db, 'two_lane');
    expect(rows.filter((r) => r.opportunity === 'INC-3').map((r) => [r.partner, r.share, r.amount, r.rule_version_number])).toEqual([
      ['acme', '1.000000', '700.00', 2],
    ]);
    expect(rows.filter((r) => r.opportunity === 'INC-1').every((r) => r.rule_version_number === 1)).toBe(true);
  });

  it('recomputes just the touched opportunity under every rule set, quickly', async () => {
    const before = await currentAllocations(db);
    const opp2 = await db.prisma.opportunity.findUniqueOrThrow({ where: { key: 'INC-2' } });
    const acme = await db.prisma.partner.findUniqueOrThrow({ where: { key: 'acme' } });
    await insertTouch(db, {
      opportunityId: opp2.id,
      accountId: opp2.accountId,
      partnerId: acme.id,
      touch: { partner: 'acme', action: 'deal_registration', at: '2025-01-20T00:00:00Z' },
    });
    const result = await recomputeOpportunities(db, [opp2.id], { triggeredBy: 'ingest', asOf: AS_OF, ...lang });
    expect(result.runs.map((r) => [r.ruleSetKey, r.kind, r.opportunities])).toEqual([
      ['source_only', 'incremental', 1],
      ['two_lane', 'incremental', 1],
    ]);
    expect(result.durationMs).toBeLessThan(5000);
    const after = await currentAllocations(db);
    expect(after.filter((r) => r.opportunity === 'INC-2').map((r) => [r.partner, r.role, r.amount])).toEqual([
      ['acme', 'sourced', '500.00'],
      ['acme', 'sourced', '500.00'],
    ]);
    // Everything else is untouched (same rows from the same runs).
    const norm = (rows: typeof before) =>
      rows
        .filter((r) => r.opportunity !== 'INC-2')
        .map((r) => JSON.stringify(r))
        .sort();
    expect(norm(after)).toEqual(norm(before));
  });

  it('a date moving out of every window withdraws the credit (audited)', async () => {
    await db.sql.query(`UPDATE opportunity SET closed_at = '2023-06-01T00:00:00Z' WHERE key = 'INC-3'`);
    const result = await recomputeOpportunities(db, [ids.get('INC-3')!], { triggeredBy: 'ingest', asOf: AS_OF, ...lang });
    expect(result.withdrawn).toEqual({ two_lane: [ids.get('INC-3')] });
    expect((await currentAllocations(db, 'two_lane')).some((r) => r.opportunity === 'INC-3')).toBe(false);
    expect(await db.prisma.auditEvent.count({ where: { action: 'allocation.withdraw', entityId: ids.get('INC-3')! } })).toBe(1);
  });

  it('overrides apply on top of the rules, exactly, and survive recomputation until revoked', async () => {
    // Rules: acme sourced 100%; influence 50% split si-co / mkt (25% each of 1000.00).
    const ov = await addOverride('INC-1', {
      partner: 'si-co',
      lane: 'influence',
      role: 'influenced',
      share: '0.600000',
      ruleSetKey: 'two_lane',
    });
    await recomputeOpportunities(db, [ids.get('INC-1')!], { triggeredBy: 'disputes', asOf: AS_OF, ...lang });
    const influence = () =>
      currentAllocations(db, 'two_lane').then((rows) => rows.filter((r) => r.opportunity === 'INC-1' && r.lane === 'influence'));
    expect((await influence()).map((r) => [r.partner, r.share, r.amount, r.override_id])).toEqual([
      ['mkt', '0.250000', '250.00', null],
      ['si-co', '0.600000', '600.00', ov.id],
    ]);
    const explanation = await db.sql.query<{ explanation: { steps: { kind: string; message: string }[] } }>(
      `SELECT credit_explanation_of(ca) AS explanation FROM credit_allocation ca WHERE override_id = $1::uuid AND is_current`,
      [ov.id],
    );
    expect(explanation[0]!.explanation.steps[0]).toMatchObject({ kind: 'override' });
    expect(explanation[0]!.explanation.steps[0]!.message).toMatch(/approved by finance@example.com/);

    // The source_only rule set is not affected by an override scoped to two_lane.
    expect((await currentAllocations(db, 'source_only')).some((r) => r.override_id)).toBe(false);

    // A second override that would exceed 100%: the rule allocation is scaled into the room left.
    const ov2 = await addOverride('INC-1', { partner: 'acme', lane: 'influence', role: 'influenced', share: '0.333333' });
    const full = await startRun(db, { ruleVersionId: v2025, kind: 'full', triggeredBy: 'test', asOf: AS_OF, ...lang });
    expect(full.overridesApplied).toBe(2);
    const finish = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'run.finish', entityId: full.runId } });
    expect(finish.after).toMatchObject({ overridesApplied: 2, ruleSet: 'two_lane', version: 1 });
    expect((await influence()).map((r) => [r.partner, r.share, r.amount, r.override_id])).toEqual([
      ['acme', '0.333333', '333.33', ov2.id],
      ['mkt', '0.066667', '66.67', null],
      ['si-co', '0.600000', '600.00', ov.id],
    ]);

    await db.prisma.override.update({ where: { id: ov.id }, data: { status: 'revoked', revokedBy: 'finance', revokedAt: new Date() } });
    await db.prisma.override.update({ where: { id: ov2.id }, data: { status: 'revoked', revokedBy: 'finance', revokedAt: new Date() } });
    await recomputeOpportunities(db, [ids.get('INC-1')!], { triggeredBy: 'disputes', asOf: AS_OF, ...lang });
    expect((await influence()).map((r) => [r.partner, r.share, r.amount, r.override_id])).toEqual([
      ['mkt', '0.250000', '250.00', null],
      ['si-co', '0.250000', '250.00', null],
    ]);
  });

  it('a partnerless override replaces the whole lane', async () => {
    const ov = await addOverride('INC-1', { partner: null, lane: 'source', role: 'disputed', share: '0' });
    await recomputeOpportunities(db, [ids.get('INC-1')!], { triggeredBy: 'disputes', asOf: AS_OF, ...lang });
    const source = (await currentAllocations(db, 'two_lane')).filter((r) => r.opportunity === 'INC-1' && r.lane === 'source');
    expect(source.map((r) => [r.partner, r.role, r.share, r.amount, r.override_id])).toEqual([
      [null, 'disputed', '0.000000', '0.00', ov.id],
    ]);
  });
});
