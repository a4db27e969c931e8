import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { introspectSchema } from '../../src/db/introspect.js';
import { diffSchemas, formatDifferences } from '../../src/db/schema-model.js';
import { deferrableKeys, withKeysDeferred } from '../../src/seed/deferred-keys.js';
import { EDGE_CASE_OPPORTUNITIES, SEED_AS_OF } from '../../src/seed/reference.js';
import { DatabaseNotEmptyError, isDatabaseEmpty, resetDomainTables, seedDatabase, seedDemo } from '../../src/seed/seed.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

/** A digest of everything the seed writes, in a stable order, without the write-time columns. */
async function digestDatabase(db: TestDatabase): Promise<string> {
  const hash = createHash('sha256');
  const queries = [
    `SELECT id, key, name, type, tier, status, owner, created_at FROM partner ORDER BY id`,
    `SELECT id, partner_id, period_start, period_end, amount, currency, category, note FROM partner_investment ORDER BY id`,
    `SELECT id, key, name, domain, segment, region, created_at FROM account ORDER BY id`,
    `SELECT id, account_id, partner_id, since, until FROM account_partner ORDER BY id`,
    `SELECT id, key, account_id, name, type, amount, currency, stage, created_at, closed_at, owner_rep FROM opportunity ORDER BY id`,
    `SELECT id, source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at, proof, owner,
            next_joint_step, engagement_depth, stage_at_touch, metadata, deleted_at FROM touchpoint ORDER BY id`,
  ];
  for (const q of queries) hash.update(JSON.stringify(await db.sql.query(q)));
  return hash.digest('hex');
}

describeDatabase('seed', () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('loads the demo dataset into an empty database, with every edge case', async () => {
    expect(await isDatabaseEmpty(demo)).toBe(true);
    const summary = await seedDemo(demo);
    expect(await isDatabaseEmpty(demo)).toBe(false);
    expect(summary.counts).toMatchObject({ partners: 50, accounts: 500, opportunities: 5000 });
    expect(summary.counts.touchpoints).toBeGreaterThan(18_000);
    expect(summary.rowsPerSecond).toBeGreaterThan(0);

    const [stored] = await demo.sql.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM partner)::int AS partners, (SELECT count(*) FROM opportunity)::int AS opportunities,
              (SELECT count(*) FROM touchpoint)::int AS touchpoints, (SELECT count(*) FROM partner_investment)::int AS investments,
              (SELECT count(*) FROM account_partner)::int AS links`,
    );
    expect(stored).toEqual({
      partners: 50,
      opportunities: 5000,
      touchpoints: summary.counts.touchpoints,
      investments: summary.counts.partnerInvestments,
      links: summary.counts.accountPartners,
    });

    const one = async (sql: string, params: unknown[] = []) => (await demo.sql.query<{ n: number }>(sql, params))[0]!.n;
    // Missing proof, soft-deleted touches, account-level signals.
    expect(await one(`SELECT count(*)::int AS n FROM touchpoint WHERE proof IS NULL`)).toBeGreaterThan(100);
    expect(await one(`SELECT count(*)::int AS n FROM touchpoint WHERE deleted_at IS NOT NULL`)).toBeGreaterThan(10);
    expect(
      await one(
        `SELECT count(*)::int AS n FROM touchpoint WHERE opportunity_id IS NULL AND account_id IS NOT NULL AND action = 'integration_usage'`,
      ),
    ).toBeGreaterThan(10);
    // Touches after close.
    expect(
      await one(
        `SELECT count(*)::int AS n FROM touchpoint t JOIN opportunity o ON o.id = t.opportunity_id WHERE t.occurred_at > o.closed_at`,
      ),
    ).toBeGreaterThan(10);
    // Duplicate submissions: same partner, action, time and deal from two sources.
    expect(
      await one(
        `SELECT count(*)::int AS n FROM touchpoint a JOIN touchpoint b ON a.opportunity_id = b.opportunity_id AND a.partner_id = b.partner_id
         AND a.action = b.action AND a.occurred_at = b.occurred_at AND a.source < b.source`,
      ),
    ).toBeGreaterThan(10);
    // Several partners on one deal.
    expect(
      await one(
        `SELECT count(*)::int AS n FROM (SELECT opportunity_id FROM touchpoint WHERE opportunity_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT partner_id) >= 3) x`,
      ),
    ).toBeGreaterThan(10);
    // Attached-only: partners on the account, no touch on the deal.
    expect(
      await one(
        `SELECT count(*)::int AS n FROM opportunity o WHERE o.key = $1
         AND EXISTS (SELECT 1 FROM account_partner ap WHERE ap.account_id = o.account_id)
         AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.opportunity_id = o.id)`,
        [EDGE_CASE_OPPORTUNITIES.attached_only],
      ),
    ).toBe(1);
    // Investments per partner per quarter; nothing dated after the reference date.
    expect(await one(`SELECT count(DISTINCT period_start)::int AS n FROM partner_investment`)).toBe(6);
    expect(await one(`SELECT count(*)::int AS n FROM touchpoint WHERE occurred_at > $1`, [SEED_AS_OF])).toBe(0);
    // Money stays exact.
    const [sum] = await demo.sql.query<{ total: string }>(`SELECT sum(amount)::text AS total FROM opportunity`);
    expect(sum!.total).toMatch(/^\d+\.\d{2}$/);
    // An audit event says who loaded what.
    expect(await one(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'seed.load'`)).toBe(1);
  });

  it('refuses a database that already holds data, and replaces it after a reset', async () => {
    await expect(seedDatabase(demo, { opportunities: 50 })).rejects.toThrow(DatabaseNotEmptyError);
    await expect(seedDatabase(demo, { opportunities: 50 })).rejects.toThrow(/--reset/);
    expect((await demo.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM opportunity`))[0]!.n).toBe(5000);
    await resetDomainTables(demo, 'test');
    expect(await isDatabaseEmpty(demo)).toBe(true);
    expect((await demo.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'seed.reset'`))[0]!.n).toBe(1);
  });

  it('writes the same rows for the same seed (digest), in any batch size', async () => {
    const other = await createTestDatabase();
    try {
      await seedDatabase(demo, { seed: 42, opportunities: 300, touchpointsPerOpportunity: 10, batchSize: 97 });
      // Batch by batch, two writers in flight: the same rows.
      const batched = await seedDatabase(other, {
        seed: 42,
        opportunities: 300,
        touchpointsPerOpportunity: 10,
        batchSize: 40,
        singleTransactionLimit: 0,
        writers: 2,
        deferKeys: false,
      });
      const [stored] = await other.sql.query<{ opportunities: number; touchpoints: number; accounts: number }>(
        `SELECT (SELECT count(*) FROM opportunity)::int AS opportunities, (SELECT count(*) FROM touchpoint)::int AS touchpoints, (SELECT count(*) FROM account)::int AS accounts`,
      );
      expect({
        opportunities: batched.counts.opportunities,
        touchpoints: batched.counts.touchpoints,
        accounts: batched.counts.accounts,
      }).toEqual(stored);
      const digest = await digestDatabase(demo);
      expect(await digestDatabase(other)).toBe(digest);
      await resetDomainTables(other);
      await seedDatabase(other, { seed: 43, opportunities: 300, touchpointsPerOpportunity: 10 });
      expect(await digestDatabase(other)).not.toBe(digest);
      const [ratio] = await demo.sql.query<{ r: string }>(
        `SELECT round(count(*)::numeric / 300, 1)::text AS r FROM touchpoint WHERE opportunity_id IS NOT NULL`,
      );
      expect(Number(ratio!.r)).toBeGreaterThan(8.5);
    } finally {
      await other.close();
    }
  });

  it('with keys deferred (big datasets): the same rows, and the schema rebuilt exactly as migrated', async () => {
    const plain = await createTestDatabase();
    const deferred = await createTestDatabase();
    try {
      const schemaBefore = await introspectSchema(deferred.sql);
      const seeded = ['partner', 'partner_investment', 'account', 'account_partner', 'opportunity', 'touchpoint'];
      const keysBefore = await deferrableKeys(deferred.sql, seeded);
      // Not vacuous: primary keys, unique and plain indexes, and foreign keys (also from other tables) are deferred.
      expect(keysBefore.keys.map((k) => k.name)).toContain('touchpoint_pkey');
      expect(keysBefore.indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining(['touchpoint_source_external_id_key', 'touchpoint_opportunity_id_idx']),
      );
      expect(keysBefore.foreignKeys.map((k) => k.name)).toEqual(
        expect.arrayContaining(['opportunity_account_id_fkey', 'credit_allocation_opportunity_id_fkey']),
      );
      expect(keysBefore.setBasedChecks).toEqual([
        { table: 'touchpoint', trigger: 'touchpoint_fk_check_insert' },
        { table: 'touchpoint', trigger: 'touchpoint_fk_check_update' },
      ]);

      await seedDatabase(plain, { seed: 42, opportunities: 300, touchpointsPerOpportunity: 10, deferKeys: false });
      // 300 > singleTransactionLimit 100: a big dataset, whose default is deferred keys.
      await seedDatabase(deferred, {
        seed: 42,
        opportunities: 300,
        touchpointsPerOpportunity: 10,
        singleTransactionLimit: 100,
        batchSize: 64,
      });
      expect(await digestDatabase(deferred)).toBe(await digestDatabase(plain));
      expect(formatDifferences(diffSchemas(schemaBefore, await introspectSchema(deferred.sql)))).toBe('');
      expect(await deferrableKeys(deferred.sql, seeded)).toEqual(keysBefore);
      // The rebuilt keys are enforced.
      await expect(
        deferred.sql.query(`INSERT INTO touchpoint (id, source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at, updated_at)
        SELECT gen_random_uuid(), source, external_id, opportunity_id, account_id, partner_id, action, channel, occurred_at, now() FROM touchpoint LIMIT 1`),
      ).rejects.toThrow(/unique|duplicate/i);
      await expect(
        deferred.sql.query(
          `UPDATE touchpoint SET opportunity_id = gen_random_uuid() WHERE id = (SELECT id FROM touchpoint WHERE opportunity_id IS NOT NULL LIMIT 1)`,
        ),
      ).rejects.toThrow(/foreign key/i);
    } finally {
      await plain.close();
      await deferred.close();
    }
  });

  it('a load with keys deferred that breaks a set-based foreign key rolls back, schema included', async () => {
    const db = await createTestDatabase();
    try {
      const schemaBefore = await introspectSchema(db.sql);
      await expect(
        db.sql.transaction((tx) =>
          withKeysDeferred(tx, ['partner', 'touchpoint'], async () => {
            await tx.exec(
              `INSERT INTO account (id, key, name, updated_at) VALUES ('00000000-0000-4000-8000-0000000000aa', 'acc', 'A', now())`,
            );
            // The check triggers are off during the load: a touchpoint of a partner that does not exist gets in…
            await tx.exec(`INSERT INTO touchpoint (id, source, external_id, account_id, partner_id, action, channel, occurred_at, updated_at)
          VALUES (gen_random_uuid(), 'crm', 'x', '00000000-0000-4000-8000-0000000000aa', gen_random_uuid(), 'referral', 'co_sell', now(), now())`);
          }),
        ),
      ).rejects.toThrow(/violates foreign key constraint "touchpoint_partner_id_fkey"/); // …and is caught when the load ends.
      expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM touchpoint`))[0]!.n).toBe(0);
      expect(formatDifferences(diffSchemas(schemaBefore, await introspectSchema(db.sql)))).toBe('');
    } finally {
      await db.close();
    }
  });

  it('a load with keys deferred that breaks a key rolls back, schema included', async () => {
    const db = await createTestDatabase();
    try {
      const schemaBefore = await introspectSchema(db.sql);
      await expect(
        db.sql.transaction((tx) =>
          withKeysDeferred(tx, ['partner'], async () => {
            // Two partners with one key: accepted while the unique index is dropped, refused when it is rebuilt.
            await tx.exec(`INSERT INTO partner (id, key, name, type, updated_at) VALUES
          (gen_random_uuid(), 'dup', 'A', 'reseller', now()), (gen_random_uuid(), 'dup', 'B', 'reseller', now())`);
          }),
        ),
      ).rejects.toThrow(/unique|duplicate/i);
      expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM partner`))[0]!.n).toBe(0);
      expect(formatDifferences(diffSchemas(schemaBefore, await introspectSchema(db.sql)))).toBe('');
    } finally {
      await db.close();
    }
  });
});
