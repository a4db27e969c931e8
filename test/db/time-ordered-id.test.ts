// Time-ordered UUIDs (version 7): valid UUIDs, strictly increasing within a
// process (also many in one millisecond and when the clock goes back), unique,
// carrying their creation time, and ordered the same way by PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { timeOrderedUuid } from '../../src/db/time-ordered-id.js';
import { createTestDatabase, describeDatabase, type TestDatabase } from '../support/db.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

it('generates version 7 UUIDs that carry their millisecond and increase strictly', () => {
  const before = Date.now();
  const ids = Array.from({ length: 20_000 }, () => timeOrderedUuid());
  const after = Date.now();
  for (const id of ids) expect(id).toMatch(V7);
  for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
  expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before);
  // 20,000 ids may borrow a few milliseconds ahead (4,096 per ms at most), never more than that.
  expect(ms(ids.at(-1)!)).toBeLessThanOrEqual(after + Math.ceil(ids.length / 2048));
});

it('stays increasing when the clock is frozen or goes back, and wraps the sequence into the next millisecond', () => {
  const t = Date.UTC(2031, 0, 1);
  const ids = [timeOrderedUuid(t)];
  for (let i = 0; i < 5_000; i++) ids.push(timeOrderedUuid(t));
  ids.push(timeOrderedUuid(t - 60_000));
  for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
  expect(ms(ids[0]!)).toBe(t);
  expect(ms(ids.at(-1)!)).toBeGreaterThan(t);
});

describeDatabase('time-ordered UUIDs in the database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('are accepted as uuid and sort in the database as they do as text', async () => {
    const ids = Array.from({ length: 500 }, () => timeOrderedUuid());
    const shuffled = [...ids].sort(() => Math.random() - 0.5);
    const rows = await db.sql.query<{ id: string }>(`SELECT id::text AS id FROM unnest($1::uuid[]) AS x(id) ORDER BY id`, [
      `{${shuffled.join(',')}}`,
    ]);
    expect(rows.map((r) => r.id)).toEqual(ids);
  });
});
