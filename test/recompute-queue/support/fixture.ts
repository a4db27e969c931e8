// A database for the recompute worker's tests: 60 seeded opportunities, the
// standard rules published, and the opportunities those rules cover (closed
// inside their window, so every drain of them makes runs), in key order.
import { publishStandardRules } from '../../fault/support/rules.js';
import { seedDatabase } from '../../../src/seed/seed.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

export async function coveredOpportunities(seed: number): Promise<{ db: TestDatabase; opps: string[] }> {
  const db = await createTestDatabase();
  await seedDatabase(db, { opportunities: 60, touchpointsPerOpportunity: 3, seed });
  await publishStandardRules(db);
  const opps = (
    await db.sql.query<{ id: string }>(
      `SELECT id::text AS id FROM opportunity WHERE closed_at >= '2026-01-15' AND closed_at < now() ORDER BY key`,
    )
  ).map((r) => r.id);
  return { db, opps };
}
