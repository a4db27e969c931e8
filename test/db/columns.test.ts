// The column catalogue (src/db/columns.ts): every column type has a writer, each writer gives the text its cast
// reads (dates as YYYY-MM-DD, instants as ISO-8601 UTC, decimals as their exact string, JSON as JSON text), and a
// bulk insert through it stores exactly the values the rows hold, special characters and NULLs included.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulkInsert, columnParams } from '../../src/db/bulk.js';
import { COLUMN_TYPES, COLUMN_WRITERS, catalogColumns, namedColumns, rowProperty, tableColumns } from '../../src/db/columns.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

it('has a writer for the type of every catalogue column', () => {
  const types = new Set(Object.values(COLUMN_TYPES).flatMap((columns) => Object.values(columns) as string[]));
  expect([...types].filter((t) => !(t in COLUMN_WRITERS))).toEqual([]);
  // And no writer for a type no column has.
  expect(Object.keys(COLUMN_WRITERS).filter((t) => !types.has(t))).toEqual([]);
});

it('writes each type as the text its cast reads', () => {
  const at = new Date(Date.UTC(2025, 2, 1, 23, 59, 58, 7));
  expect(COLUMN_WRITERS.date(at)).toBe('2025-03-01');
  expect(COLUMN_WRITERS.date('2024-02-29')).toBe('2024-02-29');
  expect(COLUMN_WRITERS.timestamptz(at)).toBe('2025-03-01T23:59:58.007Z');
  expect(COLUMN_WRITERS.numeric('9999999999999999.99')).toBe('9999999999999999.99');
  expect(COLUMN_WRITERS.numeric('-0.10')).toBe('-0.10');
  expect(COLUMN_WRITERS['numeric(20,10)']('1.0000000001')).toBe('1.0000000001');
  expect(COLUMN_WRITERS.smallint(4)).toBe('4');
  expect(COLUMN_WRITERS.jsonb({ a: [1, 'x'], 'q"': null })).toBe('{"a":[1,"x"],"q\\"":null}');
  expect(COLUMN_WRITERS.text('NULL')).toBe('NULL');
});

it('reads each column through its writer, null and undefined as NULL', () => {
  interface Row {
    id: string;
    start: Date;
    amount: string;
    note?: string | null;
  }
  const spec = tableColumns<Row, 'partner_investment'>('partner_investment', {
    id: (r) => r.id,
    period_start: (r) => r.start,
    amount: (r) => r.amount,
    note: (r) => r.note,
  });
  expect(spec.columns.map((c) => [c.name, c.type])).toEqual([
    ['id', 'uuid'],
    ['period_start', 'date'],
    ['amount', 'numeric'],
    ['note', 'text'],
  ]);
  const rows: Row[] = [
    { id: 'a', start: new Date(Date.UTC(2025, 0, 1)), amount: '1.50', note: 'x "y" \\ z' },
    { id: 'b', start: new Date(Date.UTC(2025, 3, 30)), amount: '2', note: null },
    { id: 'c', start: new Date(Date.UTC(2025, 11, 31)), amount: '3.00' },
  ];
  expect(columnParams(spec, rows)).toEqual([
    '{"a","b","c"}',
    '{"2025-01-01","2025-04-30","2025-12-31"}',
    '{"1.50","2","3.00"}',
    '{"x \\"y\\" \\\\ z",NULL,NULL}',
  ]);
  // The catalogue's types are the readers' types: a number is not an exact decimal, a string not an instant.
  // @ts-expect-error amount is a numeric column: an exact decimal string, never a float
  tableColumns<{ n: number }, 'opportunity'>('opportunity', { amount: (r) => r.n });
  // @ts-expect-error created_at is a timestamptz column: a Date
  tableColumns<{ s: string }, 'opportunity'>('opportunity', { created_at: (r) => r.s });
});

it('names columns read from the row property of their camelCase name, type-checked', () => {
  expect(rowProperty('next_joint_step')).toBe('nextJointStep');
  interface Link {
    id: string;
    accountId: string;
    partnerId: string;
    since: Date;
  }
  const link: Link = { id: 'l', accountId: 'a', partnerId: 'p', since: new Date(Date.UTC(2025, 0, 2)) };
  const named = namedColumns<Link>()('account_partner', ['partner_id', 'since']);
  expect(named.columns.map((c) => [c.name, c.type, c.text(link)])).toEqual([
    ['partner_id', 'uuid', 'p'],
    ['since', 'timestamptz', '2025-01-02T00:00:00.000Z'],
  ]);
  const all = catalogColumns<Link>()('account_partner', { except: ['until'] });
  expect(all.columns.map((c) => c.name)).toEqual(['id', 'account_id', 'partner_id', 'since']);
  // @ts-expect-error the row has no `until`: a column of the table it does not carry
  catalogColumns<Link>()('account_partner');
  // @ts-expect-error since is a timestamptz column: a Date, not text
  namedColumns<{ since: string }>()('account_partner', ['since']);
});

describeDatabase('bulk writes through the catalogue', () => {
  it('store exactly the values the rows hold, every type', async () => {
    const partnerId = crypto.randomUUID();
    const createdAt = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    await bulkInsert(
      db.sql,
      {
        ...tableColumns<{ id: string }, 'partner'>('partner', {
          id: (r) => r.id,
          key: () => 'p-"quoted"',
          name: () => 'a\\b {c,d} NULL',
          type: () => 'reseller',
          tier: () => 'registered',
          status: () => 'active',
          owner: () => null,
          created_at: () => createdAt,
        }),
        constants: { updated_at: 'now()' },
      },
      [{ id: partnerId }],
    );
    const investments = [
      {
        id: crypto.randomUUID(),
        start: new Date(Date.UTC(2025, 0, 1)),
        end: new Date(Date.UTC(2025, 2, 31)),
        amount: '9999999999999999.99',
      },
      { id: crypto.randomUUID(), start: new Date(Date.UTC(2025, 3, 1)), end: new Date(Date.UTC(2025, 5, 30)), amount: '0.01' },
    ];
    await bulkInsert(
      db.sql,
      tableColumns<(typeof investments)[number], 'partner_investment'>('partner_investment', {
        id: (r) => r.id,
        partner_id: () => partnerId,
        period_start: (r) => r.start,
        period_end: (r) => r.end,
        amount: (r) => r.amount,
        currency: () => 'EUR',
        category: () => 'mdf',
        note: () => null,
      }),
      investments,
    );
    const [partner] = await db.sql.query<{ key: string; name: string; owner: string | null; created_at: Date; status: string }>(
      'SELECT key, name, owner, created_at, status::text AS status FROM partner WHERE id = $1',
      [partnerId],
    );
    expect(partner).toEqual({ key: 'p-"quoted"', name: 'a\\b {c,d} NULL', owner: null, created_at: createdAt, status: 'active' });
    const stored = await db.sql.query<{ period_start: string; period_end: string; amount: string; note: string | null }>(
      'SELECT period_start::text, period_end::text, amount::text, note FROM partner_investment WHERE partner_id = $1 ORDER BY period_start',
      [partnerId],
    );
    expect(stored).toEqual([
      { period_start: '2025-01-01', period_end: '2025-03-31', amount: '9999999999999999.99', note: null },
      { period_start: '2025-04-01', period_end: '2025-06-30', amount: '0.01', note: null },
    ]);
  });
});
