import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/governance/audit.js';
import { getDispute, listDisputes, raiseDispute, resolveDispute } from '../../src/governance/disputes.js';
import { GovernanceError } from '../../src/governance/errors.js';
import { listOverrides, revokeOverride } from '../../src/governance/overrides.js';
import type { RecomputeHook } from '../../src/governance/recompute.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let opp1: string;
let _opp2: string;
let allocation: string;

/** Records what governance asked the engine to recompute. */
function recorder() {
  const calls: { ids: string[]; triggeredBy: string }[] = [];
  const hook: RecomputeHook = async (_db, ids, { triggeredBy }) => {
    calls.push({ ids, triggeredBy });
    return { recomputed: ids.length };
  };
  return { calls, hook };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  const acme = await p.partner.create({ data: { key: 'acme', name: 'Acme SI', type: 'system_integrator' } });
  await p.partner.create({ data: { key: 'beta', name: 'Beta Referrals', type: 'referral' } });
  const account = await p.account.create({ data: { key: 'acct', name: 'Account' } });
  const mk = (key: string) =>
    p.opportunity.create({
      data: {
        key,
        accountId: account.id,
        name: key,
        type: 'new_business',
        amount: '100000.00',
        stage: 'closed_won',
        createdAt: new Date('2026-01-01T00:00:00Z'),
        closedAt: new Date('2026-02-01T00:00:00Z'),
      },
    });
  opp1 = (await mk('OPP-1')).id;
  _opp2 = (await mk('OPP-2')).id;
  const rs = await p.ruleSet.create({ data: { key: 'default', name: 'Default' } });
  const v = await p.ruleVersion.create({
    data: {
      ruleSetId: rs.id,
      version: 1,
      status: 'published',
      source: 's',
      sourceHash: 'h',
      author: 'a',
      publishedBy: 'a',
      publishedAt: new Date(),
    },
  });
  const run = await p.attributionRun.create({ data: { ruleVersionId: v.id, kind: 'full', status: 'succeeded', triggeredBy: 'test' } });
  const a = await p.creditAllocation.create({
    data: {
      runId: run.id,
      ruleVersionId: v.id,
      ruleVersionNumber: 1,
      sourceHash: 'h',
      opportunityId: opp1,
      partnerId: acme.id,
      lane: 'source',
      role: 'sourced',
      share: '1',
      amount: '100000.00',
      isCurrent: true,
    },
  });
  allocation = a.id;
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('disputes and overrides', () => {
  it('rejects bad disputes with typed errors and writes nothing', async () => {
    const base = { allocationId: allocation, raisedBy: 'pm@beta', reason: 'We introduced the buyer' };
    const cases: [object, string][] = [
      [{ ...base, requested: { lane: 'source', role: 'sourced', share: '1.5' } }, 'INVALID_SHARE'],
      [{ ...base, requested: { lane: 'source', role: 'sourced', share: '0.1234567' } }, 'INVALID_SHARE'],
      [{ ...base, requested: { lane: 'source', role: 'sourced', share: 'half' } }, 'INVALID_SHARE'],
      [{ ...base, requested: { lane: 'pipeline', role: 'sourced', share: '1' } }, 'INVALID_LANE'],
      [{ ...base, requested: { lane: 'source', role: 'Sourced Partner', share: '1' } }, 'INVALID_ROLE'],
      [{ ...base, reason: '   ' }, 'INVALID_INPUT'],
      [{ raisedBy: 'x', reason: 'y' }, 'INVALID_INPUT'],
      [{ ...base, allocationId: '00000000-0000-0000-0000-000000000000' }, 'ALLOCATION_NOT_FOUND'],
      [{ ...base, allocationId: undefined, opportunityKey: 'NOPE' }, 'OPPORTUNITY_NOT_FOUND'],
      [{ ...base, partnerKey: 'nobody' }, 'PARTNER_NOT_FOUND'],
      [{ ...base, opportunityKey: 'OPP-2' }, 'INVALID_INPUT'],
    ];
    for (const [input, code] of cases) {
      const err = await raiseDispute(db, input as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${JSON.stringify(input)} → ${code}`).toBeInstanceOf(GovernanceError);
      expect((err as GovernanceError).code, JSON.stringify(input)).toBe(code);
    }
    expect(await db.prisma.dispute.count()).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(0);
  });

  it('dispute → approval → override tagged with its approval → recompute → audit with before/after', async () => {
    const raised = await raiseDispute(db, {
      allocationId: allocation,
      partnerKey: 'beta',
      raisedBy: 'pm@beta',
      reason: 'Beta registered the deal first',
      evidence: 'https://prm.example/reg/77',
      requested: { lane: 'source', role: 'sourced', share: '1' },
    });
    expect(raised).toMatchObject({
      opportunityKey: 'OPP-1',
      partnerKey: 'beta',
      allocationId: allocation,
      status: 'open',
      requested: { lane: 'source', role: 'sourced', share: '1.000000' },
      evidence: 'https://prm.example/reg/77',
    });
    await expect(
      raiseDispute(db, { allocationId: allocation, partnerKey: 'beta', raisedBy: 'someone', reason: 'again' }),
    ).rejects.toMatchObject({ code: 'DISPUTE_ALREADY_OPEN' });
    await expect(
      resolveDispute(db, { disputeId: raised.id, resolver: 'pm@beta', decision: 'approved', resolution: 'ok' }),
    ).rejects.toMatchObject({ code: 'SELF_RESOLUTION_FORBIDDEN' });

    const engine = recorder();
    const result = await resolveDispute(
      db,
      {
        disputeId: raised.id,
        resolver: 'finance@corp',
        decision: 'approved',
        resolution: 'Registration predates the rep activity',
      },
      { recompute: engine.hook },
    );
    expect(result.dispute).toMatchObject({
      status: 'approved',
      resolvedBy: 'finance@corp',
      resolution: 'Registration predates the rep activity',
    });
    expect(result.override).toMatchObject({
      opportunityId: opp1,
      partnerKey: 'beta',
      disputeId: raised.id,
      lane: 'source',
      role: 'sourced',
      share: '1.000000',
      approvedBy: 'finance@corp',
      status: 'active',
      reason: 'Registration predates the rep activity',
    });
    expect(result.dispute.overrideIds).toEqual([result.override!.id]);
    expect(engine.calls).toEqual([{ ids: [opp1], triggeredBy: `dispute:${raised.id}` }]);
    expect(result.recompute).toEqual({ status: 'done', result: { recomputed: 1 } });

    await expect(
      resolveDispute(db, { disputeId: raised.id, resolver: 'other@corp', decision: 'rejected', resolution: 'no' }),
    ).rejects.toMatchObject({ code: 'DISPUTE_ALREADY_RESOLVED' });
    await expect(
      resolveDispute(db, { disputeId: '00000000-0000-0000-0000-000000000000', resolver: 'x', decision: 'rejected', resolution: 'no' }),
    ).rejects.toMatchObject({ code: 'DISPUTE_NOT_FOUND' });

    const trail = await listAuditEvents(db, { entityType: 'Dispute', entityId: raised.id });
    expect(trail.events.map((e) => e.action)).toEqual(['dispute.resolve', 'dispute.raise']);
    const [resolve, raise] = trail.events;
    expect(raise!.before).toBeNull();
    expect(raise!.after).toMatchObject({ status: 'open', raisedBy: 'pm@beta' });
    expect(resolve!.actor).toBe('finance@corp');
    expect(resolve!.before).toMatchObject({ status: 'open', resolution: null });
    expect(resolve!.after).toMatchObject({
      status: 'approved',
      resolution: 'Registration predates the rep activity',
      overrideIds: [result.override!.id],
    });
    const created = await listAuditEvents(db, { action: 'override.create', entityId: result.override!.id });
    expect(created.events).toHaveLength(1);
    expect(created.events[0]!.after).toMatchObject({ disputeId: raised.id, share: '1.000000', partnerKey: 'beta' });
  });

  it('rejects a dispute without creating an override', async () => {
    const raised = await raiseDispute(db, {
      opportunityKey: 'OPP-2',
      partnerKey: 'acme',
      raisedBy: 'pm@acme',
      reason: 'We did the scoping',
      requested: { lane: 'influence', role: 'assisted_close', share: '0.25' },
    });
    const engine = recorder();
    const result = await resolveDispute(
      db,
      { disputeId: raised.id, resolver: 'finance@corp', decision: 'rejected', resolution: 'No proof of the scoping session' },
      { recompute: engine.hook },
    );
    expect(result.dispute.status).toBe('rejected');
    expect(result.override).toBeNull();
    expect(result.recompute).toBeNull();
    expect(engine.calls).toEqual([]);
    expect(await listOverrides(db, { opportunityKey: 'OPP-2' })).toEqual([]);
    const trail = await listAuditEvents(db, { entityId: raised.id, action: 'dispute.resolve' });
    expect(trail.events[0]!.after).toMatchObject({ status: 'rejected' });
  });

  it('an approval that cannot be applied changes nothing', async () => {
    const raised = await raiseDispute(db, { opportunityKey: 'OPP-2', raisedBy: 'pm@beta', reason: 'Lane should be ours' });
    const auditBefore = await db.prisma.auditEvent.count();
    await expect(
      resolveDispute(db, { disputeId: raised.id, resolver: 'finance@corp', decision: 'approved', resolution: 'yes' }),
    ).rejects.toMatchObject({ code: 'OVERRIDE_REQUIRED' });
    await expect(
      resolveDispute(db, {
        disputeId: raised.id,
        resolver: 'finance@corp',
        decision: 'approved',
        resolution: 'yes',
        override: { lane: 'influence', role: 'influenced', share: '0.5', partnerKey: 'ghost' },
      }),
    ).rejects.toMatchObject({ code: 'PARTNER_NOT_FOUND' });
    expect((await getDispute(db, raised.id)).status).toBe('open');
    expect(await db.prisma.auditEvent.count()).toBe(auditBefore);

    // A recompute failure does not lose the approved override.
    const result = await resolveDispute(
      db,
      {
        disputeId: raised.id,
        resolver: 'finance@corp',
        decision: 'approved',
        resolution: 'Shared influence',
        override: { lane: 'influence', role: 'influenced', share: '0.5', partnerKey: 'beta' },
        ruleSetKey: 'default',
      },
      {
        recompute: async () => {
          throw new Error('engine down');
        },
      },
    );
    expect(result.recompute?.status).toBe('failed');
    expect(result.recompute?.error).toMatch(/saved.*engine down/);
    expect(result.override).toMatchObject({ ruleSetKey: 'default', share: '0.500000', partnerKey: 'beta', lane: 'influence' });
  });

  it('a newer approval for the same partner and lane supersedes the older override; revoke is audited', async () => {
    const first = (await listOverrides(db, { opportunityKey: 'OPP-1', status: 'active' }))[0]!;
    const raised = await raiseDispute(db, {
      opportunityKey: 'OPP-1',
      partnerKey: 'beta',
      raisedBy: 'pm@acme',
      reason: 'Split it',
      requested: { lane: 'source', role: 'sourced', share: '0.6' },
    });
    const engine = recorder();
    const result = await resolveDispute(
      db,
      { disputeId: raised.id, resolver: 'vp@corp', decision: 'approved', resolution: 'Split 60/40' },
      { recompute: engine.hook },
    );
    expect(result.superseded.map((o) => [o.id, o.status, o.revokedBy])).toEqual([[first.id, 'revoked', 'vp@corp']]);
    const active = await listOverrides(db, { opportunityKey: 'OPP-1', status: 'active' });
    expect(active.map((o) => o.id)).toEqual([result.override!.id]);

    const revoked = await revokeOverride(
      db,
      { overrideId: result.override!.id, actor: 'cfo@corp', reason: 'Audit found the registration invalid' },
      { recompute: engine.hook },
    );
    expect(revoked.override).toMatchObject({ status: 'revoked', revokedBy: 'cfo@corp' });
    expect(engine.calls.at(-1)).toEqual({ ids: [opp1], triggeredBy: `override-revoke:${result.override!.id}` });
    await expect(revokeOverride(db, { overrideId: result.override!.id, actor: 'cfo@corp', reason: 'again' })).rejects.toMatchObject({
      code: 'OVERRIDE_ALREADY_REVOKED',
    });
    await expect(revokeOverride(db, { overrideId: 'not-a-uuid', actor: 'cfo@corp', reason: 'x' })).rejects.toMatchObject({
      code: 'OVERRIDE_NOT_FOUND',
    });
    await expect(revokeOverride(db, { overrideId: first.id, actor: 'cfo@corp', reason: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    const trail = await listAuditEvents(db, { entityType: 'Override', entityId: result.override!.id });
    expect(trail.events.map((e) => e.action)).toEqual(['override.revoke', 'override.create']);
    expect(trail.events[0]!.before).toMatchObject({ status: 'active' });
    expect(trail.events[0]!.after).toMatchObject({ status: 'revoked', revokeReason: 'Audit found the registration invalid' });
    const supersede = await listAuditEvents(db, { entityId: first.id, action: 'override.revoke' });
    expect(supersede.events[0]!.after).toMatchObject({ revokeReason: `superseded by the approval of dispute ${raised.id}` });
  });

  it('two reviewers deciding the same dispute at once: exactly one wins', async () => {
    const raised = await raiseDispute(db, {
      opportunityKey: 'OPP-2',
      partnerKey: 'beta',
      raisedBy: 'pm@beta',
      reason: 'Race',
      requested: { lane: 'influence', role: 'influenced', share: '0.1' },
    });
    const engine = recorder();
    const outcomes = await Promise.allSettled([
      resolveDispute(db, { disputeId: raised.id, resolver: 'a@corp', decision: 'approved', resolution: 'yes' }, { recompute: engine.hook }),
      resolveDispute(db, { disputeId: raised.id, resolver: 'b@corp', decision: 'rejected', resolution: 'no' }, { recompute: engine.hook }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'DISPUTE_ALREADY_RESOLVED' });
    const resolves = await listAuditEvents(db, { entityId: raised.id, action: 'dispute.resolve' });
    expect(resolves.events).toHaveLength(1);
  });

  it('lists disputes and pages through the audit trail with filters', async () => {
    const open = await listDisputes(db, { status: 'open' });
    expect(open.disputes).toEqual([]);
    const all = await listDisputes(db, { first: 2 });
    expect(all.disputes).toHaveLength(2);
    expect(all.hasNextPage).toBe(true);
    const rest = await listDisputes(db, { first: 10, after: all.endCursor! });
    expect(rest.disputes.length).toBe(3);
    expect(new Set([...all.disputes, ...rest.disputes].map((d) => d.id)).size).toBe(5);
    expect((await listDisputes(db, { opportunityKey: 'OPP-1' })).disputes).toHaveLength(2);

    const everything = await listAuditEvents(db, { first: 500 });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listAuditEvents(db, { first: 3, after });
      seen.push(...page.events.map((e) => e.id));
      if (!page.hasNextPage) break;
      after = page.endCursor!;
    }
    expect(seen).toEqual(everything.events.map((e) => e.id));
    expect(everything.events.length).toBeGreaterThanOrEqual(10);
    const byActor = await listAuditEvents(db, { actor: 'cfo@corp' });
    expect(byActor.events.map((e) => e.action)).toEqual(['override.revoke']);
    const disputeActions = await listAuditEvents(db, { action: 'dispute.', first: 500 });
    expect(disputeActions.events.every((e) => e.action.startsWith('dispute.'))).toBe(true);
    expect(disputeActions.events.length).toBe(10); // 5 raised + 5 resolved
    const future = await listAuditEvents(db, { from: new Date(Date.now() + 86_400_000) });
    expect(future.events).toEqual([]);
    await expect(listAuditEvents(db, { after: 'garbage' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    await expect(listAuditEvents(db, { first: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
