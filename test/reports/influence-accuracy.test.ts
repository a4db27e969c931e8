// Influence accuracy: per period, of the won deals with partner credit, the
// share whose credit stood (no approved dispute); in the scorecard and its CSV.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scorecardToCsv, SCORECARD_CSV_HEADER } from '../../src/reports/csv.js';
import { computeScorecard } from '../../src/reports/scorecard.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  const acme = await p.partner.create({ data: { key: 'acme', name: 'Acme', type: 'referral' } });
  const account = await p.account.create({ data: { key: 'A1', name: 'Account' } });
  const rs = await p.ruleSet.create({ data: { key: 'default', name: 'Default' } });
  const other = await p.ruleSet.create({ data: { key: 'other', name: 'Other' } });
  const version = async (ruleSetId: string) => p.ruleVersion.create({ data: { ruleSetId, version: 1, status: 'published', source: 's', sourceHash: 'h', author: 'a', publishedBy: 'a', publishedAt: d('2026-01-01') } });
  const v = await version(rs.id);
  const vOther = await version(other.id);
  const runOf = async (id: string) => p.attributionRun.create({ data: { ruleVersionId: id, kind: 'full', status: 'succeeded', triggeredBy: 't' } });
  const run = await runOf(v.id);
  const runOther = await runOf(vOther.id);
  const deal = async (key: string, stage: string, closed: string, credit: string | null, opts: { dispute?: 'approved' | 'rejected' | 'open'; otherRuleSet?: boolean } = {}) => {
    const o = await p.opportunity.create({ data: { key, accountId: account.id, name: key, type: 'new_business', amount: '1000.00', stage, createdAt: d('2026-01-02'), closedAt: d(closed) } });
    if (credit !== null) {
      const [ver, r] = opts.otherRuleSet ? [vOther, runOther] : [v, run];
      await p.creditAllocation.create({ data: {
        runId: r.id, ruleVersionId: ver.id, ruleVersionNumber: 1, sourceHash: 'h', opportunityId: o.id, partnerId: acme.id,
        lane: 'influence', role: 'influenced', share: '1', amount: credit, isCurrent: true,
      } });
    }
    if (opts.dispute) {
      await p.dispute.create({ data: {
        opportunityId: o.id, partnerId: acme.id, raisedBy: 'rep@corp', reason: 'not their deal', status: opts.dispute,
        resolvedAt: opts.dispute === 'open' ? null : d('2026-04-01'), resolvedBy: opts.dispute === 'open' ? null : 'finance@corp',
      } });
    }
  };
  await deal('Q1-a', 'closed_won', '2026-01-20', '1000.00');
  await deal('Q1-b', 'closed_won', '2026-02-20', '1000.00', { dispute: 'approved' }); // credit did not stand
  await deal('Q1-c', 'closed_won', '2026-03-20', '400.00', { dispute: 'rejected' }); // challenged, but it stood
  await deal('Q1-d', 'closed_won', '2026-03-21', '0.00'); // no credit: not counted
  await deal('Q1-e', 'closed_lost', '2026-03-22', '1000.00'); // lost: not counted
  await deal('Q1-f', 'closed_won', '2026-03-23', '1000.00', { otherRuleSet: true }); // another rule set's credit
  await deal('Q2-a', 'closed_won', '2026-04-10', '1000.00', { dispute: 'open' });
});
afterAll(async () => { await db?.close(); });

describeDatabase('influence accuracy', () => {
  it('per quarter: partner-credited won deals, those whose credit stood, and the rate', async () => {
    const card = await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'period', period: 'quarter', from: d('2026-01-01'), to: d('2026-09-30') });
    expect(card.influenceAccuracy).toEqual([
      { period: '2026-Q1', deals: 3, stood: 2, rate: '0.6667' },
      { period: '2026-Q2', deals: 1, stood: 1, rate: '1.0000' },
      { period: '2026-Q3', deals: 0, stood: 0, rate: null },
    ]);
  });

  it('follows the fiscal year, and appears in every CSV row of its period', async () => {
    // February fiscal year: FY2026-Q4 is Nov 2025–Jan 2026 (Q1-a), FY2027-Q1 Feb–Apr 2026 (the rest).
    const card = await computeScorecard(db, { ruleSetKey: 'default', groupBy: 'period', period: 'quarter', from: d('2026-01-01'), to: d('2026-04-30'), fiscalYearStart: 2 });
    expect(card.influenceAccuracy).toEqual([
      { period: 'FY2026-Q4', deals: 1, stood: 1, rate: '1.0000' },
      { period: 'FY2027-Q1', deals: 3, stood: 2, rate: '0.6667' },
    ]);
    const csv = scorecardToCsv(card).trim().split('\r\n');
    const header = csv[0]!.split(',');
    expect(header.slice(-3)).toEqual(['influence_accuracy', 'influence_accuracy_deals', 'influence_accuracy_stood']);
    expect(header).toEqual([...SCORECARD_CSV_HEADER]);
    const row = csv.find((l) => l.includes('FY2027-Q1'))!.split(',');
    expect(row.slice(-3)).toEqual(['0.6667', '3', '2']);
  });
});
