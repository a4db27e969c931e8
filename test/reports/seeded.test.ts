// The hygiene report on the project's generated dataset (src/seed): it finds
// the edge cases the seed plants at known opportunity keys, and its inactive-
// partner and duplicate checks agree with a plain TypeScript recount of the
// raw rows (an independent oracle).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeHygiene, type HygieneCheck, type HygieneReport } from '../../src/reports/hygiene.js';
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
});
afterAll(async () => { await db?.close(); });

const check = (key: string): HygieneCheck => report.checks.find((c) => c.key === key)!;

describeDatabase('hygiene on the seeded dataset', () => {
  it('finds each seeded edge case at its known opportunity', async () => {
    expect(report.week.key).toBe('2026-W40');
    const inChecks = (key: string, opp: string) => check(key).items.filter((i) => i.opportunityKey === opp);

    // missing_proof: every live touch of that deal lacks proof.
    const missingProofTouches = await db.sql.query<{ id: string }>(
      `SELECT t.id::text AS id FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id WHERE o.key = $1 AND t.deleted_at IS NULL`,
      [EDGE_CASE_OPPORTUNITIES.missing_proof]);
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
    const sources = new Map((await db.sql.query<{ id: string; source: string }>(
      `SELECT t.id::text AS id, t.source FROM touchpoint t WHERE t.id = ANY($1::uuid[])`,
      [dups.flatMap((d) => [d.touchpointId!, d.relatedId!])])).map((r) => [r.id, r.source]));
    // The planted twin comes from another system than the original.
    expect(dups.some((d) => sources.get(d.touchpointId!) !== sources.get(d.relatedId!))).toBe(true);

    // soft_deleted: the deleted touch is in no touch queue.
    const deleted = await db.sql.query<{ id: string }>(
      `SELECT t.id::text AS id FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id WHERE o.key = $1 AND t.deleted_at IS NOT NULL`,
      [EDGE_CASE_OPPORTUNITIES.soft_deleted]);
    expect(deleted.length).toBe(1);
    for (const c of report.checks) expect(c.items.some((i) => i.touchpointId === deleted[0]!.id)).toBe(false);
  });

  it('agrees with a plain recount of inactive attached partners and duplicates', async () => {
    const T = new Date(SEED_AS_OF.getTime());
    const end = Date.UTC(T.getUTCFullYear(), T.getUTCMonth(), T.getUTCDate()) + DAY;
    const partners = await db.sql.query<{ id: string; key: string; status: string }>(`SELECT id::text AS id, key, status::text AS status FROM partner`);
    const links = await db.sql.query<{ partner_id: string; since: Date; until: Date | null }>(`SELECT partner_id::text AS partner_id, since, until FROM account_partner`);
    const touches = await db.sql.query<{ id: string; partner_id: string; opportunity_id: string | null; account_id: string | null; action: string; occurred_at: Date; ingested_at: Date; deleted_at: Date | null }>(
      `SELECT id::text AS id, partner_id::text AS partner_id, opportunity_id::text AS opportunity_id, account_id::text AS account_id,
              action::text AS action, occurred_at, ingested_at, deleted_at FROM touchpoint`);
    const ms = (d: Date | string) => new Date(d).getTime();
    const live = touches.filter((t) => ms(t.occurred_at) < end && (t.deleted_at === null || ms(t.deleted_at) >= end));

    const expectedInactive = partners.filter((p) => {
      if (!['prospect', 'onboarding', 'active'].includes(p.status)) return false;
      const attached = links.some((l) => l.partner_id === p.id && ms(l.since) < end && (l.until === null || ms(l.until) >= end));
      if (!attached) return false;
      const last = Math.max(-Infinity, ...live.filter((t) => t.partner_id === p.id && ms(t.occurred_at) < end).map((t) => ms(t.occurred_at)));
      return last < end - 60 * DAY;
    }).map((p) => p.key).sort();
    expect(check('inactive_partner').items.map((i) => i.partnerKey!).sort()).toEqual(expectedInactive);

    let pairs = 0;
    for (const a of live) {
      for (const b of live) {
        const later = ms(b.occurred_at) > ms(a.occurred_at) || (ms(b.occurred_at) === ms(a.occurred_at) && b.id > a.id);
        const sameSubject = a.opportunity_id !== null ? b.opportunity_id === a.opportunity_id
          : b.opportunity_id === null && b.account_id === a.account_id;
        if (later && b.partner_id === a.partner_id && b.action === a.action && sameSubject && ms(b.occurred_at) - ms(a.occurred_at) <= 3 * DAY) pairs++;
      }
    }
    expect(check('suspected_duplicate').count).toBe(pairs);
    expect(pairs).toBeGreaterThan(0);
  });
});
