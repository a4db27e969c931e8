// Reports on the project's generated dataset (src/seed) attributed by the
// real two-lane rules: the hygiene report finds the edge cases the seed plants
// at known opportunity keys and agrees with a plain TypeScript recount of the
// raw rows (an independent oracle); the scorecard never counts credit twice.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRun } from '../../src/engine/run.js';
import { parseDecimal } from '../../src/domain/decimal.js';
import { computeScorecard, SCORECARD_GROUP_BYS, type Scorecard } from '../../src/reports/scorecard.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import { computeHygiene, type HygieneCheck, type HygieneReport } from '../../src/reports/hygiene/index.js';
import { EDGE_CASE_OPPORTUNITIES, SEED_AS_OF } from '../../src/seed/reference.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
let report: HygieneReport;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db, { opportunities: 120, touchpointsPerOpportunity: 4, seed: 7, progress: false, actor: 'test' });
  // The seed writes its history today; the report still reads it as of the seed's last day.
  report = await computeHygiene(db, { asOf: SEED_AS_OF, limit: 10_000 });
  await createRuleSet(db, { key: 'two_lane', actor: 'test' });
  const source = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8').replace(
    'effective from 2026-01-01',
    'effective from 2025-01-01',
  );
  const { ruleVersion } = await saveDraft(db, { ruleSetKey: 'two_lane', source, author: 'test' });
  const v = (await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' })).ruleVersion;
  await startRun(db, { ruleVersionId: v.id, kind: 'full', triggeredBy: 'test', asOf: SEED_AS_OF });
});
afterAll(async () => {
  await db?.close();
});

const check = (key: string): HygieneCheck => report.checks.find((c) => c.key === key)!;

describeDatabase('hygiene on the seeded dataset', () => {
  it('finds each seeded edge case at its known opportunity', async () => {
    expect(report.week.key).toBe('2026-W40');
    const inChecks = (key: string, opp: string) => check(key).items.filter((i) => i.opportunityKey === opp);

    // missing_proof: every live touch of that deal lacks proof.
    const missingProofTouches = await db.sql.query<{ id: string }>(
      `SELECT t.id::text AS id FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id WHERE o.key = $1 AND t.deleted_at IS NULL`,
      [EDGE_CASE_OPPORTUNITIES.missing_proof],
    );
    expect(missingProofTouches.length).toBeGreaterThan(0);
    const flagged = inChecks('missing_proof_or_owner', EDGE_CASE_OPPORTUNITIES.missing_proof);
    expect(new Set(flagged.map((i) => i.touchpointId))).toEqual(new Set(missingProofTouches.map((t) => t.id)));
    expect(flagged.every((i) => i.detail.includes('proof missing'))).toBe(true);

    // touch_after_close: the late touch is listed.
    const late = inChecks('touch_after_close', EDGE_CASE_OPPORTUNITIES.touch_after_close);
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(late[0]!.detail).toMatch(/day\(s\) after OPP-0000005 closed/);

    // duplicate_submission: the portal/CRM twin is suspected, pointing at the original.
    const dups = inChecks('suspected_duplicate', EDGE_CASE_OPPORTUNITIES.duplicate_submission);
    expect(dups.length).toBeGreaterThanOrEqual(1);
    const sources = new Map(
      (
        await db.sql.query<{ id: string; source: string }>(
          `SELECT t.id::text AS id, t.source FROM touchpoint t WHERE t.id = ANY($1::uuid[])`,
          [dups.flatMap((d) => [d.touchpointId!, d.relatedId!])],
        )
      ).map((r) => [r.id, r.source]),
    );
    // The planted twin comes from another system than the original.
    expect(dups.some((d) => sources.get(d.touchpointId!) !== sources.get(d.relatedId!))).toBe(true);

    // soft_deleted: the deleted touch is in no touch queue.
    const deleted = await db.sql.query<{ id: string }>(
      `SELECT t.id::text AS id FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id WHERE o.key = $1 AND t.deleted_at IS NOT NULL`,
      [EDGE_CASE_OPPORTUNITIES.soft_deleted],
    );
    expect(deleted.length).toBe(1);
    for (const c of report.checks) expect(c.items.some((i) => i.touchpointId === deleted[0]!.id)).toBe(false);
  });

  it('agrees with a plain recount of inactive attached partners and duplicates', async () => {
    const T = new Date(SEED_AS_OF.getTime());
    const end = Date.UTC(T.getUTCFullYear(), T.getUTCMonth(), T.getUTCDate()) + DAY;
    const partners = await db.sql.query<{ id: string; key: string; status: string }>(
      `SELECT id::text AS id, key, status::text AS status FROM partner`,
    );
    const links = await db.sql.query<{ partner_id: string; since: Date; until: Date | null }>(
      `SELECT partner_id::text AS partner_id, since, until FROM account_partner`,
    );
    const touches = await db.sql.query<{
      id: string;
      partner_id: string;
      opportunity_id: string | null;
      account_id: string | null;
      action: string;
      occurred_at: Date;
      ingested_at: Date;
      deleted_at: Date | null;
    }>(
      `SELECT id::text AS id, partner_id::text AS partner_id, opportunity_id::text AS opportunity_id, account_id::text AS account_id,
              action::text AS action, occurred_at, ingested_at, deleted_at FROM touchpoint`,
    );
    const ms = (d: Date | string) => new Date(d).getTime();
    const live = touches.filter((t) => ms(t.occurred_at) < end && (t.deleted_at === null || ms(t.deleted_at) >= end));

    const expectedInactive = partners
      .filter((p) => {
        if (!['prospect', 'onboarding', 'active'].includes(p.status)) return false;
        const attached = links.some((l) => l.partner_id === p.id && ms(l.since) < end && (l.until === null || ms(l.until) >= end));
        if (!attached) return false;
        const last = Math.max(
          -Infinity,
          ...live.filter((t) => t.partner_id === p.id && ms(t.occurred_at) < end).map((t) => ms(t.occurred_at)),
        );
        return last < end - 60 * DAY;
      })
      .map((p) => p.key)
      .sort();
    expect(
      check('inactive_partner')
        .items.map((i) => i.partnerKey!)
        .sort(),
    ).toEqual(expectedInactive);

    let pairs = 0;
    for (const a of live) {
      for (const b of live) {
        const later = ms(b.occurred_at) > ms(a.occurred_at) || (ms(b.occurred_at) === ms(a.occurred_at) && b.id > a.id);
        const sameSubject =
          a.opportunity_id !== null ? b.opportunity_id === a.opportunity_id : b.opportunity_id === null && b.account_id === a.account_id;
        if (
          later &&
          b.partner_id === a.partner_id &&
          b.action === a.action &&
          sameSubject &&
          ms(b.occurred_at) - ms(a.occurred_at) <= 3 * DAY
        )
          pairs++;
      }
    }
    expect(check('suspected_duplicate').count).toBe(pairs);
    expect(pairs).toBeGreaterThan(0);
  });

  it('scorecards never count credit twice: lanes stay within the revenue, groups add up to the period', async () => {
    const range = {
      ruleSetKey: 'two_lane',
      period: 'quarter' as const,
      from: new Date('2025-04-01T00:00:00Z'),
      to: new Date('2026-09-30T00:00:00Z'),
    };
    const cards = new Map<string, Scorecard>();
    for (const groupBy of SCORECARD_GROUP_BYS) cards.set(groupBy, await computeScorecard(db, { ...range, groupBy }));
    const totals = cards.get('period')!;
    const cents = (v: string) => parseDecimal(v, 2, 'half-up');
    expect(totals.rows.some((r) => cents(r.sourcedRevenue) > 0n && cents(r.influencedRevenue) > 0n)).toBe(true);

    // Closed-won revenue of the period, straight from the opportunities.
    const won = await db.sql.query<{ q: string; total: string }>(
      `SELECT to_char(date_trunc('quarter', closed_at, 'UTC'), 'YYYY-"Q"Q') AS q, sum(amount)::text AS total
         FROM opportunity WHERE stage = 'closed_won' GROUP BY 1`,
    );
    const wonBy = new Map(won.map((w) => [w.q, cents(w.total)]));
    for (const r of totals.rows) {
      expect(cents(r.involvedRevenue)).toBeLessThanOrEqual(wonBy.get(r.period) ?? 0n);
      expect(cents(r.sourcedRevenue)).toBeLessThanOrEqual(cents(r.involvedRevenue));
      expect(cents(r.influencedRevenue)).toBeLessThanOrEqual(cents(r.involvedRevenue));
      expect(cents(r.sourcedPipeline)).toBeLessThanOrEqual(cents(r.involvedPipeline));
    }
    for (const groupBy of ['partner', 'partner_type', 'channel'] as const) {
      for (const period of totals.periods) {
        const rows = cards.get(groupBy)!.rows.filter((r) => r.period === period.key);
        const total = totals.rows.find((r) => r.period === period.key)!;
        for (const figure of ['sourcedRevenue', 'influencedRevenue', 'sourcedPipeline', 'influencedPipeline'] as const) {
          expect(
            rows.reduce((s, r) => s + cents(r[figure]), 0n),
            `${groupBy} ${period.key} ${figure}`,
          ).toBe(cents(total[figure]));
        }
        for (const r of rows) {
          expect(cents(r.sourcedRevenue)).toBeLessThanOrEqual(cents(r.involvedRevenue));
          expect(cents(r.influencedRevenue)).toBeLessThanOrEqual(cents(r.involvedRevenue));
        }
      }
    }
  });
});
