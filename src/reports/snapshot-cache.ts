// Report results keyed on the database snapshot they were computed under.
//
// A dashboard asks for the same scorecard again and again while the data sits
// still; each answer aggregates every current credit row of the rule set.
// `pg_current_snapshot()` names exactly which transactions are visible: when
// it is unchanged, nothing has committed since, so a report computed after
// that snapshot was read is still exactly right. Any commit (an ingested
// touch, a run's switch, a dispute decision, an override) changes the
// snapshot, and the next request computes afresh. Nothing needs invalidating
// by hand and no write path has to remember the cache.
//
// Why "read the snapshot first" is safe: an entry is stored under the
// snapshot read before its computation started. If a commit slipped in
// between, the entry may hold the newer data, but no later request can see
// that older snapshot again (snapshots only move forward), so it is never
// served. Concurrent requests for the same report under the same snapshot
// share one computation. Failures are not cached.
import { BoundedCache } from '../domain/bounded-cache.js';
import { queryRows, type ReportDb } from './db.js';

interface SnapshotCacheStats {
  hits: number;
  misses: number;
  entries: number;
}

export class SnapshotCache {
  private readonly entries: BoundedCache<string, { snapshot: string; value: Promise<unknown> }>;
  private hits = 0;
  private misses = 0;

  /** `maxEntries`: most recently used reports kept (each is one report's result object). */
  constructor(maxEntries = 32) {
    this.entries = new BoundedCache(maxEntries);
  }

  /**
   * The result of `compute` for `key`, computed now or under the current
   * snapshot earlier. `key` must name everything the result depends on
   * except the data (report kind and input).
   */
  async get<T>(db: ReportDb, key: string, compute: () => Promise<T>): Promise<T> {
    const snapshot = await currentSnapshot(db);
    const entry = this.entries.peek(key);
    if (entry && entry.snapshot === snapshot) {
      this.hits++;
      this.entries.get(key); // most recently used
      return entry.value as Promise<T>;
    }
    this.misses++;
    const value = compute();
    this.entries.set(key, { snapshot, value });
    value.catch(() => {
      if (this.entries.peek(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  stats(): SnapshotCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size };
  }
}

/** Visible transactions of a new snapshot, as text (`xmin:xmax:xip,...`); the same on PGlite and PostgreSQL. */
async function currentSnapshot(db: ReportDb): Promise<string> {
  const [row] = await queryRows<{ snapshot: string }>(db, 'SELECT pg_current_snapshot()::text AS snapshot');
  return row!.snapshot;
}

/** A stable cache key for a report input (Dates as ISO strings, keys in the order given). */
export function reportKey(kind: string, input: object): string {
  return `${kind}:${JSON.stringify(input)}`;
}
