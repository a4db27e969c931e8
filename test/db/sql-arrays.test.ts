// Array literals for array parameters: whatever the elements (nulls, quotes,
// backslashes, the word NULL, braces, commas, spaces, empty strings,
// non-ASCII), the database reads back exactly the values sent — on the
// quick path (one join, no element needs escaping) and the escaping one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { arrayLiteral } from '../../src/db/sql-arrays.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';
import { seededRandom } from '../fault/support/mutate.js';

const PIECES = ['a', 'NULL', 'null', ' ', ',', '{', '}', '"', '\\', 'é✓', '', 'x y', '\t', "'"];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describeDatabase('arrayLiteral', () => {
  it('round-trips random text arrays through $1::text[]', async () => {
    const rnd = seededRandom(3);
    for (let n = 0; n < 200; n++) {
      const escaping = n % 2 === 1;
      const values = Array.from({ length: rnd.int(0, 12) }, () => {
        if (escaping && rnd.chance(0.2)) return null;
        const s = Array.from({ length: rnd.int(0, 4) }, () => rnd.pick(PIECES)).join('');
        return escaping ? s : s.replace(/["\\]/g, '');
      });
      const [row] = await db.sql.query<{ v: (string | null)[] }>(`SELECT $1::text[] AS v`, [arrayLiteral(values)]);
      expect(row!.v, JSON.stringify(values)).toEqual(values);
    }
  });

  it('keeps uuids and the empty array', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const [row] = await db.sql.query<{ ids: string[]; none: string[] }>(`SELECT $1::uuid[] AS ids, $2::uuid[] AS none`, [
      arrayLiteral(ids),
      arrayLiteral([]),
    ]);
    expect(row).toEqual({ ids, none: [] });
  });
});
