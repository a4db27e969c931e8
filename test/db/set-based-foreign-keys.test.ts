// touchpoint's references (partner, opportunity, account) are set-based
// foreign keys: statement-level triggers instead of FOREIGN KEY constraints
// (migration 20261204000000). They must refuse and cascade exactly what the
// constraints did, whoever writes, and stay safe against a concurrent delete
// of the referenced row.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { databaseError, SQLSTATE } from '../../src/db/errors.js';
import { introspectSchema } from '../../src/db/introspect.js';
import { createTestDatabase, describeDatabase, describePostgresOnly, truncateAllTables, type TestDatabase } from '../support/db.js';

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

const MISSING = '00000000-0000-4000-8000-000000000001';

interface Refs {
  partnerId: string;
  accountId: string;
  opportunityId: string;
}

async function refs(suffix = 'a'): Promise<Refs> {
  const [p] = await db.sql.query<{ id: string }>(
    `INSERT INTO partner (id, key, name, type, updated_at) VALUES (gen_random_uuid(), $1, 'P', 'reseller', now()) RETURNING id::text`,
    [`p-${suffix}`],
  );
  const [a] = await db.sql.query<{ id: string }>(
    `INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), $1, 'A', now()) RETURNING id::text`,
    [`a-${suffix}`],
  );
  const [o] = await db.sql.query<{ id: string }>(
    `INSERT INTO opportunity (id, key, account_id, name, type, amount, stage, created_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'O', 'new_business', 1000, 'discovery', now(), now()) RETURNING id::text`,
    [`o-${suffix}`, a!.id],
  );
  return { partnerId: p!.id, accountId: a!.id, opportunityId: o!.id };
}

/** Inserts touchpoints (one statement); each row: [partner, opportunity, account]. */
function insertTouchpoints(rows: Array<[string, string | null, string | null]>, sql: { query: TestDatabase['sql']['query'] } = db.sql) {
  return sql.query(
    `INSERT INTO touchpoint (id, source, external_id, partner_id, opportunity_id, account_id, action, channel, occurred_at, updated_at)
     SELECT gen_random_uuid(), 'crm', 'tp-' || x.n, x.p, x.o, x.a, 'referral', 'co_sell', now(), now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS x(p, o, a, n)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the database to refuse the statement').toBeDefined();
  return { ...databaseError(err)!, raw: err };
}

const count = async (sqlText: string) => Number((await db.sql.query<{ n: string }>(sqlText))[0]!.n);

describeDatabase('set-based foreign keys: the referencing side (touchpoint)', () => {
  it('accepts rows whose keys all exist, and nulls where the column allows them', async () => {
    const r = await refs();
    await insertTouchpoints([
      [r.partnerId, r.opportunityId, null],
      [r.partnerId, null, r.accountId],
      [r.partnerId, r.opportunityId, r.accountId],
    ]);
    expect(await count('SELECT count(*) AS n FROM touchpoint')).toBe(3);
  });

  it.each([
    [
      'partner',
      (r: Refs): [string, string | null, string | null] => [MISSING, r.opportunityId, null],
      'touchpoint_partner_id_fkey',
      'partner_id',
    ],
    [
      'opportunity',
      (r: Refs): [string, string | null, string | null] => [r.partnerId, MISSING, null],
      'touchpoint_opportunity_id_fkey',
      'opportunity_id',
    ],
    [
      'account',
      (r: Refs): [string, string | null, string | null] => [r.partnerId, null, MISSING],
      'touchpoint_account_id_fkey',
      'account_id',
    ],
  ])(
    'refuses a whole statement in which one row names a missing %s, like a foreign key constraint',
    async (_kind, bad, constraint, column) => {
      const r = await refs();
      const e = await refusal(insertTouchpoints([[r.partnerId, r.opportunityId, null], bad(r)]));
      expect(e.sqlState).toBe(SQLSTATE.FOREIGN_KEY_VIOLATION);
      expect(e.constraint).toBe(constraint);
      expect(e.message).toBe(`insert or update on table "touchpoint" violates foreign key constraint "${constraint}"`);
      expect(e.detail).toBe(`Key (${column})=(${MISSING}) is not present in table "${column.replace('_id', '')}".`);
      expect(await count('SELECT count(*) AS n FROM touchpoint')).toBe(0);
    },
  );

  it('refuses an update that points a touchpoint at a missing row, and reports it through Prisma too', async () => {
    const r = await refs();
    await insertTouchpoints([[r.partnerId, r.opportunityId, null]]);
    const e = await refusal(db.sql.query(`UPDATE touchpoint SET opportunity_id = $1`, [MISSING]));
    expect(e.constraint).toBe('touchpoint_opportunity_id_fkey');
    const viaPrisma = await refusal(db.prisma.touchpoint.updateMany({ data: { partnerId: MISSING } }));
    expect(viaPrisma.sqlState).toBe(SQLSTATE.FOREIGN_KEY_VIOLATION);
    expect(
      (await db.sql.query<{ o: string; p: string }>('SELECT opportunity_id::text AS o, partner_id::text AS p FROM touchpoint'))[0],
    ).toEqual({ o: r.opportunityId, p: r.partnerId });
  });
});

describeDatabase('set-based foreign keys: the referenced side', () => {
  it('ON DELETE RESTRICT: a partner with touchpoints cannot be deleted; one without can', async () => {
    const r = await refs();
    const idle = await refs('b');
    await insertTouchpoints([[r.partnerId, r.opportunityId, null]]);
    const e = await refusal(db.sql.query('DELETE FROM partner WHERE id = $1', [r.partnerId]));
    expect(e.sqlState).toBe(SQLSTATE.FOREIGN_KEY_VIOLATION);
    expect(e.constraint).toBe('touchpoint_partner_id_fkey');
    expect(e.message).toBe(
      'update or delete on table "partner" violates foreign key constraint "touchpoint_partner_id_fkey" on table "touchpoint"',
    );
    expect(await count('SELECT count(*) AS n FROM partner')).toBe(2);
    await db.sql.query('DELETE FROM partner WHERE id = $1', [idle.partnerId]);
    expect(await count('SELECT count(*) AS n FROM partner')).toBe(1);
  });

  it('ON DELETE SET NULL: deleting an opportunity keeps its account-level touchpoints; one with no other subject is refused by the subject check', async () => {
    const r = await refs();
    await insertTouchpoints([[r.partnerId, r.opportunityId, r.accountId]]);
    await db.sql.query('DELETE FROM opportunity WHERE id = $1', [r.opportunityId]);
    expect(await db.sql.query('SELECT opportunity_id, account_id::text AS account_id FROM touchpoint')).toEqual([
      { opportunity_id: null, account_id: r.accountId },
    ]);

    const s = await refs('b');
    await db.sql.query(
      `INSERT INTO touchpoint (id, source, external_id, partner_id, opportunity_id, action, channel, occurred_at, updated_at)
                        VALUES (gen_random_uuid(), 'crm', 'only-opp', $1, $2, 'referral', 'co_sell', now(), now())`,
      [s.partnerId, s.opportunityId],
    );
    const e = await refusal(db.sql.query('DELETE FROM opportunity WHERE id = $1', [s.opportunityId]));
    expect(e.constraint).toBe('touchpoint_has_subject');
    expect(await count('SELECT count(*) AS n FROM opportunity')).toBe(1);
  });

  it('ON UPDATE CASCADE: re-keying a partner, opportunity or account carries its touchpoints along', async () => {
    const r = await refs();
    await insertTouchpoints([
      [r.partnerId, r.opportunityId, r.accountId],
      [r.partnerId, r.opportunityId, null],
    ]);
    const [p] = await db.sql.query<{ id: string }>('UPDATE partner SET id = gen_random_uuid() WHERE id = $1 RETURNING id::text', [
      r.partnerId,
    ]);
    const [o] = await db.sql.query<{ id: string }>('UPDATE opportunity SET id = gen_random_uuid() WHERE id = $1 RETURNING id::text', [
      r.opportunityId,
    ]);
    const [a] = await db.sql.query<{ id: string }>('UPDATE account SET id = gen_random_uuid() WHERE id = $1 RETURNING id::text', [
      r.accountId,
    ]);
    const rows = await db.sql.query<{ p: string; o: string; a: string | null }>(
      'SELECT partner_id::text AS p, opportunity_id::text AS o, account_id::text AS a FROM touchpoint ORDER BY external_id',
    );
    expect(rows).toEqual([
      { p: p!.id, o: o!.id, a: a!.id },
      { p: p!.id, o: o!.id, a: null },
    ]);
  });

  it('updating other columns of a referenced row takes no lock on touchpoint', async () => {
    const r = await refs();
    await db.sql.transaction(async (tx) => {
      await tx.query(`UPDATE partner SET name = 'Renamed' WHERE id = $1`, [r.partnerId]);
      const locks = await tx.query<{ mode: string }>(
        `SELECT mode FROM pg_locks WHERE relation = 'touchpoint'::regclass AND pid = pg_backend_pid()`,
      );
      expect(locks).toEqual([]);
    });
  });

  it('TRUNCATE … CASCADE of a referenced table is refused while touchpoints exist; together with touchpoint it works', async () => {
    const r = await refs();
    await insertTouchpoints([[r.partnerId, r.opportunityId, null]]);
    // CASCADE takes along the tables that reference partner through constraints, not through set-based keys.
    const e = await refusal(db.sql.exec('TRUNCATE partner CASCADE'));
    expect(e.message).toBe('cannot truncate a table referenced in a foreign key constraint');
    expect(e.detail).toBe('Table "touchpoint" references "partner" (touchpoint_partner_id_fkey).');
    expect(await count('SELECT count(*) AS n FROM partner')).toBe(1);
    await db.sql.exec('TRUNCATE partner, touchpoint CASCADE');
    expect(await count('SELECT count(*) AS n FROM partner')).toBe(0);
  });

  it('deleting or re-keying a referenced row outside READ COMMITTED is refused with the reason', async () => {
    const r = await refs();
    const e = await refusal(
      db.sql.transaction(async (tx) => {
        await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await tx.query('DELETE FROM account WHERE id = $1', [r.accountId]);
      }),
    );
    expect(e.message).toMatch(/delete or re-key them in a READ COMMITTED transaction/);
    expect(await count('SELECT count(*) AS n FROM account')).toBe(1);
  });
});

describeDatabase('set-based foreign keys: introspection and drift', () => {
  it('reads the triggers back as the foreign keys schema.prisma declares', async () => {
    const model = await introspectSchema(db.sql);
    expect(model.tables.touchpoint!.foreignKeys).toEqual([
      {
        name: 'touchpoint_account_id_fkey',
        columns: ['account_id'],
        referencedTable: 'account',
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      },
      {
        name: 'touchpoint_opportunity_id_fkey',
        columns: ['opportunity_id'],
        referencedTable: 'opportunity',
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      },
      {
        name: 'touchpoint_partner_id_fkey',
        columns: ['partner_id'],
        referencedTable: 'partner',
        referencedColumns: ['id'],
        onDelete: 'RESTRICT',
        onUpdate: 'CASCADE',
      },
    ]);
  });

  it.each([
    [
      'ALTER TABLE touchpoint DISABLE TRIGGER touchpoint_fk_check_insert',
      'touchpoint_partner_id_fkey (set-based, incomplete: check after INSERT (disabled: touchpoint_fk_check_insert))',
    ],
    ['DROP TRIGGER touchpoint_fk_check_update ON touchpoint', 'touchpoint_partner_id_fkey (set-based, incomplete: check after UPDATE)'],
    ['DROP TRIGGER partner_fk_guard ON partner', 'touchpoint_partner_id_fkey (set-based, incomplete: guard before DELETE / UPDATE)'],
    ['DROP TRIGGER touchpoint_partner_id_fkey_on_truncate ON partner', 'touchpoint_partner_id_fkey (set-based, incomplete: TRUNCATE rule)'],
  ])('a missing or disabled piece shows as drift: %s', async (ddl, reported) => {
    const rollback = new Error('rollback');
    await db.sql
      .transaction(async (tx) => {
        await tx.exec(ddl);
        const fks = (await introspectSchema(tx)).tables.touchpoint!.foreignKeys.map((f) => f.name);
        expect(fks).toContain(reported);
        throw rollback;
      })
      .catch((e: unknown) => {
        if (e !== rollback) throw e;
      });
    expect((await introspectSchema(db.sql)).tables.touchpoint!.foreignKeys.map((f) => f.name)).toContain('touchpoint_partner_id_fkey');
  });
});

describePostgresOnly('set-based foreign keys under concurrency', 'needs two sessions; PGlite has one', () => {
  const clients: pg.Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  });
  async function session(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: db.databaseUrl! });
    await c.connect();
    clients.push(c);
    return c;
  }
  const insertSql = `INSERT INTO touchpoint (id, source, external_id, partner_id, opportunity_id, action, channel, occurred_at, updated_at)
                     VALUES (gen_random_uuid(), 'crm', $3, $1, $2, 'referral', 'co_sell', now(), now())`;
  const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a delete of the partner waits for an uncommitted touchpoint insert, then sees it and is refused', async () => {
    const r = await refs();
    const writer = await session();
    const admin = await session();
    await writer.query('BEGIN');
    await writer.query(insertSql, [r.partnerId, r.opportunityId, 'race-1']);
    let settled = false;
    const del = admin.query('DELETE FROM partner WHERE id = $1', [r.partnerId]).finally(() => {
      settled = true;
    });
    const outcome = del.then(
      () => 'deleted',
      (e: unknown) => databaseError(e)?.constraint,
    );
    await delay(300);
    expect(settled, 'the delete must wait for the writer').toBe(false);
    await writer.query('COMMIT');
    expect(await outcome).toBe('touchpoint_partner_id_fkey');
    expect(await count('SELECT count(*) AS n FROM partner')).toBe(1);
  });

  it('a touchpoint insert waits for an uncommitted delete of its partner, then is refused', async () => {
    const r = await refs();
    const writer = await session();
    const admin = await session();
    await admin.query('BEGIN');
    await admin.query('DELETE FROM partner WHERE id = $1', [r.partnerId]);
    let settled = false;
    const ins = writer.query(insertSql, [r.partnerId, r.opportunityId, 'race-2']).finally(() => {
      settled = true;
    });
    const outcome = ins.then(
      () => 'inserted',
      (e: unknown) => databaseError(e)?.constraint,
    );
    await delay(300);
    expect(settled, 'the insert must wait for the delete').toBe(false);
    await admin.query('COMMIT');
    expect(await outcome).toBe('touchpoint_partner_id_fkey');
    expect(await count('SELECT count(*) AS n FROM touchpoint')).toBe(0);
  });

  it("under REPEATABLE READ an insert locks the partner rows it references (FOR KEY SHARE), as PostgreSQL's own check does; under READ COMMITTED it does not", async () => {
    const r = await refs();
    const writer = await session();
    const observer = await session();
    const partnerLocked = async () =>
      Number(
        (await observer.query<{ n: string }>(`SELECT count(*) AS n FROM partner p WHERE p.id = $1 AND p.xmax <> 0`, [r.partnerId])).rows[0]!
          .n,
      ) === 1;
    await writer.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    await writer.query(insertSql, [r.partnerId, r.opportunityId, 'rc-1']);
    expect(await partnerLocked()).toBe(false);
    await writer.query('COMMIT');
    await writer.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await writer.query(insertSql, [r.partnerId, r.opportunityId, 'rr-1']);
    expect(await partnerLocked()).toBe(true);
    await writer.query('COMMIT');
  });
});
