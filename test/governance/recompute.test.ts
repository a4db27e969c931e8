// Dispute → approval → override → recompute with the real rules language
// (dsl/two_lane.attr) and the real engine: the current allocation carries the
// override, survives a full re-run, and revoking it restores the rule result.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRun } from '../../src/engine/run.js';
import { listAuditEvents } from '../../src/governance/audit.js';
import { raiseDispute, resolveDispute } from '../../src/governance/disputes.js';
import { revokeOverride } from '../../src/governance/overrides.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { createGovernanceWorld } from './fixture.js';

let db: TestDatabase;
let versionId: string;
let oppId: string;

interface Row {
  partner: string | null;
  lane: string;
  role: string;
  share: string;
  amount: string;
  override_id: string | null;
  explanation: unknown;
}

async function current(): Promise<Row[]> {
  return db.sql.query<Row>(
    `SELECT p.key AS partner, ca.lane::text AS lane, ca.role, ca.share::text AS share, ca.amount::text AS amount,
            ca.override_id::text AS override_id, ca.explanation
       FROM credit_allocation ca LEFT JOIN partner p ON p.id = ca.partner_id
      WHERE ca.is_current AND ca.opportunity_id = $1::uuid ORDER BY ca.lane, p.key NULLS FIRST`,
    [oppId],
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  ({ oppId, versionId } = await createGovernanceWorld(db, (ids) => [
    {
      source: 'crm',
      externalId: 'r1',
      opportunityId: ids.oppId,
      partnerId: ids.acme,
      action: 'referral',
      channel: 'referral',
      occurredAt: new Date('2026-01-05T00:00:00Z'),
      proof: 'intro email',
      owner: 'pm',
    },
    {
      source: 'crm',
      externalId: 'j1',
      opportunityId: ids.oppId,
      partnerId: ids.globex,
      action: 'joint_discovery',
      channel: 'co_sell',
      occurredAt: new Date('2026-02-01T00:00:00Z'),
      proof: 'meeting notes',
      owner: 'pm',
    },
  ]));
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('dispute → approval → override → recompute (real engine)', () => {
  it('the approved override replaces the rule credit, survives a full run, and revoking restores the rules', async () => {
    const before = await current();
    const source = before.find((r) => r.lane === 'source')!;
    expect([source.partner, source.role, source.amount, source.override_id]).toEqual(['acme', 'sourced', '120000.00', null]);
    const acmeAllocation = (
      await db.prisma.creditAllocation.findFirstOrThrow({ where: { opportunityId: oppId, isCurrent: true, lane: 'source' } })
    ).id;

    const dispute = await raiseDispute(db, {
      allocationId: acmeAllocation,
      partnerKey: 'globex',
      raisedBy: 'pm@globex',
      reason: 'Globex ran discovery before the referral was logged',
      evidence: 'calendar invite 2025-12-20',
      requested: { lane: 'source', role: 'sourced', share: '1' },
    });
    const approved = await resolveDispute(db, {
      disputeId: dispute.id,
      resolver: 'finance@corp',
      decision: 'approved',
      resolution: 'Calendar evidence accepted',
    });
    expect(approved.recompute?.status).toBe('done');

    const after = await current();
    const newSource = after.filter((r) => r.lane === 'source');
    // The override holds the whole lane, so the engine scales acme's rule credit down to nothing.
    expect(newSource.map((r) => [r.partner, r.role, r.share, r.amount, r.override_id])).toEqual([
      ['acme', 'sourced', '0.000000', '0.00', null],
      ['globex', 'sourced', '1.000000', '120000.00', approved.override!.id],
    ]);
    expect(JSON.stringify(newSource[1]!.explanation)).toContain(dispute.id);
    // The influence lane is untouched by a source-lane override.
    expect(after.filter((r) => r.lane === 'influence').map((r) => [r.partner, r.amount, r.override_id])).toEqual(
      before.filter((r) => r.lane === 'influence').map((r) => [r.partner, r.amount, null]),
    );

    // A full re-run keeps the override.
    await startRun(db, { ruleVersionId: versionId, kind: 'full', triggeredBy: 'test' });
    expect((await current()).filter((r) => r.lane === 'source').map((r) => [r.partner, r.amount, r.override_id])).toEqual([
      ['acme', '0.00', null],
      ['globex', '120000.00', approved.override!.id],
    ]);

    const revoked = await revokeOverride(db, { overrideId: approved.override!.id, actor: 'cfo@corp', reason: 'Evidence withdrawn' });
    expect(revoked.recompute?.status).toBe('done');
    expect((await current()).filter((r) => r.lane === 'source').map((r) => [r.partner, r.role, r.amount, r.override_id])).toEqual([
      ['acme', 'sourced', '120000.00', null],
    ]);

    const trail = await listAuditEvents(db, { first: 500 });
    const actions = trail.events.map((e) => e.action);
    for (const a of ['dispute.raise', 'dispute.resolve', 'override.create', 'override.revoke']) expect(actions).toContain(a);
  });
});
