// The drift test: a freshly migrated database must be exactly what
// prisma/schema.prisma declares. If you changed schema.prisma, write the
// matching migration (prisma/migrations/<timestamp>_<name>/migration.sql).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { introspectSchema } from '../../src/db/introspect.js';
import { diffSchemas, formatDifferences, type SchemaModel } from '../../src/db/schema-model.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { readSchemaFile, schemaModelFromPrisma } from '../support/prisma-datamodel.js';

let db: TestDatabase;
let actual: SchemaModel;
const schema = readSchemaFile();

beforeAll(async () => {
  db = await createTestDatabase();
  actual = await introspectSchema(db.sql);
});
afterAll(async () => {
  await db?.close();
});

/** Differences between a (possibly edited) schema.prisma text and the migrated database. */
async function driftFor(datamodel: string): Promise<string> {
  return formatDifferences(diffSchemas(await schemaModelFromPrisma(datamodel), actual));
}

/** Replaces exactly one occurrence, so an edit that stops matching fails loudly. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + from.length) >= 0) throw new Error(`edit: "${from}" must occur exactly once in schema.prisma`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describeDatabase('schema drift: migrations vs prisma/schema.prisma', () => {
  it('the migrated database matches schema.prisma exactly', async () => {
    const drift = await driftFor(schema);
    expect(
      drift,
      `The migrations in prisma/migrations do not produce what prisma/schema.prisma declares:\n${drift}\n` +
        'Write a new migration (prisma/migrations/<yyyymmddhhmmss>_<name>/migration.sql) that makes the database match, see ARCHITECTURE.md.',
    ).toBe('');
  });

  it('introspection sees every model, enum and relation (the comparison is not vacuous)', async () => {
    const expected = await schemaModelFromPrisma(schema);
    expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
    expect(Object.keys(actual.tables).length).toBeGreaterThanOrEqual(14);
    expect(actual.enums.Lane).toContain('influence');
    expect(actual.tables.taxonomy_entry!.primaryKey).toEqual({ name: 'taxonomy_entry_pkey', columns: ['kind', 'key'] });
    expect(actual.tables.touchpoint!.columns.engagement_depth).toEqual({ type: 'smallint', nullable: true, default: null });
    expect(actual.tables.touchpoint!.columns.metadata).toEqual({ type: 'jsonb', nullable: false, default: 'literal:{}' });
    expect(actual.tables.opportunity!.columns.amount).toEqual({ type: 'numeric(18,2)', nullable: false, default: null });
    expect(actual.tables.partner!.columns.tier).toEqual({ type: 'text', nullable: false, default: 'literal:registered' });
    expect(actual.tables.partner!.columns.created_at).toEqual({ type: 'timestamptz(3)', nullable: false, default: 'now()' });
    expect(actual.tables.credit_allocation!.columns.contributing_touchpoint_ids!.type).toBe('uuid[]');
    expect(actual.tables.touchpoint!.uniqueIndexes).toContainEqual({
      name: 'touchpoint_source_external_id_key',
      columns: ['source', 'external_id'],
    });
    expect(actual.tables.touchpoint!.indexes).toContainEqual({ name: 'touchpoint_opportunity_id_idx', columns: ['opportunity_id'] });
    expect(actual.tables.touchpoint!.foreignKeys).toContainEqual({
      name: 'touchpoint_partner_id_fkey',
      columns: ['partner_id'],
      referencedTable: 'partner',
      referencedColumns: ['id'],
      onDelete: 'RESTRICT',
      onUpdate: 'CASCADE',
    });
    expect(actual.tables.partner!.primaryKey).toEqual({ name: 'partner_pkey', columns: ['id'] });
    expect(actual.tables.touchpoint!.columns.ingest_event_id).toEqual({ type: 'uuid', nullable: true, default: null });
    expect(actual.tables._prisma_migrations).toBeUndefined();
  });

  it.each([
    [
      'a new field',
      (s: string) =>
        edit(
          s,
          '  owner       String?\n  createdAt   DateTime      @default(now()) @map("created_at")',
          '  owner       String?\n  region      String?\n  createdAt   DateTime      @default(now()) @map("created_at")',
        ),
      'table "partner" column "region": missing in the database (expected text NULL)',
    ],
    [
      'a removed field',
      (s: string) => edit(s, '  ownerRep     String?          @map("owner_rep")\n', ''),
      'table "opportunity" column "owner_rep": exists in the database (text NULL) but not in schema.prisma',
    ],
    [
      'a changed native type',
      (s: string) => edit(s, 'amount       Decimal          @db.Decimal(18, 2)', 'amount       Decimal          @db.Decimal(20, 4)'),
      'table "opportunity" column "amount": type differs: schema.prisma numeric(20,4), database numeric(18,2)',
    ],
    [
      'a changed nullability',
      (s: string) => edit(s, '  domain    String?\n', '  domain    String\n'),
      'table "account" column "domain": nullability differs: schema.prisma NOT NULL, database NULL',
    ],
    [
      'a changed default',
      (s: string) => edit(s, 'tier        String        @default("registered")', 'tier        String        @default("silver")'),
      'table "partner" column "tier": default differs: schema.prisma literal:silver, database literal:registered',
    ],
    [
      'a new enum value',
      (s: string) => edit(s, '  influence\n}', '  influence\n  support\n}'),
      'enum "Lane": values differ: schema.prisma has [source, influence, support], database has [source, influence]',
    ],
    [
      'a new unique constraint',
      (s: string) =>
        edit(s, '  @@index([domain])\n  @@map("account")', '  @@index([domain])\n  @@unique([name, domain])\n  @@map("account")'),
      'table "account" unique index "account_name_domain_key": missing in the database (expected on name, domain)',
    ],
    [
      'a removed index',
      (s: string) => edit(s, '  @@index([accountId])\n  @@index([partnerId, occurredAt])\n', '  @@index([accountId])\n'),
      'table "touchpoint" index "touchpoint_partner_id_occurred_at_idx": exists in the database on (partner_id, occurred_at) but not in schema.prisma',
    ],
    [
      'a changed onDelete',
      (s: string) =>
        edit(
          s,
          '@relation(fields: [partnerId], references: [id], onDelete: Cascade)\n\n  @@unique([partnerId, periodStart, category])',
          '@relation(fields: [partnerId], references: [id], onDelete: Restrict)\n\n  @@unique([partnerId, periodStart, category])',
        ),
      'table "partner_investment" foreign key "partner_investment_partner_id_fkey": differs: schema.prisma "partner_investment_partner_id_fkey" (partner_id) -> partner(id) ON DELETE RESTRICT ON UPDATE CASCADE, database "partner_investment_partner_id_fkey" (partner_id) -> partner(id) ON DELETE CASCADE ON UPDATE CASCADE',
    ],
    [
      'a renamed column',
      (s: string) =>
        edit(s, 'nextJointStep   String?          @map("next_joint_step")', 'nextJointStep   String?          @map("next_step")'),
      'table "touchpoint" column "next_step": missing in the database (expected text NULL)',
    ],
    [
      'a changed index method',
      (s: string) =>
        edit(
          s,
          '  @@index([accountId])\n  @@index([partnerId, occurredAt])\n',
          '  @@index([accountId], type: Hash)\n  @@index([partnerId, occurredAt])\n',
        ),
      'table "touchpoint" index "touchpoint_account_id_idx": index method differs: schema.prisma hash, database btree',
    ],
    [
      'a new model',
      (s: string) =>
        `${s}\nmodel Territory {\n  id   String @id @default(uuid()) @db.Uuid\n  name String @unique\n  @@map("territory")\n}\n`,
      'table "territory": missing in the database',
    ],
  ])('reports %s made in schema.prisma without a migration', async (_what, change, expected) => {
    const drift = await driftFor(change(schema));
    expect(drift).toContain(expected);
  });

  it('reports a change made to the database outside the migrations', async () => {
    await db.sql.exec('ALTER TABLE "partner" ADD COLUMN "shadow" TEXT; CREATE INDEX "partner_name_idx" ON "partner"("name")');
    try {
      const drift = formatDifferences(diffSchemas(await schemaModelFromPrisma(schema), await introspectSchema(db.sql)));
      expect(drift).toContain('table "partner" column "shadow": exists in the database (text NULL) but not in schema.prisma');
      expect(drift).toContain('table "partner" index "partner_name_idx": exists in the database on (name) but not in schema.prisma');
    } finally {
      await db.sql.exec('DROP INDEX "partner_name_idx"; ALTER TABLE "partner" DROP COLUMN "shadow"');
    }
  });
});
