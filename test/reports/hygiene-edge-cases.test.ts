// The hygiene review's edge cases for governance: credit resting on one
// unproven touch, and partners with many touches and no credit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeHygiene, MANY_TOUCHES } from '../../src/reports/hygiene/index.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
let db: TestDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  for (const key of ['solo', 'proven', 'noisy', 'quiet'])
    ids[key] = (await p.partner.create({ data: { key, name: key.toUpperCase(), type: 'referral' } })).id;
  const account = await p.account.create({ data: { key: 'A1', name: 'Acme' } });
  const opp = await p.opportunity.create({
    data: {
      key: 'O1',
      accountId: account.id,
      name: 'Deal',
      type: 'new_business',
      amount: '10000.00',
      stage: 'closed_won',
      createdAt: d('2026-01-05'),
      closedAt: d('2026-03-01'),
    },
  });
  const touch = async (name: string, partner: string, proof: string | null, occurred = '2026-02-01') => {
    ids[name] = (
      await p.touchpoint.create({
        data: {
          source: 'crm',
          externalId: name,
          partnerId: ids[partner]!,
          opportunityId: opp.id,
          action: 'referral',
          channel: 'referral',
          occurredAt: d(occurred),
          proof,
        },
      })
    ).id;
  };
  await touch('soloTouch', 'solo', null);
  await touch('provenTouch', 'proven', 'https://proof.example/1');
  await touch('soloSecond', 'proven', null);
  for (let i = 0; i < MANY_TOUCHES; i++) await touch(`noisy${i}`, 'noisy', 'https://proof.example/n', `2026-02-1${i}`);
  for (let i = 0; i < MANY_TOUCHES - 1; i++) await touch(`quiet${i}`, 'quiet', 'https://proof.example/q');
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
  const alloc = async (name: string, partner: string, cites: string[], amount = '5000.00') => {
    ids[name] = (
      await p.creditAllocation.create({
        data: {
          runId: run.id,
          ruleVersionId: v.id,
          ruleVersionNumber: 1,
          sourceHash: 'h',
          opportunityId: opp.id,
          partnerId: ids[partner]!,
          lane: 'influence',
          role: 'influenced',
          share: '0.5',
          amount,
          isCurrent: true,
          contributingTouchpointIds: cites,
        },
      })
    ).id;
  };
  await alloc('soloCredit', 'solo', [ids.soloTouch!]); // one touch, no proof: listed
  await alloc('provenCredit', 'proven', [ids.provenTouch!]); // one touch with proof: not listed
  await alloc('twoTouches', 'proven', [ids.provenTouch!, ids.soloSecond!]); // an unproven touch among two: not listed
  await alloc('zero', 'quiet', [ids.quiet0!], '0.00'); // no credit: quiet holds nothing, but has fewer than MANY_TOUCHES touches
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('hygiene edge cases for governance', () => {
  it('lists credit resting on a single touch without proof, with the allocation, partner, deal and touch', async () => {
    const report = await computeHygiene(db, { asOf: d('2026-03-18') });
    const c = report.checks.find((x) => x.key === 'unproven_single_touch_credit')!;
    expect(c.items.map((i) => i.allocationId)).toEqual([ids.soloCredit]);
    expect(c.items[0]).toMatchObject({
      entityType: 'allocation',
      partnerKey: 'solo',
      opportunityKey: 'O1',
      accountKey: 'A1',
      touchpointId: ids.soloTouch,
    });
    expect(c.items[0]!.detail).toBe(
      'solo holds 5000.00 USD (influence, influenced) on O1 resting only on touch soloTouch (referral, 2026-02-01) without proof',
    );
  });

  it(`lists partners with at least ${MANY_TOUCHES} live touches and no credit, as of the day`, async () => {
    const now = (await computeHygiene(db, { asOf: d('2026-03-18') })).checks.find((x) => x.key === 'touches_without_credit')!;
    expect(now.items.map((i) => i.partnerKey)).toEqual(['noisy']);
    expect(now.items[0]!.detail).toBe(`noisy has ${MANY_TOUCHES} live touches (latest 2026-02-14) and no current credit`);
    // On Feb 12 only three of noisy's touches had happened.
    const before = (await computeHygiene(db, { asOf: d('2026-02-12') })).checks.find((x) => x.key === 'touches_without_credit')!;
    expect(before.count).toBe(0);
  });
});
