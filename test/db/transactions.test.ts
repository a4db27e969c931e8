// Interactive transactions (prisma.$transaction(async (tx) => …)) outlive
// Prisma's 5-second default: a correct write that runs long while the
// database is busy commits instead of being aborted (src/db/client.ts,
// TRANSACTION_OPTIONS). Prisma enforces the limit on PostgreSQL, where this
// test fails with its 5-second default.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('interactive transactions', () => {
  it('commits a transaction that runs longer than 5 seconds', { timeout: 60_000 }, async () => {
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), 'slow', 'Slow', 'reseller', now())`,
      );
      await tx.$executeRawUnsafe('SELECT pg_sleep(6)');
      // Prisma refuses a statement of a transaction past its timeout: this one runs after 6 s.
      await tx.partner.update({ where: { key: 'slow' }, data: { name: 'Slow, committed' } });
    });
    const rows = await db.sql.query<{ key: string }>(`SELECT key, name FROM partner WHERE key = 'slow'`);
    expect(rows).toEqual([{ key: 'slow', name: 'Slow, committed' }]);
  });
});
