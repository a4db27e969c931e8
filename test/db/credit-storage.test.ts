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
             avg(octet_length(ca.explanation::text))::int AS explanation_bytes,
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
