// Resolves natural keys (account, partner, opportunity keys) to database rows
// in batches, with a bounded cache (least recently used out first) so a large
// file does not ask twice for the same popular key.
import { BoundedCache } from '../domain/bounded-cache.js';
import type { SqlClient } from '../db/client.js';
import { closest } from './values.js';

const MAX_CACHED = 200_000;

export class KeyLookup<V> {
  private readonly cache = new BoundedCache<string, V>(MAX_CACHED);

  constructor(private readonly load: (sql: SqlClient, keys: string[]) => Promise<Map<string, V>>) {}

  async resolve(sql: SqlClient, keys: Iterable<string>): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.cache.get(key);
      if (hit !== undefined) found.set(key, hit);
      else missing.push(key);
    }
    if (missing.length > 0) {
      const loaded = await this.load(sql, missing);
      for (const [k, v] of loaded) {
        found.set(k, v);
        this.cache.set(k, v);
      }
    }
    return found;
  }
}

/** Loads `key -> id` of a table with a unique "key" column. */
export function idsByKey(table: 'partner' | 'account' | 'opportunity') {
  return async (sql: SqlClient, keys: string[]): Promise<Map<string, string>> => {
    const rows = await sql.query<{ key: string; id: string }>(`SELECT key, id FROM "${table}" WHERE key = ANY($1::text[])`, [keys]);
    return new Map(rows.map((r) => [r.key, r.id]));
  };
}

export function unknownReferenceHint(entity: string, file: string, rejectedFiles: ReadonlySet<string>): string {
  return rejectedFiles.has(file)
    ? `${file} was rejected in this import, so its ${entity}s were not written; fix ${file} and import again`
    : `add the ${entity} to ${file} (imported before this file) or correct the key`;
}

/**
 * Suggests the nearest existing key for a reference that names nothing
 * ("northwind-solution" → "northwind-solutions"). Only for tables small
 * enough to scan (partners; accounts of a small CRM); silent otherwise.
 */
export class KeySuggester {
  private keys: string[] | null | undefined;

  constructor(
    private readonly table: 'partner' | 'account' | 'opportunity',
    private readonly limit = 5_000,
  ) {}

  private asked = new Map<string, string | undefined>();

  async suggest(sql: SqlClient, key: string): Promise<string | undefined> {
    if (this.asked.has(key)) return this.asked.get(key);
    // Only the first problems are shown; do not spend time on the rest of a broken file.
    if (this.asked.size >= 200) return undefined;
    if (this.keys === undefined) {
      const rows = await sql.query<{ key: string }>(`SELECT key FROM "${this.table}" LIMIT ${this.limit + 1}`);
      this.keys = rows.length > this.limit ? null : rows.map((r) => r.key);
    }
    const suggestion = this.keys ? closest(key, this.keys) : undefined;
    this.asked.set(key, suggestion);
    return suggestion;
  }
}

export function withSuggestion(hint: string, suggestion: string | undefined): string {
  return suggestion ? `did you mean "${suggestion}"? Otherwise ${hint}` : hint;
}
