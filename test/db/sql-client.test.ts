// The raw SqlClient: same value types on both backends, real transactions,
// savepoints, and correct serialisation of concurrent transactions.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeDatabase, truncateAllTables, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAllTables(db);
});

const partnerCount = async () => (await db.sql.query<{ n: number }>('SELECT count(*) AS n FROM partner'))[0]!.n;
const insertPartner = (sql: TestDatabase['sql'], key: string) =>
  sql.query(`INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), $1, $1, 'reseller', now())`, [key]);

describeDatabase('SqlClient', () => {
  it('returns exact decimals as strings, dates as YYYY-MM-DD, timestamps as Date, counts as numbers, JSON parsed', async () => {
    const [row] = await db.sql.query<Record<string, unknown>>(
      `SELECT 12345678901234.56::numeric(18,2) AS amount, 0.333333::numeric(9,6) AS share, DATE '2026-02-28' AS day,
              TIMESTAMPTZ '2026-02-28T10:11:12.345Z' AS at, count(*) AS n, '{"a":[1,2]}'::jsonb AS doc,
              ARRAY['x','y']::text[] AS tags, 7::smallint AS depth, true AS flag`,
    );
    expect(row).toEqual({
      amount: '12345678901234.56',
      share: '0.333333',
      day: '2026-02-28',
      at: new Date('2026-02-28T10:11:12.345Z'),
      n: 1,
      doc: { a: [1, 2] },
      tags: ['x', 'y'],
      depth: 7,
      flag: true,
    });
  });

  it('returns arrays with the same element types on both backends', async () => {
    const [row] = await db.sql.query<Record<string, unknown>>(
      `SELECT ARRAY[1.10, NULL, 2.5]::numeric(9,2)[] AS amounts, ARRAY['11111111-1111-1111-1111-111111111111']::uuid[] AS ids,
              ARRAY[DATE '2026-01-31'] AS days, ARRAY[TIMESTAMPTZ '2026-01-31T00:00:00Z'] AS ats, ARRAY[1, 2]::int8[] AS counts,
              ARRAY['a,b', 'c"d']::text[] AS texts`,
    );
    expect(row).toEqual({
      amounts: ['1.10', null, '2.50'],
      ids: ['11111111-1111-1111-1111-111111111111'],
      days: ['2026-01-31'],
      ats: [new Date('2026-01-31T00:00:00Z')],
      counts: [1, 2],
      texts: ['a,b', 'c"d'],
    });
  });

  it('binds parameters of every common type', async () => {
    const [row] = await db.sql.query<Record<string, unknown>>(
      'SELECT $1::numeric(18,2) AS amount, $2::timestamptz AS at, $3::jsonb AS doc, $4::text[] AS tags, $5::text AS nothing',
      ['10.10', new Date('2026-01-01T00:00:00Z'), JSON.stringify({ k: 'v' }), ['a', 'b'], null],
    );
    expect(row).toEqual({ amount: '10.10', at: new Date('2026-01-01T00:00:00Z'), doc: { k: 'v' }, tags: ['a', 'b'], nothing: null });
  });

  it('refuses a bigint that a JavaScript number cannot hold exactly, saying how to read it', async () => {
    await expect(db.sql.query('SELECT 9007199254740993::int8 AS big')).rejects.toThrow(/cast it to text/);
    expect(await db.sql.query('SELECT 9007199254740993::int8::text AS big')).toEqual([{ big: '9007199254740993' }]);
  });

  it('commits a transaction, and rolls it back entirely when the callback throws', async () => {
    await db.sql.transaction(async (tx) => {
      await insertPartner(tx, 'kept');
    });
    await expect(
      db.sql.transaction(async (tx) => {
        await insertPartner(tx, 'lost');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.sql.query<{ key: string }>('SELECT key FROM partner')).map((r) => r.key)).toEqual(['kept']);
  });

  it('rolls back when a statement fails, and the database stays usable', async () => {
    await insertPartner(db.sql, 'dup');
    await expect(
      db.sql.transaction(async (tx) => {
        await insertPartner(tx, 'first');
        await insertPartner(tx, 'dup');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await partnerCount()).toBe(1);
  });

  it('nests transactions as savepoints', async () => {
    await db.sql.transaction(async (tx) => {
      await insertPartner(tx, 'outer');
      await expect(
        tx.transaction(async (inner) => {
          await insertPartner(inner, 'inner-lost');
          throw new Error('inner failure');
        }),
      ).rejects.toThrow('inner failure');
      await tx.transaction(async (inner) => insertPartner(inner, 'inner-kept'));
    });
    expect((await db.sql.query<{ key: string }>('SELECT key FROM partner ORDER BY key')).map((r) => r.key)).toEqual([
      'inner-kept',
      'outer',
    ]);
  });

  it('runs a multi-statement script with exec', async () => {
    await db.sql.exec(`
      INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), 's1', 'S1', 'msp', now());
      INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), 's2', 'S2', 'msp', now());`);
    expect(await partnerCount()).toBe(2);
  });

  it('keeps concurrent read-modify-write transactions correct (no lost update)', async () => {
    const partner = await db.prisma.partner.create({ data: { key: 'counter', name: '0', type: 'other' } });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        db.sql.transaction(async (tx) => {
          const [row] = await tx.query<{ name: string }>('SELECT name FROM partner WHERE id = $1 FOR UPDATE', [partner.id]);
          await new Promise((r) => setTimeout(r, 5));
          await tx.query('UPDATE partner SET name = $2 WHERE id = $1', [partner.id, String(Number(row!.name) + 1)]);
        }),
      ),
    );
    expect((await db.prisma.partner.findUniqueOrThrow({ where: { id: partner.id } })).name).toBe('8');
  });

  it('shares the database with Prisma: raw writes are visible to Prisma and vice versa, also concurrently', async () => {
    await Promise.all([
      insertPartner(db.sql, 'raw'),
      db.prisma.partner.create({ data: { key: 'orm', name: 'ORM', type: 'agency' } }),
      db.sql.transaction((tx) => insertPartner(tx, 'raw-tx')),
    ]);
    expect((await db.prisma.partner.findMany({ orderBy: { key: 'asc' } })).map((p) => p.key)).toEqual(['orm', 'raw', 'raw-tx']);
  });
});
