import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeHygiene, type HygieneCheck, type HygieneReport } from '../../src/reports/hygiene/index.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

// The review is for Wednesday 2026-03-18: ISO week 2026-W12 (Mar 16–23);
// "now" is the end of Mar 18; the previous week ended Monday Mar 16 00:00.
const AS_OF = new Date('2026-03-18T00:00:00Z');
const d = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

let db: TestDatabase;
const ids: Record<string, string> = {};

async function plant(p: PrismaClient): Promise<void> {
  const partner = async (key: string, status: 'active' | 'onboarding' | 'terminated' = 'active') => {
    ids[key] = (
      await p.partner.create({ data: { key, name: key.toUpperCase(), type: 'referral', status, createdAt: d('2025-11-01') } })
    ).id;
  };
  for (const k of ['acme', 'beta', 'busy', 'old']) await partner(k);
  await partner('dormant', 'onboarding');
  await partner('gone', 'terminated');

  const account = async (key: string) => {
    ids[key] = (await p.account.create({ data: { key, name: key } })).id;
  };
  await account('A1'); // has opportunities
  await account('A2'); // has none
  await account('A3');

  const opp = async (key: string, stage: 'proposal' | 'closed_won', closed: string | null) => {
    ids[key] = (
      await p.opportunity.create({
        data: {
          key,
          accountId: ids.A1!,
          name: `Deal ${key}`,
          type: 'new_business',
          amount: '10000.00',
          stage,
          createdAt: d('2026-01-05'),
          closedAt: closed ? d(closed) : null,
          ingestedAt: d('2026-01-05'),
        },
      })
    ).id;
  };
  await opp('O1', 'proposal', null);
  await opp('O2', 'closed_won', '2026-03-01');
  await opp('O3', 'proposal', null);
  await opp('O4', 'proposal', null);
  await opp('O5', 'closed_won', '2026-02-01');

  for (const key of ['dormant', 'old', 'busy', 'gone']) {
    await p.accountPartner.create({ data: { accountId: ids.A1!, partnerId: ids[key]!, since: d('2025-12-01') } });
  }

  type T = {
    name: string;
    partner: string;
    opp?: string;
    account?: string;
    action?: 'joint_discovery';
    occurred: string;
    ingested?: string;
    proof?: string | null;
    owner?: string | null;
    next?: string | null;
    deleted?: string;
    source?: string;
  };
  const touch = async (t: T) => {
    ids[t.name] = (
      await p.touchpoint.create({
        data: {
          source: t.source ?? 'crm',
          externalId: t.name,
          partnerId: ids[t.partner]!,
          opportunityId: t.opp ? ids[t.opp]! : null,
          accountId: t.account ? ids[t.account]! : null,
          action: t.action ?? 'joint_discovery',
          channel: 'co_sell',
          occurredAt: d(t.occurred),
          ingestedAt: d(t.ingested ?? '2026-03-01'),
          proof: t.proof === undefined ? 'https://proof.example' : t.proof,
          owner: t.owner === undefined ? 'pm@corp' : t.owner,
          nextJointStep: t.next === undefined ? 'Joint demo' : t.next,
          deletedAt: t.deleted ? d(t.deleted) : null,
        },
      })
    ).id;
  };
  const a = (x: string) => x as 'joint_discovery';
  await touch({ name: 'noProof', partner: 'acme', opp: 'O1', occurred: '2026-03-02', proof: null });
  await touch({
    name: 'noOwner',
    partner: 'acme',
    opp: 'O1',
    action: a('executive_alignment'),
    occurred: '2026-03-17',
    ingested: '2026-03-17',
    owner: '  ',
  });
  await touch({
    name: 'afterClose',
    partner: 'beta',
    opp: 'O2',
    action: a('buyer_recommendation'),
    occurred: '2026-03-05',
    ingested: '2026-03-06',
  });
  await touch({ name: 'reg', partner: 'acme', opp: 'O1', action: a('deal_registration'), occurred: '2026-03-03' });
  await touch({
    name: 'regCopy',
    source: 'prm',
    partner: 'acme',
    opp: 'O1',
    action: a('deal_registration'),
    occurred: '2026-03-04T12:00:00Z',
    ingested: '2026-03-17',
  });
  await touch({ name: 'regLater', partner: 'acme', opp: 'O1', action: a('deal_registration'), occurred: '2026-03-14' });
  await touch({ name: 'mismatch', partner: 'beta', opp: 'O1', account: 'A3', action: a('webinar'), occurred: '2026-03-06' });
  await touch({ name: 'orphan', partner: 'beta', account: 'A2', action: a('co_marketing'), occurred: '2026-03-06' });
  await touch({ name: 'deleted', partner: 'acme', opp: 'O1', action: a('security_review'), occurred: '2026-02-01', deleted: '2026-03-10' });
  await touch({ name: 'o3Intro', partner: 'beta', opp: 'O3', action: a('validated_intro'), occurred: '2026-03-05', next: null });
  await touch({ name: 'o4Disc', partner: 'acme', opp: 'O4', occurred: '2026-03-08' });
  await touch({ name: 'o5Disc', partner: 'beta', opp: 'O5', occurred: '2026-01-20', next: null });
  await touch({ name: 'busyTouch', partner: 'busy', account: 'A1', action: a('co_marketing'), occurred: '2026-03-01' });
  await touch({ name: 'oldTouch', partner: 'old', account: 'A1', action: a('co_marketing'), occurred: '2026-01-17' });

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
      publishedAt: d('2026-01-01'),
    },
  });
  const run = await p.attributionRun.create({ data: { ruleVersionId: v.id, kind: 'full', status: 'succeeded', triggeredBy: 't' } });
  const alloc = async (
    name: string,
    o: string,
    partnerKey: string,
    lane: 'source' | 'influence',
    role: string,
    amount: string,
    cites: string[] = [],
  ) => {
    ids[name] = (
      await p.creditAllocation.create({
        data: {
          runId: run.id,
          ruleVersionId: v.id,
          ruleVersionNumber: 1,
          sourceHash: 'h',
          opportunityId: ids[o]!,
          partnerId: ids[partnerKey]!,
          lane,
          role,
          share: '0.5',
          amount,
          isCurrent: true,
          createdAt: d('2026-03-01'),
          contributingTouchpointIds: cites,
        },
      })
    ).id;
  };
  await alloc('allocO1', 'O1', 'acme', 'source', 'sourced', '5000.00', [ids.deleted!, '00000000-0000-4000-8000-000000000000', ids.reg!]);
  await alloc('allocO3', 'O3', 'beta', 'influence', 'influenced', '5000.00', [ids.o3Intro!]);
  await alloc('allocO3disputed', 'O3', 'acme', 'influence', 'disputed', '2000.00');
  await alloc('allocO4', 'O4', 'acme', 'influence', 'influenced', '3000.00', [ids.o4Disc!]);
  await alloc('allocO5', 'O5', 'beta', 'influence', 'influenced', '5000.00', [ids.o5Disc!]);

  const dispute = async (name: string, created: string, resolved?: string) => {
    ids[name] = (
      await p.dispute.create({
        data: {
          opportunityId: ids.O3!,
          partnerId: ids.beta!,
          raisedBy: 'pm@beta',
          reason: `reason ${name}`,
          createdAt: d(created),
          status: resolved ? 'rejected' : 'open',
          resolvedAt: resolved ? d(resolved) : null,
          resolvedBy: resolved ? 'fin' : null,
        },
      })
    ).id;
  };
  await dispute('D1', '2026-03-10');
  await dispute('D2', '2026-03-02', '2026-03-17');
  await dispute('D3', '2026-03-17');
}

beforeAll(async () => {
  db = await createTestDatabase();
  await plant(db.prisma);
});
afterAll(async () => {
  await db?.close();
});

function check(report: HygieneReport, key: string): HygieneCheck {
  const c = report.checks.find((x) => x.key === key);
  if (!c) throw new Error(`no check ${key}`);
  return c;
}

describeDatabase('revenue hygiene', () => {
  it('finds every planted edge case, with links, and the week-over-week trend', async () => {
    const report = await computeHygiene(db, { asOf: AS_OF });
    expect(report.week).toEqual({ key: '2026-W12', start: '2026-03-16', end: '2026-03-23' });
    expect(report.previousWeek).toEqual({ key: '2026-W11', start: '2026-03-09', end: '2026-03-16' });

    const missing = check(report, 'missing_proof_or_owner');
    expect(missing.items.map((i) => i.touchpointId)).toEqual([ids.noOwner, ids.noProof]); // newest first
    expect(missing.items[0]).toMatchObject({
      entityType: 'touchpoint',
      opportunityKey: 'O1',
      partnerKey: 'acme',
      accountKey: 'A1',
      label: 'crm:noOwner',
    });
    expect(missing.items[0]!.detail).toContain('owner missing');
    expect(missing.items[1]!.detail).toContain('proof missing');
    // noOwner arrived this week: 1 → 2.
    expect([missing.count, missing.previousCount, missing.delta]).toEqual([2, 1, 1]);

    const inactive = check(report, 'inactive_partner');
    expect(inactive.items.map((i) => i.partnerKey)).toEqual(['dormant', 'old']);
    expect(inactive.items[0]!.detail).toBe('attached to 1 account(s), no action ever logged');
    // old's last touch Jan 17 is 61 days before Mar 19 (inactive) but 58 before Mar 16 (still active then).
    expect(inactive.items[1]!.detail).toBe('attached to 1 account(s), last action 2026-01-17 (61 days ago)');
    expect([inactive.count, inactive.previousCount]).toEqual([2, 1]);

    const disputes = check(report, 'open_dispute');
    expect(disputes.items.map((i) => i.disputeId)).toEqual([ids.D1, ids.D3]);
    expect(disputes.items[0]).toMatchObject({ opportunityKey: 'O3', partnerKey: 'beta' });
    // Previous week: D1 and D2 (resolved Mar 17) were open.
    expect([disputes.count, disputes.previousCount]).toEqual([2, 2]);

    const held = check(report, 'disputed_allocation');
    expect(held.items.map((i) => i.allocationId)).toEqual([ids.allocO3disputed]);
    expect(held.items[0]!.detail).toBe('2000.00 USD (influence) on hold for acme');

    const late = check(report, 'touch_after_close');
    expect(late.items.map((i) => i.touchpointId)).toEqual([ids.afterClose]);
    expect(late.items[0]!.detail).toBe('buyer_recommendation on 2026-03-05, 4 day(s) after O2 closed (closed_won on 2026-03-01)');

    const unknown = check(report, 'unknown_reference');
    expect(new Set(unknown.items.map((i) => i.entityId))).toEqual(new Set([ids.mismatch, ids.orphan, ids.allocO1]));
    expect(unknown.items.find((i) => i.entityId === ids.mismatch)!.detail).toBe(
      'touch names account A3 but opportunity O1 belongs to account A1',
    );
    expect(unknown.items.find((i) => i.entityId === ids.orphan)!.detail).toBe(
      'account-level touch on A2, which has no opportunity to credit',
    );
    const dangling = unknown.items.find((i) => i.entityId === ids.allocO1)!;
    expect(dangling.detail).toBe('credit cites touchpoint 00000000-0000-4000-8000-000000000000, which does not exist');
    expect([unknown.count, unknown.previousCount]).toEqual([3, 3]);

    const dups = check(report, 'suspected_duplicate');
    expect(dups.items.map((i) => [i.touchpointId, i.relatedId])).toEqual([[ids.regCopy, ids.reg]]);
    expect(dups.items[0]!.detail).toBe('same partner, opportunity and action (deal_registration) as crm:reg, 1.5 day(s) apart');
    // The PRM copy arrived this week but records an action of Mar 4: it counts from then.
    expect([dups.count, dups.previousCount]).toEqual([1, 1]);

    const nextStep = check(report, 'next_step_missing');
    expect(nextStep.items.map((i) => [i.opportunityKey, i.partnerKey, i.touchpointId])).toEqual([['O3', 'beta', ids.o3Intro]]);

    expect(report.totals).toEqual({ count: 2 + 2 + 2 + 1 + 1 + 3 + 1 + 1, previousCount: 1 + 1 + 2 + 1 + 1 + 3 + 1 + 1, delta: 2 });
    expect(report.checks.every((c) => !c.truncated)).toBe(true);
  });

  it('honours the window, duplicate distance, list limit and rule set', async () => {
    // With a 90-day window "old" (last action Jan 17) is not inactive yet.
    const wide = await computeHygiene(db, { asOf: AS_OF, inactiveDays: 90, duplicateDays: 11, limit: 1 });
    expect(check(wide, 'inactive_partner').count).toBe(1);
    // 11 days also pairs reg (Mar 3) / regCopy (Mar 4) / regLater (Mar 14): 3 pairs.
    const dups = check(wide, 'suspected_duplicate');
    expect(dups.count).toBe(3);
    expect(dups.items).toHaveLength(1);
    expect(dups.truncated).toBe(true);
    await expect(computeHygiene(db, { asOf: AS_OF, ruleSetKey: 'missing' })).rejects.toMatchObject({ code: 'RULE_SET_NOT_FOUND' });
    await expect(computeHygiene(db, { asOf: AS_OF, inactiveDays: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const scoped = await computeHygiene(db, { asOf: AS_OF, ruleSetKey: 'default' });
    expect(check(scoped, 'disputed_allocation').count).toBe(1);
  });

  it('reads the data as of the date: nothing from the future leaks in', async () => {
    const early = await computeHygiene(db, { asOf: d('2026-02-15') });
    expect(check(early, 'missing_proof_or_owner').count).toBe(0); // they happened in March
    expect(check(early, 'open_dispute').count).toBe(0);
    // Allocation checks read the current results, whatever the date.
    expect(check(early, 'disputed_allocation').count).toBe(1);
  });
});
