// The hygiene report equals the reference implementation (the checks as first
// defined, one query per check and week, duplicates by self-join:
// ./hygiene-reference.ts) on random data: the seeded dataset attributed by the
// two-lane rules, then disturbed by a seeded PRNG — duplicated touches (ties
// in time, pairs at exactly the window's edge), blank proofs, owners and next
// steps, deletions and touches between the two weeks' instants, mismatched
// accounts, account-level touches on accounts without deals, credit citing
// deleted and missing touches, disputed credit. Counts, previous counts and
// items (in order, ties broken by id) must be equal, for several inputs.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRun } from '../../src/engine/run.js';
import { computeHygiene, type HygieneInput } from '../../src/reports/hygiene/index.js';
import { addDays, isoWeekOf } from '../../src/reports/periods.js';
import { createRuleSet, publishRuleVersion, saveDraft } from '../../src/rules/index.js';
import { SEED_AS_OF } from '../../src/seed/reference.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { referenceChecks } from './hygiene-reference.js';

let db: TestDatabase;
const HOUR = 3_600_000;

/** mulberry32: a small seeded PRNG, so every run disturbs the same rows. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function disturb(rand: () => number): Promise<void> {
  const q = (text: string, params: unknown[] = []) => db.sql.query(text, params);
  const touches = (await q('SELECT id::text AS id FROM touchpoint ORDER BY id')).map((r) => String((r as { id: string }).id));
  const pick = (n: number) => Array.from({ length: n }, () => touches[Math.floor(rand() * touches.length)]!);
  const asOfEnd = addDays(SEED_AS_OF, 1).getTime();
  const weekStart = isoWeekOf(SEED_AS_OF).start.getTime();
  // Duplicates: copies shifted by 0 h (a tie), exactly the 3-day window, just past it, or a little.
  const shifts = [0, 0, 72, 72, 73, -72, 5, 30, 49, -20];
  let k = 0;
  for (const id of pick(60)) {
    const hours = shifts[Math.floor(rand() * shifts.length)]!;
    await q(
      `INSERT INTO touchpoint (id, source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at, proof, owner, next_joint_step, updated_at)
       SELECT gen_random_uuid(), source, external_id || '-copy' || $2::text, opportunity_id, account_id, partner_id, action, channel,
              occurred_at + make_interval(hours => $3::int), proof, owner, next_joint_step, now()
         FROM touchpoint WHERE id = $1::uuid`,
      [id, String(k++), hours],
    );
  }
  for (const id of pick(40)) {
    const [proof, owner] = [['', null, '  ', 'ok'][Math.floor(rand() * 4)], [null, '', 'owner'][Math.floor(rand() * 3)]];
    await q('UPDATE touchpoint SET proof = $2, owner = $3 WHERE id = $1::uuid', [id, proof, owner]);
  }
  for (const id of pick(40)) await q(`UPDATE touchpoint SET next_joint_step = $2 WHERE id = $1::uuid`, [id, rand() < 0.5 ? null : ' ']);
  // Deletions and occurrences around the previous week's instant and the asOf day.
  const around = () => new Date(weekStart + (rand() * (asOfEnd - weekStart + 96 * HOUR) - 72 * HOUR));
  for (const id of pick(40)) await q('UPDATE touchpoint SET deleted_at = $2 WHERE id = $1::uuid', [id, around()]);
  for (const id of pick(30)) await q('UPDATE touchpoint SET occurred_at = $2 WHERE id = $1::uuid', [id, around()]);
  // Mismatched accounts; account-level touches on accounts with and without deals.
  for (const id of pick(15)) {
    await q(
      `UPDATE touchpoint SET account_id = (SELECT id FROM account ORDER BY md5(id::text || $2::text) LIMIT 1) WHERE id = $1::uuid AND opportunity_id IS NOT NULL`,
      [id, String(rand())],
    );
  }
  await q(
    `INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), 'ORPHAN-1', 'Orphan one', now()), (gen_random_uuid(), 'ORPHAN-2', 'Orphan two', now())`,
  );
  for (const [i, id] of pick(12).entries()) {
    await q(
      `UPDATE touchpoint SET opportunity_id = NULL,
              account_id = CASE WHEN $2::int % 2 = 0 THEN (SELECT id FROM account WHERE key = 'ORPHAN-' || (1 + $2::int % 4 / 2)) ELSE account_id END
        WHERE id = $1::uuid AND account_id IS NOT NULL OR id = $1::uuid AND $2::int % 2 = 0`,
      [id, i],
    );
  }
  // Credit citing touches that are deleted (soft) or missing (hard), and credit held as disputed.
  const cited = (
    await q(`SELECT DISTINCT unnest(contributing_touchpoint_ids)::text AS id FROM credit_allocation WHERE is_current ORDER BY 1`)
  ).map((r) => String((r as { id: string }).id));
  for (let i = 0; i < 6 && cited.length > 0; i++) {
    const id = cited[Math.floor(rand() * cited.length)]!;
    if (i % 2 === 0) await q('DELETE FROM touchpoint WHERE id = $1::uuid', [id]);
    else await q('UPDATE touchpoint SET deleted_at = $2 WHERE id = $1::uuid', [id, around()]);
  }
  await q(
    `UPDATE credit_allocation SET role = 'disputed' WHERE id IN (SELECT id FROM credit_allocation WHERE is_current ORDER BY md5(id::text) LIMIT 5)`,
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db, { opportunities: 150, touchpointsPerOpportunity: 5, seed: 11, progress: false, actor: 'test' });
  await createRuleSet(db, { key: 'two_lane', actor: 'test' });
  const source = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8').replace(
    'effective from 2026-01-01',
    'effective from 2025-01-01',
  );
  const { ruleVersion } = await saveDraft(db, { ruleSetKey: 'two_lane', source, author: 'test' });
  const v = (await publishRuleVersion(db, { ruleVersionId: ruleVersion.id, actor: 'test' })).ruleVersion;
  await startRun(db, { ruleVersionId: v.id, kind: 'full', triggeredBy: 'test', asOf: SEED_AS_OF });
  await disturb(prng(20));
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const CASES: { name: string; input: HygieneInput }[] = [
  { name: 'defaults, every item', input: { asOf: SEED_AS_OF, limit: 10_000 } },
  { name: 'defaults, 7 items per check', input: { asOf: SEED_AS_OF, limit: 7 } },
  {
    name: 'one rule set, a 1-day window, 20 inactive days',
    input: { asOf: SEED_AS_OF, ruleSetKey: 'two_lane', duplicateDays: 1, inactiveDays: 20, limit: 10_000 },
  },
  {
    name: 'ten days earlier, a 10-day window, EUR reporting',
    input: { asOf: addDays(SEED_AS_OF, -10), duplicateDays: 10, reportingCurrency: 'EUR', limit: 25 },
  },
];

describeDatabase('hygiene equals the reference implementation on random data', () => {
  it('the disturbed data gives every check something to find', async () => {
    const report = await computeHygiene(db, { asOf: SEED_AS_OF, limit: 1 });
    const counted = report.checks.filter((c) => c.count > 0).map((c) => c.key);
    for (const key of [
      'missing_proof_or_owner',
      'touch_after_close',
      'unknown_reference',
      'suspected_duplicate',
      'disputed_allocation',
      'next_step_missing',
    ])
      expect(counted).toContain(key);
    expect(report.checks.some((c) => c.count !== c.previousCount)).toBe(true);
  });

  for (const { name, input } of CASES) {
    it(name, async () => {
      const asOf = new Date(Date.UTC(input.asOf.getUTCFullYear(), input.asOf.getUTCMonth(), input.asOf.getUTCDate()));
      const expected = await referenceChecks(db.sql, {
        now: addDays(asOf, 1),
        before: isoWeekOf(asOf).start,
        inactiveDays: input.inactiveDays ?? 60,
        duplicateDays: input.duplicateDays ?? 3,
        ruleSetKey: input.ruleSetKey ?? null,
        limit: input.limit ?? 100,
        reportingCurrency: input.reportingCurrency ?? 'USD',
      });
      const report = await computeHygiene(db, input);
      expect(JSON.stringify(report.checks, null, 1)).toBe(JSON.stringify(expected, null, 1));
    }, 120_000);
  }
});
