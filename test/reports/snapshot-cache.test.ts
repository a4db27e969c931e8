// The snapshot cache serves a report again only while no transaction has
// committed since it was computed; concurrent requests share one computation;
// failures are not kept; the least recently used entries go first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SnapshotCache, reportKey } from '../../src/reports/snapshot-cache.js';
import { createTestDatabase, describeDatabase, testBackend, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** A "report" that counts partners and how often it was computed. */
function partnerCount() {
  const calls = { n: 0 };
  const compute = async () => {
    calls.n++;
    const [r] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM partner');
    return { partners: r!.n };
  };
  return { calls, compute };
}

/**
 * Runs an assertion about hits. Snapshots are cluster-wide: on a shared
 * PostgreSQL, a commit in another database (a parallel test file) between two
 * reads also moves them. That is a miss, never a wrong hit, but it would fail
 * an exact count of computations; so on PostgreSQL the body is retried.
 * PGlite is private to the test: one attempt.
 */
async function onQuietCluster(body: (attempt: number) => Promise<void>): Promise<void> {
  const attempts = testBackend === 'postgres' ? 25 : 1;
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await body(attempt);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

describeDatabase('SnapshotCache', () => {
  it('serves the same result while nothing commits, and recomputes after any commit', () =>
    onQuietCluster(async (attempt) => {
      const cache = new SnapshotCache();
      const { calls, compute } = partnerCount();
      const key = reportKey('partners', { from: new Date('2026-01-01') });
      const first = await cache.get(db, key, compute);
      expect(await cache.get(db, key, compute)).toBe(first);
      expect(calls.n).toBe(1);

      await db.prisma.partner.create({ data: { key: `p-new-${attempt}`, name: 'New Partner', type: 'technology' } });
      expect(await cache.get(db, key, compute)).toEqual({ partners: first.partners + 1 });
      expect(calls.n).toBe(2);

      // A commit to a table the report does not read also moves the snapshot: correct, merely not a hit.
      await db.sql.query(`INSERT INTO account (id, key, name, updated_at) VALUES (gen_random_uuid(), $1, 'X', now())`, [`acc-${attempt}`]);
      await cache.get(db, key, compute);
      expect(calls.n).toBe(3);
      expect(cache.stats()).toEqual({ hits: 1, misses: 3, entries: 1 });
    }));

  it('shares one computation between concurrent requests and keys results by input', () =>
    onQuietCluster(async () => {
      const cache = new SnapshotCache();
      const { calls, compute } = partnerCount();
      const results = await Promise.all(Array.from({ length: 8 }, () => cache.get(db, 'same', compute)));
      expect(new Set(results).size).toBe(1);
      expect(calls.n).toBe(1);
      await cache.get(db, 'other', compute);
      expect(calls.n).toBe(2);
    }));

  it('does not keep failures', async () => {
    const cache = new SnapshotCache();
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    };
    await expect(cache.get(db, 'k', compute)).rejects.toThrow('boom');
    fail = false;
    expect(await cache.get(db, 'k', compute)).toBe('ok');
  });

  it('keeps at most maxEntries, dropping the least recently used', () =>
    onQuietCluster(async () => {
      const cache = new SnapshotCache(2);
      const { calls, compute } = partnerCount();
      await cache.get(db, 'a', compute);
      await cache.get(db, 'b', compute);
      await cache.get(db, 'a', compute); // a is now the most recently used
      await cache.get(db, 'c', compute); // evicts b
      expect(calls.n).toBe(3);
      await cache.get(db, 'a', compute);
      expect(calls.n).toBe(3);
      await cache.get(db, 'b', compute);
      expect(calls.n).toBe(4);
      expect(cache.stats().entries).toBe(2);
    }));
});
