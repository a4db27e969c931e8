// Migration 20261203220000 links touchpoints to the batch audit event that
// created them (touchpoint.ingest_event_id) and drops the GIN index on
// audit_event.entity_ids that the link replaces. Touchpoints already in the
// database when it runs, created by batch events
// that list them in entity_ids, must come out linked; others stay null.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrator.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { copyMigrations, type MigrationsFixture } from '../support/migrations-fixture.js';

const MIGRATION = '20261203220000_touchpoint_ingest_event';

let db: TestDatabase;
let fixture: MigrationsFixture;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  fixture = copyMigrations();
});
afterAll(async () => {
  fixture?.cleanup();
  await db?.close();
});

describeDatabase('migration 20261203220000 (touchpoint.ingest_event_id)', () => {
  it('links touchpoints created by earlier batch events, leaves the others unlinked and drops the GIN index', async () => {
    const sql = fixture.read(MIGRATION);
    fixture.remove(MIGRATION);
    await migrate(db, { migrationsDir: fixture.dir });
    const [partner] = await db.sql.query<{ id: string }>(
      `INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), 'P-M', 'M', 'reseller', now()) RETURNING id::text AS id`,
    );
    const [account] = await db.sql.query<{ id: string }>(
      `INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), 'A-M', 'M', now()) RETURNING id::text AS id`,
    );
    const ids = await db.sql.query<{ id: string }>(
      `INSERT INTO touchpoint (id, source, external_id, partner_id, account_id, action, channel, occurred_at, updated_at)
       SELECT gen_random_uuid(), 'crm', 'M-' || n, $1::uuid, $2::uuid, 'referral', 'referral', now(), now() FROM generate_series(1, 4) AS n
       RETURNING id::text AS id`,
      [partner!.id, account!.id],
    );
    const batch = ids.slice(0, 3).map((r) => r.id);
    const [event] = await db.sql.query<{ id: string }>(
      `INSERT INTO audit_event (id, actor, action, entity_type, entity_ids, after) VALUES (gen_random_uuid(), 'test', 'touchpoint.ingest', 'Touchpoint', $1::text[], '{"created":3}')
       RETURNING id::text AS id`,
      [`{${batch.join(',')}}`],
    );
    // The fourth one was created by a one-touchpoint event (entity_id, no entity_ids).
    await db.sql.query(
      `INSERT INTO audit_event (id, actor, action, entity_type, entity_id) VALUES (gen_random_uuid(), 'test', 'touchpoint.ingest', 'Touchpoint', $1)`,
      [ids[3]!.id],
    );

    fixture.add(MIGRATION, sql);
    const { applied } = await migrate(db, { migrationsDir: fixture.dir });
    expect(applied).toEqual([MIGRATION]);
    const links = await db.sql.query<{ id: string; ingest_event_id: string | null }>(
      `SELECT id::text AS id, ingest_event_id::text AS ingest_event_id FROM touchpoint`,
    );
    const linked = new Map(links.map((l) => [l.id, l.ingest_event_id]));
    for (const id of batch) expect(linked.get(id)).toBe(event!.id);
    expect(linked.get(ids[3]!.id)).toBeNull();
    const gin = await db.sql.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'audit_event_entity_ids_idx'`);
    expect(gin).toEqual([]);
  });
});
