// Credit allocations keep their explanation out of line (migration
// 20261124040000): heap rows stay narrow, so scans of current credit (the
// scorecard, exports) and the run's switch UPDATEs do not carry ~1.4 KB of
// compressed JSON per row.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRun } from '../../src/engine/run.js';
import { seedDatabase } from '../../src/seed/seed.js';
import { publishStandardRules } from '../fault/support/rules.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db, { opportunities: 80, touchpointsPerOpportunity: 10, seed: 5 });
  const { ruleVersionId } = await publishStandardRules(db);
  await startRun(db, { ruleVersionId, kind: 'full', triggeredBy: 'storage-test' });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describeDatabase('credit allocation storage', () => {
  it('stores explanations in the TOAST table, leaving heap rows narrow', async () => {
    const [r] = await db.sql.query<{ rows: number; explanation_bytes: number; heap_bytes: string; toast_bytes: string }>(`
      SELECT count(*)::int AS rows,
             avg(octet_length(credit_explanation_of(ca)::text))::int AS explanation_bytes,
             pg_relation_size('credit_allocation')::text AS heap_bytes,
             pg_relation_size(c.reltoastrelid)::text AS toast_bytes
        FROM credit_allocation ca, pg_class c
       WHERE c.relname = 'credit_allocation'
       GROUP BY c.reltoastrelid`);
    expect(r!.rows).toBeGreaterThan(80);
    // Realistic explanations (every excluded touch, every weight) are kilobytes of JSON.
    expect(r!.explanation_bytes).toBeGreaterThan(2_000);
    expect(Number(r!.toast_bytes)).toBeGreaterThan(0);
    // Heap pages hold the narrow rows (about 450 bytes each, run + switch versions included).
    expect(Number(r!.heap_bytes) / r!.rows).toBeLessThan(1_400);
  });
});

describeDatabase('compression of large JSON values (migration 20261203210000)', () => {
  it('compresses explanations and audit values with lz4 where the server has it, pglz otherwise', async () => {
    const [{ lz4 }] = (await db.sql.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    )) as [{ lz4: boolean }];
    // PostgreSQL as Debian packages it has lz4; PGlite has not.
    expect(lz4).toBe(db.kind === 'postgres');
    const expected = lz4 ? 'lz4' : 'pglz';
    const [explanation] = await db.sql.query<{ method: string | null }>(
      `SELECT pg_column_compression(explanation) AS method FROM credit_allocation WHERE pg_column_compression(explanation) IS NOT NULL LIMIT 1`,
    );
    expect(explanation?.method).toBe(expected);
    // A large audit value (as a batch's creation event is) is compressed the same way.
    const items = Array.from({ length: 500 }, (_, i) => ({ id: i, proof: `https://crm.example/${i}`, action: 'joint_discovery' }));
    await db.sql.query(
      `INSERT INTO audit_event (id, actor, action, entity_type, after) VALUES (gen_random_uuid(), 'storage-test', 'test.compression', 'Test', $1::json)`,
      [JSON.stringify({ items })],
    );
    const [audit] = await db.sql.query<{ method: string | null }>(
      `SELECT pg_column_compression(after) AS method FROM audit_event WHERE action = 'test.compression'`,
    );
    expect(audit?.method).toBe(expected);
  });
});
