// Influence accuracy: per period, of the won deals with partner credit, the
// share whose credit stood (no approved dispute), and the role agreement: of
// those where a credited partner's touches carry a rep-declared role (its
// latest live one up to the close), the share where every declaration matches
// a role the rules gave that partner on the deal; in the scorecard and its CSV.
// Declarations, by hand (acme is credited `influenced` on every deal, beta `sourced` on Q2-a and Q2-c):
//   Q1-a acme declared assisted_close                         → declared, disagrees
//   Q1-b acme declared sourced                                 → declared, disagrees
//   Q1-c acme sourced, later influenced (latest counts); a touch after close and a deleted one
//        declaring sourced are ignored                         → declared, agrees
//   Q1-d declared but no credit; Q1-f another rule set's credit → not counted
//   Q2-a acme undeclared, beta declared sourced                → declared, agrees
//   Q2-b beta declared influenced but beta holds no credit     → not declared
//   Q2-c acme declared influenced (agrees), beta declared influenced (beta is sourced) → declared, disagrees
//   2026-Q1: 1 of 3 declared deals agree (0.3333); 2026-Q2: 1 of 2 (0.5000).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderScorecardTable } from '../../src/cli/commands/scorecard.js';
import { scorecardToCsv, SCORECARD_CSV_HEADER } from '../../src/reports/csv.js';
import { computeScorecard } from '../../src/reports/scorecard.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  const acme = await p.partner.create({ data: { key: 'acme', name: 'Acme', type: 'referral' } });
  const beta = await p.partner.create({ data: { key: 'beta', name: 'Beta', type: 'reseller' } });
  const account = await p.account.create({ data: { key: 'A1', name: 'Account' } });
  const rs = await p.ruleSet.create({ data: { key: 'default', name: 'Default' } });
  const other = await p.ruleSet.create({ data: { key: 'other', name: 'Other' } });
  const version = async (ruleSetId: string) =>
    p.ruleVersion.create({
      data: {
        ruleSetId,
        version: 1,
        status: 'published',
        source: 's',
        sourceHash: 'h',
        author: 'a',
        publishedBy: 'a',
        publishedAt: d('2026-01-01'),
      },
    });
  const v = await version(rs.id);
  const vOther = await version(other.id);
  const runOf = async (id: string) =>
    p.attributionRun.create({ data: { ruleVersionId: id, kind: 'full', status: 'succeeded', triggeredBy: 't' } });
  const run = await runOf(v.id);
  const runOther = await runOf(vOther.id);
  const deal = async (
    key: string,
    stage: string,
    closed: string,
    credit: string | null,
    opts: { dispute?: 'approved' | 'rejected' | 'open'; otherRuleSet?: boolean } = {},
  ) => {
    const o = await p.opportunity.create({
      data: {
        key,
        accountId: account.id,
        name: key,
        type: 'new_business',
        amount: '1000.00',
        stage,
        createdAt: d('2026-01-02'),
        closedAt: d(closed),
      },
    });
    if (credit !== null) {
      const [ver, r] = opts.otherRuleSet ? [vOther, runOther] : [v, run];
      await p.creditAllocation.create({
        data: {
          runId: r.id,
          ruleVersionId: ver.id,
          ruleVersionNumber: 1,
          sourceHash: 'h',
          opportunityId: o.id,
          partnerId: acme.id,
          lane: 'influence',
          role: 'influenced',
          share: '1',
          amount: credit,
          isCurrent: true,
        },
      });
    }
    if (opts.dispute) {
      await p.dispute.create({
        data: {
          opportunityId: o.id,
          partnerId: acme.id,
          raisedBy: 'rep@corp',
          reason: 'not their deal',
          status: opts.dispute,
          resolvedAt: opts.dispute === 'open' ? null : d('2026-04-01'),
          resolvedBy: opts.dispute === 'open' ? null : 'finance@corp',
        },
      });
    }
  };
  await deal('Q1-a', 'closed_won', '2026-01-20', '1000.00');
  await deal('Q1-b', 'closed_won', '2026-02-20', '1000.00', { dispute: 'approved' }); // credit did not stand
  await deal('Q1-c', 'closed_won', '2026-03-20', '400.00', { dispute: 'rejected' }); // challenged, but it stood
  await deal('Q1-d', 'closed_won', '2026-03-21', '0.00'); // no credit: not counted
  await deal('Q1-e', 'closed_lost', '2026-03-22', '1000.00'); // lost: not counted
  await deal('Q1-f', 'closed_won', '2026-03-23', '1000.00', { otherRuleSet: true }); // another rule set's credit
  await deal('Q2-a', 'closed_won', '2026-04-10', '1000.00', { dispute: 'open' });
  await deal('Q2-b', 'closed_won', '2026-05-10', '1000.00');
  await deal('Q2-c', 'closed_won', '2026-05-12', '1000.00');

  const opp = async (key: string) => (await p.opportunity.findUniqueOrThrow({ where: { key } })).id;
  let n = 0;
  const declare = async (key: string, partnerId: string, role: string, at: string, deleted = false) =>
    p.touchpoint.create({
      data: {
        source: 'crm',
        externalId: `T-${++n}`,
        partnerId,
        opportunityId: await opp(key),
        action: 'joint_discovery',
        channel: 'co_sell',
        occurredAt: d(at),
        declaredRole: role,
        deletedAt: deleted ? d('2026-03-25') : null,
      },
    });
  await declare('Q1-a', acme.id, 'assisted_close', '2026-01-10');
  await declare('Q1-b', acme.id, 'sourced', '2026-01-10');
  await declare('Q1-c', acme.id, 'sourced', '2026-01-10');
  await declare('Q1-c', acme.id, 'influenced', '2026-02-10');
  await declare('Q1-c', acme.id, 'sourced', '2026-03-01', true); // deleted
  await declare('Q1-c', acme.id, 'sourced', '2026-03-25'); // after the close
  await declare('Q1-d', acme.id, 'sourced', '2026-01-10');
  await declare('Q1-f', acme.id, 'sourced', '2026-01-10');
  await declare('Q2-a', beta.id, 'sourced', '2026-03-01');
  await declare('Q2-b', beta.id, 'influenced', '2026-03-01');
  await declare('Q2-c', acme.id, 'influenced', '2026-03-01');
  await declare('Q2-c', beta.id, 'influenced', '2026-03-02');
  for (const key of ['Q2-a', 'Q2-c']) {
    await p.creditAllocation.create({
      data: {
        runId: run.id,
        ruleVersionId: v.id,
        ruleVersionNumber: 1,
        sourceHash: 'h',
        opportunityId: await opp(key),
        partnerId: beta.id,
        lane: 'source',
        role: 'sourced',
        share: '1',
        amount: '1000.00',
        isCurrent: true,
      },
    });
  }
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('influence accuracy', () => {
  it('per quarter: partner-credited won deals, those whose credit stood, and the rate', async () => {
    const card = await computeScorecard(db, {
      ruleSetKey: 'default',
      groupBy: 'period',
      period: 'quarter',
      from: d('2026-01-01'),
      to: d('2026-09-30'),
    });
    expect(card.influenceAccuracy).toEqual([
      { period: '2026-Q1', deals: 3, stood: 2, rate: '0.6667', declaredDeals: 3, agreedDeals: 1, roleAgreement: '0.3333' },
      { period: '2026-Q2', deals: 3, stood: 3, rate: '1.0000', declaredDeals: 2, agreedDeals: 1, roleAgreement: '0.5000' },
      { period: '2026-Q3', deals: 0, stood: 0, rate: null, declaredDeals: 0, agreedDeals: 0, roleAgreement: null },
    ]);
    const table = renderScorecardTable(card);
    expect(table).toContain(
      'Influence accuracy (partner-credited won deals whose credit stood, target 90%): 2026-Q1 66.67% (2/3), 2026-Q2 100% (3/3), 2026-Q3 – (0/0).',
    );
    expect(table).toContain(
      "Role agreement (of those with a rep-declared partner role, the rules' role agrees): 2026-Q1 33.33% (1/3), 2026-Q2 50% (1/2), 2026-Q3 – (0/0).",
    );
  });

  it('follows the fiscal year, and appears in every CSV row of its period', async () => {
    // February fiscal year: FY2026-Q4 is Nov 2025–Jan 2026 (Q1-a), FY2027-Q1 Feb–Apr 2026 (Q1-b, Q1-c, Q2-a):
    // declared Q1-a (disagrees); Q1-b (disagrees), Q1-c and Q2-a (agree).
    const card = await computeScorecard(db, {
      ruleSetKey: 'default',
      groupBy: 'period',
      period: 'quarter',
      from: d('2026-01-01'),
      to: d('2026-04-30'),
      fiscalYearStart: 2,
    });
    expect(card.influenceAccuracy).toEqual([
      { period: 'FY2026-Q4', deals: 1, stood: 1, rate: '1.0000', declaredDeals: 1, agreedDeals: 0, roleAgreement: '0.0000' },
      { period: 'FY2027-Q1', deals: 3, stood: 2, rate: '0.6667', declaredDeals: 3, agreedDeals: 2, roleAgreement: '0.6667' },
    ]);
    const csv = scorecardToCsv(card).trim().split('\r\n');
    const header = csv[0]!.split(',');
    expect(header.slice(-6)).toEqual([
      'influence_accuracy',
      'influence_accuracy_deals',
      'influence_accuracy_stood',
      'role_agreement',
      'role_agreement_deals',
      'role_agreement_agreed',
    ]);
    expect(header).toEqual([...SCORECARD_CSV_HEADER]);
    const row = csv.find((l) => l.includes('FY2027-Q1'))!.split(',');
    expect(row.slice(-6)).toEqual(['0.6667', '3', '2', '0.6667', '3', '2']);
    const first = csv.find((l) => l.includes('FY2026-Q4'))!.split(',');
    expect(first.slice(-3)).toEqual(['0.0000', '1', '0']);
  });
});
